// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {OptionValuation} from "./OptionValuation.sol";
import {SeriesId} from "./SeriesId.sol";
import {Svi} from "./Svi.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title OptionLegs
/// @notice A strategy's option legs valued through the market's public views, each function named for the side it
/// serves and the direction it rounds: a builder composing a product takes the long leg's value rounded down (an
/// asset never overstated) and the fair value of a leg rounded up (the premium floor's sold leg), and never chooses a
/// rounding flag. The payoffs themselves are `OptionValuation.payoffWadDown` (payouts, a long's value) and
/// `OptionValuation.payoffWadUp` (liabilities, marks).
/// @dev `internal view`: the functions read the market (`settledPrice`, `spotOracle`, `volatilityOracle`, `pricer`,
/// `rateWad`) and compute nothing themselves beyond the rounding; the arithmetic is `OptionValuation`'s. All values
/// are wad of the option's collateral per option (one option is on one whole base unit): base for a call, quote for
/// a put.
library OptionLegs {
    /// @dev 1.0 in wad.
    uint256 private constant WAD = 1e18;

    /// @notice One option of `id` at its fair value, rounded up: `market`'s pricer's mark at the spot oracle's price
    /// and the expiry's SVI smile, at the market's rate, with no inventory adjustment (no trade can move it). The value
    /// a premium floor starts from. Wad of collateral.
    /// @dev `id` must expire after `block.timestamp` (reverts on the underflow otherwise); reverts with the oracles'
    /// errors (no fresh spot, no smile for the expiry).
    function fairValueWadUp(IOptionMarket market, SeriesId id) internal view returns (uint256) {
        (uint256 spotWad,) = market.spotOracle().spot();
        return _markWadUp(market, id, spotWad, id.expiry() - block.timestamp);
    }

    /// @notice One long option of `id` at its value to its holder, rounded down: the settlement payoff once the
    /// expiry is settled (what `redeem` pays, before the token's rounding), else the pricer's mark on the expiry's
    /// smile less one wei (the mark rounds up by at most one wei) inside Black-Scholes' domain, and the intrinsic value
    /// at the spot outside it (as the market marks its vaults). Wad of collateral.
    /// @dev Reverts with the oracles' errors before settlement (no fresh spot; no smile inside the domain).
    function longValueWadDown(IOptionMarket market, SeriesId id) internal view returns (uint256) {
        uint256 expiry = id.expiry();
        uint256 settledWad = market.settledPrice(expiry);
        if (settledWad != 0) return OptionValuation.payoffWadDown(settledWad, id.strike(), id.isCall());
        (uint256 spotWad,) = market.spotOracle().spot();
        uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        if (!OptionValuation.inDomain(spotWad, id.strike(), timeSec)) {
            return OptionValuation.payoffWadDown(spotWad, id.strike(), id.isCall());
        }
        uint256 markWad = _markWadUp(market, id, spotWad, timeSec);
        // Unchecked: markWad is not 0 on the subtraction's branch.
        unchecked {
            return markWad == 0 ? 0 : markWad - 1;
        }
    }

    /// @notice `size` long options of `id` at `longValueWadDown` each, token units, rounded down.
    /// @param size Options, wad. @param scale 10^(18 − the collateral's decimals).
    function longValueAssetsDown(IOptionMarket market, SeriesId id, uint256 size, uint256 scale)
        internal
        view
        returns (uint256)
    {
        return FixedPointMathLib.mulDiv(size, longValueWadDown(market, id), WAD * scale);
    }

    /// @notice One short option of `id` at what it costs its writer, rounded up: the settlement payoff once the expiry
    /// is settled (what a margin engine charges the writer), else the pricer's mark on the expiry's smile (rounded up)
    /// inside Black-Scholes' domain, and the intrinsic value at the spot outside it. Wad of collateral. The mirror of
    /// `longValueWadDown`: a liability never understated.
    /// @dev Reverts with the oracles' errors before settlement (no fresh spot; no smile inside the domain).
    function shortValueWadUp(IOptionMarket market, SeriesId id) internal view returns (uint256) {
        uint256 expiry = id.expiry();
        uint256 settledWad = market.settledPrice(expiry);
        if (settledWad != 0) return OptionValuation.payoffWadUp(settledWad, id.strike(), id.isCall());
        (uint256 spotWad,) = market.spotOracle().spot();
        uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        if (!OptionValuation.inDomain(spotWad, id.strike(), timeSec)) {
            return OptionValuation.payoffWadUp(spotWad, id.strike(), id.isCall());
        }
        return _markWadUp(market, id, spotWad, timeSec);
    }

    /// @notice `size` short options of `id` at `shortValueWadUp` each, token units, rounded up.
    /// @param size Options, wad. @param scale 10^(18 − the collateral's decimals).
    function shortValueAssetsUp(IOptionMarket market, SeriesId id, uint256 size, uint256 scale)
        internal
        view
        returns (uint256)
    {
        return FixedPointMathLib.mulDivUp(size, shortValueWadUp(market, id), WAD * scale);
    }

    /// @dev The pricer's mark of one option of `id` at `spotWad`, `timeSec` before expiry, on the expiry's smile at the
    /// market's rate, wad of collateral, rounded up. A frame of its own keeps the call's arguments off the callers'
    /// stack (the library compiles without via-IR).
    function _markWadUp(IOptionMarket market, SeriesId id, uint256 spotWad, uint256 timeSec)
        private
        view
        returns (uint256)
    {
        (Svi.Params memory smile,) = market.volatilityOracle().smile(id.expiry());
        return market.pricer().mark(smile, spotWad, id.strike(), timeSec, market.rateWad(), id.isCall());
    }
}
