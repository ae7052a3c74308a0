// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title Svi
/// @notice The raw SVI volatility smile of one expiry, written in total variance:
///         w(k) = a + b·(ρ·(k − m) + sqrt((k − m)² + s²)),   σ(k) = sqrt(w(k) / T),
///         where k = ln(K / F) is the log-moneyness and T the time to expiry in years (365 days).
///         Every quantity is wad (1e18 = 1.0) unless its name says otherwise.
/// @dev Rounding. The vault is the counterparty of every trade and is mostly short options it sold
///      fully collateralised. `totalVariance` and `impliedVol` therefore round UP: the vol the
///      protocol sells at, marks its liabilities at (NAV) and stresses margin with is never below the
///      posted smile. The excess is below 2 wei of total variance before the square root, far below
///      any fee, so on the side where the vault buys it costs nothing measurable. Every check in
///      `validate` rounds against acceptance (the minimum variance rounds down, the wing slope up), so
///      a smile that passes `validate` has a true minimum variance ≥ 0 and `totalVariance` — rounded
///      up from the true value — can never return a negative number for it.
///      Wing bound. docs/math.md states `b·(1+|ρ|) ≤ 4/T`, which is Gatheral's bound for SVI written in
///      implied VARIANCE (v = w/T). In the total-variance form used here the slopes of the wings are
///      b·(1 ± ρ), and Lee's moment formula (lim sup w(k)/|k| ≤ 2 for any arbitrage-free smile) gives
///      the time-free bound `b·(1+|ρ|) ≤ 2`, which also implies Rogers–Tehranchi's |w'(k)| ≤ 4.
library Svi {
    /// @notice Raw SVI parameters of one expiry, all wad.
    /// @param a Level: vertical shift of the total variance (may be negative).
    /// @param b Angle between the wings (b ≥ 0 by type).
    /// @param rho Rotation, |rho| < 1: negative for a smile skewed to the left (puts dearer).
    /// @param m Log-moneyness of the vertex (horizontal shift).
    /// @param sigma Curvature at the vertex (docs/math.md calls it `s`), > 0.
    struct Params {
        int256 a;
        uint256 b;
        int256 rho;
        int256 m;
        uint256 sigma;
    }

    /// @dev 1.0 in wad, signed and unsigned.
    int256 internal constant WAD_INT = 1e18;
    uint256 internal constant WAD = 1e18;

    /// @dev Seconds in a year of 365 days (docs/math.md: units).
    uint256 internal constant YEAR_SEC = 31_536_000;

    /// @dev Shortest and longest time to expiry the pricing domain accepts: 1 minute and 5 years.
    uint256 internal constant MIN_TIME_SEC = 60;
    uint256 internal constant MAX_TIME_SEC = 5 * YEAR_SEC;

    /// @dev Lowest and highest annualised vol of the pricing domain: 1 % and 500 %. The smile's
    ///      minimum must lie inside it, so its bottom is a vol Black-Scholes is asked to price.
    uint256 internal constant MIN_VOL = 0.01e18;
    uint256 internal constant MAX_VOL = 5e18;

    /// @dev Largest |k| = |ln(K/F)| the smile is evaluated at: K/F from e^-8 ≈ 1/2981 to e^8 ≈ 2981,
    ///      wider than any strike a market lists, and small enough that every product in
    ///      `totalVariance` stays below 1e75.
    int256 internal constant MAX_ABS_LOG_MONEYNESS = 8e18;

    /// @dev Largest |m|: the vertex lies inside the evaluated strike range, so |k − m| ≤ 16.
    int256 internal constant MAX_ABS_M = MAX_ABS_LOG_MONEYNESS;

    /// @dev Largest s, the width over which the vertex is rounded. At s = 16 (the widest |k − m|) the
    ///      smile is already near a parabola over the whole domain, w ≈ a + b·s + b·ρ·d + b·d²/(2s), with
    ///      curvature b/(2s) ≤ 1/16; a larger s only flattens it further, which b → 0 does as well.
    uint256 internal constant MAX_SIGMA = 16e18;

    /// @dev Largest |ρ|: |ρ| < 1 in wad is |ρ| ≤ 1e18 − 1 (at |ρ| = 1 one wing has slope b·(1−|ρ|) = 0).
    uint256 internal constant MAX_ABS_RHO = WAD - 1;

    /// @dev Lee's moment formula in total variance: the steeper wing's slope b·(1+|ρ|) ≤ 2.
    uint256 internal constant MAX_WING_SLOPE = 2e18;

    /// @dev Largest |a|. Above: a ≤ minimum variance ≤ MAX_VOL²·MAX_TIME = 25·5 = 125. Below:
    ///      a ≥ minimum variance − b·s ≥ 0 − MAX_WING_SLOPE·MAX_SIGMA = −32. So this bound rejects
    ///      nothing the other checks accept; it is checked first so that every later sum is small.
    int256 internal constant MAX_ABS_A = 125e18;

    /// @notice Time to expiry outside [MIN_TIME_SEC, MAX_TIME_SEC].
    error TimeOutOfRange(uint256 timeSec);
    /// @notice |k| > MAX_ABS_LOG_MONEYNESS.
    error LogMoneynessOutOfRange(int256 k);
    /// @notice |a| > MAX_ABS_A.
    error LevelOutOfRange(int256 a);
    /// @notice |ρ| > MAX_ABS_RHO, i.e. |ρ| ≥ 1.
    error RotationOutOfRange(int256 rho);
    /// @notice |m| > MAX_ABS_M.
    error VertexOutOfRange(int256 m);
    /// @notice s = 0 or s > MAX_SIGMA.
    error CurvatureOutOfRange(uint256 sigma);
    /// @notice b·(1+|ρ|) > MAX_WING_SLOPE (Lee's moment bound).
    error WingTooSteep(uint256 b, int256 rho);
    /// @notice The smile's minimum a + b·s·sqrt(1−ρ²) is below MIN_VOL²·T (negative included) or above
    ///         MAX_VOL²·T; the bounds are in total variance, rounded towards rejection.
    error MinimumVarianceOutOfRange(int256 minVariance, uint256 lowerBound, uint256 upperBound);
    /// @notice `impliedVol` on parameters whose total variance is negative at k (never after `validate`).
    error NegativeTotalVariance(int256 k, int256 totalVariance);

    /// @notice Total implied variance w(k) = a + b·(ρ·(k−m) + sqrt((k−m)² + s²)), wad.
    /// @dev Rounds up: returns w with w_exact ≤ w < w_exact + 2 wei. The square root is taken in 1e36
    ///      scale, so the only losses are its ceiling (< 1e-36) and the final division (< 1 wei).
    ///      Checks the magnitudes `validate` bounds (|a|, |ρ|, |m|, s, b): then |k−m| ≤ 16e18, s ≤ 16e18,
    ///      ((k−m)² + s²)·1e36 ≤ 5.2e74 and b·inner ≤ 2e18·(16e36 + 22.7e36) < 1e56, all far below 2^255, so the
    ///      arithmetic runs unchecked (a fraction of the gas of checked signed products). Parameters inside those
    ///      magnitudes that fail `validate`'s other checks may return a negative value.
    /// @param p Smile parameters.
    /// @param k Log-moneyness ln(K/F), wad.
    /// @return w Total variance σ²·T, wad, rounded up.
    /// @custom:reverts LogMoneynessOutOfRange if |k| > MAX_ABS_LOG_MONEYNESS.
    /// @custom:reverts LevelOutOfRange, RotationOutOfRange, VertexOutOfRange, CurvatureOutOfRange (s too large),
    ///                 WingTooSteep (b > MAX_WING_SLOPE) for a parameter beyond what `validate` accepts.
    function totalVariance(Params memory p, int256 k) internal pure returns (int256 w) {
        if (k > MAX_ABS_LOG_MONEYNESS || k < -MAX_ABS_LOG_MONEYNESS) revert LogMoneynessOutOfRange(k);
        _checkMagnitudes(p);
        // Unchecked: with the bounds just checked |k − m| ≤ 16e18 and s ≤ 16e18, so ((k−m)² + s²)·1e36 ≤ 5.2e74;
        // |ρ·(k−m)| < 1.6e37 and the hypotenuse < 2.3e37; b·inner is checked by `mulDivUp`; |a| ≤ 125e18 and the
        // term added to it < 1e38. No operation can overflow, so the result equals the checked arithmetic's.
        unchecked {
            int256 d = k - p.m;
            // sqrt((k−m)² + s²) in 1e36 scale, rounded up: ≥ |k−m|·1e18 > |ρ·(k−m)| since |ρ| < 1e18,
            // so `inner` below is positive and its cast to uint256 is exact.
            uint256 hypotenuse = _sqrtUp((uint256(d * d) + p.sigma * p.sigma) * (WAD * WAD));
            uint256 inner = uint256(p.rho * d + int256(hypotenuse));
            w = p.a + int256(FixedPointMathLib.mulDivUp(p.b, inner, WAD * WAD));
        }
    }

    /// @notice Implied volatility σ(k) = sqrt(w(k) / T), annualised, wad.
    /// @dev Rounds up at each step (w, w/T, the square root), so σ is never below the exact value.
    ///      With validated parameters w ≤ 125e18 + 2·(16 + 22.7)e18 < 2.1e20, so w·YEAR_SEC·1e18 < 1e46.
    /// @param p Smile parameters (see `totalVariance`).
    /// @param k Log-moneyness ln(K/F), wad.
    /// @param timeSec Time to expiry in seconds.
    /// @return vol Annualised implied volatility, wad, rounded up.
    /// @custom:reverts TimeOutOfRange if timeSec is outside [MIN_TIME_SEC, MAX_TIME_SEC].
    /// @custom:reverts LogMoneynessOutOfRange if |k| > MAX_ABS_LOG_MONEYNESS.
    /// @custom:reverts NegativeTotalVariance if w(k) < 0 (only for parameters that fail `validate`).
    function impliedVol(Params memory p, int256 k, uint256 timeSec) internal pure returns (uint256 vol) {
        _checkTime(timeSec);
        int256 w = totalVariance(p, k);
        if (w < 0) revert NegativeTotalVariance(k, w);
        // Annual variance w·YEAR/T in 1e36 scale, so that its square root is wad.
        vol = _sqrtUp(FixedPointMathLib.mulDivUp(uint256(w), YEAR_SEC * WAD, timeSec));
    }

    /// @notice Checks that `p` is an admissible smile for an expiry `timeSec` seconds away.
    /// @dev In order: time in domain; |a| ≤ MAX_ABS_A; |ρ| < 1; |m| ≤ MAX_ABS_M; 0 < s ≤ MAX_SIGMA;
    ///      b·(1+|ρ|) ≤ 2 (rounded up); MIN_VOL²·T ≤ a + b·s·sqrt(1−ρ²) ≤ MAX_VOL²·T with the minimum
    ///      rounded down and the bounds rounded inwards. b ≥ 0 holds by type. After the first five
    ///      checks b·s·sqrt(1−ρ²) ≤ 2e18·16e18·1e18 = 3.2e55 and the minimum's sum is within ±160e18.
    /// @param p Smile parameters.
    /// @param timeSec Time to expiry in seconds.
    /// @custom:reverts TimeOutOfRange, LevelOutOfRange, RotationOutOfRange, VertexOutOfRange,
    ///                 CurvatureOutOfRange, WingTooSteep, MinimumVarianceOutOfRange (see each error).
    function validate(Params memory p, uint256 timeSec) internal pure {
        _checkTime(timeSec);
        if (p.a > MAX_ABS_A || p.a < -MAX_ABS_A) revert LevelOutOfRange(p.a);
        uint256 absRho = FixedPointMathLib.abs(p.rho);
        if (absRho > MAX_ABS_RHO) revert RotationOutOfRange(p.rho);
        if (p.m > MAX_ABS_M || p.m < -MAX_ABS_M) revert VertexOutOfRange(p.m);
        if (p.sigma == 0 || p.sigma > MAX_SIGMA) revert CurvatureOutOfRange(p.sigma);
        // `b > MAX_WING_SLOPE` first: it is implied by the slope bound and keeps the product in range.
        if (p.b > MAX_WING_SLOPE || FixedPointMathLib.mulWadUp(p.b, WAD + absRho) > MAX_WING_SLOPE) {
            revert WingTooSteep(p.b, p.rho);
        }
        // sqrt(1−ρ²) in wad, rounded down: (1−ρ)(1+ρ) is exact in 1e36 scale.
        uint256 cosine = FixedPointMathLib.sqrt(uint256((WAD_INT - p.rho) * (WAD_INT + p.rho)));
        int256 minVariance = p.a + int256((p.b * p.sigma * cosine) / (WAD * WAD));
        uint256 lowerBound = FixedPointMathLib.mulDivUp(MIN_VOL * MIN_VOL, timeSec, WAD * YEAR_SEC);
        uint256 upperBound = (MAX_VOL * MAX_VOL * timeSec) / (WAD * YEAR_SEC);
        if (minVariance < int256(lowerBound) || minVariance > int256(upperBound)) {
            revert MinimumVarianceOutOfRange(minVariance, lowerBound, upperBound);
        }
    }

    /// @dev Reverts unless every parameter is within the magnitude `validate` accepts (|a|, |ρ|, |m|, s and b; not the
    ///      time-dependent bounds), with `validate`'s error for it: what keeps `totalVariance`'s arithmetic exact.
    function _checkMagnitudes(Params memory p) private pure {
        if (p.a > MAX_ABS_A || p.a < -MAX_ABS_A) revert LevelOutOfRange(p.a);
        if (FixedPointMathLib.abs(p.rho) > MAX_ABS_RHO) revert RotationOutOfRange(p.rho);
        if (p.m > MAX_ABS_M || p.m < -MAX_ABS_M) revert VertexOutOfRange(p.m);
        if (p.sigma > MAX_SIGMA) revert CurvatureOutOfRange(p.sigma);
        if (p.b > MAX_WING_SLOPE) revert WingTooSteep(p.b, p.rho);
    }

    /// @dev Reverts unless MIN_TIME_SEC ≤ timeSec ≤ MAX_TIME_SEC.
    function _checkTime(uint256 timeSec) private pure {
        if (timeSec < MIN_TIME_SEC || timeSec > MAX_TIME_SEC) revert TimeOutOfRange(timeSec);
    }

    /// @dev Square root rounded up: ceil(sqrt(x)).
    function _sqrtUp(uint256 x) private pure returns (uint256 z) {
        z = FixedPointMathLib.sqrt(x);
        // z = floor(sqrt(x)) < 2^128, so z·z < 2^256 and z + 1 ≤ 2^128.
        unchecked {
            if (z * z < x) ++z;
        }
    }
}
