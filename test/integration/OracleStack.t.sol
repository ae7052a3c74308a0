// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";
import {ISpotOracleRouter} from "../../contracts/interfaces/ISpotOracleRouter.sol";
import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {ChainlinkSpotAdapter} from "../../contracts/oracle/ChainlinkSpotAdapter.sol";
import {SettlementOracle} from "../../contracts/oracle/SettlementOracle.sol";
import {SpotOracleRouter} from "../../contracts/oracle/SpotOracleRouter.sol";
import {UniswapV3TwapAdapter} from "../../contracts/oracle/UniswapV3TwapAdapter.sol";
import {MockAggregator} from "../utils/MockAggregator.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Fixture} from "../utils/UniswapV3Fixture.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @notice The whole oracle layer on a real Uniswap v3 pool: a Chainlink-style primary, the pool's TWAP as the
/// secondary, the router between them, and settlement from the TWAP ending at expiry.
contract OracleStackTest is UniswapV3Fixture {
    uint256 internal constant START = 1_700_000_000;
    uint128 internal constant LIQUIDITY = 54_772_255_750_516_611;

    address internal governor = makeAddr("governor");
    TestERC20 internal weth;
    TestERC20 internal usdc;
    IUniswapV3Pool internal pool;
    MockAggregator internal feed;
    ChainlinkSpotAdapter internal chainlink;
    UniswapV3TwapAdapter internal twap;
    SpotOracleRouter internal router;
    int24 internal dir;
    int24 internal tick0;

    function setUp() public {
        vm.warp(START);
        _deployUniswap();
        weth = new TestERC20("Wrapped Ether", "WETH", 18);
        usdc = new TestERC20("USD Coin", "USDC", 6);
        dir = address(weth) < address(usdc) ? int24(1) : int24(-1);
        tick0 = -196_256 * dir;
        pool = _createPool(weth, usdc, FEE, tick0, 300);
        lp.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, LIQUIDITY);
        _growObservations(pool);
        feed = new MockAggregator(8);
        chainlink = new ChainlinkSpotAdapter(
            governor,
            AggregatorV3Interface(address(feed)),
            AggregatorV3Interface(address(0)),
            1 hours,
            1 hours,
            1e18,
            1e24
        );
        twap = new UniswapV3TwapAdapter(governor, pool, address(weth), address(usdc), 30 minutes, 10, 0, 1e18, 1e24);
        router = new SpotOracleRouter(governor, chainlink, twap, 0.02e18, 0.2e18, 1 hours);
        vm.warp(START + 1 hours);
        feed.pushAnswer(3000e8, block.timestamp);
    }

    function test_router_pricesWhenFeedAndPoolAgree() public view {
        (uint256 priceWad, uint256 updatedAt) = router.spot();
        assertEq(priceWad, 3000e18);
        assertEq(updatedAt, block.timestamp);
    }

    function test_router_refusesToPriceWhilePoolIsManipulated() public {
        // Push WETH up 50 % (4055 ticks) and hold it ten minutes: a third of the window, TWAP up about 14 %.
        trader.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0 + 4055 * dir) + 1);
        vm.warp(block.timestamp + 10 minutes);
        feed.pushAnswer(3000e8, block.timestamp);
        (uint256 twapPrice,) = twap.spot();
        assertGt(twapPrice, 3300e18);
        uint256 deviation = ((twapPrice - 3000e18) * 1e18 + 3000e18 - 1) / 3000e18;
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 3000e18, twapPrice, deviation, 0.02e18
            )
        );
        router.spot();
    }

    function test_settlement_fromTwapEndingAtExpiryIgnoresLaterSwaps() public {
        SettlementOracle settlement = new SettlementOracle(twap, router, 0, 1 minutes, 1 days);
        uint256 expiry = block.timestamp + 20 minutes;
        vm.warp(expiry - 10 minutes);
        trader.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0 + 300 * dir) + 1);
        vm.warp(expiry);
        (uint256 expected,) = twap.spot();
        // After expiry someone crashes the pool; the settlement still reads the window ending at expiry.
        vm.warp(expiry + 1 minutes);
        trader.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0 - 20_000 * dir) + 1);
        vm.warp(expiry + 5 minutes);
        assertEq(settlement.settle(expiry, 0), expected);
        // Ten minutes at +300 ticks out of thirty: the mean tick is 100 above tick0 (3.0 % above 3000).
        assertEq(expected, TickMath.priceWadAtTick(tick0 + 100 * dir, dir == 1, 18, 6));
    }
}
