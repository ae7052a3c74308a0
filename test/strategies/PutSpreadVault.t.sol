// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {PutSpreadVault} from "../../contracts/strategies/PutSpreadVault.sol";
import {SpreadBase} from "./SpreadBase.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The bull put spread held in one portfolio-margin account: short puts at K1 and long puts at K2 on the same
/// expiry and size, the account posting the spread's maximum loss plus the floor.
contract PutSpreadVaultTest is SpreadBase {
    PutSpreadVault internal spread;
    uint256 internal constant NAV = 20_000e6;

    function setUp() public override {
        super.setUp();
        spread = new PutSpreadVault(engine, strategyOwner, strategyKeeper, strategyGuardian, defaultSpreadParams());
        vm.label(address(spread), "putSpread");
        address[3] memory users = [alice, bob, attacker];
        for (uint256 i; i < users.length; ++i) {
            vm.prank(users[i]);
            usdc.approve(address(spread), type(uint256).max);
        }
        vm.prank(alice);
        spread.deposit(NAV, alice);
    }

    /// @notice Starts a round and returns the NAV before it and the net premium the vault kept.
    function _start() internal returns (uint256 nav, uint256 netPremium) {
        nav = spread.totalAssets();
        startSpread(spread);
        netPremium = usdc.balanceOf(address(spread)) + spread.postedAssets() - nav;
    }

    /// @notice The capital figure: the account holds size·(K1 − K2 + φ·K1) (φ = 1 %), the spread's maximum loss plus
    /// the floor, to the engine's rounding units; the old composition (a fully collateralised put-selling vault under
    /// the spread) posted K1 per put, here more than eleven times as much.
    function test_postedCapital_isMaxLossPlusFloor_farBelowFullCollateral() public {
        _start();
        uint256 size = spread.roundSize();
        uint256 k1 = strike(spread.shortSeries());
        uint256 k2 = strike(spread.longSeries());
        assertEq(k1, 2700e18, "K1 = 3,000 * 0.9");
        assertEq(k2, 2560e18, "K2 = 2,700 * 0.95 = 2,565 snapped down");
        IPortfolioMarginEngine.AccountMargin memory m = accountMargin(spread);
        assertEq(m.quoteAssets, spread.postedAssets(), "the account holds exactly the posted collateral");
        assertEq(m.baseAssets, 0);
        uint256 maxLoss = FixedPointMathLib.mulDivUp(size, k1 - k2, 1e30);
        uint256 floor = FixedPointMathLib.mulDivUp(size, k1 / 100, 1e30);
        assertApproxEqAbs(spread.postedAssets(), maxLoss + floor, 4, "posted = max loss + floor");
        assertGe(spread.postedAssets(), maxLoss + floor, "never less");
        uint256 fullCollateral = FixedPointMathLib.mulDivUp(size, k1, 1e30);
        uint256 perSpread = spread.postedAssets() * 1e18 / size;
        emit log_named_decimal_uint("posted per spread, USDC (portfolio)", perSpread, 6);
        emit log_named_decimal_uint("posted per put, USDC (old: fully collateralised K1)", k1 / 1e12, 6);
        assertLt(spread.postedAssets() * 11, fullCollateral, "over eleven times less capital per spread");
        assertGe(m.equityWad, int256(m.initialMarginWad), "equity >= IM");
        // The whole NAV less the budget is at work: the size is what it covers.
        assertGt(size, (NAV - NAV / 50) * 1e30 / (k1 - k2 + k1 / 100) - 1e18, "size = (NAV - budget) / per spread");
        assertEq(spread.positionsValue() + usdc.balanceOf(address(spread)), spread.totalAssets());
    }

    /// @notice Four rounds ending below K2, between the strikes, at K1 and above K1: the NAV is the spread's textbook
    /// value, nav + net premium − n·max(K1 − S_T, 0) + n·max(K2 − S_T, 0), to 4 units; below K2 the loss is capped at
    /// n·(K1 − K2) less the net premium; between rounds the vault holds only USDC and the account nothing.
    function test_fourRoundsPayABullPutSpread() public {
        uint256[4] memory settles = [uint256(2000e18), 2630e18, 2700e18, 3300e18];
        for (uint256 i; i < 4; ++i) {
            (uint256 nav, uint256 net) = _start();
            uint256 size = spread.roundSize();
            uint256 k1 = strike(spread.shortSeries());
            uint256 k2 = strike(spread.longSeries());
            assertEq(spread.shortSeries().expiry(), spread.longSeries().expiry(), "same expiry");
            assertGt(net, 0, "a credit spread");
            uint256 settle = settles[i];
            settleRound(spread, settle);
            uint256 shortLoss = FixedPointMathLib.mulDivUp(size, k1 > settle ? k1 - settle : 0, 1e30);
            uint256 longGain = size * (k2 > settle ? k2 - settle : 0) / 1e30;
            assertApproxEqAbs(spread.totalAssets(), nav + net + longGain - shortLoss, 4, "bull put spread payoff");
            if (settle < k2) {
                uint256 maxLoss = FixedPointMathLib.mulDivUp(size, k1 - k2, 1e30);
                assertGe(spread.totalAssets() + maxLoss + 4, nav + net, "loss capped at max loss - net premium");
            }
            assertEq(usdc.balanceOf(address(spread)), spread.totalAssets(), "all of it in USDC");
            IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(spread.accountId(), true);
            assertEq(m.quoteAssets, 0, "the account is emptied");
            assertEq(engine.positionsOf(spread.accountId()).length, 0);
            assertEq(spread.roundSize(), 0);
            vm.warp(vm.getBlockTimestamp() + 1 hours);
            setSpot(3000e18);
        }
    }

    /// @notice The NAV is never overstated: once the price is fixed it is the settled payoffs rounded against the vault,
    /// at most what closing the round pays; mid-round it is at most the NAV before the round plus the net premium.
    function test_nav_neverOverstated() public {
        (uint256 nav, uint256 net) = _start();
        assertLe(spread.totalAssets(), nav + net, "mid-round: at most nav + net premium");
        setSpot(2400e18);
        uint256 crashed = spread.totalAssets();
        assertLt(crashed, nav, "a crash through K2 shows the loss");
        fixSettlement(spread, 2600e18);
        uint256 beforeClose = spread.totalAssets();
        spread.closeRound();
        assertLe(beforeClose, spread.totalAssets(), "settled value never above what closing pays");
        assertApproxEqAbs(beforeClose, spread.totalAssets(), 2, "and within rounding of it");
    }

    /// @notice A crash far below K2 (a spot of 1,000): the account still meets IM, so it cannot be liquidated, and
    /// its settlement pays the whole loss from its own collateral: no shortfall, no insurance, no bad debt.
    function test_crash_accountNeverLiquidatableAndPaysInFull() public {
        _start();
        setSpot(1000e18);
        IPortfolioMarginEngine.AccountMargin memory m = accountMargin(spread);
        assertGe(m.equityWad, int256(m.initialMarginWad), "still above IM after a 67 % crash");
        uint256 liq = openWith(liquidator, 0, 1_000_000e6);
        SeriesId[] memory ids = one(spread.shortSeries());
        uint256[] memory sizes = amounts(spread.roundSize());
        uint256 acct = spread.accountId();
        vm.expectPartialRevert(IPortfolioMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, ids, sizes);
        uint256 insurance = engine.insuranceAssets(false);
        settleRound(spread, 1000e18);
        assertEq(engine.insuranceAssets(false), insurance, "the fund paid nothing");
    }

    /// @notice Only the keeper starts a round: an attacker cannot pick its moment.
    function test_startRound_onlyKeeper() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyKeeper.selector, attacker));
        vm.prank(attacker);
        spread.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice Nobody but the vault moves its collateral or positions: the account is the vault's own.
    function test_account_onlyTheVaultActs() public {
        _start();
        uint256 acct = spread.accountId();
        vm.startPrank(attacker);
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.NotAuthorized.selector, attacker, acct));
        engine.withdraw(acct, false, 1, attacker);
        SeriesId longId = spread.longSeries();
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.NotAuthorized.selector, attacker, acct));
        engine.withdrawOptions(acct, longId, 1, attacker);
        vm.stopPrank();
    }

    /// @notice Mid-round the ERC-4626 entry points revert and `max*` are 0; a queued deposit enters at the boundary
    /// price, worth what it paid to rounding.
    function test_midRound_onlyTheQueue() public {
        _start();
        assertEq(spread.maxDeposit(bob), 0);
        assertEq(spread.maxWithdraw(alice), 0);
        assertEq(spread.maxRedeem(alice), 0);
        vm.startPrank(bob);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        spread.deposit(1e6, bob);
        vm.stopPrank();
        vm.prank(alice);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        spread.redeem(1, alice, alice);
        vm.prank(bob);
        spread.requestDeposit(5000e6, bob);
        uint256 aliceShares = spread.balanceOf(alice);
        vm.prank(alice);
        spread.requestRedeem(aliceShares / 2);
        settleRound(spread, 2600e18);
        (uint256 shares,) = spread.claim(bob);
        assertLe(spread.convertToAssets(shares), 5000e6, "never worth more than paid");
        assertApproxEqAbs(spread.convertToAssets(shares), 5000e6, 2, "worth what was paid at the boundary");
        (, uint256 assets) = spread.claim(alice);
        assertGt(assets, 0);
    }

    /// @notice The floor applies to the net premium: at the tightest tolerance the market's fees on both legs put it
    /// below; at the default the round starts.
    function test_startRound_floorsTheNetPremium() public {
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
        vm.prank(strategyOwner);
        spread.setMaxPremiumDiscount(0.01e18);
        vm.expectPartialRevert(IStrategyVault.PremiumBelowFloor.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        uint256 defaultDiscount = spread.DEFAULT_PREMIUM_DISCOUNT();
        vm.prank(strategyOwner);
        spread.setMaxPremiumDiscount(defaultDiscount);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertTrue(spread.roundActive());
    }

    /// @notice The keeper's minimum is on the net premium (the market's error, with the net offered).
    function test_startRound_keepersMinimumIsOnTheNetPremium() public {
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
        vm.expectPartialRevert(IOptionMarket.PremiumBelowMin.selector);
        vm.prank(strategyKeeper);
        spread.startRound(NAV, vm.getBlockTimestamp());
    }

    /// @notice The long leg never costs more than the hedge budget: the round reverts instead.
    function test_startRound_capsTheHedgeCost() public {
        vm.prank(strategyOwner);
        spread.setHedgeBudget(0.00001e18);
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
        vm.expectPartialRevert(IOptionMarket.PremiumAboveMax.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice A quote haircut raises the posted collateral by 1/(1 − h): the round still meets IM.
    function test_haircut_postsMoreAndStillMeetsIM() public {
        IPortfolioMarginEngine.PortfolioParams memory p = defaultPortfolioParams();
        p.quoteHaircutWad = 0.2e18;
        p.floorShareWad = 0.2e18;
        setParams(p);
        _start();
        IPortfolioMarginEngine.AccountMargin memory m = accountMargin(spread);
        assertGe(m.equityWad, int256(m.initialMarginWad));
        uint256 size = spread.roundSize();
        uint256 k1 = strike(spread.shortSeries());
        uint256 k2 = strike(spread.longSeries());
        uint256 need = FixedPointMathLib.mulDivUp(size, (k1 - k2 + k1 / 5) * 5 / 4, 1e30);
        assertApproxEqAbs(spread.postedAssets(), need, 4);
    }

    /// @notice An empty vault runs an empty round and closes it.
    function test_emptyVault_runsAnEmptyRound() public {
        uint256 shares = spread.balanceOf(alice);
        vm.prank(alice);
        spread.redeem(shares, alice, alice);
        startSpread(spread);
        assertEq(spread.roundSize(), 0);
        settleRound(spread, 2000e18);
        assertFalse(spread.roundActive());
    }

    function test_setters_inBounds() public {
        vm.startPrank(strategyOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0.01e18, 0.5e18)
        );
        spread.setSpreadWidth(0.6e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0, 0.5e18));
        spread.setHedgeBudget(0.6e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0, 0.5e18));
        spread.setMoneyness(0.6e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 100 days, 1 days, 91 days)
        );
        spread.setRoundDuration(100 days);
        spread.setSpreadWidth(0.1e18);
        spread.setHedgeBudget(0.05e18);
        spread.setMoneyness(0.05e18);
        spread.setRoundDuration(14 days);
        vm.stopPrank();
        assertEq(spread.spreadWidthWad(), 0.1e18);
        assertEq(spread.hedgeBudgetWad(), 0.05e18);
        assertEq(spread.moneynessWad(), 0.05e18);
        assertEq(spread.roundDurationSec(), 14 days);
        vm.expectPartialRevert(bytes4(keccak256("OwnableUnauthorizedAccount(address)")));
        vm.prank(attacker);
        spread.setSpreadWidth(0.1e18);
    }
}
