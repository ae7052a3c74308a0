// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {SpotOracleRouter} from "../../contracts/oracle/SpotOracleRouter.sol";
import {UniswapV3TwapAdapter} from "../../contracts/oracle/UniswapV3TwapAdapter.sol";
import {MarginBase} from "../unit/MarginEngine.t.sol";
import {PortfolioBase} from "../unit/PortfolioMarginEngine.t.sol";
import {BaseTest} from "./BaseTest.sol";
import {PoolActor} from "./PoolActor.sol";
import {UniswapV3Deployer} from "./UniswapV3Fixture.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @notice The market behind the real oracle stack: the Chainlink-style feed (primary), the 30-minute TWAP of a real
/// Uniswap v3 WETH/USDC pool (0.3 %, full range, about 1,000 WETH + 3,000,000 USDC at 3,000; secondary) and the router
/// between them (2 % strict bound, 20 % degraded bound, one hour maximum age). A real move swaps the pool and pushes
/// the feed in the same block. `RealOracleMarginBase` and `RealOraclePortfolioBase` put a margin engine on it.
abstract contract RealOracleStack is BaseTest {
    uint256 internal constant MAX_DEVIATION = 0.02e18;
    uint256 internal constant MAX_DEGRADED_DEVIATION = 0.2e18;
    uint256 internal constant TWAP_WINDOW = 30 minutes;
    /// @dev About 1,000 WETH and 3,000,000 USDC over the full range at 3,000 (as in `OracleStackTest`).
    uint128 internal constant POOL_LIQUIDITY = 54_772_255_750_516_611;
    int24 internal constant FULL_RANGE_LOWER = -887_220;
    int24 internal constant FULL_RANGE_UPPER = 887_220;
    /// @dev −10 %: 1.0001^−1054 = 0.8999.
    int24 internal constant TEN_PERCENT_DOWN_TICKS = -1054;

    IUniswapV3Pool internal pool;
    PoolActor internal poolActor;
    UniswapV3TwapAdapter internal twap;
    SpotOracleRouter internal router;
    /// @dev +1 when WETH is the pool's token0 (the tick rises with the WETH price), −1 otherwise.
    int24 internal dir;
    /// @dev The pool's tick at 3,000 USDC per WETH.
    int24 internal tick0;

    /// @dev The ring buffer grows once an observation is written in a later block; then a full window at 3,000.
    function startTwapWindow() internal {
        vm.warp(block.timestamp + 1);
        poolActor.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 1);
        skipFresh(TWAP_WINDOW + 1 minutes);
    }

    /// @dev Deploys the pool, its TWAP adapter and the router in front of the feed's adapter, once, for the market.
    function marketSpotOracle() internal virtual override returns (ISpotOracle) {
        if (address(router) != address(0)) return router;
        dir = address(weth) < address(usdc) ? int24(1) : int24(-1);
        tick0 = -196_256 * dir;
        pool = UniswapV3Deployer.createPool(UniswapV3Deployer.deployFactory(), weth, usdc, 3000, tick0, 300);
        poolActor = new PoolActor();
        poolActor.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, POOL_LIQUIDITY);
        twap = new UniswapV3TwapAdapter(
            governor, pool, address(weth), address(usdc), TWAP_WINDOW, 10, 0, 1e18, 1_000_000e18
        );
        router = new SpotOracleRouter(governor, spotAdapter, twap, MAX_DEVIATION, MAX_DEGRADED_DEVIATION, 1 hours);
        vm.label(address(twap), "twap");
        vm.label(address(router), "router");
        return router;
    }

    /// @notice A real move: swaps the pool to `ticksFromStart` WETH-price ticks away from 3,000 and pushes the feed
    /// to `spotWad`, in the same block.
    function realMove(int24 ticksFromStart, uint256 spotWad) internal {
        poolActor.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0 + ticksFromStart * dir) + 1);
        setSpot(spotWad);
    }

    /// @notice The −10 % move of the attacker review: the pool swapped down 10 % and the feed at 2,700.
    function crashTenPercent() internal {
        realMove(TEN_PERCENT_DOWN_TICKS, 2700e18);
    }
}

/// @notice The per-short margin engine behind the real oracle stack.
abstract contract RealOracleMarginBase is MarginBase, RealOracleStack {
    SeriesId internal put2900;

    function setUp() public virtual override(BaseTest, MarginBase) {
        super.setUp();
        put2900 = putId(2900e18);
        startTwapWindow();
    }

    function marketSpotOracle() internal override(BaseTest, RealOracleStack) returns (ISpotOracle) {
        return RealOracleStack.marketSpotOracle();
    }

    /// @notice A put writer at IM with 5 puts of 2,900 (below maintenance after −10 %), and a well-funded
    /// liquidator's account.
    function putWriterAndLiquidator() internal returns (uint256 acct, uint256 liq) {
        acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, put2900, 5e18);
        toInitialMargin(trader, acct);
        liq = openAs(liquidator, false, 1_000_000e6);
    }
}

/// @notice The portfolio margin engine behind the real oracle stack.
abstract contract RealOraclePortfolioBase is PortfolioBase, RealOracleStack {
    function setUp() public virtual override(BaseTest, PortfolioBase) {
        super.setUp();
        startTwapWindow();
    }

    function marketSpotOracle() internal override(BaseTest, RealOracleStack) returns (ISpotOracle) {
        return RealOracleStack.marketSpotOracle();
    }
}
