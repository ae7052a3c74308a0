// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISpotOracleRouter} from "../../contracts/interfaces/ISpotOracleRouter.sol";
import {RealOracleMarginBase} from "../utils/RealOracleMarginBase.sol";
import {console2} from "forge-std/console2.sol";

/// @notice Time from a real −10 % move (the pool swapped down 10 % and the feed pushed to 2,700 in one block) to the
/// first successful liquidation of a put writer below maintenance, retrying every 12-second block, with the oracle's
/// degraded mode on (20 % bound) and off (degraded bound = the 2 % strict bound: the behaviour before the mode).
/// `pnpm bench:contracts` prints both.
contract LiquidationDelayBench is RealOracleMarginBase {
    uint256 internal constant BLOCK_TIME = 12;
    /// @dev Two TWAP windows: the mode-off run must have succeeded by then.
    uint256 internal constant GIVE_UP_AFTER = 2 * TWAP_WINDOW;

    function test_bench_secondsFromTenPercentMoveToFirstLiquidation() public {
        uint256 withMode = _secondsToFirstLiquidation(MAX_DEGRADED_DEVIATION);
        uint256 withoutMode = _secondsToFirstLiquidation(MAX_DEVIATION);
        console2.log("seconds from a -10% real move to the first liquidation, degraded mode on :", withMode);
        console2.log("seconds from a -10% real move to the first liquidation, degraded mode off:", withoutMode);
    }

    /// @dev With the router's degraded bound at `maxDegradedDeviationWad`: the move, then one liquidation attempt per
    /// block until one succeeds; every failure must be the router's deviation refusal. State is restored after.
    function _secondsToFirstLiquidation(uint256 maxDegradedDeviationWad) private returns (uint256 elapsed) {
        uint256 snapshot = vm.snapshotState();
        vm.prank(governor);
        router.setMaxDegradedDeviation(maxDegradedDeviationWad);
        (uint256 acct, uint256 liq) = putWriterAndLiquidator();
        crashTenPercent();
        // Via-IR treats `block.timestamp` as constant within a call and may re-read it after the warps: the
        // cheatcode pins the time of the move.
        uint256 movedAt = vm.getBlockTimestamp();
        uint256 blockTime = movedAt;
        while (true) {
            vm.prank(liquidator);
            try engine.liquidate(acct, put2900, 1e18, liq) {
                break;
            } catch (bytes memory reason) {
                require(bytes4(reason) == ISpotOracleRouter.PriceDeviationTooHigh.selector, "unexpected refusal");
                require(blockTime - movedAt < GIVE_UP_AFTER, "never liquidated");
                blockTime += BLOCK_TIME;
                vm.warp(blockTime);
                vm.roll(block.number + 1);
            }
        }
        elapsed = blockTime - movedAt;
        vm.revertToState(snapshot);
    }
}
