// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {OptionWritingVault} from "../../contracts/strategies/OptionWritingVault.sol";
import {StrategyBase} from "./StrategyBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Lifecycle of the covered-call and put-selling vaults over several rounds on the real stack, their queue,
/// roles and bounds.
contract OptionWritingVaultTest is StrategyBase {
    // ---------------------------------------------------------------- payoffs

    /// @notice Three weekly rounds ending in, at and out of the money: after each, the NAV is the covered call's
    /// textbook value n·min(S_T, K)/S_T + (nav − n) + premium in base for n calls (n = nav less the two wei kept for
    /// the engine's rounding), to 1 wei per option + 2 (the engine rounds the payoff per option up, then the debt).
    function test_coveredCall_threeRoundsPayACoveredCall() public {
        depositTo(ccv, alice, 10e18);
        uint256[3] memory endSpots = [uint256(3600e18), 0, 2700e18];
        for (uint256 i; i < 3; ++i) {
            uint256 nav = ccv.totalAssets();
            uint256 premium = startRound(ccv);
            uint256 strike = strikeOf(ccv);
            (uint256 spot,) = spotAdapter.spot();
            assertGe(strike, spot * 11 / 10, "the strike is at least 10 % out of the money");
            uint256 size = ccv.roundSize();
            assertEq(size, nav - ccv.ENGINE_ROUNDING_ASSETS(), "one call per base unit: fully covered");
            assertGt(premium, 0);
            uint256 settle = i == 1 ? strike : endSpots[i];
            settleRound(ccv, settle);
            uint256 expected =
                FixedPointMathLib.mulDiv(size, FixedPointMathLib.min(settle, strike), settle) + nav - size + premium;
            assertApproxEqAbs(ccv.totalAssets(), expected, size / 1e18 + 2, "covered call payoff in base");
            assertLe(ccv.totalAssets(), expected + 1, "rounded toward the market");
            assertEq(ccv.positionsValue(), 0, "all back in the asset");
        }
        uint256 finalNav = ccv.totalAssets();
        uint256 before = weth.balanceOf(alice);
        uint256 shares = ccv.balanceOf(alice);
        vm.prank(alice);
        ccv.redeem(shares, alice, alice);
        assertApproxEqAbs(weth.balanceOf(alice) - before, finalNav, 2, "the sole holder takes the NAV");
        assertLe(weth.balanceOf(alice) - before, finalNav, "rounded toward the vault");
    }

    /// @notice Three weekly rounds of cash-secured puts ending in, at and out of the money: the NAV is the textbook
    /// cash + premium − size·max(K − S_T, 0) = size·min(S_T, K) + idle cash + premium, to 2 units.
    function test_putSelling_threeRoundsPayACashSecuredPut() public {
        depositTo(psv, alice, 300_000e6);
        uint256[3] memory endSpots = [uint256(2400e18), 0, 3300e18];
        for (uint256 i; i < 3; ++i) {
            uint256 nav = psv.totalAssets();
            uint256 premium = startRound(psv);
            uint256 strike = strikeOf(psv);
            (uint256 spot,) = spotAdapter.spot();
            assertLe(strike, spot * 9 / 10, "the strike is at least 10 % out of the money");
            uint256 size = psv.roundSize();
            assertEq(size, (nav - 2) * 1e12 * 1e18 / strike, "one put per strike of cash: fully secured");
            uint256 settle = i == 1 ? strike : endSpots[i];
            settleRound(psv, settle);
            uint256 idle = nav - FixedPointMathLib.mulDivUp(size, strike, 1e30);
            uint256 expected = size * FixedPointMathLib.min(settle, strike) / 1e30 + idle + premium;
            assertApproxEqAbs(psv.totalAssets(), expected, 2, "cash-secured put payoff in quote");
        }
    }

    /// @notice Mid-round the NAV is the account's collateral less the engine's mark of the calls: it falls when spot
    /// rises (the calls gain) and the direct entry points are closed.
    function test_nav_marksThePositionsOnChain() public {
        depositTo(ccv, alice, 10e18);
        uint256 premium = startRound(ccv);
        assertApproxEqAbs(ccv.totalAssets(), 10e18 + premium - engine.marginOf(ccv.accountId()).markAssets, 0);
        uint256 navBefore = ccv.totalAssets();
        setSpot(3300e18);
        assertLt(ccv.totalAssets(), navBefore, "calls marked higher");
        assertEq(ccv.maxDeposit(alice), 0);
        assertEq(ccv.maxMint(alice), 0);
        assertEq(ccv.maxWithdraw(alice), 0);
        assertEq(ccv.maxRedeem(alice), 0);
        vm.startPrank(alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        ccv.deposit(1e18, alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        ccv.mint(1e24, alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        ccv.withdraw(1e18, alice, alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        ccv.redeem(1e24, alice, alice);
        vm.stopPrank();
    }

    /// @notice A round on an empty vault, or one holding no more than the engine's rounding, writes nothing and still
    /// settles and rolls (found by the invariant suite: a 1-wei put NAV failed the engine's IM by its rounding).
    function test_emptyRound_settlesAndRolls() public {
        depositTo(psv, alice, 2);
        startRound(psv);
        assertEq(psv.roundSize(), 0);
        startRound(ccv);
        assertEq(ccv.roundSize(), 0);
        settleRound(ccv, 3000e18);
        assertFalse(ccv.roundActive());
        depositTo(ccv, alice, 1e18);
        startRound(ccv);
        assertEq(ccv.roundSize(), 1e18 - 2);
    }

    // ---------------------------------------------------------------- queue

    /// @notice A deposit requested mid-round enters at the boundary's NAV: its shares are worth what it paid, and the
    /// holder's share of the round's result is untouched.
    function test_requestDeposit_entersAtTheBoundaryNav() public {
        depositTo(ccv, alice, 10e18);
        startRound(ccv);
        vm.prank(bob);
        ccv.requestDeposit(5e18, bob);
        assertEq(ccv.pendingDepositAssets(), 5e18);
        uint256 strike = strikeOf(ccv);
        settleRound(ccv, 3600e18);
        // Alice alone bore the round: her NAV is the covered call's value on 10 base.
        uint256 aliceAssets = ccv.convertToAssets(ccv.balanceOf(alice));
        uint256 roundNav = ccv.totalAssets() - 5e18;
        assertApproxEqAbs(aliceAssets, roundNav, 2);
        assertLt(roundNav, 10e18 * strike / 3600e18 + 1e18, "the calls were exercised against the vault");
        vm.expectEmit(address(ccv));
        emit IStrategyVault.Claimed(bob, ccv.batches(1).mintedShares, 0);
        (uint256 shares,) = ccv.claim(bob);
        assertEq(ccv.balanceOf(bob), shares);
        assertApproxEqAbs(ccv.convertToAssets(shares), 5e18, 2, "bob's shares are worth his deposit");
        assertLe(ccv.convertToAssets(shares), 5e18, "rounded toward the vault");
    }

    /// @notice A redemption requested mid-round leaves at the boundary's NAV and is claimable afterwards.
    function test_requestRedeem_leavesAtTheBoundaryNav() public {
        depositTo(ccv, alice, 10e18);
        depositTo(ccv, bob, 10e18);
        startRound(ccv);
        uint256 bobShares = ccv.balanceOf(bob);
        vm.prank(bob);
        ccv.requestRedeem(bobShares);
        assertEq(ccv.balanceOf(bob), 0);
        settleRound(ccv, 2700e18);
        uint256 boundaryNav = ccv.totalAssets() + ccv.claimableAssets();
        uint256 owed = ccv.claimableAssets();
        assertApproxEqAbs(owed, boundaryNav / 2, 10, "half the boundary NAV");
        assertGt(owed, 10e18, "the premium was earned");
        uint256 before = weth.balanceOf(bob);
        ccv.claim(bob);
        assertEq(weth.balanceOf(bob) - before, owed);
        assertEq(ccv.claimableAssets(), 0);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.NothingToClaim.selector, bob));
        ccv.claim(bob);
    }

    /// @notice A second request after the first was processed claims the first.
    function test_requestDeposit_claimsAProcessedRequestFirst() public {
        startRound(ccv);
        vm.prank(bob);
        ccv.requestDeposit(1e18, bob);
        settleRound(ccv, 3000e18);
        startRound(ccv);
        vm.prank(bob);
        ccv.requestDeposit(2e18, bob);
        assertGt(ccv.balanceOf(bob), 0, "the first request's shares were delivered");
        assertEq(ccv.depositRequestOf(bob).amount, 2e18);
        assertEq(ccv.depositRequestOf(bob).batch, ccv.currentBatch());
    }

    function test_request_revertsOnZeroOrPaused() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.InvalidAmount.selector, 0));
        vm.prank(bob);
        ccv.requestDeposit(0, bob);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.InvalidAmount.selector, 0));
        vm.prank(bob);
        ccv.requestRedeem(0);
        vm.prank(strategyGuardian);
        ccv.setPaused(true);
        vm.expectRevert(IStrategyVault.StrategyPaused.selector);
        vm.prank(bob);
        ccv.requestDeposit(1e18, bob);
    }

    // ---------------------------------------------------------------- roles and bounds

    function test_startRound_onlyKeeperBetweenRounds() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyKeeper.selector, alice));
        vm.prank(alice);
        ccv.startRound(0, vm.getBlockTimestamp());
        startRound(ccv);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
    }

    function test_startRound_enforcesTheKeepersSlippageBounds() public {
        depositTo(ccv, alice, 10e18);
        vm.expectPartialRevert(IOptionMarket.PremiumBelowMin.selector);
        vm.prank(strategyKeeper);
        ccv.startRound(10e18, vm.getBlockTimestamp());
        vm.expectPartialRevert(IOptionMarket.DeadlineExpired.selector);
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp() - 1);
    }

    function test_closeRound_revertsBeforeExpiryOrWithoutRound() public {
        vm.expectRevert(IStrategyVault.NoRoundInProgress.selector);
        ccv.closeRound();
        startRound(ccv);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.RoundNotExpired.selector, ccv.roundExpiry()));
        ccv.closeRound();
    }

    /// @notice The guardian pauses entries (deposits, deposit requests, round starts), never exits.
    function test_pause_stopsEntriesNotExits() public {
        depositTo(ccv, alice, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyGuardian.selector, alice));
        vm.prank(alice);
        ccv.setPaused(true);
        vm.expectEmit(address(ccv));
        emit IStrategyVault.PausedSet(true);
        vm.prank(strategyGuardian);
        ccv.setPaused(true);
        assertEq(ccv.maxDeposit(alice), 0);
        vm.expectRevert(IStrategyVault.StrategyPaused.selector);
        vm.prank(alice);
        ccv.deposit(1e18, alice);
        vm.expectRevert(IStrategyVault.StrategyPaused.selector);
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
        vm.prank(alice);
        ccv.withdraw(1e18, alice, alice);
        vm.prank(alice);
        ccv.requestRedeem(1e24);
    }

    function test_setters_onlyOwnerInsideBounds() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        ccv.setKeeper(alice);
        vm.startPrank(strategyOwner);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0, 0.5e18));
        ccv.setMoneyness(0.6e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 hours, 1 days, 91 days)
        );
        ccv.setRoundDuration(1 hours);
        ccv.setMoneyness(0.2e18);
        ccv.setRoundDuration(14 days);
        ccv.setKeeper(bob);
        ccv.setGuardian(bob);
        vm.stopPrank();
        assertEq(ccv.moneynessWad(), 0.2e18);
        assertEq(ccv.roundDurationSec(), 14 days);
        assertEq(ccv.keeper(), bob);
        assertEq(ccv.guardian(), bob);
    }

    /// @notice The vault owns its margin account: nobody else can withdraw from it or write with it.
    function test_account_isTheVaultsOwn() public {
        depositTo(ccv, alice, 10e18);
        startRound(ccv);
        (address owner, bool isCall) = engine.accountInfo(ccv.accountId());
        assertEq(owner, address(ccv));
        assertTrue(isCall);
        uint256 acct = ccv.accountId();
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.NotAuthorized.selector, strategyKeeper, acct));
        vm.prank(strategyKeeper);
        engine.withdraw(acct, 1, strategyKeeper);
    }
}
