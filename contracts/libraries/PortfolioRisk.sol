// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "./BlackScholes.sol";
import {OptionValuation} from "./OptionValuation.sol";
import {ParameterBounds} from "./ParameterBounds.sol";
import {Svi} from "./Svi.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title PortfolioRisk
/// @notice Portfolio margin of one account (contracts/margin/PORTFOLIO.md): long and short options of any series,
/// calls and puts of several expiries, and collateral in base and quote, all valued in quote. IM is the worst loss of
/// the whole portfolio over the box [S·(1−x), S·(1+x)] × [σ·(1−y), σ·(1+y)] plus a floor per short; MM = m·IM.
/// @dev Units: amounts and prices wad (quote per base for prices, quote for values, base or quote for collateral),
/// time in seconds, shocks and haircuts wad fractions. Options are revalued with `OptionValuation.markWad`
/// (Black-Scholes on the SVI smile, sticky in moneyness), through `markInExpiryWad` (the same mark to the wei, on each
/// expiry's terms computed once): nothing is re-derived here.
///
/// The bound (PORTFOLIO.md "Why the grid covers the box"): with an arbitrage-free smile every option's quote value is
/// nondecreasing in the vol scale λ and convex in spot with slope in [0, 1] (call) or [−1, 0] (put). So at any point
/// of the box the portfolio is worth at least its "decoupled" value D(S) (shorts on the smile scaled by 1 + y, longs on
/// the smile scaled by 1 − y), and on each interval [S_i, S_{i+1}] of the spot grid D is at least
/// min(D(S_i), D(S_{i+1})) less the longs' chord gaps: a convex f with slope in [0, 1] and chord slope s on an interval
/// of width h lies at most h·s·(1 − s) below its chord. Independently, for each expiry whose net call position is not
/// short, its options are worth at least the minimum of their payoff (if negative): the loss is also capped by that,
/// which keeps a spread's IM at most its maximum loss.
library PortfolioRisk {
    /// @notice One position: `sizeWad` options (wad; > 0 long, < 0 short) of the series (its expiry, `strikeWad`,
    /// `isCall`).
    struct Leg {
        uint256 strikeWad;
        bool isCall;
        int256 sizeWad;
    }

    /// @notice The legs of one expiry and what they share: seconds to expiry and the expiry's SVI smile.
    struct ExpiryLegs {
        uint256 timeSec;
        Svi.Params smile;
        Leg[] legs;
    }

    /// @notice Collateral held, wad of base and of quote, and the haircut of each (wad fraction of its value).
    struct Collateral {
        uint256 baseWad;
        uint256 quoteWad;
        uint256 baseHaircutWad;
        uint256 quoteHaircutWad;
    }

    /// @notice Shock and margin parameters, wad fractions: spot shock x, relative vol shock y, floor per short
    /// (share of its maximum payoff in quote at today's spot) and MM/IM; and the number n of intervals of the spot
    /// grid (n + 1 spots S·(1 − x + 2x·i/n)): each one more costs a mark per leg, and halving the spacing halves the
    /// longs' chord gaps.
    struct Shocks {
        uint256 spotIntervals;
        uint256 spotShockWad;
        uint256 volShockWad;
        uint256 floorShareWad;
        uint256 maintenanceRatioWad;
    }

    /// @notice The rule setting the spot shock from predicted volatility: x = clamp(k·σ_ATM·sqrt(h/YEAR), xMin, xMax),
    /// σ_ATM the nearest expiry's at-the-money-forward vol. @param multiplierWad k, standard deviations, wad.
    /// @param horizonSec h, the liquidation horizon, seconds. @param minShockWad xMin. @param maxShockWad xMax.
    struct ShockRule {
        uint256 multiplierWad;
        uint256 horizonSec;
        uint256 minShockWad;
        uint256 maxShockWad;
    }

    /// @notice The account's margin, wad of quote. @param equityWad Collateral (after haircuts) + longs − shorts at
    /// today's spot and smiles (longs rounded down, shorts up). @param worstLossWad Bound on the loss from
    /// `equityWad` at any point of the box, rounded up, ≥ 0. @param floorWad Σ |short|·floorShare·maxPayoff, rounded
    /// up. @param initialMarginWad worstLoss + floor. @param maintenanceMarginWad m·IM, rounded up.
    struct Margin {
        int256 equityWad;
        uint256 worstLossWad;
        uint256 floorWad;
        uint256 initialMarginWad;
        uint256 maintenanceMarginWad;
    }

    /// @dev Intervals of the spot grid in [2, 8]: 4 gives the 5 spots S·(1 + u), u ∈ {−x, −x/2, 0, x/2, x}.
    uint256 internal constant MIN_SPOT_INTERVALS = 2;
    uint256 internal constant MAX_SPOT_INTERVALS = 8;
    /// @dev Most legs in one portfolio: n + 2 marks each (now and the n + 1 spots of the grid).
    uint256 internal constant MAX_LEGS = 16;
    /// @dev Largest |size| of a leg, wad (2^96 − 1, about 7.9e10 options): keeps every product below 2^200.
    uint256 internal constant MAX_LEG_SIZE = (1 << 96) - 1;
    /// @dev Spot shock x in [1 %, 50 %]: the grid's lowest spot S·(1 − x) stays positive and its spacing nonzero.
    uint256 internal constant MIN_SPOT_SHOCK = 0.01e18;
    uint256 internal constant MAX_SPOT_SHOCK = 0.5e18;
    /// @dev Vol shock y in [0, 90 %]: the low smile, scaled by (1 − y)² ≥ 1 %, keeps a positive total variance (its
    /// minimum, ≥ MIN_VOL²·T·1 % ≥ 1.9e6 wei, far above the 40 wei its rounded-down parameters can lose).
    uint256 internal constant MAX_VOL_SHOCK = 0.9e18;
    /// @dev Haircuts in [0, 100 %]; MM/IM in [0, 100 %].
    uint256 internal constant MAX_HAIRCUT = 1e18;
    uint256 internal constant MAX_MAINTENANCE_RATIO = 1e18;
    /// @dev Vol rule bounds: k in [1, 10] standard deviations, horizon 1 hour to 7 days.
    uint256 internal constant MIN_MULTIPLIER = 1e18;
    uint256 internal constant MAX_MULTIPLIER = 10e18;
    uint256 internal constant MIN_HORIZON_SEC = 1 hours;
    uint256 internal constant MAX_HORIZON_SEC = 7 days;

    uint256 private constant WAD = 1e18;

    /// @notice More than `MAX_LEGS` legs.
    error TooManyLegs(uint256 count);
    /// @notice A leg's |size| above `MAX_LEG_SIZE`.
    error LegSizeOutOfRange(int256 sizeWad);

    // ---------------------------------------------------------------- margin

    /// @notice The portfolio's equity, worst loss over the box, floor, IM and MM (see `Margin`), wad of quote.
    /// @param book Legs grouped by expiry, each expiry once (a series twice is still bounded, at a mark per copy).
    /// @param spotWad Oracle spot, wad. @param rateWad Rate, wad per year.
    /// @param shocks Grid intervals n, x, y, floor share, MM/IM. @param collateral Base and quote held.
    /// @dev Every value cast to int256 is a `mulWad`/`mulWadUp` result (checked, so below 2^256/1e18 < 2^197) or a
    /// sum of two: the casts are exact.
    /// @custom:reverts ParameterOutOfBounds for a shock, haircut or ratio outside its bounds; TooManyLegs;
    /// LegSizeOutOfRange; `OptionValuation`'s and `Svi`'s errors for a smile that fails `Svi.validate`.
    function margin(
        ExpiryLegs[] memory book,
        uint256 spotWad,
        uint256 rateWad,
        Shocks memory shocks,
        Collateral memory collateral
    ) internal pure returns (Margin memory m) {
        uint256 allowanceWad = _checkInputs(book, spotWad, shocks, collateral);
        BlackScholes.ExpiryTerms[] memory terms = _expiryTerms(book, rateWad);
        uint256 floorWad;
        (m.equityWad, floorWad) = _now(book, terms, spotWad, shocks.floorShareWad);
        m.equityWad += int256(collateralValueWad(collateral, spotWad));
        int256 lowestWad = _gridLowest(book, terms, spotWad, shocks, collateral);
        (bool capped, int256 capLowestWad) = _payoffLowest(book, spotWad, shocks.spotShockWad, collateral);
        if (capped && capLowestWad > lowestWad) lowestWad = capLowestWad;
        lowestWad -= int256(allowanceWad);
        if (m.equityWad > lowestWad) m.worstLossWad = uint256(m.equityWad - lowestWad);
        m.floorWad = floorWad;
        m.initialMarginWad = m.worstLossWad + floorWad;
        m.maintenanceMarginWad = FixedPointMathLib.mulWadUp(m.initialMarginWad, shocks.maintenanceRatioWad);
    }

    /// @notice The spot shock x = clamp(k·σ_ATM·sqrt(h/YEAR), xMin, xMax): k standard deviations of the spot's move
    /// over the liquidation horizon h, as the nearest expiry's at-the-money-forward vol predicts it. σ_ATM and the
    /// square root round up. With no live expiry (under a minute left) the shock is xMax.
    /// @param nearestSmile SVI smile of the nearest expiry. @param nearestTimeSec Seconds to it. @param rule k, h and
    /// the bounds. @return shockWad x, wad fraction, in [xMin, xMax].
    /// @custom:reverts ParameterOutOfBounds unless k ∈ [1, 10], h ∈ [1 hour, 7 days] and
    /// MIN_SPOT_SHOCK ≤ xMin ≤ xMax ≤ MAX_SPOT_SHOCK.
    function spotShockWad(Svi.Params memory nearestSmile, uint256 nearestTimeSec, ShockRule memory rule)
        internal
        pure
        returns (uint256 shockWad)
    {
        ParameterBounds.check(rule.multiplierWad, MIN_MULTIPLIER, MAX_MULTIPLIER);
        ParameterBounds.check(rule.horizonSec, MIN_HORIZON_SEC, MAX_HORIZON_SEC);
        ParameterBounds.check(rule.maxShockWad, MIN_SPOT_SHOCK, MAX_SPOT_SHOCK);
        ParameterBounds.check(rule.minShockWad, MIN_SPOT_SHOCK, rule.maxShockWad);
        if (nearestTimeSec < BlackScholes.MIN_TIME_SEC) return rule.maxShockWad;
        uint256 atmVolWad = Svi.impliedVol(nearestSmile, 0, nearestTimeSec);
        // sqrt(h/YEAR) in wad, rounded up: h·1e36/YEAR ≤ 7 days·1e36/YEAR < 2e34.
        uint256 ratio = FixedPointMathLib.divUp(rule.horizonSec * WAD * WAD, BlackScholes.YEAR);
        uint256 rootWad = FixedPointMathLib.sqrt(ratio);
        if (rootWad * rootWad < ratio) ++rootWad;
        shockWad = FixedPointMathLib.mulWadUp(FixedPointMathLib.mulWadUp(rule.multiplierWad, atmVolWad), rootWad);
        shockWad = FixedPointMathLib.clamp(shockWad, rule.minShockWad, rule.maxShockWad);
    }

    /// @notice Spot at point `index` (0 to n) of a grid of n = `intervals` intervals: S·(1 − x + 2x·index/n),
    /// rounded down. The ends S·(1 − x) and S·(1 + x) do not depend on n.
    function gridSpotWad(uint256 spotWad, uint256 spotShockWad_, uint256 intervals, uint256 index)
        internal
        pure
        returns (uint256)
    {
        return FixedPointMathLib.mulDiv(
            spotWad, WAD * intervals - spotShockWad_ * intervals + 2 * spotShockWad_ * index, WAD * intervals
        );
    }

    /// @notice `smile` with every vol scaled by `volScaleWad` (σ → λ·σ): a and b times λ², exact up to rounding, which
    /// goes up (`roundUp`, the high-vol smile the shorts are valued on) or down (the longs' low-vol smile).
    function scaledSmile(Svi.Params memory smile, uint256 volScaleWad, bool roundUp)
        internal
        pure
        returns (Svi.Params memory)
    {
        return _scaledSmile(smile, _varianceScaleWad(volScaleWad, roundUp), roundUp);
    }

    /// @notice Quote value of the collateral at spot `spotWad`: base·S·(1 − h_base) + quote·(1 − h_quote), rounded
    /// down.
    function collateralValueWad(Collateral memory c, uint256 spotWad) internal pure returns (uint256) {
        return FixedPointMathLib.mulWad(FixedPointMathLib.mulWad(c.baseWad, spotWad), WAD - c.baseHaircutWad)
            + FixedPointMathLib.mulWad(c.quoteWad, WAD - c.quoteHaircutWad);
    }

    /// @notice Quote value of one option at spot `spotWad`, given `markWad` (collateral units: base for a call,
    /// quote for a put), rounded up or down.
    function quoteValueWad(uint256 markWad, uint256 spotWad, bool isCall, bool roundUp)
        internal
        pure
        returns (uint256)
    {
        if (!isCall) return markWad;
        return roundUp ? FixedPointMathLib.mulWadUp(markWad, spotWad) : FixedPointMathLib.mulWad(markWad, spotWad);
    }

    // ---------------------------------------------------------------- internals

    /// @dev λ², rounded up (`roundUp`) or down: the factor `scaledSmile` applies to a and b.
    function _varianceScaleWad(uint256 volScaleWad, bool roundUp) private pure returns (uint256) {
        return roundUp
            ? FixedPointMathLib.mulWadUp(volScaleWad, volScaleWad)
            : FixedPointMathLib.mulWad(volScaleWad, volScaleWad);
    }

    /// @dev `scaledSmile` given its variance scale λ² (`_varianceScaleWad`), so that a check computes λ² once for all
    /// its expiries.
    function _scaledSmile(Svi.Params memory smile, uint256 varianceScaleWad, bool roundUp)
        private
        pure
        returns (Svi.Params memory)
    {
        // a·λ²: rounding toward zero raises a negative a and lowers a positive one; one wei the other way when needed.
        int256 product = smile.a * int256(varianceScaleWad);
        int256 a = product / int256(WAD);
        // Unchecked: |a·1e18| ≤ |product|, and a ± 1 is within ±2^255/1e18 + 1.
        unchecked {
            if (a * int256(WAD) != product) {
                if (roundUp && smile.a > 0) ++a;
                else if (!roundUp && smile.a < 0) --a;
            }
        }
        return Svi.Params({
            a: a,
            b: roundUp
                ? FixedPointMathLib.mulWadUp(smile.b, varianceScaleWad)
                : FixedPointMathLib.mulWad(smile.b, varianceScaleWad),
            rho: smile.rho,
            m: smile.m,
            sigma: smile.sigma
        });
    }

    /// @dev Reverts unless the parameters are in bounds, the legs at most `MAX_LEGS`, each of size ≤ `MAX_LEG_SIZE`.
    /// Returns the rounding allowance subtracted from the lowest value: 2 wei + S·(1 + x)·1e-18 per option (the marks'
    /// Black-Scholes error is below 1.3e-19 of the spot plus a wei, and convexity holds for the exact values only).
    function _checkInputs(ExpiryLegs[] memory book, uint256 spotWad, Shocks memory shocks, Collateral memory collateral)
        private
        pure
        returns (uint256 allowanceWad)
    {
        ParameterBounds.check(shocks.spotIntervals, MIN_SPOT_INTERVALS, MAX_SPOT_INTERVALS);
        ParameterBounds.check(shocks.spotShockWad, MIN_SPOT_SHOCK, MAX_SPOT_SHOCK);
        ParameterBounds.check(shocks.volShockWad, 0, MAX_VOL_SHOCK);
        ParameterBounds.check(shocks.floorShareWad, 0, WAD);
        ParameterBounds.check(shocks.maintenanceRatioWad, 0, MAX_MAINTENANCE_RATIO);
        ParameterBounds.check(collateral.baseHaircutWad, 0, MAX_HAIRCUT);
        ParameterBounds.check(collateral.quoteHaircutWad, 0, MAX_HAIRCUT);
        uint256 perOptionWad = _gridSpotWad(spotWad, shocks.spotShockWad, 1, 1) / WAD + 2;
        uint256 count;
        for (uint256 e; e < book.length; ++e) {
            Leg[] memory legs = book[e].legs;
            count += legs.length;
            for (uint256 j; j < legs.length; ++j) {
                uint256 size = FixedPointMathLib.abs(legs[j].sizeWad);
                if (size > MAX_LEG_SIZE) revert LegSizeOutOfRange(legs[j].sizeWad);
                allowanceWad += FixedPointMathLib.mulWadUp(size, perOptionWad);
            }
        }
        if (count > MAX_LEGS) revert TooManyLegs(count);
    }

    /// @dev Each expiry's Black-Scholes terms (sqrt(T), r·T, e^(−rT)), computed once for all its marks: today's and
    /// the grid's, on its smile and on both scaled ones (`OptionValuation.markInExpiryWad` is `markWad` to the wei).
    /// Never reverts: for an expiry outside the domain the terms are meaningless and no mark reads them.
    function _expiryTerms(ExpiryLegs[] memory book, uint256 rateWad)
        private
        pure
        returns (BlackScholes.ExpiryTerms[] memory terms)
    {
        terms = new BlackScholes.ExpiryTerms[](book.length);
        for (uint256 e; e < book.length; ++e) {
            terms[e] = BlackScholes.expiryTerms(book[e].timeSec, rateWad);
        }
    }

    /// @dev The options' value now (longs at their mark less a wei per option, rounded down; shorts at their mark,
    /// rounded up) and the floor Σ |short|·floorShare·maxPayoff (call: S, put: K, quote), rounded up.
    function _now(
        ExpiryLegs[] memory book,
        BlackScholes.ExpiryTerms[] memory terms,
        uint256 spotWad,
        uint256 floorShareWad
    ) private pure returns (int256 valueWad, uint256 floorWad) {
        for (uint256 e; e < book.length; ++e) {
            Leg[] memory legs = book[e].legs;
            BlackScholes.ExpiryTerms memory t = terms[e];
            Svi.Params memory smile = book[e].smile;
            for (uint256 j; j < legs.length; ++j) {
                Leg memory leg = legs[j];
                uint256 strike = leg.strikeWad;
                int256 size = leg.sizeWad;
                bool isCall = leg.isCall;
                uint256 mark = OptionValuation.markInExpiryWad(t, smile, spotWad, strike, isCall);
                // The leg's value (see `_longQuoteWad`), and the floor of a short. Unchecked: each term is a checked
                // `mulWad`/`mulWadUp` result (< 2^197), at most MAX_LEGS of them; |size| ≤ MAX_LEG_SIZE, so −size is
                // exact.
                unchecked {
                    if (size > 0) {
                        valueWad += int256(
                            FixedPointMathLib.mulWad(uint256(size), _longQuoteWad(mark, spotWad, isCall))
                        );
                    } else {
                        valueWad -= int256(
                            FixedPointMathLib.mulWadUp(uint256(-size), quoteValueWad(mark, spotWad, isCall, true))
                        );
                        if (size < 0) {
                            floorWad += FixedPointMathLib.mulWadUp(
                                uint256(-size), FixedPointMathLib.mulWadUp(floorShareWad, isCall ? spotWad : strike)
                            );
                        }
                    }
                }
            }
        }
    }

    /// @dev A long's per-option quote value: (mark − 1 wei) rounded down (the mark rounds up by less than a wei per
    /// option). A long is valued at size times it, rounded down; a short at |size| times its mark's quote value rounded
    /// up, rounded up.
    function _longQuoteWad(uint256 markWad, uint256 spotWad, bool isCall) private pure returns (uint256) {
        // Unchecked: markWad ≥ 1 when subtracted.
        unchecked {
            return quoteValueWad(markWad == 0 ? 0 : markWad - 1, spotWad, isCall, false);
        }
    }

    /// @dev The lowest value the portfolio (collateral included) can take in the box, by the grid: over each interval
    /// [S_i, S_{i+1}], min(D(S_i), D(S_{i+1})) less the longs' chord gaps (see the library's NatSpec).
    function _gridLowest(
        ExpiryLegs[] memory book,
        BlackScholes.ExpiryTerms[] memory terms,
        uint256 spotWad,
        Shocks memory shocks,
        Collateral memory collateral
    ) private pure returns (int256 lowestWad) {
        uint256 expiries = book.length;
        Svi.Params[] memory high = new Svi.Params[](expiries);
        Svi.Params[] memory low = new Svi.Params[](expiries);
        uint256 highScaleWad = _varianceScaleWad(WAD + shocks.volShockWad, true);
        uint256 lowScaleWad = _varianceScaleWad(WAD - shocks.volShockWad, false);
        uint256 count;
        for (uint256 e; e < expiries; ++e) {
            high[e] = _scaledSmile(book[e].smile, highScaleWad, true);
            low[e] = _scaledSmile(book[e].smile, lowScaleWad, false);
            count += book[e].legs.length;
        }
        uint256[] memory longValues = new uint256[](count);
        // `collateralValueWad` at each spot, its quote part and the base's kept share computed once.
        uint256 quotePartWad = FixedPointMathLib.mulWad(collateral.quoteWad, WAD - collateral.quoteHaircutWad);
        uint256 baseKeptWad = WAD - collateral.baseHaircutWad;
        lowestWad = type(int256).max;
        int256 previousWad;
        uint256 previousSpot;
        uint256 intervals = shocks.spotIntervals;
        for (uint256 i; i < intervals + 1; ++i) {
            uint256 s = _gridSpotWad(spotWad, shocks.spotShockWad, intervals, i);
            // The grid's spots are nondecreasing (from previousSpot = 0): the width is never negative.
            (int256 valueWad, uint256 gapWad) = _decoupled(book, terms, high, low, s, s - previousSpot, longValues, i);
            valueWad += int256(
                FixedPointMathLib.mulWad(FixedPointMathLib.mulWad(collateral.baseWad, s), baseKeptWad) + quotePartWad
            );
            if (i != 0) {
                int256 intervalLowest = FixedPointMathLib.min(valueWad, previousWad) - int256(gapWad);
                if (intervalLowest < lowestWad) lowestWad = intervalLowest;
            }
            (previousWad, previousSpot) = (valueWad, s);
        }
    }

    /// @dev The decoupled value D(s) of the options (shorts on `high`, longs on `low`) and, from grid point 1 on, the
    /// longs' chord gaps over the interval of width `widthWad` ending at s, rounded up. Updates each long's per-option
    /// value in `longValues`.
    function _decoupled(
        ExpiryLegs[] memory book,
        BlackScholes.ExpiryTerms[] memory terms,
        Svi.Params[] memory high,
        Svi.Params[] memory low,
        uint256 s,
        uint256 widthWad,
        uint256[] memory longValues,
        uint256 index
    ) private pure returns (int256 valueWad, uint256 gapWad) {
        uint256 g;
        for (uint256 e; e < book.length; ++e) {
            Leg[] memory legs = book[e].legs;
            BlackScholes.ExpiryTerms memory t = terms[e];
            Svi.Params memory lowSmile = low[e];
            Svi.Params memory highSmile = high[e];
            for (uint256 j; j < legs.length; ++j) {
                Leg memory leg = legs[j];
                int256 size = leg.sizeWad;
                bool isCall = leg.isCall;
                // Unchecked: each term added is a checked `mulWad`/`mulWadUp` result (< 2^197), at most MAX_LEGS of
                // them; |size| ≤ MAX_LEG_SIZE (`_checkInputs`), so −size is exact; g < MAX_LEGS.
                unchecked {
                    if (size > 0) {
                        // A long's value, its per-option value q kept for the next interval's chord gap.
                        uint256 q = _longQuoteWad(
                            OptionValuation.markInExpiryWad(t, lowSmile, s, leg.strikeWad, isCall), s, isCall
                        );
                        if (index != 0) {
                            gapWad += FixedPointMathLib.mulWadUp(
                                uint256(size), _chordGapWad(q, longValues[g], widthWad)
                            );
                        }
                        longValues[g] = q;
                        valueWad += int256(FixedPointMathLib.mulWad(uint256(size), q));
                    } else {
                        uint256 mark = OptionValuation.markInExpiryWad(t, highSmile, s, leg.strikeWad, isCall);
                        valueWad -= int256(
                            FixedPointMathLib.mulWadUp(uint256(-size), quoteValueWad(mark, s, isCall, true))
                        );
                    }
                    ++g;
                }
            }
        }
    }

    /// @dev How far below its chord a convex function with slope in [0, 1] (or [−1, 0]) can go on an interval of width
    /// `widthWad` where it moves from `fromWad` to `toWad`: d·(h − d)/h with d = |to − from|, rounded up, plus a wei
    /// for the endpoints' rounding. A slope at or beyond 1 (a deep in-the-money option: linear) leaves the wei alone.
    function _chordGapWad(uint256 toWad, uint256 fromWad, uint256 widthWad) private pure returns (uint256) {
        uint256 d = toWad > fromWad ? toWad - fromWad : fromWad - toWad;
        if (!(d < widthWad)) return 1;
        // Unchecked: d < widthWad.
        unchecked {
            return FixedPointMathLib.mulDivUp(d, widthWad - d, widthWad) + 1;
        }
    }

    /// @dev `gridSpotWad` on a checked grid (`_checkInputs`: n ≤ MAX_SPOT_INTERVALS, x ≤ MAX_SPOT_SHOCK < 1e18, index
    /// ≤ n): unchecked, as the numerator, at most 1e18·n + 2x·n ≤ 1.6e19, and the denominator cannot overflow and
    /// 1e18·n ≥ x·n. The same `mulDiv`, so the same spot to the wei.
    function _gridSpotWad(uint256 spotWad, uint256 spotShockWad_, uint256 intervals, uint256 index)
        private
        pure
        returns (uint256)
    {
        unchecked {
            return FixedPointMathLib.mulDiv(
                spotWad, WAD * intervals - spotShockWad_ * intervals + 2 * spotShockWad_ * index, WAD * intervals
            );
        }
    }

    /// @dev The payoff cap: the lowest value the portfolio can take if every expiry's options are worth at least
    /// min(0, their minimum payoff over all final spots) and the collateral its value at the grid's lowest spot.
    /// `capped` is false when some expiry is net short calls (its payoff is unbounded below in quote).
    function _payoffLowest(
        ExpiryLegs[] memory book,
        uint256 spotWad,
        uint256 spotShockWad_,
        Collateral memory collateral
    ) private pure returns (bool capped, int256 lowestWad) {
        lowestWad = int256(collateralValueWad(collateral, _gridSpotWad(spotWad, spotShockWad_, 1, 0)));
        for (uint256 e; e < book.length; ++e) {
            Leg[] memory legs = book[e].legs;
            int256 netCalls;
            for (uint256 j; j < legs.length; ++j) {
                // Unchecked: at most MAX_LEGS sizes, each of magnitude ≤ MAX_LEG_SIZE.
                unchecked {
                    if (legs[j].isCall) netCalls += legs[j].sizeWad;
                }
            }
            if (netCalls < 0) return (false, 0);
            // The payoff is piecewise linear in the final spot with kinks at the strikes and slope netCalls ≥ 0 beyond
            // the last one: its minimum is at 0 or at a strike.
            int256 minimumWad = _payoffAt(legs, 0);
            for (uint256 j; j < legs.length; ++j) {
                minimumWad = FixedPointMathLib.min(minimumWad, _payoffAt(legs, legs[j].strikeWad));
            }
            if (minimumWad < 0) lowestWad += minimumWad;
        }
        capped = true;
    }

    /// @dev Σ size·payoff of `legs` at final spot `priceWad`, quote: calls (S − K)⁺, puts (K − S)⁺; rounded down.
    /// Called once per strike and expiry (O(legs²) terms), hence the assembly; in Solidity, for each leg:
    ///   intrinsic = isCall ? (priceWad > strike ? priceWad - strike : 0)
    ///       : (strike > priceWad ? strike - priceWad : 0);
    ///   if (intrinsic != 0) payoffWad += size > 0 ? int256(mulWad(uint256(size), intrinsic))
    ///       : -int256(mulWadUp(uint256(-size), intrinsic));
    /// (rounded down: a long's share toward zero, a short's away from it; an option out of the money adds size·0 = 0,
    /// rounded either way, so it is skipped), with `FixedPointMathLib`'s `mulWad` and `mulWadUp` written out, their
    /// `MulWadFailed()` revert on overflow included. The sums cannot wrap: each term is below 2^256/1e18 < 2^197, at
    /// most MAX_LEGS of them; |size| ≤ MAX_LEG_SIZE (`_checkInputs`), so −size is exact. A `Leg` in memory is
    /// (strikeWad, isCall, sizeWad), one word each.
    function _payoffAt(Leg[] memory legs, uint256 priceWad) private pure returns (int256 payoffWad) {
        assembly ("memory-safe") {
            let p := add(legs, 0x20)
            for { let end := add(p, shl(5, mload(legs))) } lt(p, end) { p := add(p, 0x20) } {
                let leg := mload(p)
                let strike := mload(leg)
                let intrinsic := 0
                switch mload(add(leg, 0x20))
                case 0 { if gt(strike, priceWad) { intrinsic := sub(strike, priceWad) } }
                default { if gt(priceWad, strike) { intrinsic := sub(priceWad, strike) } }
                if intrinsic {
                    let size := mload(add(leg, 0x40))
                    switch sgt(size, 0)
                    case 1 {
                        // mulWad(size, intrinsic), intrinsic ≠ 0.
                        if gt(size, div(not(0), intrinsic)) {
                            mstore(0x00, 0xbac65e5b) // `MulWadFailed()`.
                            revert(0x1c, 0x04)
                        }
                        payoffWad := add(payoffWad, div(mul(size, intrinsic), 1000000000000000000))
                    }
                    default {
                        // mulWadUp(−size, intrinsic), intrinsic ≠ 0.
                        let x := sub(0, size)
                        let z := mul(x, intrinsic)
                        if iszero(eq(div(z, intrinsic), x)) {
                            mstore(0x00, 0xbac65e5b) // `MulWadFailed()`.
                            revert(0x1c, 0x04)
                        }
                        payoffWad := sub(
                            payoffWad,
                            add(iszero(iszero(mod(z, 1000000000000000000))), div(z, 1000000000000000000))
                        )
                    }
                }
            }
        }
    }
}
