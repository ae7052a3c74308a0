// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IOptionWritingVault} from "../../contracts/interfaces/IOptionWritingVault.sol";
import {ISpreadVault} from "../../contracts/interfaces/ISpreadVault.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {OptionLegs} from "../../contracts/libraries/OptionLegs.sol";
import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {CallSpreadVault} from "../../contracts/strategies/CallSpreadVault.sol";
import {CoveredCallVault} from "../../contracts/strategies/CoveredCallVault.sol";
import {PutSpreadVault} from "../../contracts/strategies/PutSpreadVault.sol";
import {StrategyBase} from "./StrategyBase.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The composed bear call spread: a covered-call vault's shares (short calls at K1) and calls bought from the
/// market (long K2 = K1·(1 + w)), all in base, with no change to any core contract.
contract CallSpreadVaultTest is StrategyBase {
    CoveredCallVault internal shortLeg;
    CallSpreadVault internal spread;
    address internal attacker = makeAddr("attacker");

    function setUp() public override {
        super.setUp();
        address spreadAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        shortLeg = new CoveredCallVault(engine, strategyOwner, spreadAddress, strategyGuardian, 0.1e18, 7 days);
        spread = new CallSpreadVault(
            IOptionWritingVault(address(shortLeg)), strategyOwner, strategyKeeper, strategyGuardian, 0.05e18, 0.02e18
        );
        assertEq(address(spread), spreadAddress);
        address[2] memory users = [alice, bob];
        for (uint256 i; i < users.length; ++i) {
            vm.prank(users[i]);
            weth.approve(address(spread), type(uint256).max);
        }
    }

    /// @notice Four rounds ending above K2, between the strikes, at K1 and below K1: the NAV is the bear call spread's
    /// textbook value in base, nav + short premium − long premium − n·max(S_T − K1, 0)/S_T + m·max(S_T − K2, 0)/S_T
    /// (each payoff rounded as the engine and the market round it), to 4 wei; above K2 the loss is capped at
    /// n·(K2 − K1)/S_T less the net premium.
    function test_fourRoundsPayABearCallSpread() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        assertEq(spread.asset(), address(weth), "a call spread is in base");
        assertTrue(spread.isCall());
        assertEq(address(spread.shortVault()), address(shortLeg));
        for (uint256 i; i < 4; ++i) {
            uint256 nav = spread.totalAssets();
            _startRound();
            uint256 deposited = nav - nav * spread.hedgeBudgetWad() / 1e18;
            uint256 longPremium = nav - deposited - weth.balanceOf(address(spread));
            uint256 shortPremium = engine.marginOf(shortLeg.accountId()).collateralAssets - deposited;
            uint256 k1 = shortLeg.roundSeries().strike();
            uint256 k2 = spread.hedgeSeries().strike();
            uint256 shortSize = shortLeg.roundSize();
            uint256 longSize = spread.hedgeSize();
            assertEq(k2, StrategyMath.snapStrike(k1 * 105 / 100, true), "K2 = K1 * 1.05 snapped up");
            assertGt(k2, k1);
            assertTrue(spread.hedgeSeries().isCall());
            assertEq(spread.hedgeSeries().expiry(), shortLeg.roundSeries().expiry(), "same expiry");
            assertEq(longSize, shortSize, "the long leg matches the short (the spread holds every share)");
            assertGt(shortPremium, longPremium, "a credit spread");

            uint256[4] memory settles = [k2 + 500e18, (k1 + k2) / 2, k1, k1 - 800e18];
            uint256 settle = settles[i];
            settleRound(spread, settle);
            assertFalse(shortLeg.roundActive(), "the short leg was closed with the spread");
            assertEq(shortLeg.balanceOf(address(spread)), 0, "between rounds it holds only WETH");
            assertEq(spread.hedgeSize(), 0);
            // The engine charges each short call's payoff rounded up, the market pays each long call's rounded down.
            uint256 shortLoss =
                FixedPointMathLib.mulDivUp(shortSize, OptionValuation.payoffWadUp(settle, k1, true), 1e18);
            uint256 longGain = FixedPointMathLib.mulDiv(longSize, OptionValuation.payoffWadDown(settle, k2, true), 1e18);
            uint256 expected = nav + shortPremium + longGain - longPremium - shortLoss;
            assertApproxEqAbs(spread.totalAssets(), expected, 4, "bear call spread payoff");
            assertEq(weth.balanceOf(address(spread)), spread.totalAssets(), "all of it in WETH");
            if (settle > k2) {
                // Capped at n·(K2 − K1)/S_T, up to a wei per option of each payoff's rounding.
                uint256 maxLoss = FixedPointMathLib.mulDivUp(shortSize, k2 - k1, settle) + 2 * shortSize / 1e18;
                assertLe(nav + shortPremium, spread.totalAssets() + longPremium + maxLoss + 4, "loss capped");
                assertLt(spread.totalAssets(), nav, "a loss above K2");
            }
            if (settle <= k1) {
                assertGe(spread.totalAssets() + 4, nav + shortPremium - longPremium, "keeps the net premium");
            }
        }
    }

    /// @notice The long leg's value is rounded down to the wei the market pays: once settled between or above the
    /// strikes (a call's payoff (S − K)/S is inexact), the vault's mark of its long calls is what `redeem` pays, the
    /// payoff rounded down, never the rounded-up payoff of a liability.
    function test_longLegValue_isTheRedemptionRoundedDown() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        _startRound();
        SeriesId id = spread.hedgeSeries();
        uint256 size = spread.hedgeSize();
        uint256 expiry = id.expiry();
        vm.warp(expiry);
        uint256 settle = id.strike() + 333e18;
        uint80 roundId = feed.pushAnswer(int256(settle / 1e10), vm.getBlockTimestamp());
        settlementOracle.settle(expiry, roundId);
        market.settle(expiry);
        uint256 priceWad = market.settledPrice(expiry);
        uint256 down = OptionValuation.payoffWadDown(priceWad, id.strike(), true);
        assertLt(down, OptionValuation.payoffWadUp(priceWad, id.strike(), true), "an inexact call payoff");
        assertEq(OptionLegs.longValueWadDown(market, id), down, "the long leg marks the payout's rounding");
        uint256 valued = OptionLegs.longValueAssetsDown(market, id, size, 1);
        vm.prank(address(spread));
        uint256 paid = market.redeem(id, size, address(spread));
        assertEq(valued, paid, "valued at what redeem pays");
    }

    /// @notice Mid-round the long calls are marked at the pricer's value less one wei, below the market's own quote
    /// to sell them back.
    function test_longLegValue_midRoundIsBelowTheMark() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        _startRound();
        SeriesId id = spread.hedgeSeries();
        uint256 fair = OptionLegs.fairValueWadUp(market, id);
        assertEq(OptionLegs.longValueWadDown(market, id), fair - 1);
        assertLe(OptionLegs.longValueAssetsDown(market, id, spread.hedgeSize(), 1), spread.hedgeSize() * fair / 1e18);
    }

    /// @notice The long leg never costs more than the hedge budget: the keeper's round reverts instead.
    function test_startRound_capsTheHedgeCost() public {
        vm.prank(strategyOwner);
        spread.setHedgeBudget(0.0001e18);
        vm.prank(alice);
        spread.deposit(100e18, alice);
        ensureSmile(_nextExpiry());
        vm.expectPartialRevert(IOptionMarket.PremiumAboveMax.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice The floor applies to the net premium: at the tightest tolerance (1 % of the legs' gross value) the
    /// market's fees on both legs put the net below it and the round reverts; at the default it starts.
    function test_startRound_floorsTheNetPremium() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        ensureSmile(_nextExpiry());
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

    /// @notice The keeper's minimum is on the net premium too (the market's error, with the net offered).
    function test_startRound_keepersMinimumIsOnTheNetPremium() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        ensureSmile(_nextExpiry());
        vm.expectPartialRevert(IOptionMarket.PremiumBelowMin.selector);
        vm.prank(strategyKeeper);
        spread.startRound(100e18, vm.getBlockTimestamp());
    }

    /// @notice A spread too wide for the market's delta bounds (K2 = K1·1.15, |delta| about 0.04 < 0.05) reverts at
    /// the round start with the market's `DeltaOutOfBounds`, and nothing is opened: the short leg's round reverts with
    /// it. The SDK's `checkSpreadRound` reports it before the keeper sends the transaction.
    function test_startRound_longLegOutsideTheDeltaBoundsReverts() public {
        vm.prank(strategyOwner);
        spread.setSpreadWidth(0.15e18);
        vm.prank(alice);
        spread.deposit(100e18, alice);
        ensureSmile(_nextExpiry());
        vm.expectPartialRevert(IOptionMarket.DeltaOutOfBounds.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertFalse(spread.roundActive());
        assertFalse(shortLeg.roundActive());
        assertEq(weth.balanceOf(address(spread)), 100e18, "nothing left the vault");
    }

    /// @notice A spread too large for the market's call vault: the long leg would lock more than the utilisation cap
    /// (90 %) of the 1,000 WETH the LPs hold, and the round start reverts `UtilisationCapExceeded`.
    function test_startRound_longLegOverTheUtilisationCapReverts() public {
        vm.prank(alice);
        spread.deposit(950e18, alice);
        ensureSmile(_nextExpiry());
        vm.expectPartialRevert(IOptionMarket.UtilisationCapExceeded.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertEq(weth.balanceOf(address(spread)), 950e18, "nothing left the vault");
    }

    /// @notice The sandwich of the premium floor's finding on the spread: an attacker writes 10,000 calls of the round's
    /// short series first, so that the market's book is long vega and the spread's sale is cheap. The round start
    /// reverts `PremiumBelowFloor` (the short leg's own floor, or the spread's on the net) and the vault loses nothing;
    /// once the attacker unwinds, the round starts.
    function test_sandwich_onTheShortLegReverts() public {
        vm.prank(alice);
        spread.deposit(100e18, alice);
        uint256 expiry = _nextExpiry();
        ensureSmile(expiry);
        (uint256 spotWad,) = spotAdapter.spot();
        SeriesId shortId = SeriesIdLib.encode(expiry, StrategyMath.otmStrike(spotWad, 0.1e18, true), true);
        weth.mint(attacker, 10_000e18);
        vm.prank(attacker);
        weth.approve(address(engine), type(uint256).max);
        uint256 account = openAs(attacker, true, 10_000e18);
        writeAs(attacker, account, shortId, 10_000e18);
        vm.expectPartialRevert(IStrategyVault.PremiumBelowFloor.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertEq(weth.balanceOf(address(spread)), 100e18, "the vault lost nothing");
        vm.startPrank(attacker);
        engine.close(account, shortId, 10_000e18, type(uint256).max, vm.getBlockTimestamp());
        engine.withdraw(account, engine.marginOf(account).collateralAssets, attacker);
        vm.stopPrank();
        assertLt(weth.balanceOf(attacker), 10_000e18, "griefing cost the attacker");
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertTrue(spread.roundActive());
    }

    /// @notice Deposits and redemptions: plain ERC-4626 between rounds, the queue during one, processed at the close
    /// at the NAV the settlement leaves, and claimable pro rata.
    function test_queue_depositsAndRedemptionsAtTheBoundary() public {
        vm.prank(alice);
        uint256 aliceShares = spread.deposit(100e18, alice);
        _startRound();
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        vm.prank(bob);
        spread.deposit(1e18, bob);
        assertEq(spread.maxRedeem(alice), 0);
        vm.prank(bob);
        spread.requestDeposit(50e18, bob);
        vm.prank(alice);
        spread.requestRedeem(aliceShares / 2);
        uint256 k1 = shortLeg.roundSeries().strike();
        settleRound(spread, k1 - 100e18);
        (, uint256 assets) = spread.claim(alice);
        (uint256 shares,) = spread.claim(bob);
        assertEq(assets, spread.batches(1).redeemedAssets, "alice's redemption was the whole batch");
        assertApproxEqAbs(assets, spread.convertToAssets(aliceShares / 2), 2, "at the boundary NAV");
        assertGt(assets, 50e18, "an out-of-the-money round paid the net premium");
        assertEq(spread.balanceOf(bob), shares);
        vm.prank(bob);
        uint256 redeemed = spread.redeem(shares, bob, bob);
        assertApproxEqAbs(redeemed, 50e18, 2, "bob's deposit, entered at the boundary NAV, redeems at par");
    }

    /// @notice Only the spread starts the short leg's rounds: the short leg's keeper is the spread.
    function test_shortLeg_onlyTheSpreadStartsIt() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyKeeper.selector, strategyKeeper));
        vm.prank(strategyKeeper);
        shortLeg.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice Each product composes only its own type: a call spread over a put-selling vault, or a put spread over a
    /// covered-call vault, cannot be deployed.
    function test_constructor_rejectsTheOtherOptionType() public {
        vm.expectRevert(abi.encodeWithSelector(ISpreadVault.WrongOptionType.selector, false));
        new CallSpreadVault(
            IOptionWritingVault(address(psv)), strategyOwner, strategyKeeper, strategyGuardian, 0.05e18, 0
        );
        vm.expectRevert(abi.encodeWithSelector(ISpreadVault.WrongOptionType.selector, true));
        new PutSpreadVault(
            IOptionWritingVault(address(ccv)), strategyOwner, strategyKeeper, strategyGuardian, 0.05e18, 0
        );
    }

    function test_setters_inBounds() public {
        vm.startPrank(strategyOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.005e18, 0.01e18, 0.5e18)
        );
        spread.setSpreadWidth(0.005e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.11e18, 0, 0.1e18));
        spread.setHedgeBudget(0.11e18);
        vm.expectEmit(address(spread));
        emit ISpreadVault.SpreadWidthSet(0.1e18);
        spread.setSpreadWidth(0.1e18);
        spread.setHedgeBudget(0.05e18);
        vm.stopPrank();
        assertEq(spread.spreadWidthWad(), 0.1e18);
        assertEq(spread.hedgeBudgetWad(), 0.05e18);
    }

    function _nextExpiry() private view returns (uint256) {
        return StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days);
    }

    function _startRound() private {
        ensureSmile(_nextExpiry());
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
    }
}
