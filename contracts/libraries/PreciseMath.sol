// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title PreciseMath
/// @notice Exponential and logarithm in a 1e27 fixed point (nine more digits than wad), for the pricing
/// library, whose error budget needs intermediate results far below one wad unit.
/// @dev Both functions are derived from the mathematics: a range reduction by half powers of two, then a
/// short, exactly known approximation (Padé for exp, the atanh series for ln). Every operation rounds toward
/// zero; the SDK's bigint mirror (`sdk/src/math/wad/preciseMath.ts`) repeats them operation for operation.
library PreciseMath {
    /// @notice Thrown when `ln` is called outside [1/8, 8).
    error LnOutOfRange(uint256 x);

    /// @notice The unit of the fixed point, 1.0 = 1e27.
    int256 internal constant ONE = 1e27;

    /// @dev ln(2)/2 = 0.34657359027997265470861606072908828403775006718..., rounded to 1e-27.
    int256 internal constant LN2_HALF = 346_573_590_279_972_654_708_616_061;
    /// @dev sqrt(2) = 1.41421356237309504880168872420969807856967187537..., rounded to 1e-27.
    uint256 internal constant SQRT2 = 1_414_213_562_373_095_048_801_688_724;
    /// @dev 1/sqrt(2) = 0.70710678118654752440084436210484903928483593768..., rounded to 1e-27.
    uint256 internal constant INV_SQRT2 = 707_106_781_186_547_524_400_844_362;
    /// @dev 2^(3/4) = 1.68179283050742908606225095246642979..., 2^(1/4) = 1.18920711500272106671749997056...,
    /// 2^(-1/4) and 2^(-3/4) their inverses: the bounds of the range reduction of `ln` (any value close to
    /// them works, the series below converges on a slightly wider interval).
    uint256 internal constant TWO_POW_3_4 = 1_681_792_830_507_429_086_062_250_952;
    uint256 internal constant TWO_POW_1_4 = 1_189_207_115_002_721_066_717_499_971;
    uint256 internal constant TWO_POW_M1_4 = 840_896_415_253_714_543_031_125_476;
    uint256 internal constant TWO_POW_M3_4 = 594_603_557_501_360_533_358_749_985;

    /// @dev e^-y < 5e-28 (half a unit of the fixed point) for y > 62.9; from 64 on the result is 0.
    uint256 internal constant EXP_NEG_CUTOFF = 64e27;

    /// @notice e^-y for y >= 0, in the 1e27 fixed point.
    /// @dev y = h·ln2/2 + f with h = round(y / (ln2/2)) and |f| <= ln2/4 ≈ 0.1733, so
    /// e^-y = 2^-(h/2) · e^-f. e^-f = P(-f)/P(f) with P the [6/6] Padé numerator of e^x,
    /// P(x) = 1 + x/2 + 5x²/44 + x³/66 + x⁴/792 + x⁵/15840 + x⁶/665280, written as E(f²) ∓ f·O(f²). Its
    /// truncation error is (6!)²/(12!·13!)·|f|^13 < 3e-23 relative; with the rounding of f (h·5e-28) and of the
    /// operations the result is within 3e-23 relative plus 2 units of 1e-27.
    /// @param y The exponent's magnitude, 1e27 fixed point.
    /// @return e^-y, 1e27 fixed point, rounded toward zero.
    function expNeg(uint256 y) internal pure returns (uint256) {
        if (y >= EXP_NEG_CUTOFF) return 0;
        // Unchecked: y < 64e27, so h <= 185, every product below is < 1e56.
        unchecked {
            uint256 h = (y + uint256(LN2_HALF) / 2) / uint256(LN2_HALF);
            int256 f = int256(y) - int256(h) * LN2_HALF;
            int256 w = f * f / ONE;
            int256 even = ((w / 665_280 + ONE / 792) * w / ONE + ONE * 5 / 44) * w / ONE + ONE;
            int256 odd = ((w / 15_840 + ONE / 66) * w / ONE + ONE / 2) * f / ONE;
            uint256 r = uint256((even - odd) * ONE / (even + odd));
            if (h & 1 == 1) r = r * INV_SQRT2 / uint256(ONE);
            return r >> (h >> 1);
        }
    }

    /// @notice Natural logarithm of x in [1/8, 8), in the 1e27 fixed point.
    /// @dev x = 2^(h/2)·m with m in [2^(-1/4), 2^(1/4)] (up to rounding), ln m = 2·atanh(z) with z = (m-1)/(m+1),
    /// |z| <= 0.0866, and atanh(z)/z = Σ z^(2n)/(2n+1), summed to n = 9: the remainder is below
    /// 2|z|·z^20/21/(1-z²) < 5e-24. With the rounding of the operations the result is within 2e-26 absolute.
    /// @param x The argument, 1e27 fixed point; reverts with `LnOutOfRange` outside [1/8, 8).
    /// @return ln x, 1e27 fixed point.
    function ln(uint256 x) internal pure returns (int256) {
        if (x < uint256(ONE) / 8 || x >= 8 * uint256(ONE)) revert LnOutOfRange(x);
        // Unchecked: x < 8e27 and |h| <= 7; z, w and the partial sums are below 1e27 in magnitude.
        unchecked {
            int256 h;
            if (x >= TWO_POW_3_4) {
                do {
                    x >>= 1;
                    h += 2;
                } while (x >= TWO_POW_3_4);
            } else {
                while (x < TWO_POW_M3_4) {
                    x <<= 1;
                    h -= 2;
                }
            }
            if (x >= TWO_POW_1_4) {
                x = x * INV_SQRT2 / uint256(ONE);
                h += 1;
            } else if (x < TWO_POW_M1_4) {
                x = x * SQRT2 / uint256(ONE);
                h -= 1;
            }
            int256 m = int256(x);
            int256 z = (m - ONE) * ONE / (m + ONE);
            int256 w = z * z / ONE;
            int256 s = ONE / 19;
            s = s * w / ONE + ONE / 17;
            s = s * w / ONE + ONE / 15;
            s = s * w / ONE + ONE / 13;
            s = s * w / ONE + ONE / 11;
            s = s * w / ONE + ONE / 9;
            s = s * w / ONE + ONE / 7;
            s = s * w / ONE + ONE / 5;
            s = s * w / ONE + ONE / 3;
            s = s * w / ONE + ONE;
            return h * LN2_HALF + 2 * z * s / ONE;
        }
    }
}
