// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {UniswapV3TwapAdapter} from "../../contracts/oracle/UniswapV3TwapAdapter.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Fixture} from "../utils/UniswapV3Fixture.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {console} from "forge-std/console.sol";

/// @notice What it costs, in quote, to move a 30-minute TWAP by +5 % with a one-block manipulation on a real
/// Uniswap v3 pool: WETH/USDC, 0.3 % fee, full-range liquidity of 1,000 WETH + 3,000,000 USDC at 3,000 USDC/WETH
/// (L = sqrt(1000e18 · 3_000_000e6) = 54,772,255,750,516,611), 12-second blocks. Prints figures; asserts only that the
/// manipulation did reach +5 %.
contract TwapManipulationCostBench is UniswapV3Fixture {
    uint256 internal constant WINDOW = 30 minutes;
    uint256 internal constant BLOCK_TIME = 12;
    uint128 internal constant LIQUIDITY = 54_772_255_750_516_611;
    /// @notice ceil(ln(1.05) / ln(1.0001)) = 488 ticks of TWAP.
    int24 internal constant TWAP_TICKS_FOR_5_PERCENT = 488;

    function test_bench_costToMoveThirtyMinuteTwapByFivePercent() public {
        vm.warp(1_700_000_000);
        _deployUniswap();
        TestERC20 weth = new TestERC20("Wrapped Ether", "WETH", 18);
        TestERC20 usdc = new TestERC20("USD Coin", "USDC", 6);
        bool wethIsToken0 = address(weth) < address(usdc);
        int24 dir = wethIsToken0 ? int24(1) : int24(-1);
        int24 tick0 = -196_256 * dir;
        IUniswapV3Pool pool = _createPool(weth, usdc, FEE, tick0, 500);
        lp.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, LIQUIDITY);
        _growObservations(pool);
        UniswapV3TwapAdapter adapter =
            new UniswapV3TwapAdapter(address(this), pool, address(weth), address(usdc), WINDOW, 10, 0, 1, 1e36);
        vm.warp(block.timestamp + 1 hours);
        (uint256 twapBefore,) = adapter.spot();
        uint256 wethReserve = weth.balanceOf(address(pool));
        uint256 usdcReserve = usdc.balanceOf(address(pool));

        // Held for one block, the spot tick must move window/blockTime = 150 times the TWAP move.
        int24 spotShift = TWAP_TICKS_FOR_5_PERCENT * int24(int256(WINDOW / BLOCK_TIME));
        (int256 amount0, int256 amount1) =
            trader.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0 + spotShift * dir) + 1);
        (uint256 quotePaid, uint256 baseReceived) =
            wethIsToken0 ? (uint256(amount1), uint256(-amount0)) : (uint256(amount0), uint256(-amount1));
        uint256 spotAfter = TickMath.priceWadAtTick(tick0 + spotShift * dir, wethIsToken0, 18, 6);

        vm.warp(block.timestamp + BLOCK_TIME);
        (uint256 twapAfter,) = adapter.spot();
        assertGe(twapAfter * 100, twapBefore * 105, "TWAP moved by at least 5 %");

        // Cost if arbitrageurs close the gap: USDC paid minus the WETH received valued at the pre-attack price.
        uint256 baseValue = baseReceived * twapBefore / 1e30;
        uint256 lossToArbitrage = quotePaid - baseValue;
        // Cost if the attacker controls the next block too and sells the WETH straight back.
        (amount0, amount1) = trader.swapToPrice(pool, TickMath.sqrtPriceAtTick(tick0) + 1);
        uint256 quoteBack = wethIsToken0 ? uint256(-amount1) : uint256(-amount0);

        console.log("pool: WETH/USDC 0.3%, full range at 3000 USDC/WETH, L =", uint256(LIQUIDITY));
        console.log("pool reserves: WETH, USDC (whole):", wethReserve / 1e18, usdcReserve / 1e6);
        console.log("TWAP window (s), block time (s):", WINDOW, BLOCK_TIME);
        console.log("spot ticks moved for one block:", uint256(int256(spotShift)));
        console.log("spot price after push (USDC/WETH):", spotAfter / 1e18);
        console.log("TWAP before (USDC/WETH, wad):", twapBefore);
        console.log("TWAP after one block (USDC/WETH, wad):", twapAfter);
        console.log("capital: USDC paid into the pool:", quotePaid / 1e6);
        console.log("WETH received (whole):", baseReceived / 1e18);
        console.log("cost if arbitraged (USDC paid - WETH value at 3000):", lossToArbitrage / 1e6);
        console.log("cost if the attacker also owns the next block (fees, round trip):", (quotePaid - quoteBack) / 1e6);
    }
}
