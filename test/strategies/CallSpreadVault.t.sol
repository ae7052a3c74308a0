// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {OptionLegs} from "../../contracts/libraries/OptionLegs.sol";
import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {CallSpreadVault} from "../../contracts/strategies/CallSpreadVault.sol";
import {SpreadBase} from "./SpreadBase.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The bear call spread held in one portfolio-margin account, all in base: short calls at K1, long calls at
/// K2 = K1·(1 + w), the account posting (K2 − K1 + φ·S)/(S·(1 − x)·(1 − h)) base per spread instead of one base unit.
contract CallSpreadVaultTest is SpreadBase {
    CallSpreadVault internal spread;
    uint256 internal constant NAV = 10e18;

    function setUp() public override {
        super.setUp();
        spread = new CallSpreadVault(engine, strategyOwner, strategyKeeper, strategyGuardian, defaultSpreadParams());
        vm.label(address(spread), "callSpread");
        address[3] memory users = [alice, bob, attacker];
        for (uint256 i; i < users.length; ++i) {
            vm.prank(users[i]);
            weth.approve(address(spread), type(uint256).max);
        }
        vm.prank(alice);
        spread.deposit(NAV, alice);
    }

    function _start() internal returns (uint256 nav, uint256 netPremium) {
        nav = spread.totalAssets();
        startSpread(spread);
        netPremium = weth.balanceOf(address(spread)) + spread.postedAssets() - nav;
    }

    /// @notice The capital figure for calls: the account holds what the engine's margin check needs, the spread's
    /// quote loss plus the floor valued at the shocked, haircut spot; at least the spread's maximum loss in base,
    /// (K2 − K1)/K2 per spread, and far below the one base unit per call of the old covered-call composition.
    function test_postedCapital_farBelowOneBasePerCall() public {
        assertEq(spread.asset(), address(weth), "a call spread is in base");
        _start();
        uint256 size = spread.roundSize();
        uint256 k1 = strike(spread.shortSeries());
        uint256 k2 = strike(spread.longSeries());
        assertEq(k1, 3300e18);
        assertEq(k2, StrategyMath.snapStrike(k1 * 105 / 100, true), "K2 = K1 * 1.05 snapped up");
        IPortfolioMarginEngine.AccountMargin memory m = accountMargin(spread);
        assertEq(m.baseAssets, spread.postedAssets(), "the account holds exactly the posted collateral");
        assertGe(m.equityWad, int256(m.initialMarginWad), "equity >= IM");
        uint256 x = m.spotShockWad;
        uint256 need = FixedPointMathLib.mulDivUp(
            size, FixedPointMathLib.divWadUp(k2 - k1 + 30e18, (3000e18 * (1e18 - x) / 1e18) * 0.95e18 / 1e18), 1e18
        );
        assertApproxEqRel(spread.postedAssets(), need, 1e6, "posted = (K2 - K1 + floor) / (S(1 - x)(1 - h))");
        assertGe(spread.postedAssets(), need, "never less");
        uint256 maxLossBase = FixedPointMathLib.mulDivUp(size, k2 - k1, k2);
        assertGe(spread.postedAssets(), maxLossBase, "covers the max loss in base");
        emit log_named_decimal_uint("posted per call spread, WETH (portfolio)", spread.postedAssets() * 1e18 / size, 18);
        emit log_named_decimal_uint("max loss per call spread, WETH", (k2 - k1) * 1e18 / k2, 18);
        emit log_named_decimal_uint("posted per call, WETH (old: covered call)", 1e18, 18);
        assertLt(spread.postedAssets() * 5, size, "over five times less than one base unit per call");
    }

    /// @notice Four rounds ending above K2, between the strikes, at K1 and below K1: the NAV is the bear call spread's
    /// value in base, each payoff rounded as the engine and the market round it, to 4 wei.
    function test_fourRoundsPayABearCallSpread() public {
        for (uint256 i; i < 4; ++i) {
            (uint256 nav, uint256 net) = _start();
            uint256 size = spread.roundSize();
            uint256 k1 = strike(spread.shortSeries());
            uint256 k2 = strike(spread.longSeries());
            assertTrue(spread.longSeries().isCall());
            assertGt(net, 0, "a credit spread");
            uint256[4] memory settles = [k2 + 500e18, (k1 + k2) / 2, k1, k1 - 800e18];
            uint256 settle = settles[i];
            settleRound(spread, settle);
            uint256 shortLoss = FixedPointMathLib.mulDivUp(size, OptionValuation.payoffWadUp(settle, k1, true), 1e18);
            uint256 longGain = FixedPointMathLib.mulDiv(size, OptionValuation.payoffWadDown(settle, k2, true), 1e18);
            assertApproxEqAbs(spread.totalAssets(), nav + net + longGain - shortLoss, 4, "bear call spread payoff");
            if (settle > k2) {
                uint256 maxLoss = FixedPointMathLib.mulDivUp(size, k2 - k1, settle);
                // Each leg's payoff rounds per option (a wei each), against the vault.
                assertGe(spread.totalAssets() + maxLoss + size / 1e18 + 4, nav + net, "loss capped");
            }
            assertEq(weth.balanceOf(address(spread)), spread.totalAssets(), "all of it in WETH");
            assertEq(engine.positionsOf(spread.accountId()).length, 0);
            vm.warp(vm.getBlockTimestamp() + 1 hours);
            setSpot(3000e18);
        }
    }

    /// @notice A rally through K2 (spot 4,500): the account pays the capped loss in full at settlement, from its own
    /// base; the insurance fund pays nothing. The NAV before closing never exceeds what closing pays.
    function test_rally_paysInFullAndNavNotOverstated() public {
        (uint256 nav, uint256 net) = _start();
        assertLe(spread.totalAssets(), nav + net, "mid-round: at most nav + net premium");
        setSpot(4500e18);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(spread.accountId(), true);
        assertGe(m.equityWad, int256(m.maintenanceMarginWad), "not liquidatable after a 50 % rally");
        uint256 insurance = engine.insuranceAssets(true);
        fixSettlement(spread, 4500e18);
        uint256 beforeClose = spread.totalAssets();
        spread.closeRound();
        assertLe(beforeClose, spread.totalAssets(), "settled value never above what closing pays");
        assertEq(engine.insuranceAssets(true), insurance, "no shortfall");
    }

    function test_startRound_onlyKeeper() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyKeeper.selector, attacker));
        vm.prank(attacker);
        spread.startRound(0, vm.getBlockTimestamp());
    }

    function test_midRound_depositAndRedeemRevert() public {
        _start();
        vm.prank(bob);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        spread.deposit(1e18, bob);
        vm.prank(alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        spread.withdraw(1, alice, alice);
        SeriesId shortId = spread.shortSeries();
        assertTrue(shortId.isCall());
    }

    /// @notice The sandwich of the premium floor's finding on the spread: an attacker writes 400 calls of the round's
    /// short series first, so that the market's book is long vega and the spread's sale is cheaper. Whatever the
    /// front-run, the round's net premium is never below the floor, the legs' fair net value less 5 % of their gross
    /// value, rounded up (`PremiumBelowFloor` otherwise): the most a sandwich can take is that slack.
    function test_sandwich_netPremiumNeverBelowTheFloor() public {
        vm.prank(strategyOwner);
        spread.setMaxPremiumDiscount(0.05e18);
        uint256 expiry = StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days);
        ensureSmile(expiry);
        SeriesId shortId = SeriesIdLib.encode(expiry, 3300e18, true);
        SeriesId longId = SeriesIdLib.encode(expiry, 3470e18, true);
        vm.prank(attacker);
        weth.approve(address(engine), type(uint256).max);
        uint256 acct = openWith(attacker, 400e18, 0);
        vm.prank(attacker);
        engine.write(acct, shortId, 400e18, 0, vm.getBlockTimestamp());
        uint256 fairShort = OptionLegs.fairValueWadUp(IOptionMarket(address(market)), shortId);
        uint256 fairLong = OptionLegs.fairValueWadUp(IOptionMarket(address(market)), longId);
        (uint256 nav, uint256 net) = _start();
        assertEq(nav, NAV);
        uint256 floor = StrategyMath.premiumFloorUp(spread.roundSize(), fairShort, fairLong, 0.05e18, 1);
        assertGe(net + 4, floor, "the net premium clears the floor");
        assertGt(floor, 0);
    }
}
