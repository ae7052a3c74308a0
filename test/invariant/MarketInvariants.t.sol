// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";
import {console} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Invariant spec of the market and its vaults. Each invariant names its docs/invariants.md property:
/// - INV-1 solvency: each vault holds at least the maximum payoff of every option it is short plus what it owes
///   holders of settled options, and its books equal the sum over its series.
/// - INV-2 path independence: a trade split in n pieces costs what it costs whole, ± 4 wei per piece.
/// - INV-3 no free round trip: buy then sell of the same size in one block never gains.
/// - INV-4 share price: another account's deposit or withdrawal never lowers (nav + 1)/(supply + 10^6).
/// - INV-5 settlement conservation: every payout is floor(size·payoff) and leaves the vault exactly; the reserve is
///   exactly ceil(openInterest·payoff) per settled series; nothing is paid before settlement.
contract MarketInvariantsTest is BaseTest {
    MarketHandler internal handler;

    function setUp() public override {
        super.setUp();
        // A two-day and a seven-day expiry: a run of 100 calls (about 9 warps of up to a day) trades both and
        // settles the first, often the second.
        uint256 shortExpiry = START + 2 days;
        address[] memory lps = new address[](2);
        lps[0] = lp;
        lps[1] = lp2;
        address[] memory traders = new address[](2);
        traders[0] = trader;
        traders[1] = trader2;
        address handlerAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.prank(governor);
        surface.setKeeper(handlerAddress, true);
        handler = new MarketHandler(
            MarketHandler.Contracts(market, callVault, putVault, weth, usdc, feed, settlementOracle, surface),
            lps,
            traders,
            [shortExpiry, EXPIRY]
        );
        for (uint256 i; i < 2; ++i) {
            vm.prank(lps[i]);
            callVault.deposit(200e18, lps[i]);
            vm.prank(lps[i]);
            putVault.deposit(600_000e6, lps[i]);
        }
        targetContract(address(handler));
    }

    /// @dev INV-1.
    function invariant_solvency() public view {
        _checkBooks(true, callVault);
        _checkBooks(false, putVault);
    }

    /// @dev INV-2.
    function invariant_splitTradeCostsTheSameAsWhole() public view {
        assertEq(handler.splitWorstExcess(), 0);
    }

    /// @dev INV-3.
    function invariant_noFreeRoundTrip() public view {
        assertFalse(handler.roundTripGained());
    }

    /// @dev INV-4.
    function invariant_othersDoNotMoveTheSharePrice() public view {
        assertFalse(handler.sharePriceFell());
    }

    /// @dev INV-5.
    function invariant_settlementConservation() public view {
        assertFalse(handler.payoffBeforeSettlement());
        assertFalse(handler.payoutMismatch());
        _checkReserve(true);
        _checkReserve(false);
    }

    /// @dev Shows the run exercised trading, settlement and redemption, not only early returns.
    function afterInvariant() public view virtual {
        console.log("buys", handler.callsBuy());
        console.log("settlements", handler.callsSettle());
        console.log("redemptions", handler.callsRedeem());
    }

    /// @dev Locked = Σ over live series of ceil(OI·maxPayoff); held ≥ locked + reserved.
    function _checkBooks(bool isCall, CollateralVault vault) private view {
        SeriesId[] memory live = market.liveSeries(isCall);
        uint256 scale = isCall ? 1 : 1e12;
        uint256 locked;
        for (uint256 i; i < live.length; ++i) {
            locked += FixedPointMathLib.mulDivUp(
                market.openInterest(live[i]), OptionValuation.maxPayoffWad(live[i].strike(), isCall), 1e18 * scale
            );
        }
        assertEq(market.lockedAssets(isCall), locked, "locked = sum of live series' maximum payoffs");
        uint256 held = assetOf(vault).balanceOf(address(vault));
        assertGe(held, locked + market.reservedAssets(isCall), "solvent");
    }

    /// @dev Reserved = Σ over settled series of ceil(OI·payoff), and covers every holder's floor(balance·payoff).
    function _checkReserve(bool isCall) private view {
        uint256 scale = isCall ? 1 : 1e12;
        uint256 reserve;
        uint256 owedToHolders;
        address[] memory holders = handler.holders();
        for (uint256 i; i < handler.seriesCount(); ++i) {
            SeriesId id = handler.series(i);
            if (id.isCall() != isCall) continue;
            uint256 priceWad = market.settledPrice(id.expiry());
            if (priceWad == 0) continue;
            uint256 payoff = OptionValuation.payoffWadDown(priceWad, id.strike(), isCall);
            reserve += FixedPointMathLib.mulDivUp(market.openInterest(id), payoff, 1e18 * scale);
            for (uint256 h; h < holders.length; ++h) {
                owedToHolders += FixedPointMathLib.mulDiv(
                    market.balanceOf(holders[h], SeriesId.unwrap(id)), payoff, 1e18 * scale
                );
            }
        }
        assertEq(market.reservedAssets(isCall), reserve, "reserve = sum of settled series' payoffs owed");
        assertGe(reserve, owedToHolders, "every holder can be paid");
    }
}
