// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {NormalDistribution} from "./NormalDistribution.sol";
import {PreciseMath} from "./PreciseMath.sol";

/// @title BlackScholes
/// @notice Black-Scholes price and Greeks of a European option, in wad.
/// @dev Units: spot, strike and price in wad of the same quote unit (the price is in the units of the spot);
/// time in seconds (a year is 365 days); volatility and rate annualised wad (rate continuously compounded).
///
/// Everything is computed on the price per unit of spot, c = C/S, in the 1e27 fixed point of `PreciseMath`:
///   k = ln(K/S) - rT,  v = σ·sqrt(T),  d1 = -k/v + v/2,  d2 = d1 - v,  e^k = (K/S)·e^(-rT),
///   call c = N(d1) - e^k·N(d2),   put p = e^k·N(-d2) - N(-d1).
/// Both formulas are evaluated directly (no put-call parity), each N with tails computed as tails, so a deep
/// out-of-the-money price is a difference of two small, accurately known numbers: in fixed point the
/// subtraction is exact and the absolute error of c stays below ~1.3e-19 everywhere, whatever the cancellation
/// (each N within 2e-20, e^k <= 5). The price is then S·c rounded down: its error against the exact value is
/// below 1.5e-19·S + 1 wei (4e-20·S on the differential fixture).
///
/// Domain (outside it the functions revert with the offending values, never return a wrong number):
/// time 1 minute to 5 years, volatility 1% to 500%, rate 0 to 20%, spot and strike 1e-6 to 1e12 (wad),
/// spot/strike between 0.2 and 5.
library BlackScholes {
    /// @notice Thrown when the time to expiry is outside [MIN_TIME_SEC, MAX_TIME_SEC].
    error TimeOutOfRange(uint256 timeSec);
    /// @notice Thrown when the volatility is outside [MIN_VOL, MAX_VOL].
    error VolatilityOutOfRange(uint256 vol);
    /// @notice Thrown when the rate is above MAX_RATE.
    error RateOutOfRange(uint256 rate);
    /// @notice Thrown when the spot is outside [MIN_PRICE, MAX_PRICE].
    error SpotOutOfRange(uint256 spot);
    /// @notice Thrown when the strike is outside [MIN_PRICE, MAX_PRICE].
    error StrikeOutOfRange(uint256 strike);
    /// @notice Thrown when spot/strike is outside [1/MAX_MONEYNESS, MAX_MONEYNESS].
    error MoneynessOutOfRange(uint256 spot, uint256 strike);

    /// @notice Price and Greeks of one option, all per unit of underlying.
    /// @param price Premium, wad, in the units of the spot; rounded down.
    /// @param delta dPrice/dSpot, wad (call in [0, 1], put in [-1, 0]).
    /// @param gamma d²Price/dSpot², wad per unit of spot (>= 0).
    /// @param vega dPrice/dVol per 1.00 of volatility (100 vol points), wad in the units of the spot (>= 0).
    /// @param theta dPrice/dt per year of calendar time passing (-dPrice/dT), wad in the units of the spot;
    /// negative for calls, and for puts unless the rate term r·K·e^(-rT)·N(-d2) dominates.
    /// @param rho dPrice/dRate per 1.00 of rate (100%), wad in the units of the spot (call >= 0, put <= 0).
    /// @dev Greeks are rounded toward zero.
    struct Greeks {
        uint256 price;
        int256 delta;
        uint256 gamma;
        uint256 vega;
        int256 theta;
        int256 rho;
    }

    /// @notice What every strike of one expiry shares: computed once by `expiryTerms`, then `priceInExpiry` prices each
    /// strike without recomputing them (the vault's NAV and a margin check price many strikes of one expiry).
    /// @param timeSec Time to expiry, seconds. @param rate Rate, wad per year. @param sqrtTau sqrt(T), 1e27 (T in
    /// years). @param rt r·T, 1e27 (0 when the rate is 0). @param discount e^(−rT), 1e27 (unused when the rate is 0).
    struct ExpiryTerms {
        uint256 timeSec;
        uint256 rate;
        uint256 sqrtTau;
        uint256 rt;
        uint256 discount;
    }

    /// @dev A year is 365 days.
    uint256 internal constant YEAR = 365 days;
    /// @dev One minute: below it the option is its payoff to within rounding and the caller should settle.
    uint256 internal constant MIN_TIME_SEC = 1 minutes;
    /// @dev Five years: the longest listed expiry.
    uint256 internal constant MAX_TIME_SEC = 5 * YEAR;
    /// @dev 1% and 500%: outside, a quote is a keeper error (σ·sqrt(T) stays in [1.4e-5, 11.2]).
    uint256 internal constant MIN_VOL = 0.01e18;
    uint256 internal constant MAX_VOL = 5e18;
    /// @dev 20%, the bound of docs/math.md (r·T <= 1).
    uint256 internal constant MAX_RATE = 0.2e18;
    /// @dev 1e-6 and 1e12 in wad: spot and strike of any asset once expressed in a sane quote unit.
    uint256 internal constant MIN_PRICE = 1e12;
    uint256 internal constant MAX_PRICE = 1e30;
    /// @dev spot/strike within [1/5, 5]: then K/S is in [0.2, 5], inside `PreciseMath.ln`'s [1/8, 8).
    uint256 internal constant MAX_MONEYNESS = 5;

    int256 private constant ONE = PreciseMath.ONE;
    /// @dev wad to the 1e27 fixed point.
    uint256 private constant WAD_TO_ONE = 1e9;

    /// @notice Black-Scholes price of a European option.
    /// @param spot Spot price, wad. @param strike Strike, wad. @param timeSec Time to expiry, seconds.
    /// @param vol Annualised volatility, wad. @param rate Continuously compounded rate, wad per year.
    /// @param isCall True for a call, false for a put.
    /// @return Premium per unit of underlying, wad in the units of the spot, rounded down.
    function price(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        internal
        pure
        returns (uint256)
    {
        (int256 d1, int256 v, int256 ek,) = _inputs(spot, strike, timeSec, vol, rate);
        // Unchecked: |d1| < 3e32 and v < 1.2e28 (see `_inputs`).
        unchecked {
            return _price(spot, NormalDistribution.cdf(d1), NormalDistribution.cdf(d1 - v), ek, isCall);
        }
    }

    /// @notice Price and delta in one pass (same conventions as `greeks`).
    /// @return premium Premium, wad, rounded down. @return delta dPrice/dSpot, wad, rounded toward zero.
    function priceAndDelta(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        internal
        pure
        returns (uint256 premium, int256 delta)
    {
        (int256 d1, int256 v, int256 ek,) = _inputs(spot, strike, timeSec, vol, rate);
        uint256 nd1 = NormalDistribution.cdf(d1);
        // Unchecked: |d1| < 3e32 and v < 1.2e28 (see `_inputs`).
        unchecked {
            premium = _price(spot, nd1, NormalDistribution.cdf(d1 - v), ek, isCall);
        }
        delta = _delta(nd1, isCall);
    }

    /// @notice Price, delta, gamma, vega, theta and rho in one pass; see `Greeks` for units and signs.
    /// @dev Same parameters and reverts as `price`.
    function greeks(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        internal
        pure
        returns (Greeks memory g)
    {
        (int256 d1, int256 v, int256 ek, uint256 sqrtTau) = _inputs(spot, strike, timeSec, vol, rate);
        int256 s = int256(spot);
        // Unchecked: every factor is bounded by the domain: |d1| < 3e32, s <= 1e30, cdf, pdf, ek <= 5e27,
        // sqrtTau <= 2.3e27, v in [1.3e22, 1.2e28], timeSec <= 1.6e8, so no product exceeds 1e66 and no divisor
        // is 0.
        unchecked {
            uint256 nd1 = NormalDistribution.cdf(d1);
            uint256 nd2 = NormalDistribution.cdf(d1 - v);
            g.price = _price(spot, nd1, nd2, ek, isCall);
            g.delta = _delta(nd1, isCall);
            int256 pdf1 = int256(NormalDistribution.pdf(d1));
            g.gamma = uint256(pdf1 * 1e36 / (s * v));
            g.vega = uint256(s * (pdf1 * int256(sqrtTau) / ONE) / ONE);
            // S·φ(d1)·σ/(2·sqrt(T)), as a fraction of S in 1e27: φ·σ/(2·sqrtTau).
            int256 decay = pdf1 * int256(vol) * int256(WAD_TO_ONE) / (2 * int256(sqrtTau));
            // K·e^(-rT)·N(±d2) as a fraction of S in 1e27.
            int256 strikeLeg = isCall ? ek * int256(nd2) / ONE : ek * (ONE - int256(nd2)) / ONE;
            int256 carry = int256(rate) * strikeLeg / 1e18;
            g.theta = isCall ? -(s * (decay + carry) / ONE) : s * (carry - decay) / ONE;
            int256 rho = s * strikeLeg * int256(timeSec) / (int256(YEAR) * ONE);
            g.rho = isCall ? rho : -rho;
        }
    }

    /// @notice The terms of an expiry `timeSec` seconds away at rate `rate` that `priceInExpiry` shares across strikes.
    /// @dev Checks nothing: `priceInExpiry` checks the whole domain before it uses them.
    function expiryTerms(uint256 timeSec, uint256 rate) internal pure returns (ExpiryTerms memory t) {
        t.timeSec = timeSec;
        t.rate = rate;
        (t.sqrtTau, t.rt, t.discount) = _expiryTerms(timeSec, rate);
    }

    /// @notice `price` of one strike of the expiry of `t`, given ratio = strike·1e27/spot (rounded down) and its
    /// `PreciseMath.ln`: the same operations as `price`, so the same result to the wei, without the terms it shares.
    /// @param t `expiryTerms(timeSec, rate)`. @param spot Spot, wad. @param strike Strike, wad.
    /// @param ratio strike·1e27/spot, rounded down. @param lnRatio `PreciseMath.ln(ratio)`. @param vol Volatility, wad.
    /// @param isCall Call or put.
    /// @return Premium per unit of underlying, wad in the units of the spot, rounded down. Reverts as `price`.
    function priceInExpiry(
        ExpiryTerms memory t,
        uint256 spot,
        uint256 strike,
        uint256 ratio,
        int256 lnRatio,
        uint256 vol,
        bool isCall
    ) internal pure returns (uint256) {
        _checkDomain(spot, strike, t.timeSec, vol, t.rate);
        (int256 d1, int256 v, int256 ek) = _strikeInputs(ratio, lnRatio, vol, t.sqrtTau, t.rt, t.discount, t.rate);
        // Unchecked: |d1| < 3e32 and v < 1.2e28 (see `_inputs`).
        unchecked {
            return _price(spot, NormalDistribution.cdf(d1), NormalDistribution.cdf(d1 - v), ek, isCall);
        }
    }

    /// @dev Checks the domain and returns d1 and v = σ·sqrt(T) (1e27), e^k = K·e^(-rT)/S (1e27) and sqrt(T)
    /// (1e27, T in years). Errors: sqrt(T) and v within 1e-26 relative, ln(K/S) within 2e-21 and rT within
    /// 1e-27, e^k within 1e-22 relative. An error ε in k moves c by at most e^k·N(d2)·ε < 5ε, so these inputs
    /// contribute about 1e-20 of spot at most to the price error (d1 itself is within ~1e-16 at the smallest v).
    function _inputs(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate)
        private
        pure
        returns (int256 d1, int256 v, int256 ek, uint256 sqrtTau)
    {
        _checkDomain(spot, strike, timeSec, vol, rate);
        uint256 rt;
        uint256 discount;
        (sqrtTau, rt, discount) = _expiryTerms(timeSec, rate);
        uint256 ratio = _ratio(strike, spot);
        (d1, v, ek) = _strikeInputs(ratio, PreciseMath.ln(ratio), vol, sqrtTau, rt, discount, rate);
    }

    /// @dev Reverts (`_revertOutsideDomain`) unless every input is inside the domain.
    function _checkDomain(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate) private pure {
        // One branch for the whole domain on the common path; `_revertOutsideDomain` names the offending input.
        // Each range test `a < LOW || a > HIGH` is written `a - LOW > HIGH - LOW`, where a value below LOW wraps
        // around to a huge number (unchecked in assembly); spot, strike <= 1e30 before the products 5·spot and
        // 5·strike are used, and a larger value already sets `outside`. In Solidity, with the named constants:
        //   outside = timeSec - MIN_TIME_SEC > MAX_TIME_SEC - MIN_TIME_SEC || vol - MIN_VOL > MAX_VOL - MIN_VOL
        //     || rate > MAX_RATE || spot - MIN_PRICE > MAX_PRICE - MIN_PRICE
        //     || strike - MIN_PRICE > MAX_PRICE - MIN_PRICE || spot > 5 * strike || strike > 5 * spot;
        bool outside;
        assembly ("memory-safe") {
            outside := or(
                or(
                    or(gt(sub(timeSec, 60), 157679940), gt(sub(vol, 10000000000000000), 4990000000000000000)),
                    or(gt(rate, 200000000000000000), gt(sub(spot, 1000000000000), 999999999999999999000000000000))
                ),
                or(
                    gt(sub(strike, 1000000000000), 999999999999999999000000000000),
                    or(gt(spot, mul(5, strike)), gt(strike, mul(5, spot)))
                )
            )
        }
        if (outside) _revertOutsideDomain(spot, strike, timeSec, vol, rate);
    }

    /// @dev sqrt(T), r·T and e^(−rT) (1e27) of an expiry; meaningful inside the domain (unchecked math outside it).
    function _expiryTerms(uint256 timeSec, uint256 rate)
        private
        pure
        returns (uint256 sqrtTau, uint256 rt, uint256 discount)
    {
        // Unchecked: inside the domain timeSec <= 1.6e8 so timeSec·1e54 < 2e62, and rate·timeSec·1e9 < 4e34.
        unchecked {
            // timeSec·1e54/YEAR is in [1.9e48, 5e54], inside [2^160, 2^182).
            sqrtTau = PreciseMath.sqrtInTimeRange(timeSec * 1e54 / YEAR);
            if (rate != 0) {
                rt = rate * timeSec * WAD_TO_ONE / YEAR;
                discount = PreciseMath.expNeg(rt);
            }
        }
    }

    /// @dev strike·1e27/spot rounded down, without the division-by-zero check: spot >= MIN_PRICE in the domain.
    function _ratio(uint256 strike, uint256 spot) private pure returns (uint256 ratio) {
        assembly ("memory-safe") {
            ratio := div(mul(strike, 1000000000000000000000000000), spot)
        }
    }

    /// @dev d1, v and e^k of one strike from its ratio K/S, ln(K/S) and the expiry's terms (see `_inputs`).
    function _strikeInputs(
        uint256 ratio,
        int256 lnRatio,
        uint256 vol,
        uint256 sqrtTau,
        uint256 rt,
        uint256 discount,
        uint256 rate
    ) private pure returns (int256 d1, int256 v, int256 ek) {
        // Unchecked: vol <= 5e18 and sqrtTau < 2.3e27; ratio <= 5e27 and discount <= 1e27; k = ln(K/S) - rT is
        // within [-3, 2] (1e27), so k·1e27 < 1e55.
        unchecked {
            v = int256(vol * sqrtTau / 1e18);
            int256 k = lnRatio;
            if (rate == 0) {
                ek = int256(ratio);
            } else {
                ek = int256(ratio * discount / uint256(ONE));
                k -= int256(rt);
            }
            // d1 = -k * ONE / v + v / 2, without the division-by-zero check: v >= 1.3e22.
            assembly ("memory-safe") {
                d1 := add(sdiv(mul(sub(0, k), 1000000000000000000000000000), v), sdiv(v, 2))
            }
        }
    }

    /// @dev Reverts with the error of the first input outside the domain; called only when one is.
    function _revertOutsideDomain(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate)
        private
        pure
    {
        if (timeSec < MIN_TIME_SEC || timeSec > MAX_TIME_SEC) revert TimeOutOfRange(timeSec);
        if (vol < MIN_VOL || vol > MAX_VOL) revert VolatilityOutOfRange(vol);
        if (rate > MAX_RATE) revert RateOutOfRange(rate);
        if (spot < MIN_PRICE || spot > MAX_PRICE) revert SpotOutOfRange(spot);
        if (strike < MIN_PRICE || strike > MAX_PRICE) revert StrikeOutOfRange(strike);
        revert MoneynessOutOfRange(spot, strike);
    }

    /// @dev S·c with c = N(d1) - e^k·N(d2) (call) or e^k·N(-d2) - N(-d1) (put), rounded down; a rounding
    /// residue below 0 is 0. N(-d) = 1 - N(d) is exact in fixed point, and each N was computed from its tail.
    function _price(uint256 spot, uint256 nd1, uint256 nd2, int256 ek, bool isCall) private pure returns (uint256) {
        // Unchecked: nd1, nd2 are in [0, 1e27] and ek <= 5e27, so c is within ±5e27 and spot·c <= 5e57.
        unchecked {
            int256 c =
                isCall ? int256(nd1) - ek * int256(nd2) / ONE : ek * (ONE - int256(nd2)) / ONE - (ONE - int256(nd1));
            return c > 0 ? spot * uint256(c) / uint256(ONE) : 0;
        }
    }

    /// @dev N(d1) for a call, N(d1) - 1 = -N(-d1) for a put, wad rounded toward zero.
    function _delta(uint256 nd1, bool isCall) private pure returns (int256) {
        // Unchecked: nd1 <= 1e27.
        unchecked {
            return isCall ? int256(nd1 / WAD_TO_ONE) : -int256((uint256(ONE) - nd1) / WAD_TO_ONE);
        }
    }
}
