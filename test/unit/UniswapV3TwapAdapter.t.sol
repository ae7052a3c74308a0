// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {IUniswapV3TwapAdapter} from "../../contracts/interfaces/IUniswapV3TwapAdapter.sol";
import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {UniswapV3TwapAdapter} from "../../contracts/oracle/UniswapV3TwapAdapter.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Fixture} from "../utils/UniswapV3Fixture.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The TWAP adapter on a real Uniswap v3 pool (factory and pool from the npm artifacts), with real swaps.
contract UniswapV3TwapAdapterTest is UniswapV3Fixture {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant WINDOW = 30 minutes;
    uint16 internal constant CARDINALITY = 200;
    /// @notice 1000 WETH + 3,000,000 USDC over the full range at 3000 USDC/WETH: L = sqrt(1000e18 · 3_000_000e6).
    uint128 internal constant LIQUIDITY = 54_772_255_750_516_611;

    address internal governor = makeAddr("governor");
    TestERC20 internal weth;
    TestERC20 internal usdc;
    IUniswapV3Pool internal pool;
    UniswapV3TwapAdapter internal adapter;
    /// @dev +1 when the pool tick rises with the price of WETH in USDC (WETH is token0), else -1.
    int24 internal dir;
    int24 internal tick0;

    /// @dev Independent record of the pool tick in effect from each time on.
    uint256[] internal pathTimes;
    int24[] internal pathTicks;

    function setUp() public {
        vm.warp(START);
        _deployUniswap();
        weth = new TestERC20("Wrapped Ether", "WETH", 18);
        usdc = new TestERC20("USD Coin", "USDC", 6);
        dir = address(weth) < address(usdc) ? int24(1) : int24(-1);
        // 1.0001^-196256 · 1e12 ≈ 3000: the tick of 3000 USDC per WETH in raw units.
        tick0 = -196_256 * dir;
        pool = _createPool(weth, usdc, FEE, tick0, CARDINALITY);
        lp.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, LIQUIDITY);
        _record(tick0);
        _growObservations(pool);
        adapter = new UniswapV3TwapAdapter(governor, pool, address(weth), address(usdc), WINDOW, 10, 1e12, 1e18, 1e24);
    }

    // ---------------------------------------------------------------- helpers

    function _record(int24 tick) internal {
        pathTimes.push(block.timestamp);
        pathTicks.push(tick);
    }

    /// @dev Moves the pool to `tick` (strictly inside it: the price one Q96 unit above the tick's own price).
    function _swapToTick(IUniswapV3Pool pool_, int24 tick) internal {
        trader.swapToPrice(pool_, TickMath.sqrtPriceAtTick(tick) + 1);
        (, int24 poolTick,,,,,) = pool_.slot0();
        assertEq(poolTick, tick, "swap landed on the target tick");
    }

    function _swapAndRecord(int24 tick) internal {
        _swapToTick(pool, tick);
        _record(tick);
    }

    /// @dev The mean tick over [end - window, end], integrated from the recorded path, floored toward -infinity.
    function _expectedMeanTick(uint256 end, uint256 window) internal view returns (int24) {
        uint256 start = end - window;
        int256 sum;
        for (uint256 i = 0; i < pathTimes.length; i++) {
            uint256 from = pathTimes[i] > start ? pathTimes[i] : start;
            uint256 to = i + 1 < pathTimes.length ? pathTimes[i + 1] : type(uint256).max;
            if (to > end) to = end;
            if (to > from) sum += int256(pathTicks[i]) * int256(to - from);
        }
        int256 mean = sum / int256(window);
        if (sum < 0 && sum % int256(window) != 0) mean -= 1;
        return int24(mean);
    }

    function _wethPriceAt(int24 tick) internal view returns (uint256) {
        return TickMath.priceWadAtTick(tick, dir == 1, 18, 6);
    }

    // ---------------------------------------------------------------- the real pool

    function test_factory_poolInitCodeHashIsMainnets() public {
        assertEq(keccak256(vm.getCode(POOL_ARTIFACT)), MAINNET_POOL_INIT_CODE_HASH);
        TestERC20 a = new TestERC20("A", "A", 18);
        TestERC20 b = new TestERC20("B", "B", 18);
        // The factory deploys the pool by CREATE2 at the address that the mainnet init-code hash predicts.
        assertEq(factory.createPool(address(a), address(b), 500), _poolAddress(address(a), address(b), 500));
        assertEq(address(pool), _poolAddress(address(weth), address(usdc), FEE));
    }

    // ---------------------------------------------------------------- TWAP

    function test_spot_matchesTwapOfTheSwapsMade() public {
        vm.warp(block.timestamp + 1 hours);
        _swapAndRecord(tick0 + 500 * dir);
        vm.warp(block.timestamp + 7 minutes);
        _swapAndRecord(tick0 - 1200 * dir);
        vm.warp(block.timestamp + 13 minutes);
        _swapAndRecord(tick0 + 77 * dir);
        vm.warp(block.timestamp + 4 minutes);

        int24 expected = _expectedMeanTick(block.timestamp, WINDOW);
        (int24 meanTick, uint256 harmonicLiquidity) = adapter.consult(block.timestamp);
        assertEq(meanTick, expected, "mean tick");
        // Full-range liquidity never changed: the harmonic mean is L (to rounding of the Q128 accumulator).
        assertApproxEqRel(harmonicLiquidity, LIQUIDITY, 1e6);
        (uint256 priceWad, uint256 updatedAt) = adapter.spot();
        assertEq(priceWad, _wethPriceAt(expected));
        assertEq(updatedAt, block.timestamp);
        assertApproxEqRel(priceWad, 3000e18, 0.15e18, "about 3000 USDC per WETH");
    }

    function test_priceAt_isTheTwapEndingAtTheTimestamp() public {
        vm.warp(block.timestamp + 1 hours);
        _swapAndRecord(tick0 + 900 * dir);
        vm.warp(block.timestamp + 10 minutes);
        uint256 end = block.timestamp;
        _swapAndRecord(tick0 - 300 * dir);
        vm.warp(block.timestamp + 20 minutes);
        (uint256 priceWad, uint256 observedAt) = adapter.priceAt(end, 0);
        assertEq(observedAt, end);
        assertEq(priceWad, _wethPriceAt(_expectedMeanTick(end, WINDOW)));
    }

    function test_consult_roundsNegativeMeansTowardMinusInfinity() public {
        TestERC20 a = new TestERC20("A", "A", 18);
        TestERC20 b = new TestERC20("B", "B", 18);
        IUniswapV3Pool p = _createPool(a, b, FEE, 0, CARDINALITY);
        lp.mint(p, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 1e18);
        _growObservations(p);
        UniswapV3TwapAdapter adapterAB =
            new UniswapV3TwapAdapter(governor, p, address(a), address(b), 5 minutes, 2, 0, 1, 1e36);
        vm.warp(block.timestamp + 5 minutes);
        _swapToTick(p, -1);
        vm.warp(block.timestamp + 1 minutes);
        // Cumulative delta over the last 300 s: 240·0 + 60·(-1) = -60, mean -0.2, floored to -1 (truncation gives 0).
        (int24 meanTick,) = adapterAB.consult(block.timestamp);
        assertEq(meanTick, -1);
        (uint256 priceWad,) = adapterAB.spot();
        assertEq(priceWad, TickMath.priceWadAtTick(-1, address(a) < address(b), 18, 18));
        assertLt(priceWad, 1e18);
    }

    function test_spot_quotesTheBaseOnEitherSideOfThePool() public {
        UniswapV3TwapAdapter inverse =
            new UniswapV3TwapAdapter(governor, pool, address(usdc), address(weth), WINDOW, 10, 0, 1, 1e36);
        vm.warp(block.timestamp + 1 hours);
        (uint256 wethInUsdc,) = adapter.spot();
        (uint256 usdcInWeth,) = inverse.spot();
        // (USDC per WETH) · (WETH per USDC) = 1, each side rounded down.
        assertApproxEqRel(wethInUsdc * usdcInWeth, 1e36, 1e4);
    }

    // ---------------------------------------------------------------- manipulation

    /// @dev A one-block move of spot by -10 %, -50 %, -90 % (ticks log_1.0001(1 - x)) shifts the TWAP by at most its
    /// time-weighted share: nothing in the same block, and Δ·dt/window (rounded away from zero) after dt seconds.
    function test_spot_oneBlockManipulationMovesTwapByItsTimeShareOnly() public {
        int24[3] memory moves = [int24(-1054), int24(-6932), int24(-23_027)];
        uint256[4] memory holds = [uint256(0), 12, 60, 600];
        vm.warp(block.timestamp + 1 hours);
        uint256 snapshot = vm.snapshotState();
        for (uint256 m = 0; m < moves.length; m++) {
            for (uint256 h = 0; h < holds.length; h++) {
                vm.revertToState(snapshot);
                (int24 before,) = adapter.consult(block.timestamp);
                _swapToTick(pool, tick0 + moves[m] * dir);
                vm.warp(block.timestamp + holds[h]);
                (int24 afterTick,) = adapter.consult(block.timestamp);
                uint256 share = FixedPointMathLib.rawDiv(uint256(uint24(-moves[m])) * holds[h] + WINDOW - 1, WINDOW);
                uint256 shift = FixedPointMathLib.dist(int256(afterTick), int256(before));
                assertLe(shift, share, "TWAP shift within the time-weighted share");
                if (holds[h] == 0) assertEq(afterTick, before, "same block: TWAP unchanged");
                // The price moves by at most 1.0001^share, e.g. 0.45 % for a 90 % crash held one 12 s block.
                (uint256 priceAfter,) = adapter.spot();
                uint256 priceBefore = _wethPriceAt(before);
                uint256 maxRatio = TickMath.priceWadAtTick(int24(int256(share)), true, 18, 18);
                assertLe(FixedPointMathLib.fullMulDiv(priceBefore, 1e18, priceAfter), maxRatio + 1);
            }
        }
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Any one-block move of spot, held any time up to the window, shifts the TWAP by at most its time share.
    function testFuzz_manipulationShiftIsBoundedByTimeShare(int256 move, uint256 hold) public {
        move = bound(move, -50_000, 50_000);
        hold = bound(hold, 0, WINDOW);
        vm.warp(block.timestamp + 1 hours);
        (int24 before,) = adapter.consult(block.timestamp);
        _swapToTick(pool, tick0 + int24(move));
        vm.warp(block.timestamp + hold);
        (int24 afterTick,) = adapter.consult(block.timestamp);
        uint256 share = (FixedPointMathLib.abs(move) * hold + WINDOW - 1) / WINDOW;
        assertLe(FixedPointMathLib.dist(int256(afterTick), int256(before)), share);
    }

    /// @dev Random tick paths, windows and token decimals on a fresh real pool, against the mean tick integrated
    /// independently from the path and a price from exp/ln.
    function testFuzz_twapMatchesIndependentComputation(
        int24[6] memory ticks,
        uint256[6] memory gaps,
        uint256 window,
        uint8 baseDecimals,
        uint8 quoteDecimals,
        uint256 creationOrder
    ) public {
        baseDecimals = uint8(bound(baseDecimals, 0, 24));
        quoteDecimals = uint8(bound(quoteDecimals, baseDecimals > 12 ? baseDecimals - 12 : 0, baseDecimals + 12));
        window = bound(window, 5 minutes, 1 days);
        // The creation order changes the addresses, hence which token is token0.
        TestERC20 base;
        TestERC20 quote;
        if (creationOrder % 2 == 0) {
            base = new TestERC20("BASE", "BASE", baseDecimals);
            quote = new TestERC20("QUOTE", "QUOTE", quoteDecimals);
        } else {
            quote = new TestERC20("QUOTE", "QUOTE", quoteDecimals);
            base = new TestERC20("BASE", "BASE", baseDecimals);
        }
        bool baseIsToken0 = address(base) < address(quote);

        delete pathTimes;
        delete pathTicks;
        IUniswapV3Pool p = _createPool(base, quote, FEE, 0, CARDINALITY);
        lp.mint(p, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 1e24);
        _record(0);
        _growObservations(p);
        for (uint256 i = 0; i < ticks.length; i++) {
            vm.warp(block.timestamp + bound(gaps[i], 1, 6 hours));
            int24 tick = int24(bound(ticks[i], -100_000, 100_000));
            _swapToTick(p, tick);
            _record(tick);
        }
        vm.warp(block.timestamp + bound(gaps[0], 0, 1 hours));
        // The window must lie inside the pool's history.
        if (window > block.timestamp - pathTimes[0]) window = block.timestamp - pathTimes[0];
        window = window < 5 minutes ? 5 minutes : window;
        if (block.timestamp - pathTimes[0] < window) vm.warp(pathTimes[0] + window);

        UniswapV3TwapAdapter a =
            new UniswapV3TwapAdapter(governor, p, address(base), address(quote), window, 2, 0, 1, 1e36);
        int24 expected = _expectedMeanTick(block.timestamp, window);
        (int24 meanTick,) = a.consult(block.timestamp);
        assertEq(meanTick, expected, "mean tick");

        (uint256 priceWad,) = a.spot();
        int256 exponent = (baseIsToken0 ? int256(expected) : -int256(expected)) * FixedPointMathLib.lnWad(1.0001e18)
            + (int256(uint256(baseDecimals)) - int256(uint256(quoteDecimals))) * FixedPointMathLib.lnWad(10e18);
        uint256 reference_ = uint256(FixedPointMathLib.expWad(exponent));
        // exp/ln is within 1e-12 relative (see TickMath.t.sol); ours is a floor: at most 1 wei more apart.
        assertApproxEqAbs(priceWad, reference_, reference_ / 1e12 + 2, "price vs exp/ln");
    }

    // ---------------------------------------------------------------- errors

    function test_consult_revertsWhenCardinalityTooLow() public {
        vm.prank(governor);
        adapter.setMinCardinality(CARDINALITY + 1);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUniswapV3TwapAdapter.ObservationCardinalityTooLow.selector, CARDINALITY, CARDINALITY + 1
            )
        );
        adapter.spot();
    }

    function test_consult_revertsWhenHistoryTooShort() public {
        vm.warp(block.timestamp + 10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IUniswapV3TwapAdapter.InsufficientHistory.selector, START, block.timestamp - WINDOW)
        );
        adapter.spot();
    }

    function test_consult_revertsWhenLiquidityBelowFloor() public {
        vm.warp(block.timestamp + 1 hours);
        (, uint256 harmonic) = adapter.consult(block.timestamp);
        vm.prank(governor);
        adapter.setMinLiquidity(harmonic + 1);
        vm.expectRevert(abi.encodeWithSelector(IUniswapV3TwapAdapter.LiquidityTooLow.selector, harmonic, harmonic + 1));
        adapter.spot();
    }

    function test_priceAt_revertsForFutureTimestamp() public {
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IUniswapV3TwapAdapter.TimestampInTheFuture.selector, block.timestamp + 1)
        );
        adapter.priceAt(block.timestamp + 1, 0);
    }

    function test_spot_revertsOutOfBounds() public {
        vm.warp(block.timestamp + 1 hours);
        (uint256 priceWad,) = adapter.spot();
        vm.prank(governor);
        adapter.setPriceBounds(priceWad + 1, priceWad * 2);
        vm.expectRevert(
            abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, priceWad, priceWad + 1, priceWad * 2)
        );
        adapter.spot();
    }

    function test_spot_revertsOnZeroPrice() public {
        // Two 0-decimal tokens at tick -500000 (in the full range): 1.0001^-500000 · 1e18 ≈ 1.9e-4 wad floors to 0.
        TestERC20 a = new TestERC20("A", "A", 0);
        TestERC20 b = new TestERC20("B", "B", 0);
        (TestERC20 token0, TestERC20 token1) = address(a) < address(b) ? (a, b) : (b, a);
        IUniswapV3Pool p = _createPool(token0, token1, FEE, -500_000, CARDINALITY);
        lp.mint(p, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 1e18);
        _growObservations(p);
        UniswapV3TwapAdapter zero =
            new UniswapV3TwapAdapter(governor, p, address(token0), address(token1), 5 minutes, 2, 0, 1, 1e36);
        vm.warp(block.timestamp + 10 minutes);
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        zero.spot();
    }

    function test_constructor_revertsForForeignTokens() public {
        TestERC20 other = new TestERC20("X", "X", 18);
        vm.expectRevert(
            abi.encodeWithSelector(IUniswapV3TwapAdapter.TokensNotInPool.selector, address(weth), address(other))
        );
        new UniswapV3TwapAdapter(governor, pool, address(weth), address(other), WINDOW, 10, 0, 1, 1e36);
        vm.expectRevert(
            abi.encodeWithSelector(IUniswapV3TwapAdapter.TokensNotInPool.selector, address(weth), address(weth))
        );
        new UniswapV3TwapAdapter(governor, pool, address(weth), address(weth), WINDOW, 10, 0, 1, 1e36);
    }

    function test_constructor_revertsForTooManyDecimals() public {
        TestERC20 wide = new TestERC20("W", "W", 37);
        IUniswapV3Pool p = _createPool(wide, usdc, FEE, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(IUniswapV3TwapAdapter.UnsupportedDecimals.selector, 37));
        new UniswapV3TwapAdapter(governor, p, address(wide), address(usdc), WINDOW, 10, 0, 1, 1e36);
        vm.expectRevert(abi.encodeWithSelector(IUniswapV3TwapAdapter.UnsupportedDecimals.selector, 37));
        new UniswapV3TwapAdapter(governor, p, address(usdc), address(wide), WINDOW, 10, 0, 1, 1e36);
    }

    // ---------------------------------------------------------------- governance

    function test_setters_emitAndEnforceBounds() public {
        vm.startPrank(governor);
        vm.expectEmit(address(adapter));
        emit IUniswapV3TwapAdapter.TwapWindowSet(1 hours);
        adapter.setTwapWindow(1 hours);
        assertEq(adapter.twapWindow(), 1 hours);
        vm.expectEmit(address(adapter));
        emit IUniswapV3TwapAdapter.MinCardinalitySet(50);
        adapter.setMinCardinality(50);
        vm.expectEmit(address(adapter));
        emit IUniswapV3TwapAdapter.MinLiquiditySet(7);
        adapter.setMinLiquidity(7);

        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 299, 300, 1 days));
        adapter.setTwapWindow(299);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 days + 1, 300, 1 days)
        );
        adapter.setTwapWindow(1 days + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1, 2, type(uint16).max)
        );
        adapter.setMinCardinality(1);
        uint256 tooMuch = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, tooMuch, 0, type(uint128).max)
        );
        adapter.setMinLiquidity(tooMuch);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0, 1, 1e18 - 1));
        adapter.setPriceBounds(0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 5, 1, 4));
        adapter.setPriceBounds(5, 5);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        adapter.setTwapWindow(1 hours);
    }
}
