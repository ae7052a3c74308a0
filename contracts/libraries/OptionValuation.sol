// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "./BlackScholes.sol";
import {PreciseMath} from "./PreciseMath.sol";
import {Svi} from "./Svi.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title OptionValuation
/// @notice Value, vega and payoff of one option in its collateral asset (docs/architecture.md "Collateral"): a call is
/// collateralised in base and worth C/S base, a put in quote and worth P quote. One place for each formula.
/// @dev All amounts wad of collateral per option (one option is on one whole base unit). The volatility is the SVI
/// smile's at k = ln(K/F), F = S·e^{rT}, clamped into Black-Scholes' domain [MIN_VOL, MAX_VOL]: a validated smile
/// never goes below MIN_VOL at its vertex, and the clamp above only touches far wings that the market's delta bounds
/// keep out of trading; the NAV then marks them at 500 % vol, never at an error.
library OptionValuation {
    /// @dev 1.0 in wad.
    uint256 internal constant WAD = 1e18;
    /// @dev 1.0 in `PreciseMath`'s 1e27 fixed point, and the factor from wad to it.
    uint256 private constant ONE_27 = 1e27;
    int256 private constant WAD_TO_ONE_27 = 1e9;

    /// @notice Black-Scholes value and Greeks of one option in its collateral.
    /// @param valueWad Premium per option, wad of collateral. @param vegaWad dValue/dVol per 1.0 of vol, wad of
    /// collateral. @param deltaWad dPrice/dSpot of the quote-denominated price (call [0,1], put [-1,0]).
    struct Quote {
        uint256 valueWad;
        uint256 vegaWad;
        int256 deltaWad;
    }

    /// @notice The most an option can pay: 1 base for a call, K quote for a put. Wad of collateral per option.
    function maxPayoffWad(uint256 strikeWad, bool isCall) internal pure returns (uint256) {
        return isCall ? WAD : strikeWad;
    }

    /// @notice Payoff at price `priceWad`, rounded up: max(S−K, 0)/S base for a call (its division rounded up),
    /// max(K−S, 0) quote for a put (exact). For a liability or a mark (never understated). Wad of collateral per
    /// option.
    function payoffWadUp(uint256 priceWad, uint256 strikeWad, bool isCall) internal pure returns (uint256) {
        if (isCall) {
            if (!(priceWad > strikeWad)) return 0;
            // Unchecked: priceWad > strikeWad.
            unchecked {
                return FixedPointMathLib.mulDivUp(priceWad - strikeWad, WAD, priceWad);
            }
        }
        return _putPayoffWad(priceWad, strikeWad);
    }

    /// @notice Payoff at price `priceWad`, rounded down: max(S−K, 0)/S base for a call (its division rounded down),
    /// max(K−S, 0) quote for a put (exact). For a payout or a long's value (never overstated). Wad of collateral per
    /// option.
    function payoffWadDown(uint256 priceWad, uint256 strikeWad, bool isCall) internal pure returns (uint256) {
        if (isCall) {
            if (!(priceWad > strikeWad)) return 0;
            // Unchecked: priceWad > strikeWad.
            unchecked {
                return FixedPointMathLib.mulDiv(priceWad - strikeWad, WAD, priceWad);
            }
        }
        return _putPayoffWad(priceWad, strikeWad);
    }

    /// @notice Value of one option for the vault's mark, wad of collateral, rounded up (liabilities never
    /// understated). Outside Black-Scholes' domain (under a minute to expiry, or spot/strike beyond 5) the option is
    /// marked at its intrinsic value, which is its value to within the time value the domain cuts off.
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad. @param strikeWad Strike, wad.
    /// @param timeSec Seconds to expiry (0 after expiry). @param rateWad Rate, wad per year. @param isCall Call?
    function markWad(
        Svi.Params memory smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) internal pure returns (uint256) {
        if (!inDomain(spotWad, strikeWad, timeSec)) return payoffWadUp(spotWad, strikeWad, isCall);
        uint256 vol = volatility(smile, spotWad, strikeWad, timeSec, rateWad);
        return _toCollateralUp(BlackScholes.price(spotWad, strikeWad, timeSec, vol, rateWad, isCall), spotWad, isCall);
    }

    /// @notice `markWad` of each of `strikesWad`, all of one expiry and one type, to the wei: sqrt(T) and e^(−rT) are
    /// computed once for all of them, and ln(K/S) once per strike for both the smile and Black-Scholes.
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad. @param strikesWad Strikes, wad.
    /// @param timeSec Seconds to expiry (0 after expiry). @param rateWad Rate, wad per year. @param isCall Calls?
    /// @return valuesWad Wad of collateral per option, rounded up, one per strike in order.
    function marksWad(
        Svi.Params memory smile,
        uint256 spotWad,
        uint256[] memory strikesWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) internal pure returns (uint256[] memory valuesWad) {
        uint256 count = strikesWad.length;
        valuesWad = new uint256[](count);
        BlackScholes.ExpiryTerms memory terms;
        bool haveTerms;
        for (uint256 i; i < count; ++i) {
            uint256 strikeWad = strikesWad[i];
            if (!inDomain(spotWad, strikeWad, timeSec)) {
                valuesWad[i] = payoffWadUp(spotWad, strikeWad, isCall);
                continue;
            }
            if (!haveTerms) {
                terms = BlackScholes.expiryTerms(timeSec, rateWad);
                haveTerms = true;
            }
            valuesWad[i] = _markInDomain(terms, smile, spotWad, strikeWad, timeSec, rateWad, isCall);
        }
    }

    /// @notice `markWad` of one option of the expiry of `terms`, to the wei: for a caller pricing many strikes, spots
    /// or smiles of one expiry (a portfolio margin check), which computes the terms once for all of them. ln(K/S) is
    /// taken once for both the smile and Black-Scholes. Outside Black-Scholes' domain the option's payoff, rounded up,
    /// as `markWad`.
    /// @param terms `BlackScholes.expiryTerms(timeSec, rateWad)` of the expiry (time and rate are read from it).
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad. @param strikeWad Strike, wad.
    /// @param isCall Call?
    /// @return Wad of collateral per option, rounded up.
    function markInExpiryWad(
        BlackScholes.ExpiryTerms memory terms,
        Svi.Params memory smile,
        uint256 spotWad,
        uint256 strikeWad,
        bool isCall
    ) internal pure returns (uint256) {
        if (!inDomain(spotWad, strikeWad, terms.timeSec)) {
            return payoffWadUp(spotWad, strikeWad, isCall);
        }
        return _markInDomain(terms, smile, spotWad, strikeWad, terms.timeSec, terms.rate, isCall);
    }

    /// @notice `markWad` of one option in two states, each to the wei what `markWad` returns for it: on `smile` at
    /// `spotWad`, and on `shockedSmile` at `shockedSpotWad` (a margin check's now and worst corner). sqrt(T) and
    /// e^(−rT) are computed once for both.
    /// @return valueWad On `smile` at `spotWad`. @return shockedWad On `shockedSmile` at `shockedSpotWad`.
    function markPairWad(
        Svi.Params memory smile,
        Svi.Params memory shockedSmile,
        uint256 spotWad,
        uint256 shockedSpotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) internal pure returns (uint256 valueWad, uint256 shockedWad) {
        bool nowInDomain = inDomain(spotWad, strikeWad, timeSec);
        bool shockedInDomain = inDomain(shockedSpotWad, strikeWad, timeSec);
        BlackScholes.ExpiryTerms memory terms;
        if (nowInDomain || shockedInDomain) terms = BlackScholes.expiryTerms(timeSec, rateWad);
        valueWad = nowInDomain
            ? _markInDomain(terms, smile, spotWad, strikeWad, timeSec, rateWad, isCall)
            : payoffWadUp(spotWad, strikeWad, isCall);
        shockedWad = shockedInDomain
            ? _markInDomain(terms, shockedSmile, shockedSpotWad, strikeWad, timeSec, rateWad, isCall)
            : payoffWadUp(shockedSpotWad, strikeWad, isCall);
    }

    /// @notice Value, vega and delta of one option for a trade, wad of collateral. The value rounds up when the
    /// trader buys and down when the trader sells; vega and delta round toward zero.
    /// @dev Reverts with Black-Scholes' domain errors outside its domain: no trade is priced outside it.
    function quote(
        Svi.Params memory smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall,
        bool roundUp
    ) internal pure returns (Quote memory q) {
        // Outside the domain the smile is not read (ln(K/S) is taken on the domain's moneyness only) and Black-Scholes
        // reverts with the input at fault, whatever the volatility passed.
        uint256 vol = inDomain(spotWad, strikeWad, timeSec)
            ? volatility(smile, spotWad, strikeWad, timeSec, rateWad)
            : BlackScholes.MIN_VOL;
        return _quoteAtVol(spotWad, strikeWad, timeSec, vol, rateWad, isCall, roundUp);
    }

    /// @notice SVI volatility at k = ln(K/S) − r·T, clamped into [MIN_VOL, MAX_VOL], wad.
    /// @dev ln(K/S) is `PreciseMath.ln` of K/S in 1e27 truncated toward zero to wad, the same operations as the SDK's
    /// bigint mirror, so that the SDK's quote equals the chain's to the wei (docs/invariants.md, 7). Defined for
    /// K/S in [1/8, 8), which holds wherever `inDomain` does; reverts `PreciseMath.LnOutOfRange` beyond.
    function volatility(Svi.Params memory smile, uint256 spotWad, uint256 strikeWad, uint256 timeSec, uint256 rateWad)
        internal
        pure
        returns (uint256 vol)
    {
        int256 lnRatio = PreciseMath.ln(FixedPointMathLib.mulDiv(strikeWad, ONE_27, spotWad));
        return _volatilityAt(smile, lnRatio, timeSec, rateWad);
    }

    /// @dev `volatility` given ln(K/S) in 1e27 (`PreciseMath.ln` of K/S in 1e27, rounded down).
    function _volatilityAt(Svi.Params memory smile, int256 lnRatio, uint256 timeSec, uint256 rateWad)
        private
        pure
        returns (uint256 vol)
    {
        int256 k = lnRatio / WAD_TO_ONE_27 - int256(rateWad * timeSec / BlackScholes.YEAR);
        vol = Svi.impliedVol(smile, k, timeSec);
        if (vol < BlackScholes.MIN_VOL) vol = BlackScholes.MIN_VOL;
        else if (vol > BlackScholes.MAX_VOL) vol = BlackScholes.MAX_VOL;
    }

    /// @notice Whether Black-Scholes prices (spot, strike, time): time at least a minute, spot/strike within
    /// [1/5, 5] and both prices inside its range. Time is never above the market's maximum, below 5 years.
    function inDomain(uint256 spotWad, uint256 strikeWad, uint256 timeSec) internal pure returns (bool) {
        return !(timeSec < BlackScholes.MIN_TIME_SEC || spotWad < BlackScholes.MIN_PRICE
                || spotWad > BlackScholes.MAX_PRICE || spotWad > BlackScholes.MAX_MONEYNESS * strikeWad
                || strikeWad > BlackScholes.MAX_MONEYNESS * spotWad);
    }

    /// @dev `quote` at a given volatility (a separate frame keeps the Black-Scholes inputs off the caller's stack).
    function _quoteAtVol(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 vol,
        uint256 rateWad,
        bool isCall,
        bool roundUp
    ) private pure returns (Quote memory q) {
        BlackScholes.Greeks memory g = BlackScholes.greeks(spotWad, strikeWad, timeSec, vol, rateWad, isCall);
        q.deltaWad = g.delta;
        if (isCall) {
            q.valueWad = roundUp ? _toCollateralUp(g.price, spotWad, true) : g.price * WAD / spotWad;
            q.vegaWad = g.vega * WAD / spotWad;
        } else {
            q.valueWad = g.price;
            q.vegaWad = g.vega;
        }
    }

    /// @dev `markWad` of an option inside Black-Scholes' domain, given its expiry's `terms`: ln(K/S) once for both the
    /// smile and Black-Scholes.
    function _markInDomain(
        BlackScholes.ExpiryTerms memory terms,
        Svi.Params memory smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) private pure returns (uint256) {
        uint256 ratio = FixedPointMathLib.mulDiv(strikeWad, ONE_27, spotWad);
        int256 lnRatio = PreciseMath.ln(ratio);
        uint256 vol = _volatilityAt(smile, lnRatio, timeSec, rateWad);
        return _toCollateralUp(
            BlackScholes.priceInExpiry(terms, spotWad, strikeWad, ratio, lnRatio, vol, isCall), spotWad, isCall
        );
    }

    /// @dev A put's payoff max(K−S, 0), wad of quote: exact.
    function _putPayoffWad(uint256 priceWad, uint256 strikeWad) private pure returns (uint256) {
        // Unchecked: the subtraction runs only when strikeWad > priceWad.
        unchecked {
            return strikeWad > priceWad ? strikeWad - priceWad : 0;
        }
    }

    /// @dev A call's quote-denominated price as base: C/S rounded up, at most 1 base. A put's is already quote.
    function _toCollateralUp(uint256 priceWad, uint256 spotWad, bool isCall) private pure returns (uint256) {
        if (!isCall) return priceWad;
        return FixedPointMathLib.min(FixedPointMathLib.mulDivUp(priceWad, WAD, spotWad), WAD);
    }
}
