// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Fixture} from "../utils/UniswapV3Fixture.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @dev External entry points so that library reverts can be expected.
contract TickMathHarness {
    function sqrtPriceAtTick(int24 tick) external pure returns (uint160) {
        return TickMath.sqrtPriceAtTick(tick);
    }
}

/// @notice TickMath checked bit for bit against the price a real Uniswap v3 pool computes for the same tick, and
/// its wad conversion against exp/ln.
contract TickMathTest is UniswapV3Fixture {
    TickMathHarness internal harness;

    function setUp() public {
        _deployUniswap();
        harness = new TickMathHarness();
    }

    /// @dev The pool maps a price to the greatest tick whose price is at or below it. If ours(t) maps to t and
    /// ours(t) - 1 maps to t - 1, then pool(t) <= ours(t) and ours(t) - 1 < pool(t): ours(t) == pool(t).
    function _assertMatchesPool(int24 tick) internal {
        TestERC20 a = new TestERC20("A", "A", 18);
        TestERC20 b = new TestERC20("B", "B", 18);
        uint160 sqrtPrice = TickMath.sqrtPriceAtTick(tick);
        IUniswapV3Pool atPrice = IUniswapV3Pool(factory.createPool(address(a), address(b), 3000));
        atPrice.initialize(sqrtPrice);
        (, int24 poolTick,,,,,) = atPrice.slot0();
        assertEq(poolTick, tick, "pool tick at sqrtPriceAtTick(t)");
        IUniswapV3Pool belowPrice = IUniswapV3Pool(factory.createPool(address(a), address(b), 500));
        belowPrice.initialize(sqrtPrice - 1);
        (, poolTick,,,,,) = belowPrice.slot0();
        assertEq(poolTick, tick - 1, "pool tick at sqrtPriceAtTick(t) - 1");
    }

    function test_sqrtPriceAtTick_matchesPoolAtEveryBit() public {
        _assertMatchesPool(0);
        _assertMatchesPool(TickMath.MIN_TICK + 1);
        _assertMatchesPool(TickMath.MAX_TICK - 1);
        for (uint256 i = 0; i < 20; i++) {
            int24 tick = int24(int256(1 << i));
            if (tick < TickMath.MAX_TICK) {
                _assertMatchesPool(tick);
                _assertMatchesPool(-tick);
            }
        }
    }

    function testFuzz_sqrtPriceAtTickMatchesPool(int24 tick) public {
        _assertMatchesPool(int24(bound(tick, TickMath.MIN_TICK + 1, TickMath.MAX_TICK - 1)));
    }

    function test_sqrtPriceAtTick_rangeEndsAreUniswapBounds() public view {
        assertEq(harness.sqrtPriceAtTick(TickMath.MIN_TICK), 4_295_128_739);
        assertEq(
            harness.sqrtPriceAtTick(TickMath.MAX_TICK),
            1_461_446_703_485_210_103_287_273_052_203_988_822_378_723_970_342
        );
        assertEq(harness.sqrtPriceAtTick(0), 1 << 96);
    }

    function test_sqrtPriceAtTick_revertsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(TickMath.TickOutOfRange.selector, TickMath.MAX_TICK + 1));
        harness.sqrtPriceAtTick(TickMath.MAX_TICK + 1);
        vm.expectRevert(abi.encodeWithSelector(TickMath.TickOutOfRange.selector, TickMath.MIN_TICK - 1));
        harness.sqrtPriceAtTick(TickMath.MIN_TICK - 1);
    }

    function testFuzz_sqrtPriceAtTickIsIncreasing(int24 tick) public pure {
        tick = int24(bound(tick, TickMath.MIN_TICK, TickMath.MAX_TICK - 1));
        assertLt(TickMath.sqrtPriceAtTick(tick), TickMath.sqrtPriceAtTick(tick + 1));
    }

    /// @dev Reference: price = exp(±tick·ln(1.0001) + (baseDecimals − quoteDecimals)·ln(10)) in wad, with the
    /// decimals folded into the exponent so expWad keeps full relative precision. Its relative error is below
    /// 1e-12 (|tick|·1 wei of ln(1.0001) error); ours is the exact floor of the square of the pool's Q64.96 square
    /// root, which is within one Q96 unit of exact: a relative error of at most 2/sqrtPriceX96 on the price.
    function testFuzz_priceWadAtTickMatchesExpLn(int24 tick, bool baseIsToken0, uint8 baseDecimals, uint8 quoteDecimals)
        public
        pure
    {
        baseDecimals = uint8(bound(baseDecimals, 0, 36));
        quoteDecimals = uint8(bound(quoteDecimals, 0, 36));
        int256 lnTick = FixedPointMathLib.lnWad(1.0001e18);
        int256 decimalsExponent =
            (int256(uint256(baseDecimals)) - int256(uint256(quoteDecimals))) * FixedPointMathLib.lnWad(10e18);
        // Keep the reference exponent inside [-40, 130] (expWad's accurate range) and the tick inside the v3 range,
        // both at once: the price's exponent is t·ln(1.0001) with t the tick seen from the base side
        // (the v3 range is symmetric, so t and the tick share it).
        int256 lo = FixedPointMathLib.max((-40e18 - decimalsExponent) / lnTick + 1, TickMath.MIN_TICK);
        int256 hi = FixedPointMathLib.min((130e18 - decimalsExponent) / lnTick - 1, TickMath.MAX_TICK);
        int256 baseSideTick = bound(int256(tick), lo, hi);
        int256 signedTick = baseIsToken0 ? baseSideTick : -baseSideTick;
        int256 exponent = baseSideTick * lnTick + decimalsExponent;
        uint256 reference_ = uint256(FixedPointMathLib.expWad(exponent));

        uint256 priceWad = TickMath.priceWadAtTick(int24(signedTick), baseIsToken0, baseDecimals, quoteDecimals);
        uint256 sqrtPriceX96 = TickMath.sqrtPriceAtTick(int24(signedTick));
        uint256 tolerance = reference_ / 1e12 + FixedPointMathLib.fullMulDivUp(reference_, 2, sqrtPriceX96) + 1;
        assertApproxEqAbs(priceWad, reference_, tolerance);
    }

    function test_priceWadAtTick_knownPrices() public pure {
        // Tick 0: one raw unit for one raw unit; 18 vs 6 decimals scales by 1e12.
        assertEq(TickMath.priceWadAtTick(0, true, 18, 18), 1e18);
        assertEq(TickMath.priceWadAtTick(0, true, 18, 6), 1e30);
        assertEq(TickMath.priceWadAtTick(0, false, 6, 18), 1e6);
        // Inverse sides of one tick multiply to 1 (each rounded down).
        uint256 up = TickMath.priceWadAtTick(1000, true, 18, 18);
        uint256 down = TickMath.priceWadAtTick(1000, false, 18, 18);
        assertApproxEqRel(up * down, 1e36, 1e3);
    }
}
