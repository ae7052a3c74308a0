// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IOptionPricer} from "../../contracts/interfaces/IOptionPricer.sol";
import {ISettlementOracle} from "../../contracts/interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../../contracts/interfaces/IVolatilityOracle.sol";
import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {InventoryPotential} from "../../contracts/libraries/InventoryPotential.sol";
import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {OptionMarket} from "../../contracts/market/OptionMarket.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC6909} from "solady/tokens/ERC6909.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

contract OptionMarketTest is BaseTest {
    function setUp() public override {
        super.setUp();
        depositAs(lp, callVault, 1000e18);
        depositAs(lp, putVault, 3_000_000e6);
    }

    // ---------------------------------------------------------------- buy

    function test_buy_chargesTheDesignPremium() public {
        SeriesId id = callId(3000e18);
        uint256 size = 2e18;
        uint256 expected = _expectedBuyPremium(id, size);
        uint256 vaultBefore = weth.balanceOf(address(callVault));
        uint256 premium = buyAs(trader, id, size);
        assertEq(premium, expected, "premium");
        assertEq(weth.balanceOf(address(callVault)), vaultBefore + premium, "premium into the vault");
        assertEq(market.balanceOf(trader, SeriesId.unwrap(id)), size, "position");
        assertEq(market.openInterest(id), size, "open interest");
        assertEq(market.lockedAssets(true), 2e18, "a call locks one base");
        assertEq(market.liveSeries(true).length, 1);
        assertGt(market.inventory(true, EXPIRY), 0, "vault is short vega");
    }

    function test_buy_putLocksTheStrikeInQuote() public {
        SeriesId id = putId(2900e18);
        uint256 premium = buyAs(trader, id, 3e18);
        assertEq(market.lockedAssets(false), 8700e6);
        assertGt(premium, 0);
        assertLt(premium, 8700e6);
    }

    function test_buy_quoteEqualsPremium() public {
        SeriesId id = putId(2800e18);
        uint256 quoted = market.quoteBuy(id, 5e18);
        assertEq(buyAs(trader, id, 5e18), quoted);
    }

    function test_buy_inventoryRaisesTheNextPrice() public {
        SeriesId id = callId(3100e18);
        uint256 first = buyAs(trader, id, 50e18);
        uint256 second = buyAs(trader, id, 50e18);
        assertGt(second, first, "the vault's short vega makes the next option dearer");
    }

    function test_buy_revertsAfterDeadline() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.DeadlineExpired.selector, block.timestamp - 1));
        vm.prank(trader);
        market.buy(callId(3000e18), 1e18, type(uint256).max, block.timestamp - 1);
    }

    function test_buy_revertsOnZeroSize() public {
        vm.expectRevert(IOptionMarket.ZeroSize.selector);
        buyAs(trader, callId(3000e18), 0);
    }

    function test_buy_revertsOnSizeTooLarge() public {
        uint256 size = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.SizeTooLarge.selector, size));
        buyAs(trader, callId(3000e18), size);
    }

    function test_buy_revertsWhenOpenInterestOverflows() public {
        // The first buy is refused by the utilisation cap long before 2^128; check the field bound on its own.
        vm.store(address(market), _seriesSlot(callId(3000e18)), bytes32(uint256(type(uint128).max)));
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.SizeTooLarge.selector, uint256(type(uint128).max) + 1));
        buyAs(trader, callId(3000e18), 1);
    }

    function test_buy_revertsOnNonCanonicalId() public {
        SeriesId id = SeriesId.wrap(SeriesId.unwrap(callId(3000e18)) | 1 << 200);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.NonCanonicalSeries.selector, id));
        buyAs(trader, id, 1e18);
    }

    function test_buy_revertsOffTheExpiryGrid() public {
        SeriesId id = SeriesIdLib.encode(EXPIRY + 1 hours, 3000e18, true);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.ExpiryNotListed.selector, EXPIRY + 1 hours));
        buyAs(trader, id, 1e18);
    }

    function test_buy_revertsOffTheStrikeGrid() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.StrikeNotListed.selector, 3001e18));
        buyAs(trader, callId(3001e18), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.StrikeNotListed.selector, 1e11));
        buyAs(trader, callId(1e11), 1e18);
    }

    function test_buy_revertsOutsideTheTradingWindow() public {
        vm.warp(EXPIRY - 30 minutes);
        // A fresh price: the trade reads the spot (its end depends on the action) before the series' checks.
        setSpot(SPOT);
        vm.expectRevert(
            abi.encodeWithSelector(IOptionMarket.OutsideTradingWindow.selector, 30 minutes, 1 hours, 365 days)
        );
        buyAs(trader, callId(3000e18), 1e18);
    }

    function test_buy_revertsOnExpiredSeries() public {
        vm.warp(EXPIRY + 1);
        setSpot(SPOT);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OutsideTradingWindow.selector, 0, 1 hours, 365 days));
        buyAs(trader, callId(3000e18), 1e18);
    }

    function test_buy_revertsBeyondTheDeltaBounds() public {
        vm.expectPartialRevert(IOptionMarket.DeltaOutOfBounds.selector);
        buyAs(trader, callId(4500e18), 1e18);
    }

    function test_buy_revertsBeyondTheInventoryCap() public {
        vm.prank(governor);
        market.setSideParams(
            true, IOptionMarket.SideParams({vegaDepthWad: 1000e18, maxInventoryWad: 1e18, minFeePerOptionWad: 0})
        );
        vm.expectPartialRevert(IOptionMarket.InventoryCapExceeded.selector);
        buyAs(trader, callId(3000e18), 100e18);
    }

    function test_buy_revertsBeyondTheUtilisationCap() public {
        vm.expectPartialRevert(IOptionMarket.UtilisationCapExceeded.selector);
        buyAs(trader, callId(3000e18), 950e18);
    }

    function test_buy_revertsAboveMaxPremium() public {
        SeriesId id = callId(3000e18);
        uint256 quoted = market.quoteBuy(id, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.PremiumAboveMax.selector, quoted, quoted - 1));
        vm.prank(trader);
        market.buy(id, 1e18, quoted - 1, block.timestamp);
    }

    function test_buy_revertsOnStaleSmile() public {
        vm.warp(block.timestamp + SMILE_MAX_AGE + 1);
        setSpot(SPOT);
        vm.expectPartialRevert(IVolatilityOracle.StaleSmile.selector);
        buyAs(trader, callId(3000e18), 1e18);
    }

    function test_buy_revertsBeyondMaxLiveSeries() public {
        for (uint256 i; i < market.MAX_LIVE_SERIES(); ++i) {
            buyAs(trader, putId(2500e18 + i * 10e18), 0.01e18);
        }
        vm.expectRevert(IOptionMarket.TooManyLiveSeries.selector);
        buyAs(trader, putId(3500e18), 0.01e18);
    }

    // ---------------------------------------------------------------- sell

    function test_sell_burnsAndPaysProceeds() public {
        SeriesId id = callId(3000e18);
        buyAs(trader, id, 4e18);
        uint256 quoted = market.quoteSell(id, 1e18);
        uint256 before = weth.balanceOf(trader);
        uint256 proceeds = sellAs(trader, id, 1e18);
        assertEq(proceeds, quoted);
        assertEq(weth.balanceOf(trader), before + proceeds);
        assertEq(market.balanceOf(trader, SeriesId.unwrap(id)), 3e18);
        assertEq(market.lockedAssets(true), 3e18);
    }

    function test_sell_lastOptionLeavesTheLiveList() public {
        SeriesId a = callId(3000e18);
        SeriesId b = callId(3200e18);
        buyAs(trader, a, 1e18);
        buyAs(trader, b, 1e18);
        sellAs(trader, a, 1e18);
        SeriesId[] memory live = market.liveSeries(true);
        assertEq(live.length, 1);
        assertEq(SeriesId.unwrap(live[0]), SeriesId.unwrap(b));
        assertEq(market.lockedAssets(true), 1e18);
        sellAs(trader, b, 1e18);
        assertEq(market.liveSeries(true).length, 0);
        assertEq(market.lockedAssets(true), 0);
        assertEq(market.inventory(true, EXPIRY), 0, "E back where it started");
    }

    function test_sell_roundTripCostsTwoFees() public {
        SeriesId id = putId(2900e18);
        uint256 before = usdc.balanceOf(trader);
        buyAs(trader, id, 10e18);
        sellAs(trader, id, 10e18);
        assertLt(usdc.balanceOf(trader), before);
    }

    function test_sell_revertsBelowMinPremium() public {
        SeriesId id = callId(3000e18);
        buyAs(trader, id, 1e18);
        uint256 quoted = market.quoteSell(id, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.PremiumBelowMin.selector, quoted, quoted + 1));
        vm.prank(trader);
        market.sell(id, 1e18, quoted + 1, block.timestamp);
    }

    function test_sell_revertsWithoutPosition() public {
        buyAs(trader, callId(3000e18), 1e18);
        vm.expectRevert(ERC6909.InsufficientBalance.selector);
        sellAs(trader2, callId(3000e18), 1e18);
    }

    function test_sell_revertsAfterDeadline() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.DeadlineExpired.selector, block.timestamp - 1));
        vm.prank(trader);
        market.sell(callId(3000e18), 1e18, 0, block.timestamp - 1);
    }

    function testFuzz_sellNeverPaysMoreThanTheBuyCost(uint256 size, uint256 strikeIndex, bool isCall) public {
        size = bound(size, 1, 200e18);
        uint256 strikeWad = 2700e18 + bound(strikeIndex, 0, 6) * 100e18;
        SeriesId id = SeriesIdLib.encode(EXPIRY, strikeWad, isCall);
        uint256 paid = buyAs(trader, id, size);
        uint256 received = sellAs(trader, id, size);
        assertLe(received, paid, "no free round trip");
    }

    function testFuzz_splitTradeCostsTheSameAsWhole(uint256 size, uint256 pieces, bool isCall) public {
        size = bound(size, 1e15, 100e18);
        pieces = bound(pieces, 2, 8);
        SeriesId id = SeriesIdLib.encode(EXPIRY, 3000e18, isCall);
        // Fee floor per option scales linearly; the fee share and vega fee are linear too; only rounding differs.
        uint256 snapshot = vm.snapshotState();
        uint256 whole = buyAs(trader, id, size);
        vm.revertToState(snapshot);
        uint256 split;
        uint256 piece = size / pieces;
        for (uint256 i; i < pieces; ++i) {
            split += buyAs(trader, id, i == pieces - 1 ? size - piece * (pieces - 1) : piece);
        }
        // Each piece rounds by at most a wei in each of: the premium to units, q·P, the fee share, the vega fee and
        // the vega step (Φ telescopes exactly): within 4 wei per piece in an 18-decimal asset.
        assertApproxEqAbs(split, whole, 4 * pieces, "split within rounding of whole");
        assertGe(split + pieces, whole, "splitting never saves more than rounding");
    }

    // ---------------------------------------------------------------- settle and redeem

    function test_settle_releasesLocksAndReservesPayoffs() public {
        buyAs(trader, callId(3000e18), 2e18);
        buyAs(trader, putId(2900e18), 3e18);
        skipFresh(1 hours);
        settleAt(3300e18);
        assertEq(market.settledPrice(EXPIRY), 3300e18);
        assertEq(market.lockedAssets(true), 0);
        assertEq(market.lockedAssets(false), 0);
        // Call: 2 options of floor((3300−3000)/3300) base each, reserved rounded up. Put: out of the money.
        uint256 payoff = OptionValuation.payoffWadDown(3300e18, 3000e18, true);
        assertEq(payoff, FixedPointMathLib.mulDiv(300e18, 1e18, 3300e18));
        assertEq(market.reservedAssets(true), FixedPointMathLib.mulDivUp(2e18, payoff, 1e18));
        assertEq(market.reservedAssets(false), 0);
        assertEq(market.liveSeries(true).length, 0);
    }

    function test_settle_revertsBeforeExpiry() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.ExpiryNotReached.selector, EXPIRY));
        market.settle(EXPIRY);
    }

    function test_settle_revertsBeforeTheOracleFixesThePrice() public {
        vm.warp(EXPIRY);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.NotSettled.selector, EXPIRY));
        market.settle(EXPIRY);
    }

    function test_settle_revertsTwice() public {
        settleAt(3000e18);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.ExpiryAlreadySettled.selector, EXPIRY));
        market.settle(EXPIRY);
    }

    function test_redeem_paysTheCallPayoffInBase() public {
        SeriesId id = callId(3000e18);
        buyAs(trader, id, 2e18);
        settleAt(3300e18);
        uint256 before = weth.balanceOf(trader2);
        vm.prank(trader);
        uint256 paid = market.redeem(id, 2e18, trader2);
        assertEq(paid, FixedPointMathLib.mulDiv(2e18, 300e18, 3300e18));
        assertEq(weth.balanceOf(trader2), before + paid);
        assertEq(market.reservedAssets(true), 0, "last redemption releases the rounding residue");
        assertEq(market.openInterest(id), 0);
    }

    function test_redeem_paysThePutPayoffInQuote() public {
        SeriesId id = putId(2900e18);
        buyAs(trader, id, 3e18);
        settleAt(2500e18);
        vm.prank(trader);
        uint256 paid = market.redeem(id, 1e18, trader);
        assertEq(paid, 400e6);
        assertEq(market.reservedAssets(false), 800e6);
    }

    function test_redeem_outOfTheMoneyPaysNothing() public {
        SeriesId id = putId(2900e18);
        buyAs(trader, id, 3e18);
        settleAt(3500e18);
        vm.prank(trader);
        assertEq(market.redeem(id, 3e18, trader), 0);
        assertEq(market.balanceOf(trader, SeriesId.unwrap(id)), 0);
    }

    function test_redeem_revertsBeforeSettlement() public {
        SeriesId id = callId(3000e18);
        buyAs(trader, id, 1e18);
        vm.warp(EXPIRY + 1);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.ExpiryNotSettled.selector, EXPIRY));
        vm.prank(trader);
        market.redeem(id, 1e18, trader);
    }

    function test_redeem_revertsOnZeroSize() public {
        vm.expectRevert(IOptionMarket.ZeroSize.selector);
        market.redeem(callId(3000e18), 0, trader);
    }

    function testFuzz_settlementConservesPayoffs(uint256 a, uint256 b, uint256 c, uint256 priceWad) public {
        a = bound(a, 1, 50e18);
        b = bound(b, 1, 50e18);
        c = bound(c, 1, 50e18);
        priceWad = bound(priceWad, 1000e18, 6000e18);
        SeriesId id = callId(2900e18);
        buyAs(trader, id, a);
        buyAs(trader2, id, b);
        buyAs(lp2, id, c);
        settleAt(priceWad);
        uint256 payoff = OptionValuation.payoffWadDown(market.settledPrice(EXPIRY), 2900e18, true);
        uint256 vaultBefore = weth.balanceOf(address(callVault));
        uint256 paid;
        address[3] memory holders = [trader, trader2, lp2];
        uint256[3] memory sizes = [a, b, c];
        for (uint256 i; i < 3; ++i) {
            vm.prank(holders[i]);
            uint256 got = market.redeem(id, sizes[i], holders[i]);
            assertEq(got, FixedPointMathLib.mulDiv(sizes[i], payoff, 1e18), "each holder gets floor(size*payoff)");
            paid += got;
        }
        assertEq(vaultBefore - weth.balanceOf(address(callVault)), paid, "vault paid exactly what holders got");
        assertEq(market.reservedAssets(true), 0, "nothing owed remains");
    }

    // ---------------------------------------------------------------- liabilities

    function test_liabilities_emptyBookReadsNoOracle() public {
        vm.warp(block.timestamp + 30 days);
        (uint256 mark, uint256 encumbered, uint256 longs) = market.liabilities(address(callVault));
        assertEq(mark, 0);
        assertEq(encumbered, 0);
        assertEq(longs, 0);
    }

    function test_liabilities_markIsBelowTheLock() public {
        buyAs(trader, callId(3000e18), 10e18);
        (uint256 mark, uint256 encumbered,) = market.liabilities(address(callVault));
        assertEq(encumbered, 10e18);
        assertGt(mark, 0);
        assertLt(mark, 10e18);
    }

    function test_liabilities_marksIntrinsicAfterExpiry() public {
        buyAs(trader, putId(2900e18), 2e18);
        vm.warp(EXPIRY + 1);
        setSpot(2800e18);
        (uint256 mark,,) = market.liabilities(address(putVault));
        assertEq(mark, 200e6);
    }

    function test_liabilities_revertsForUnknownVault() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.UnknownVault.selector, address(this)));
        market.liabilities(address(this));
    }

    // ---------------------------------------------------------------- governance and construction

    function test_setRiskParams_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        market.setRiskParams(defaultRisk());
    }

    function test_setRiskParams_revertsOutOfBounds() public {
        IOptionMarket.RiskParams memory risk = defaultRisk();
        risk.feeShareWad = 0.06e18;
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.06e18, 0, 0.05e18));
        vm.prank(governor);
        market.setRiskParams(risk);
    }

    function test_setRiskParams_emitsAndStores() public {
        IOptionMarket.RiskParams memory risk = defaultRisk();
        risk.rateWad = 0.05e18;
        vm.expectEmit(address(market));
        emit IOptionMarket.RiskParamsSet(risk);
        vm.prank(governor);
        market.setRiskParams(risk);
        assertEq(market.riskParams().rateWad, 0.05e18);
    }

    function test_setSideParams_revertsWhenTheCapExceedsHalfTheDepth() public {
        IOptionMarket.SideParams memory side = defaultCallSide();
        side.maxInventoryWad = 501e18;
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 501e18, 0, 500e18));
        vm.prank(governor);
        market.setSideParams(true, side);
    }

    function test_constructor_revertsOnForeignVault() public {
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.VaultMismatch.selector, address(callVault)));
        new OptionMarket(
            governor,
            ICollateralVault(address(callVault)),
            ICollateralVault(address(putVault)),
            ISpotOracle(address(spotAdapter)),
            IVolatilityOracle(address(surface)),
            ISettlementOracle(address(settlementOracle)),
            IOptionPricer(address(pricer)),
            defaultRisk(),
            defaultCallSide(),
            defaultPutSide()
        );
    }

    function test_positionMetadata() public view {
        assertEq(market.name(1), "Smile option");
        assertEq(market.symbol(1), "SMILE-OPT");
        assertEq(market.tokenURI(1), "");
        assertEq(market.decimals(1), 18);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The docs/math.md premium recomputed from the libraries: q·P + Φ(E') − Φ(E) + fee, rounded up to units.
    function _expectedBuyPremium(SeriesId id, uint256 size) private view returns (uint256) {
        OptionValuation.Quote memory q = _quoteNow(id);
        IOptionMarket.SideParams memory side = market.sideParams(id.isCall());
        IOptionMarket.RiskParams memory risk = market.riskParams();
        uint256 vega = FixedPointMathLib.mulWad(size, q.vegaWad);
        int256 e0 = market.inventory(id.isCall(), EXPIRY);
        uint256 value = FixedPointMathLib.mulWadUp(size, q.valueWad);
        uint256 fee = FixedPointMathLib.max(
            FixedPointMathLib.mulWadUp(value, risk.feeShareWad) + FixedPointMathLib.mulWadUp(vega, risk.vegaFeeWad),
            FixedPointMathLib.mulWadUp(size, side.minFeePerOptionWad)
        );
        int256 charge = InventoryPotential.charge(e0, e0 + int256(vega), side.vegaDepthWad);
        uint256 scale = id.isCall() ? 1 : 1e12;
        return FixedPointMathLib.divUp(uint256(int256(value) + charge) + fee, scale);
    }

    /// @dev Value and vega of one option of `id` now in its collateral (buy rounding), from Black-Scholes' Greeks at
    /// the oracles' spot and the smile's vol: a call's quote price C is C/S base, rounded up, at most one.
    function _quoteNow(SeriesId id) private view returns (OptionValuation.Quote memory q) {
        (uint256 spotWad, uint256 vol) = _volNow(id);
        BlackScholes.Greeks memory g = this.greeksAt(spotWad, id.strike(), EXPIRY - block.timestamp, vol, id.isCall());
        q.valueWad =
            id.isCall() ? FixedPointMathLib.min(FixedPointMathLib.mulDivUp(g.price, 1e18, spotWad), 1e18) : g.price;
        q.vegaWad = id.isCall() ? g.vega * 1e18 / spotWad : g.vega;
    }

    /// @dev External, so that Black-Scholes runs in its own frame (inlined into `_quoteNow` it is too deep).
    function greeksAt(uint256 spotWad, uint256 strikeWad, uint256 timeSec, uint256 vol, bool isCall)
        external
        pure
        returns (BlackScholes.Greeks memory)
    {
        return BlackScholes.greeks(spotWad, strikeWad, timeSec, vol, 0, isCall);
    }

    function _volNow(SeriesId id) private view returns (uint256 spotWad, uint256 vol) {
        (spotWad,) = spotAdapter.spot();
        (Svi.Params memory smile,) = surface.smile(EXPIRY);
        vol = OptionValuation.volatility(smile, spotWad, id.strike(), EXPIRY - block.timestamp, 0);
    }

    /// @dev Storage slot of `_series[id]`: the mapping sits at slot 14 (`forge inspect OptionMarket storageLayout`).
    function _seriesSlot(SeriesId id) private pure returns (bytes32) {
        return keccak256(abi.encode(SeriesId.unwrap(id), uint256(14)));
    }
}
