// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {OptionWritingVault} from "../../contracts/strategies/OptionWritingVault.sol";
import {StrategyBase} from "../strategies/StrategyBase.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {StrategyHandler} from "./handlers/StrategyHandler.sol";

/// @notice Invariant spec of the strategy vaults (contracts/strategies/README.md):
/// - STRAT-1 liveness: a running round can always be settled and closed once its price is fixed, and the next round
///   started (checked on a snapshot, then reverted).
/// - STRAT-2 timing (docs/invariants.md invariant 4): no deposit, withdrawal, request or claim lowers another holder's
///   share price (nav + 1)/(supply + 10^6).
/// - STRAT-3 keeper: the keeper never holds the asset or shares; the vault's funds are only in the vault or in its own
///   margin account, which only the vault controls.
/// - STRAT-4 queue solvency: what the vault and its account hold covers the queued deposits and the assets owed to
///   processed redemptions.
abstract contract StrategyInvariantsTest is StrategyBase {
    StrategyHandler internal handler;
    OptionWritingVault internal v;

    function setUp() public override {
        super.setUp();
        v = _vault();
        address[] memory users = new address[](2);
        users[0] = alice;
        users[1] = bob;
        address handlerAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.prank(governor);
        surface.setKeeper(handlerAddress, true);
        handler = new StrategyHandler(v, feed, settlementOracle, surface, strategyKeeper, users);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = StrategyHandler.deposit.selector;
        selectors[1] = StrategyHandler.redeem.selector;
        selectors[2] = StrategyHandler.requestDeposit.selector;
        selectors[3] = StrategyHandler.requestRedeem.selector;
        selectors[4] = StrategyHandler.claim.selector;
        selectors[5] = StrategyHandler.moveSpot.selector;
        selectors[6] = StrategyHandler.startRound.selector;
        selectors[7] = StrategyHandler.closeRound.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _vault() internal view virtual returns (OptionWritingVault);

    /// @dev STRAT-1.
    function invariant_canAlwaysSettleAndRoll() public {
        uint256 snapshot = vm.snapshotState();
        uint256 timestamp = vm.getBlockTimestamp();
        if (v.roundActive()) handler.settleAndClose(v.isCall() ? 3300e18 : 2700e18);
        assertFalse(v.roundActive());
        handler.postSmileFor(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + v.roundDurationSec()));
        vm.prank(strategyKeeper);
        v.startRound(0, vm.getBlockTimestamp());
        assertTrue(v.roundActive());
        vm.revertToState(snapshot);
        // The snapshot restores the state, not the block's timestamp.
        vm.warp(timestamp);
    }

    /// @dev STRAT-2.
    function invariant_timingTakesNoValue() public view {
        assertFalse(handler.sharePriceFell());
    }

    /// @dev STRAT-3.
    function invariant_keeperMovesNoFunds() public view {
        TestERC20 token = TestERC20(v.asset());
        assertEq(token.balanceOf(strategyKeeper), 0);
        assertEq(v.balanceOf(strategyKeeper), 0);
        (address owner,) = engine.accountInfo(v.accountId());
        assertEq(owner, address(v));
        assertFalse(engine.isOperator(address(v), strategyKeeper));
    }

    /// @dev STRAT-4.
    function invariant_queueIsCovered() public view {
        uint256 held = TestERC20(v.asset()).balanceOf(address(v)) + engine.marginOf(v.accountId()).collateralAssets;
        assertGe(held, v.pendingDepositAssets() + v.claimableAssets());
        if (!v.roundActive()) {
            assertGe(TestERC20(v.asset()).balanceOf(address(v)), v.pendingDepositAssets() + v.claimableAssets());
        }
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 40
contract CoveredCallInvariantsTest is StrategyInvariantsTest {
    function _vault() internal view override returns (OptionWritingVault) {
        return ccv;
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 40
contract PutSellingInvariantsTest is StrategyInvariantsTest {
    function _vault() internal view override returns (OptionWritingVault) {
        return psv;
    }
}
