// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IVolatilityOracle} from "../../contracts/interfaces/IVolatilityOracle.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {OptionMarket} from "../../contracts/market/OptionMarket.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {HookedERC20} from "../utils/HookedERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice Attack regressions: each test replays an attack on the vaults or the market and shows it fails or does
/// not pay.
contract MarketAttacksTest is BaseTest {
    address internal attacker = makeAddr("attacker");
    address internal victim = makeAddr("victim");

    function setUp() public override {
        super.setUp();
        weth.mint(attacker, 10_000e18);
        weth.mint(victim, 10_000e18);
        usdc.mint(attacker, 10_000_000e6);
        address[2] memory actors = [attacker, victim];
        for (uint256 i; i < 2; ++i) {
            vm.startPrank(actors[i]);
            weth.approve(address(callVault), type(uint256).max);
            weth.approve(address(market), type(uint256).max);
            usdc.approve(address(putVault), type(uint256).max);
            usdc.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
    }

    // ---------------------------------------------------------------- inflation and donation

    function test_firstDepositorInflationDoesNotPay() public {
        uint256 attackerStart = weth.balanceOf(attacker);
        depositAs(attacker, callVault, 1);
        vm.prank(attacker);
        weth.transfer(address(callVault), 100e18);
        uint256 victimShares = depositAs(victim, callVault, 1e18);
        assertGt(victimShares, 0, "the victim is not rounded to zero shares");
        requestExitAs(attacker, callVault, callVault.balanceOf(attacker));
        requestExitAs(victim, callVault, victimShares);
        skipFresh(EXIT_NOTICE);
        claimAs(attacker, callVault, callVault.exitRequest(attacker).shares);
        uint256 victimBack = claimAs(victim, callVault, victimShares);
        assertGt(victimBack, 1e18 - 1e18 / 10_000, "victim loses less than 0.01 %");
        assertLt(weth.balanceOf(attacker), attackerStart - 49e18, "the attacker loses about half the donation");
    }

    function testFuzz_donationIsSharedProRata(uint256 a, uint256 b, uint256 donation) public {
        a = bound(a, 1e12, 1000e18);
        b = bound(b, 1e12, 1000e18);
        donation = bound(donation, 1, 1000e18);
        uint256 sharesA = depositAs(lp, callVault, a);
        uint256 sharesB = depositAs(lp2, callVault, b);
        weth.mint(address(callVault), donation);
        requestExitAs(lp, callVault, sharesA);
        requestExitAs(lp2, callVault, sharesB);
        skipFresh(EXIT_NOTICE);
        uint256 backA = claimAs(lp, callVault, sharesA);
        uint256 backB = claimAs(lp2, callVault, sharesB);
        assertLe(backA + backB, a + b + donation, "nobody extracts more than was given");
        assertGe(backA, a, "a holder never loses to a donation");
        assertGe(backB, b, "a holder never loses to a donation");
    }

    // ---------------------------------------------------------------- share price

    function testFuzz_othersDepositsDoNotMoveTheSharePrice(uint256 a, uint256 b, uint256 size) public {
        a = bound(a, 1e18, 1000e18);
        b = bound(b, 1, 1000e18);
        size = bound(size, 1e15, 100e18);
        depositAs(lp, callVault, a);
        buyAs(trader, callId(3000e18), size * a / 1000e18 + 1e15);
        uint256 priceBefore = callVault.convertToAssets(1e24);
        uint256 shares = depositAs(lp2, callVault, b);
        uint256 priceMid = callVault.convertToAssets(1e24);
        assertGe(priceMid, priceBefore, "a deposit never lowers the share price");
        requestExitAs(lp2, callVault, shares);
        assertGe(callVault.convertToAssets(1e24), priceMid, "a request never lowers the share price");
        vm.warp(block.timestamp + EXIT_NOTICE);
        setSpot(SPOT);
        postSmile(EXPIRY, defaultSmile());
        uint256 priceAtClaim = callVault.convertToAssets(1e24);
        claimAs(lp2, callVault, shares);
        assertGe(callVault.convertToAssets(1e24), priceAtClaim, "a claim never lowers the share price");
    }

    // ---------------------------------------------------------------- trading expired or unlisted series

    function test_expiredSeriesCannotTrade() public {
        depositAs(lp, callVault, 100e18);
        SeriesId id = callId(3000e18);
        buyAs(trader, id, 1e18);
        vm.warp(EXPIRY + 1);
        uint80 round = feed.pushAnswer(3100e8, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OutsideTradingWindow.selector, 0, 1 hours, 365 days));
        sellAs(trader, id, 1e18);
        settlementOracle.settle(EXPIRY, round);
        market.settle(EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OutsideTradingWindow.selector, 0, 1 hours, 365 days));
        buyAs(trader, id, 1e18);
    }

    function test_unlistedSeriesCannotTrade() public {
        depositAs(lp, callVault, 100e18);
        uint256 unposted = EXPIRY + 1 days;
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.SmileNotSet.selector, unposted));
        buyAs(trader, SeriesIdLib.encode(unposted, 3000e18, true), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.ExpiryNotListed.selector, EXPIRY + 1));
        buyAs(trader, SeriesIdLib.encode(EXPIRY + 1, 3000e18, true), 1e18);
    }

    // ---------------------------------------------------------------- slippage

    function test_frontRunIsCaughtByMaxPremium() public {
        depositAs(lp, callVault, 1000e18);
        SeriesId id = callId(3000e18);
        uint256 quoted = market.quoteBuy(id, 10e18);
        buyAs(attacker, id, 300e18);
        vm.expectPartialRevert(IOptionMarket.PremiumAboveMax.selector);
        vm.prank(victim);
        market.buy(id, 10e18, quoted, block.timestamp);
    }

    function test_staleTransactionIsCaughtByDeadline() public {
        depositAs(lp, callVault, 1000e18);
        uint256 deadline = block.timestamp + 60;
        skipFresh(61);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.DeadlineExpired.selector, deadline));
        vm.prank(victim);
        market.buy(callId(3000e18), 1e18, type(uint256).max, deadline);
    }

    // ---------------------------------------------------------------- zero and dust

    function test_dustTradesPayTheirWay() public {
        depositAs(lp, putVault, 1_000_000e6);
        SeriesId id = putId(2900e18);
        uint256 paid = buyAs(attacker, id, 1);
        assertGe(paid, 1, "one wei of an option still costs a unit");
        assertEq(sellAs(attacker, id, 1), 0, "and sells for nothing");
        uint256 total;
        for (uint256 i; i < 20; ++i) {
            total += buyAs(attacker, id, 1e12);
        }
        uint256 back = sellAs(attacker, id, 20e12);
        assertLt(back, total, "dust buys then one sale lose");
    }

    function test_zeroSizeTradesRevert() public {
        vm.expectRevert(IOptionMarket.ZeroSize.selector);
        buyAs(attacker, putId(2900e18), 0);
        vm.expectRevert(IOptionMarket.ZeroSize.selector);
        sellAs(attacker, putId(2900e18), 0);
    }

    // ---------------------------------------------------------------- reentrancy through the asset

    function test_reentrancyFromPremiumTransferCannotDepositAtAHalfWrittenMark() public {
        (HookedERC20 hooked, CollateralVault vault, OptionMarket m) = _hookedMarket();
        hooked.setHook(address(vault), abi.encodeCall(vault.deposit, (1e18, attacker)));
        vm.prank(attacker);
        m.buy(SeriesIdLib.encode(EXPIRY, 3000e18, true), 1e18, type(uint256).max, block.timestamp);
        _assertHookRefused(hooked, abi.encodeWithSelector(IOptionMarket.MarketLocked.selector));
    }

    function test_reentrancyIntoTheVaultFromItsOwnTransferReverts() public {
        (HookedERC20 hooked, CollateralVault vault,) = _hookedMarket();
        hooked.setHook(address(vault), abi.encodeCall(vault.deposit, (1e18, attacker)));
        vm.prank(attacker);
        vault.deposit(1e18, attacker);
        _assertHookRefused(
            hooked, abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
    }

    function test_reentrancyIntoTheMarketFromAPaymentReverts() public {
        (HookedERC20 hooked,, OptionMarket m) = _hookedMarket();
        SeriesId id = SeriesIdLib.encode(EXPIRY, 3000e18, true);
        vm.prank(attacker);
        m.buy(id, 2e18, type(uint256).max, block.timestamp);
        hooked.setHook(address(m), abi.encodeCall(m.buy, (id, 1e18, type(uint256).max, block.timestamp)));
        vm.prank(attacker);
        m.sell(id, 1e18, 0, block.timestamp);
        _assertHookRefused(
            hooked, abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
    }

    /// @dev The reentrant call ran during the transfer and was refused with `expected`.
    function _assertHookRefused(HookedERC20 hooked, bytes memory expected) private view {
        assertEq(hooked.hookCalls(), 1, "the hook ran");
        assertFalse(hooked.lastHookOk(), "the reentrant call failed");
        assertEq(hooked.lastHookReturn(), expected, "with the expected error");
    }

    /// @dev A second market whose call vault holds a token with transfer hooks, funded by an LP.
    function _hookedMarket() private returns (HookedERC20 hooked, CollateralVault vault, OptionMarket m) {
        hooked = new HookedERC20();
        (vault,, m) = deploy(hooked, usdc, EXIT_NOTICE);
        address[2] memory actors = [lp, attacker];
        for (uint256 i; i < 2; ++i) {
            hooked.mint(actors[i], 1000e18);
            vm.startPrank(actors[i]);
            hooked.approve(address(vault), type(uint256).max);
            hooked.approve(address(m), type(uint256).max);
            vm.stopPrank();
        }
        depositAs(lp, vault, 500e18);
    }
}
