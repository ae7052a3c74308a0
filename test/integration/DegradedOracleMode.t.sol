// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {ISpotOracleRouter} from "../../contracts/interfaces/ISpotOracleRouter.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {RealOracleMarginBase, RealOraclePortfolioBase} from "../utils/RealOracleMarginBase.sol";

/// @notice The oracle's degraded mode on the real stack (issue "LP fairness and crash liveness", finding 4): after a
/// genuine −10 % move the 30-minute TWAP lags the feed beyond the 2 % bound for about 24 minutes. Liquidations,
/// bad-debt resolution, sales to the vault and buy-backs go on at the end of the range conservative for the protocol;
/// buys, writes, withdrawals against margin and the vaults' NAV wait for the sources to agree again.
contract DegradedOracleModeTest is RealOracleMarginBase {
    SeriesId internal call3100;

    function setUp() public override {
        super.setUp();
        call3100 = callId(3100e18);
    }

    /// @notice While the sources agree the range is the strict spot, to the wei and the second.
    function test_normalMode_rangeIsTheSpot() public view {
        (uint256 spotWad, uint256 spotAt) = router.spot();
        (uint256 lowWad, uint256 highWad, uint256 updatedAt) = router.spotRange();
        assertEq(spotWad, 3000e18, "the feed's price");
        assertEq(lowWad, spotWad);
        assertEq(highWad, spotWad);
        assertEq(updatedAt, spotAt);
    }

    /// @notice The −10 % move: a put writer below maintenance is liquidated in the same block (with the mode off it
    /// reverts `PriceDeviationTooHigh`), at the low end of the range; what adds risk or moves the LPs' value waits;
    /// sales to the vault and buy-backs go on at the end where the option is worth least (sale) or most (buy-back).
    function test_tenPercentMove_liquidatesInTheSameBlockAndOnlyRiskReducingActionsGoOn() public {
        (uint256 acct, uint256 liq) = putWriterAndLiquidator();
        uint256 healthyWriter = openAs(trader2, false, 200_000e6);
        writeAs(trader2, healthyWriter, put2900, 2e18);
        buyAs(lp2, put2900, 2e18);
        buyAs(lp2, call3100, 2e18);

        crashTenPercent();
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        router.spot();
        (uint256 lowWad, uint256 highWad,) = router.spotRange();
        assertEq(lowWad, 2700e18, "the feed, already moved");
        assertApproxEqRel(highWad, 3000e18, 0.001e18, "the TWAP, not yet");

        // What adds risk or reads the NAV waits.
        _expectStrictRefusals(healthyWriter);

        // With the degraded mode off the liquidation is refused, as before.
        uint256 snapshot = vm.snapshotState();
        vm.prank(governor);
        router.setMaxDegradedDeviation(MAX_DEVIATION);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, put2900, 1e18, liq);
        vm.revertToState(snapshot);

        // A put account is valued at the low end: below maintenance there; healthy at the high end.
        _mockRange(highWad);
        assertGe(health(acct), 0, "at the TWAP it would look healthy");
        _mockRange(lowWad);
        assertLt(health(acct), 0, "at the feed it is below maintenance");
        snapshot = vm.snapshotState();
        vm.prank(liquidator);
        uint256 paidAtLow = engine.liquidate(acct, put2900, 1e18, liq);
        vm.revertToState(snapshot);
        vm.clearMockedCalls();

        int256 before = health(acct);
        vm.prank(liquidator);
        uint256 paid = engine.liquidate(acct, put2900, 1e18, liq);
        assertEq(paid, paidAtLow, "priced at the low end");
        assertGe(health(acct), before, "a step never lowers health");
        assertEq(engine.positionsOf(acct)[0].size, 4e18);

        // Sales to the vault: a put at the high end, a call at the low end (each worth least there).
        _expectSaleAt(put2900, highWad, lowWad);
        _expectSaleAt(call3100, lowWad, highWad);

        // A buy-back of a put at the low end (worth most there).
        uint256 premiumAtLow = _closeAt(healthyWriter, lowWad);
        assertLt(_closeAt(healthyWriter, highWad), premiumAtLow, "the other end would charge less");
        vm.prank(trader2);
        uint256 premium = engine.close(healthyWriter, put2900, 1e18, type(uint256).max, block.timestamp);
        assertEq(premium, premiumAtLow, "bought back at the low end");
    }

    /// @dev What closing 1 put of 2,900 of `acct` would cost with the range at the single price `priceWad`.
    function _closeAt(uint256 acct, uint256 priceWad) private returns (uint256 premium) {
        uint256 snapshot = vm.snapshotState();
        _mockRange(priceWad);
        (address owner,) = engine.accountInfo(acct);
        vm.prank(owner);
        premium = engine.close(acct, put2900, 1e18, type(uint256).max, block.timestamp);
        vm.clearMockedCalls();
        vm.revertToState(snapshot);
    }

    /// @notice An account the crash makes insolvent: after a first −20 % move the sources agree again (the account is
    /// left alone), then a further −10 % in one block. In the degraded mode `resolveBadDebt` cancels its shorts at the
    /// low end (the vault is paid their mark there); with the mode off it reverts `PriceDeviationTooHigh`.
    function test_resolveBadDebt_goesOnInDegradedMode() public {
        (uint256 acct,) = putWriterAndLiquidator();
        // −20 %: 1.0001^−2231 = 0.8000.
        realMove(-2231, 2400e18);
        skipFresh(TWAP_WINDOW + 1 minutes);
        router.spot();
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        assertGe(m.collateralAssets, m.markAssets, "solvent after the first move");

        // −28 % in all: 1.0001^−3285 = 0.7200.
        realMove(-3285, 2160e18);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        router.spot();
        m = engine.marginOf(acct);
        assertLt(m.collateralAssets, m.markAssets, "insolvent at the low end");

        uint256 snapshot = vm.snapshotState();
        vm.prank(governor);
        router.setMaxDegradedDeviation(MAX_DEVIATION);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        engine.resolveBadDebt(acct);
        vm.revertToState(snapshot);

        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        vm.expectEmit(true, true, false, false, address(engine));
        emit IMarginEngine.BadDebtFromVault(acct, false, 0);
        engine.resolveBadDebt(acct);
        assertEq(engine.positionsOf(acct).length, 0, "cancelled");
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + m.collateralAssets, "the vault got the collateral");
        assertEq(market.written(put2900), 0);
    }

    /// @notice Beyond `maxDegradedDeviationWad` nothing prices: liquidations, bad-debt resolution, sales and
    /// buy-backs refuse as the strict actions do.
    function test_beyondTheDegradedBound_everythingRefuses() public {
        (uint256 acct, uint256 liq) = putWriterAndLiquidator();
        buyAs(lp2, put2900, 1e18);
        vm.prank(governor);
        // The −10 % move puts the sources 11.1 % apart.
        router.setMaxDegradedDeviation(0.1e18);
        crashTenPercent();

        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        router.spotRange();
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, put2900, 1e18, liq);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        engine.resolveBadDebt(acct);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(lp2);
        market.sell(put2900, 1e18, 0, block.timestamp);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(trader);
        engine.close(acct, put2900, 1e18, type(uint256).max, block.timestamp);
        _expectStrictRefusals(acct);
    }

    /// @dev Buys, writes, withdrawals against margin and every vault entry or exit revert with the router's deviation
    /// error.
    function _expectStrictRefusals(uint256 marginAccount) private {
        (address owner,) = engine.accountInfo(marginAccount);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(lp2);
        market.buy(put2900, 1e18, type(uint256).max, block.timestamp);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        market.quoteBuy(put2900, 1e18);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(owner);
        engine.write(marginAccount, put2900, 1e18, 0, block.timestamp);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(owner);
        engine.withdraw(marginAccount, 1e6, owner);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(lp2);
        putVault.deposit(1000e6, lp2);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(lp);
        putVault.requestRedeem(1e6, lp, lp);
        // The vault's views do not revert: a lower bound of the NAV, and no entry or exit.
        assertEq(putVault.totalAssets(), usdc.balanceOf(address(putVault)) - market.lockedAssets(false));
        assertEq(putVault.maxDeposit(lp2), 0);
        assertEq(putVault.maxRedeem(lp), 0);
    }

    /// @dev A sale of 1 option of `id` pays exactly its quote at `worthLeastWad` (less than at `otherEndWad`).
    function _expectSaleAt(SeriesId id, uint256 worthLeastWad, uint256 otherEndWad) private {
        _mockRange(worthLeastWad);
        uint256 proceedsThere = market.quoteSell(id, 1e18);
        _mockRange(otherEndWad);
        assertGt(market.quoteSell(id, 1e18), proceedsThere, "the other end would pay more");
        vm.clearMockedCalls();
        assertEq(market.quoteSell(id, 1e18), proceedsThere, "the quote is the conservative one");
        vm.prank(lp2);
        assertEq(market.sell(id, 1e18, 0, block.timestamp), proceedsThere, "sold at the conservative end");
    }

    /// @dev Makes the router's range the single price `priceWad` (to price an action at one end).
    function _mockRange(uint256 priceWad) private {
        vm.mockCall(
            address(router), abi.encodeCall(ISpotOracle.spotRange, ()), abi.encode(priceWad, priceWad, block.timestamp)
        );
    }
}

/// @notice The portfolio engine in the degraded mode: a mixed book has no single conservative end of the range, so
/// risk-reducing checks take the worse health of the two ends; what adds risk waits.
contract PortfolioDegradedOracleModeTest is RealOraclePortfolioBase {
    function test_tenPercentMove_liquidatesAtTheWorseEndAndWritesWait() public {
        uint256 acct = openWith(trader, 0, 200_000e6);
        buyInto(trader, acct, putId(2700e18), 5e18);
        writeAs(trader, acct, putId(2900e18), 10e18);
        writeAs(trader, acct, callId(3200e18), 2e18);
        toInitialMargin(trader, acct);
        IPortfolioMarginEngine.AccountMargin memory calm = engine.marginOf(acct, true);
        assertEq(calm.spotWad, 3000e18, "one end while the sources agree");
        uint256 liq = openWith(liquidator, 0, 1_000_000e6);

        crashTenPercent();
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        router.spot();
        // Adding risk reads the strict spot: it waits.
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        writeAs(trader, acct, putId(2800e18), 1e18);
        vm.expectPartialRevert(ISpotOracleRouter.PriceDeviationTooHigh.selector);
        vm.prank(trader);
        engine.withdraw(acct, false, 1, trader);

        // The worse end for this book (short puts) is the low one, and its health there is below zero.
        (uint256 lowWad, uint256 highWad,) = router.spotRange();
        assertLt(lowWad, highWad);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, true);
        assertEq(m.spotWad, lowWad);
        int256 before = m.equityWad - int256(m.maintenanceMarginWad);
        assertLt(before, 0);

        SeriesId[] memory ids = new SeriesId[](2);
        (ids[0], ids[1]) = (putId(2700e18), putId(2900e18));
        uint256[] memory sizes = new uint256[](2);
        (sizes[0], sizes[1]) = (2.5e18, 5e18);
        vm.prank(liquidator);
        engine.liquidate(acct, liq, ids, sizes);
        m = engine.marginOf(acct, true);
        assertGt(m.equityWad - int256(m.maintenanceMarginWad), before, "health rose at the worse end");
    }
}
