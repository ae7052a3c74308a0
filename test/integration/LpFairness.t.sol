// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {MarginBase} from "../unit/MarginEngine.t.sol";
import {console} from "forge-std/Test.sol";

/// @notice The LP-fairness review's attacks on the vaults, replayed on the deployed stack (market, vaults, margin
/// engine, oracles). Each test performs the attack and shows that it no longer pays: the attacker ends with no more
/// than an LP that held (a loss, logged), or the griefing fails. The reviewer's figures on the old code are in the
/// comments.
contract LpFairnessTest is MarginBase {
    address internal attacker = makeAddr("attacker");

    function setUp() public override {
        super.setUp();
        weth.mint(attacker, 10_000e18);
        usdc.mint(attacker, 100_000_000e6);
        vm.startPrank(attacker);
        weth.approve(address(callVault), type(uint256).max);
        usdc.approve(address(putVault), type(uint256).max);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- 1. freezing another LP

    /// @notice Old code: 145 zero-asset deposits kept a 1e26-share LP locked for a day, at no cost. Now a deposit
    /// that mints nothing reverts, a gift of shares cannot touch the receiver's exit, and the LP claims on time.
    function test_attack1_zeroDepositsCannotFreezeAnLp() public {
        uint256 shares = callVault.balanceOf(lp);
        requestExitAs(lp, callVault, shares);
        uint256 claimableAt = callVault.exitRequest(lp).claimableAt;
        for (uint256 i; i < 145; ++i) {
            vm.expectRevert(ICollateralVault.ZeroShares.selector);
            vm.prank(attacker);
            callVault.deposit(0, lp);
            vm.prank(attacker);
            callVault.deposit(1, lp);
            skip(1 seconds);
        }
        assertEq(callVault.exitRequest(lp).claimableAt, claimableAt, "nobody else can restart the LP's notice");
        vm.warp(claimableAt);
        setSpot(SPOT);
        assertEq(claimAs(lp, callVault, shares), 1000e18, "the LP leaves on time with all it put in");
        console.log("attack 1, griefing cost (wei of WETH given away):", uint256(145));
    }

    // ---------------------------------------------------------------- 2. exiting before bad debt is booked

    /// @notice Old code: 200 puts written at IM, spot 3000 -> 1800: 108,936 USDC of bad debt not yet booked; the LP
    /// holding half redeemed 3,100,837 USDC against a fair 3,046,369 and the other LP lost the 54,468 difference.
    /// Now the exit is priced without the margin receivable, so it never takes part of a debt that may not be paid,
    /// whether the debt is booked during the notice or not.
    function test_attack2_exitBeforeBadDebtIsBookedDoesNotPay() public {
        uint256 attackerShares = depositAs(attacker, putVault, 3_000_000e6);
        uint256 writer = _writePutsAtInitialMargin(200e18);
        setSpot(1800e18);
        IMarginEngine.Margin memory m = engine.marginOf(writer);
        assertLt(m.collateralAssets, m.markAssets, "the writer is insolvent, not yet booked");

        uint256 snapshot = vm.snapshotState();
        // The attacker holds instead: the debt is booked, the notice passes.
        engine.resolveBadDebt(writer);
        skipFresh(EXIT_NOTICE);
        uint256 fair = putVault.convertToAssets(attackerShares);
        vm.revertToState(snapshot);

        requestExitAs(attacker, putVault, attackerShares);
        engine.resolveBadDebt(writer);
        skipFresh(EXIT_NOTICE);
        uint256 paid = claimAs(attacker, putVault, attackerShares);
        _logGain("attack 2, exit before bad debt, gain vs holding (USDC units):", paid, fair);
        assertLe(paid, fair, "the exit bears its share of the bad debt");

        // The same when nobody books the debt before the claim.
        vm.revertToState(snapshot);
        requestExitAs(attacker, putVault, attackerShares);
        skipFresh(EXIT_NOTICE);
        paid = claimAs(attacker, putVault, attackerShares);
        assertLe(paid, fair, "an unbooked debt is not the stayers' alone either");
    }

    /// @notice Old code: the same window between `settle` and `settleAccount`: the receivable from a writer whose
    /// collateral does not cover its payoff counted at full. Now exits do not take the receivable.
    function test_attack2_exitBetweenSettleAndSettleAccountDoesNotPay() public {
        uint256 attackerShares = depositAs(attacker, putVault, 3_000_000e6);
        uint256 writer = _writePutsAtInitialMargin(200e18);
        vm.warp(EXPIRY);
        settlementOracle.settle(EXPIRY, feed.pushAnswer(1800e8, block.timestamp));
        market.settle(EXPIRY);
        assertGt(market.receivableAssets(false), 0, "the writer owes the vault its payoff");

        uint256 snapshot = vm.snapshotState();
        engine.settleAccount(writer);
        vm.warp(block.timestamp + EXIT_NOTICE);
        setSpot(1800e18);
        uint256 fair = putVault.convertToAssets(attackerShares);
        vm.revertToState(snapshot);

        requestExitAs(attacker, putVault, attackerShares);
        engine.settleAccount(writer);
        vm.warp(block.timestamp + EXIT_NOTICE);
        setSpot(1800e18);
        uint256 paid = claimAs(attacker, putVault, attackerShares);
        _logGain("attack 2, exit before settleAccount, gain vs holding (USDC units):", paid, fair);
        assertLe(paid, fair);
    }

    // ---------------------------------------------------------------- 3. exit -> oracle update -> re-enter

    /// @notice Old code: a 4,000 WETH call vault short 800 ATM calls, a 25 % LP; spot 3000 -> 3150 gained the LP 5.74
    /// WETH over holding by exiting before the round and re-entering after.
    function test_attack3_exitAroundASpotRoundDoesNotPay() public {
        _callVaultShortAtTheMoney();
        _frontRunAndReenter(_spotRound3150);
    }

    /// @notice Old code: the same LP gained 1.30 WETH around a smile re-post (a 0.008 -> 0.012).
    function test_attack3_exitAroundASmilePostDoesNotPay() public {
        _callVaultShortAtTheMoney();
        _frontRunAndReenter(_smileUp);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev 3,000 WETH from `lp` (1,000 from the base fixture) and 1,000 from the attacker (25 %), then 800 calls at
    /// the money sold by the vault.
    function _callVaultShortAtTheMoney() private {
        depositAs(lp, callVault, 2000e18);
        depositAs(attacker, callVault, 1000e18);
        buyAs(trader, callId(3000e18), 800e18);
    }

    /// @dev The attacker sees `pendingUpdate` coming, requests its exit before it, claims after the notice and
    /// deposits back what it got; compared with holding through the same events, it gains nothing.
    function _frontRunAndReenter(function() internal pendingUpdate) private {
        uint256 shares = callVault.balanceOf(attacker);
        uint256 wethBefore = weth.balanceOf(attacker);
        uint256 snapshot = vm.snapshotState();
        pendingUpdate();
        skipFresh(EXIT_NOTICE);
        uint256 held = callVault.convertToAssets(shares);
        vm.revertToState(snapshot);

        requestExitAs(attacker, callVault, shares);
        pendingUpdate();
        skipFresh(EXIT_NOTICE);
        uint256 paid = claimAs(attacker, callVault, shares);
        uint256 reentered = depositAs(attacker, callVault, paid);
        uint256 wealth = weth.balanceOf(attacker) - wethBefore + callVault.convertToAssets(reentered);
        _logGain("attack 3, exit -> update -> re-enter, gain vs holding (wei of WETH):", wealth, held);
        assertLe(wealth, held, "acting on the update ends with no more than holding");
    }

    function _spotRound3150() internal {
        setSpot(3150e18);
    }

    function _smileUp() internal {
        // The surface takes one post a minute.
        skip(1 minutes);
        setSpot(SPOT);
        postSmile(EXPIRY, Svi.Params({a: 0.012e18, b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18}));
    }

    /// @dev A put writer at its initial margin with `size` puts struck at 2900, and the put vault split half and half
    /// between `lp` and the attacker.
    function _writePutsAtInitialMargin(uint256 size) private returns (uint256 writer) {
        writer = openAs(trader, false, 100_000_000e6);
        writeAs(trader, writer, putId(2900e18), size);
        toInitialMargin(trader, writer);
    }

    function _logGain(string memory label, uint256 result, uint256 holding) private pure {
        if (result >= holding) console.log(label, result - holding);
        else console.log(string.concat(label, " -"), holding - result);
    }
}
