// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {PortfolioMarginEngine} from "../../contracts/margin/PortfolioMarginEngine.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Vm} from "forge-std/Test.sol";

/// @notice The protocol of `BaseTest` with a portfolio margin engine as the market's margin engine, funded vaults and
/// helpers.
contract PortfolioBase is BaseTest {
    PortfolioMarginEngine internal engine;
    address internal liquidator = makeAddr("liquidator");

    function setUp() public virtual override {
        super.setUp();
        engine = new PortfolioMarginEngine(governor, IOptionMarket(address(market)), defaultPortfolioParams());
        vm.prank(governor);
        market.setMarginEngine(address(engine));
        vm.label(address(engine), "portfolioEngine");
        depositAs(lp, callVault, 1000e18);
        depositAs(lp, putVault, 3_000_000e6);
        weth.mint(liquidator, 1_000_000e18);
        usdc.mint(liquidator, 1_000_000_000e6);
        address[5] memory actors = [lp, lp2, trader, trader2, liquidator];
        for (uint256 i; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            weth.approve(address(engine), type(uint256).max);
            usdc.approve(address(engine), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @notice 3 spots (n = 2), y = 30 %, x = 4σ_ATM·sqrt(1 day) in [5 %, 50 %], floor 1 %, MM = 80 % of IM, base
    /// haircut 5 %, quote 0, bonus 5 %, a fifth of it insured.
    function defaultPortfolioParams() internal pure returns (IPortfolioMarginEngine.PortfolioParams memory) {
        return IPortfolioMarginEngine.PortfolioParams({
            spotIntervals: 2,
            volShockWad: 0.3e18,
            shockMultiplierWad: 4e18,
            shockHorizonSec: 1 days,
            minSpotShockWad: 0.05e18,
            maxSpotShockWad: 0.5e18,
            floorShareWad: 0.01e18,
            maintenanceRatioWad: 0.8e18,
            baseHaircutWad: 0.05e18,
            quoteHaircutWad: 0,
            liquidationDiscountWad: 0.05e18,
            insuranceShareWad: 0.2e18
        });
    }

    function openWith(address who, uint256 baseAssets, uint256 quoteAssets) internal returns (uint256 accountId) {
        vm.startPrank(who);
        accountId = engine.openAccount();
        if (baseAssets != 0) engine.deposit(accountId, true, baseAssets);
        if (quoteAssets != 0) engine.deposit(accountId, false, quoteAssets);
        vm.stopPrank();
    }

    function writeAs(address who, uint256 accountId, SeriesId id, uint256 size) internal returns (uint256 premium) {
        vm.prank(who);
        premium = engine.write(accountId, id, size, 0, block.timestamp);
    }

    function buyInto(address who, uint256 accountId, SeriesId id, uint256 size) internal returns (uint256 premium) {
        vm.prank(who);
        premium = engine.buy(accountId, id, size, type(uint256).max, block.timestamp);
    }

    function margin(uint256 accountId) internal view returns (IPortfolioMarginEngine.AccountMargin memory) {
        return engine.marginOf(accountId, false);
    }

    /// @notice equity − MM, wad of quote, at the worse end of the range (what liquidations see).
    function health(uint256 accountId) internal view returns (int256) {
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(accountId, true);
        return m.equityWad - int256(m.maintenanceMarginWad);
    }

    /// @notice Withdraws quote until the account sits just above IM (to within 1 quote unit).
    function toInitialMargin(address who, uint256 accountId) internal {
        IPortfolioMarginEngine.AccountMargin memory m = margin(accountId);
        uint256 excess = uint256(m.equityWad - int256(m.initialMarginWad)) / 1e12;
        if (excess > m.quoteAssets) excess = m.quoteAssets;
        vm.prank(who);
        engine.withdraw(accountId, false, excess, who);
    }

    function setParams(IPortfolioMarginEngine.PortfolioParams memory p) internal {
        vm.prank(governor);
        engine.setPortfolioParams(p);
    }

    function one(SeriesId id) internal pure returns (SeriesId[] memory ids) {
        ids = new SeriesId[](1);
        ids[0] = id;
    }

    function amounts(uint256 size) internal pure returns (uint256[] memory sizes) {
        sizes = new uint256[](1);
        sizes[0] = size;
    }
}

contract PortfolioMarginEngineTest is PortfolioBase {
    // ---------------------------------------------------------------- accounts and collateral

    function test_depositAndWithdraw_bothAssets() public {
        uint256 acct = openWith(trader, 2e18, 5000e6);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        assertEq(m.baseAssets, 2e18);
        assertEq(m.quoteAssets, 5000e6);
        // Equity: 2 base at 3,000 less 5 % + 5,000 quote.
        assertEq(m.equityWad, int256(2 * 3000e18 * 95 / 100 + 5000e18));
        vm.startPrank(trader);
        engine.withdraw(acct, true, 2e18, trader);
        engine.withdraw(acct, false, 5000e6, trader);
        vm.stopPrank();
        assertEq(weth.balanceOf(address(engine)), 0);
        assertEq(usdc.balanceOf(address(engine)), 0);
    }

    function test_withdraw_onlyOwnerOrOperator() public {
        uint256 acct = openWith(trader, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.NotAuthorized.selector, trader2, acct));
        vm.prank(trader2);
        engine.withdraw(acct, true, 1e18, trader2);
        vm.prank(trader);
        engine.setOperator(trader2, true);
        vm.prank(trader2);
        engine.withdraw(acct, true, 1e18, trader);
        assertEq(margin(acct).baseAssets, 0);
    }

    function test_withdraw_revertsBeyondCollateralAndBelowIM() public {
        uint256 acct = openWith(trader, 0, 20_000e6);
        writeAs(trader, acct, putId(2800e18), 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IPortfolioMarginEngine.InsufficientCollateral.selector, acct, true, 0, 1)
        );
        vm.prank(trader);
        engine.withdraw(acct, true, 1, trader);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        vm.expectPartialRevert(IPortfolioMarginEngine.BelowInitialMargin.selector);
        vm.prank(trader);
        engine.withdraw(acct, false, m.quoteAssets, trader);
    }

    function test_setPortfolioParams_boundedAndOwnerOnly() public {
        IPortfolioMarginEngine.PortfolioParams memory p = defaultPortfolioParams();
        p.maintenanceRatioWad = 0.96e18;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.96e18, 0.5e18, 0.95e18)
        );
        setParams(p);
        p = defaultPortfolioParams();
        p.spotIntervals = 9;
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 9, 2, 8));
        setParams(p);
        p = defaultPortfolioParams();
        p.minSpotShockWad = 0.3e18;
        p.maxSpotShockWad = 0.2e18;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.3e18, 0.01e18, 0.2e18)
        );
        setParams(p);
        vm.expectPartialRevert(bytes4(keccak256("OwnableUnauthorizedAccount(address)")));
        vm.prank(trader);
        engine.setPortfolioParams(defaultPortfolioParams());
    }

    // ---------------------------------------------------------------- positions

    function test_buyAndSell_longHeldAsMarketTokens() public {
        uint256 acct = openWith(trader, 0, 10_000e6);
        uint256 premium = buyInto(trader, acct, putId(2900e18), 5e18);
        assertGt(premium, 0);
        assertEq(market.balanceOf(address(engine), SeriesId.unwrap(putId(2900e18))), 5e18);
        IPortfolioMarginEngine.Position[] memory ps = engine.positionsOf(acct);
        assertEq(ps.length, 1);
        assertTrue(ps[0].isLong);
        assertEq(ps[0].size, 5e18);
        assertEq(margin(acct).quoteAssets, 10_000e6 - premium);
        vm.prank(trader);
        uint256 proceeds = engine.sell(acct, putId(2900e18), 5e18, 0, block.timestamp);
        assertLt(proceeds, premium);
        assertEq(engine.positionsOf(acct).length, 0);
        assertEq(margin(acct).quoteAssets, 10_000e6 - premium + proceeds);
    }

    function test_buy_premiumNeverMoreThanTheAccountHolds() public {
        uint256 acct = openWith(trader, 0, 1e6);
        vm.expectPartialRevert(IOptionMarket.PremiumAboveMax.selector);
        buyInto(trader, acct, putId(2900e18), 5e18);
        assertEq(usdc.balanceOf(address(engine)), 1e6);
    }

    function test_oppositeSideOfASeries_reverts() public {
        uint256 acct = openWith(trader, 0, 50_000e6);
        buyInto(trader, acct, putId(2900e18), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.OppositePosition.selector, acct, putId(2900e18)));
        vm.prank(trader);
        engine.write(acct, putId(2900e18), 1e18, 0, block.timestamp);
    }

    function test_sixteenPositions_thenTooMany() public {
        uint256 acct = openWith(trader, 100e18, 2_000_000e6);
        for (uint256 i; i < 8; ++i) {
            writeAs(trader, acct, putId(2650e18 + i * 50e18), 1e18);
            if (i % 2 == 0) writeAs(trader, acct, callId(3000e18 + i * 50e18), 1e18);
            else buyInto(trader, acct, callId(3000e18 + i * 50e18), 1e18);
        }
        assertEq(engine.positionsOf(acct).length, 16);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        assertGt(m.initialMarginWad, 0);
        assertGe(m.equityWad, int256(m.initialMarginWad));
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.TooManyPositions.selector, acct));
        writeAs(trader, acct, putId(2600e18), 1e18);
    }

    function test_depositAndWithdrawOptions_movesMarketTokens() public {
        buyAs(trader, callId(3200e18), 2e18);
        uint256 acct = openWith(trader, 0, 0);
        vm.startPrank(trader);
        market.setOperator(address(engine), true);
        engine.depositOptions(acct, callId(3200e18), 2e18);
        vm.stopPrank();
        assertEq(market.balanceOf(trader, SeriesId.unwrap(callId(3200e18))), 0);
        assertEq(engine.positionsOf(acct)[0].size, 2e18);
        vm.prank(trader);
        engine.withdrawOptions(acct, callId(3200e18), 2e18, trader2);
        assertEq(market.balanceOf(trader2, SeriesId.unwrap(callId(3200e18))), 2e18);
        assertEq(engine.positionsOf(acct).length, 0);
    }

    function test_sellingTheHedge_needsMargin() public {
        uint256 acct = openWith(trader, 0, 3000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        // The spread's max loss (1,000) is covered; the naked short is not.
        vm.expectPartialRevert(IPortfolioMarginEngine.BelowInitialMargin.selector);
        vm.prank(trader);
        engine.sell(acct, putId(2700e18), 10e18, 0, block.timestamp);
        vm.expectPartialRevert(IPortfolioMarginEngine.BelowInitialMargin.selector);
        vm.prank(trader);
        engine.withdrawOptions(acct, putId(2700e18), 10e18, trader);
    }

    // ---------------------------------------------------------------- capital

    function test_putSpread_imAtMostItsMaxLoss() public {
        uint256 acct = openWith(trader, 0, 100_000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        // Max loss 100 × 10 plus the floor (1 % of 2,800 × 10) plus the rounding allowance.
        assertLe(m.initialMarginWad, 1000e18 + 280e18 + 1e14);
        assertGe(m.initialMarginWad, 280e18);
        // The naked short alone needs more than the spread.
        uint256 naked = openWith(trader2, 0, 100_000e6);
        writeAs(trader2, naked, putId(2800e18), 10e18);
        assertGt(margin(naked).initialMarginWad, m.initialMarginWad + 1000e18);
    }

    function test_coveredCall_needsNothingBeyondItsCover() public {
        IPortfolioMarginEngine.PortfolioParams memory p = defaultPortfolioParams();
        p.baseHaircutWad = 0;
        p.floorShareWad = 0;
        setParams(p);
        uint256 acct = openWith(trader, 10e18, 0);
        uint256 premium = writeAs(trader, acct, callId(3300e18), 10e18);
        vm.prank(trader);
        engine.withdraw(acct, true, premium, trader);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        assertEq(m.baseAssets, 10e18);
        assertGe(m.equityWad, int256(m.initialMarginWad));
        // Even a crash of the whole shock's width leaves the cover enough: the worst loss is below the calls' value.
        assertLt(m.worstLossWad, 10 * 3000e18);
    }

    function test_straddle_marginedAsOneBook() public {
        uint256 both = openWith(trader, 0, 200_000e6);
        writeAs(trader, both, putId(3000e18), 10e18);
        uint256 putOnly = margin(both).initialMarginWad;
        uint256 calls = openWith(trader2, 0, 200_000e6);
        writeAs(trader2, calls, callId(3000e18), 10e18);
        uint256 callOnly = margin(calls).initialMarginWad;
        writeAs(trader, both, callId(3000e18), 10e18);
        uint256 straddle = margin(both).initialMarginWad;
        // One side loses only while the other gains: the book's worst loss is below the sum of the two shorts' (each
        // margined alone, as the old engine margins any two shorts).
        assertLt(straddle, putOnly + callOnly);
        assertGt(straddle, 0);
    }

    // ---------------------------------------------------------------- shocks that follow predicted volatility

    function test_spotShock_followsTheNearestSmile() public {
        uint256 acct = openWith(trader, 0, 200_000e6);
        writeAs(trader, acct, putId(2800e18), 10e18);
        IPortfolioMarginEngine.AccountMargin memory calm = margin(acct);
        // 4 × 82 % × sqrt(1/365) ≈ 17 %.
        assertApproxEqRel(calm.spotShockWad, 0.17e18, 0.02e18);
        // The keeper marks event risk: total variance up 40 % a post (the oracle allows 50 %), four posts: ATM vol
        // about doubles, so does the shock, and the margin rises before any move.
        rampSmile(4);
        IPortfolioMarginEngine.AccountMargin memory stormy = margin(acct);
        assertApproxEqRel(stormy.spotShockWad, calm.spotShockWad * 196 / 100, 0.01e18);
        assertGt(stormy.initialMarginWad, calm.initialMarginWad);
        // Bounded by governance: three more posts put 4σ·sqrt(1 day) above 50 %.
        rampSmile(3);
        assertEq(margin(acct).spotShockWad, 0.5e18);
    }

    /// @dev `posts` smiles of EXPIRY a minute apart, each with a and b 1.4 times the last.
    function rampSmile(uint256 posts) internal {
        (Svi.Params memory s,) = surface.smile(EXPIRY);
        // Time kept in a local: via IR, `block.timestamp` may be read once for the whole loop.
        uint256 t = block.timestamp;
        for (uint256 i; i < posts; ++i) {
            t += 1 minutes;
            vm.warp(t);
            (s.a, s.b) = (s.a * 14 / 10, s.b * 14 / 10);
            postSmile(EXPIRY, s);
        }
    }

    // ---------------------------------------------------------------- liquidation

    /// @dev A put spread and a naked call at IM, then the spot jumps 12 %.
    function _mixedBookBelowMaintenance() internal returns (uint256 acct) {
        acct = openWith(trader, 0, 200_000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        writeAs(trader, acct, callId(3200e18), 10e18);
        toInitialMargin(trader, acct);
        setSpot(3360e18);
        assertLt(health(acct), 0);
    }

    function test_liquidate_sliceOfTheBookRaisesHealth() public {
        uint256 acct = _mixedBookBelowMaintenance();
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        int256 before = health(acct);
        SeriesId[] memory ids = new SeriesId[](3);
        (ids[0], ids[1], ids[2]) = (putId(2700e18), putId(2800e18), callId(3200e18));
        uint256[] memory sizes = new uint256[](3);
        (sizes[0], sizes[1], sizes[2]) = (5e18, 5e18, 5e18);
        vm.prank(liquidator);
        (int256 transferWad, uint256 bonusWad) = engine.liquidate(acct, liq, ids, sizes);
        assertGt(transferWad, 0);
        assertGt(bonusWad, 0);
        assertGt(health(acct), before);
        assertEq(engine.positionsOf(liq).length, 3);
        assertGt(engine.insuranceAssets(false), 0);
        IPortfolioMarginEngine.AccountMargin memory lm = engine.marginOf(liq, true);
        assertGe(lm.equityWad, int256(lm.initialMarginWad));
    }

    function test_liquidate_takingOnlyTheHedgeReverts() public {
        // Put spreads over a naked put at IM, then a crash to 2,650: the long 2,700 put now hedges the shorts in every
        // scenario of the grid.
        uint256 acct = openWith(trader, 0, 200_000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        writeAs(trader, acct, putId(2900e18), 10e18);
        toInitialMargin(trader, acct);
        setSpot(2650e18);
        assertLt(health(acct), 0);
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        vm.expectPartialRevert(IPortfolioMarginEngine.HealthNotImproved.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(putId(2700e18)), amounts(10e18));
        // The same step with the shorts the long hedges is a real de-risking.
        SeriesId[] memory ids = new SeriesId[](3);
        (ids[0], ids[1], ids[2]) = (putId(2700e18), putId(2800e18), putId(2900e18));
        uint256[] memory sizes = new uint256[](3);
        (sizes[0], sizes[1], sizes[2]) = (4e18, 4e18, 4e18);
        int256 before = health(acct);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, ids, sizes);
        assertGt(health(acct), before);
    }

    function test_liquidate_healthyAccountReverts() public {
        uint256 acct = openWith(trader, 0, 200_000e6);
        writeAs(trader, acct, putId(2800e18), 1e18);
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        vm.expectPartialRevert(IPortfolioMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(putId(2800e18)), amounts(1e18));
    }

    function test_liquidate_selfAndEmptyTakeoverRevert() public {
        uint256 acct = _mixedBookBelowMaintenance();
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.SelfLiquidation.selector, acct));
        vm.prank(trader);
        engine.liquidate(acct, acct, one(callId(3200e18)), amounts(1e18));
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        vm.expectRevert(IPortfolioMarginEngine.InvalidTakeover.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, new SeriesId[](0), new uint256[](0));
    }

    function test_liquidate_refusesWhatTheAccountDoesNotHold() public {
        uint256 acct = _mixedBookBelowMaintenance();
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        vm.expectRevert(
            abi.encodeWithSelector(IPortfolioMarginEngine.PositionNotFound.selector, acct, callId(3300e18), false)
        );
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(callId(3300e18)), amounts(1e18));
        vm.expectRevert(abi.encodeWithSelector(IPortfolioMarginEngine.InvalidSize.selector, 10e18 + 1));
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(callId(3200e18)), amounts(10e18 + 1));
        // Nothing moved.
        assertEq(engine.positionsOf(liq).length, 0);
        assertEq(engine.positionsOf(acct).length, 3);
    }

    function test_liquidate_insolventAccountIsResolvedNotLiquidated() public {
        uint256 acct = _mixedBookBelowMaintenance();
        setSpot(4500e18);
        assertLt(engine.marginOf(acct, true).equityWad, 0);
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        vm.expectPartialRevert(IPortfolioMarginEngine.AccountInsolvent.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(callId(3200e18)), amounts(1e18));
    }

    function test_liquidate_positionsOfASettledExpiryRefused() public {
        uint256 acct = openWith(trader, 0, 10_000e6);
        writeAs(trader, acct, putId(2800e18), 10e18);
        toInitialMargin(trader, acct);
        settleAt(2700e18);
        uint256 liq = openWith(liquidator, 0, 500_000e6);
        setSpot(2000e18);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, true);
        // Settled: the position counts at its fixed payoff and carries no risk, whatever the spot does.
        assertEq(m.worstLossWad, 0);
        vm.expectPartialRevert(IPortfolioMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, one(putId(2800e18)), amounts(1e18));
    }

    // ---------------------------------------------------------------- settlement and bad debt

    function test_settle_longsPayAndShortsOwe() public {
        uint256 acct = openWith(trader, 0, 10_000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        uint256 quoteBefore = margin(acct).quoteAssets;
        uint256 receivable = market.receivableAssets(false);
        settleAt(2500e18);
        engine.settleAccount(acct);
        // Long pays 200 × 10, short owes 300 × 10: the account is down 1,000.
        assertEq(engine.positionsOf(acct).length, 0);
        assertEq(quoteOf(acct), quoteBefore - 1000e6);
        assertEq(market.receivableAssets(false), receivable - (receivable > 3000e6 ? 3000e6 : receivable));
    }

    function test_settle_shortfallInOneAssetCoveredWithTheOther() public {
        // A put writer holding only base: at expiry the put side is owed quote.
        uint256 acct = openWith(trader, 10e18, 0);
        writeAs(trader, acct, putId(2800e18), 5e18);
        (uint256 baseHeld, uint256 quotePremium) = (margin(acct).baseAssets, margin(acct).quoteAssets);
        settleAt(2600e18);
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        uint256 keeperBase = weth.balanceOf(liquidator);
        vm.prank(liquidator);
        engine.settleAccount(acct);
        // Owed 200 × 5 = 1,000 quote; the premium held pays part, the keeper the rest for base at 2,600 + 5 %.
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + 1000e6);
        uint256 covered = 1000e6 - quotePremium;
        uint256 baseGiven = weth.balanceOf(liquidator) - keeperBase;
        assertApproxEqRel(baseGiven, covered * 1e12 * 105 / 100 * 1e18 / 2600e18, 1e12);
        assertEq(baseOf(acct), baseHeld - baseGiven);
    }

    function test_resolveBadDebt_onlyWhenInsolvent() public {
        uint256 acct = openWith(trader, 0, 200_000e6);
        writeAs(trader, acct, putId(2800e18), 10e18);
        vm.expectPartialRevert(IPortfolioMarginEngine.AccountSolvent.selector);
        engine.resolveBadDebt(acct);
        toInitialMargin(trader, acct);
        setSpot(1800e18);
        assertLt(engine.marginOf(acct, true).equityWad, 0);
        uint256 written = market.written(putId(2800e18));
        engine.resolveBadDebt(acct);
        assertEq(engine.positionsOf(acct).length, 0);
        assertEq(market.written(putId(2800e18)), written - 10e18);
        assertEq(quoteOf(acct), 0);
    }

    function baseOf(uint256 acct) internal view returns (uint256) {
        return engine.marginOf(acct, true).baseAssets;
    }

    function quoteOf(uint256 acct) internal view returns (uint256) {
        return engine.marginOf(acct, true).quoteAssets;
    }

    function test_seriesOfTwoExpiries_share() public {
        uint256 later = EXPIRY + 7 days;
        postSmile(later, defaultSmile());
        uint256 acct = openWith(trader, 0, 100_000e6);
        buyInto(trader, acct, SeriesIdLib.encode(later, 2800e18, false), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        IPortfolioMarginEngine.AccountMargin memory m = margin(acct);
        uint256 naked = openWith(trader2, 0, 100_000e6);
        writeAs(trader2, naked, putId(2800e18), 10e18);
        // A calendar spread: the far long offsets the near short in every scenario.
        assertLt(m.initialMarginWad, margin(naked).initialMarginWad);
    }
}

/// @notice Fuzzed books on the real stack: liquidation never lowers health, whatever the liquidator takes; the engine's
/// token balances always equal what its accounts and insurance funds hold.
contract PortfolioMarginFuzzTest is PortfolioBase {
    uint256 internal constant STRIKES = 9;

    /// @dev Up to `maxLegs` random legs (strike 2,600 to 3,400, call or put, long or short, 1 to 10 options); trades
    /// the market or the engine refuses are skipped.
    function _randomBook(uint256 acct, uint256 seed, uint256 maxLegs) internal {
        uint256 legs = 2 + seed % (maxLegs - 1);
        for (uint256 i; i < legs; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 strike = 2600e18 + (r % STRIKES) * 100e18;
            SeriesId id = (r >> 8) % 2 == 0 ? callId(strike) : putId(strike);
            uint256 size = (1 + (r >> 16) % 10) * 1e18;
            vm.prank(trader);
            if ((r >> 24) % 2 == 0) {
                try engine.buy(acct, id, size, type(uint256).max, block.timestamp) {} catch {}
            } else {
                try engine.write(acct, id, size, 0, block.timestamp) {} catch {}
            }
        }
    }

    /// forge-config: default.fuzz.runs = 96
    function testFuzz_liquidate_neverLowersHealth(uint256 seed, uint256 spotMove, uint256 pick) public {
        uint256 acct = openWith(trader, 0, 300_000e6);
        _randomBook(acct, seed, 6);
        vm.assume(engine.positionsOf(acct).length != 0);
        toInitialMargin(trader, acct);
        setSpot(2400e18 + (spotMove % 1200) * 1e18);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, true);
        vm.assume(m.equityWad >= 0 && m.equityWad < int256(m.maintenanceMarginWad));

        IPortfolioMarginEngine.Position[] memory held = engine.positionsOf(acct);
        uint256 count;
        SeriesId[] memory ids = new SeriesId[](held.length);
        uint256[] memory sizes = new uint256[](held.length);
        for (uint256 i; i < held.length; ++i) {
            uint256 r = uint256(keccak256(abi.encode(pick, i)));
            if (r % 3 == 0) continue;
            ids[count] = held[i].id;
            sizes[count++] = 1 + (r >> 8) % held[i].size;
        }
        vm.assume(count != 0);
        assembly ("memory-safe") {
            mstore(ids, count)
            mstore(sizes, count)
        }
        uint256 liq = openWith(liquidator, 0, 1_000_000e6);
        int256 before = health(acct);
        vm.prank(liquidator);
        try engine.liquidate(acct, liq, ids, sizes) returns (int256, uint256) {
            assertGe(health(acct), before, "health fell");
            IPortfolioMarginEngine.AccountMargin memory lm = engine.marginOf(liq, true);
            assertGe(lm.equityWad, int256(lm.initialMarginWad), "liquidator below IM");
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IPortfolioMarginEngine.HealthNotImproved.selector
                    || selector == IPortfolioMarginEngine.InsufficientCollateral.selector
                    || selector == IPortfolioMarginEngine.BelowInitialMargin.selector,
                "unexpected refusal"
            );
        }
        _assertBooksBalance(acct, liq);
    }

    /// forge-config: default.fuzz.runs = 96
    function testFuzz_settle_paysTheVaultsAndKeepsTheBooks(uint256 seed, uint256 price, bool baseOnly) public {
        uint256 acct = baseOnly ? openWith(trader, 100e18, 0) : openWith(trader, 0, 300_000e6);
        _randomBook(acct, seed, 8);
        vm.assume(engine.positionsOf(acct).length != 0);
        settleAt(2200e18 + (price % 1600) * 1e18);
        vm.recordLogs();
        vm.prank(liquidator);
        engine.settleAccount(acct);
        assertEq(engine.positionsOf(acct).length, 0);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IPortfolioMarginEngine.BadDebtFromVault.selector, "written off");
            assertTrue(logs[i].topics[0] != IPortfolioMarginEngine.BadDebtFromInsurance.selector, "insurance paid");
        }
        // The only writer, and collateralised well enough to pay every short in full (the keeper buying a shortfall in
        // one asset with the other): the vaults' receivables are cleared, nothing written off.
        assertEq(market.receivableAssets(true), 0);
        assertEq(market.receivableAssets(false), 0);
        _assertBooksBalance(acct, 0);
    }

    function _assertBooksBalance(uint256 first, uint256 second) internal view {
        uint256 base = engine.insuranceAssets(true) + engine.marginOf(first, true).baseAssets;
        uint256 quote = engine.insuranceAssets(false) + engine.marginOf(first, true).quoteAssets;
        if (second != 0) {
            base += engine.marginOf(second, true).baseAssets;
            quote += engine.marginOf(second, true).quoteAssets;
        }
        assertEq(weth.balanceOf(address(engine)), base, "base books");
        assertEq(usdc.balanceOf(address(engine)), quote, "quote books");
    }
}
