// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {MarginEngine} from "../../contracts/margin/MarginEngine.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {LpFairnessHandler} from "./handlers/LpFairnessHandler.sol";
import {console} from "forge-std/Test.sol";

/// @notice LP-1: an LP that acts on an oracle round, a smile post or an insolvency it sees coming (pending, or
/// happened but not yet booked) ends with no more than if it had held. The active LP requests its exit just before
/// each event; at every claim, what it is paid must not exceed what the same shares are worth to a holder at that
/// moment with every insolvency booked. Sized for CI: 64 runs of depth 60; `FOUNDRY_PROFILE=deep` runs 2000 × 200.
/// forge-config: default.invariant.runs = 64
/// forge-config: default.invariant.depth = 60
contract LpFairnessInvariantsTest is BaseTest {
    LpFairnessHandler internal handler;

    function setUp() public override {
        super.setUp();
        MarginEngine engine = new MarginEngine(
            governor,
            IOptionMarket(address(market)),
            IMarginEngine.MarginParams({
                spotShockWad: 0.2e18,
                volShockWad: 0.3e18,
                floorShareWad: 0.01e18,
                maintenanceRatioWad: 0.8e18,
                liquidationDiscountWad: 0.05e18,
                insuranceShareWad: 0.2e18
            })
        );
        vm.prank(governor);
        market.setMarginEngine(address(engine));
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
