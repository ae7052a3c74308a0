// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarginBase} from "../unit/MarginEngine.t.sol";
import {LpFairnessHandler} from "./handlers/LpFairnessHandler.sol";
import {console} from "forge-std/Test.sol";

/// @notice LP-1: an LP that acts on an oracle round, a smile post or an insolvency it sees coming (pending, or
/// happened but not yet booked) ends with no more than if it had held. The active LP requests its exit just before
/// each event; at every claim, what it is paid must not exceed what the same shares are worth to a holder at that
/// moment with every insolvency booked. Sized for CI: 64 runs of depth 60; `FOUNDRY_PROFILE=deep` runs 2000 × 200.
/// forge-config: default.invariant.runs = 64
/// forge-config: default.invariant.depth = 60
contract LpFairnessInvariantsTest is MarginBase {
    LpFairnessHandler internal handler;

    function setUp() public override {
        super.setUp();
        address handlerAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.prank(governor);
        surface.setKeeper(handlerAddress, true);
        handler =
            new LpFairnessHandler(LpFairnessHandler.Contracts(market, engine, putVault, usdc, feed, surface), EXPIRY);
        targetContract(address(handler));
    }

    /// @dev LP-1.
    function invariant_actingOnAForeseenEventNeverBeatsHolding() public view {
        assertEq(handler.worstGain(), 0, "a front-running exit was paid more than holding was worth");
    }

    function afterInvariant() public view {
        console.log("front-runs", handler.frontRuns(), "claims", handler.claims());
        console.log("crashes", handler.crashes());
    }
}
