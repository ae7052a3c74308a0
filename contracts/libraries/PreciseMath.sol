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
    /// @return r e^-y, 1e27 fixed point, rounded toward zero.
    function expNeg(uint256 y) internal pure returns (uint256 r) {
        // solhint-disable-next-line gas-strict-inequalities
        if (y >= EXP_NEG_CUTOFF) return 0;
        // y < 64e27, so h <= 185 and every product below is < 1e56. In Solidity (int256, truncating division):
        //   h = (y + LN2_HALF / 2) / LN2_HALF;  f = y - h * LN2_HALF;  w = f * f / ONE;
        //   even = ((w / 665280 + ONE / 792) * w / ONE + ONE * 5 / 44) * w / ONE + ONE;
        //   odd = ((w / 15840 + ONE / 66) * w / ONE + ONE / 2) * f / ONE;
        //   r = (even - odd) * ONE / (even + odd);  if (h is odd) r = r * INV_SQRT2 / ONE;  r >>= h / 2;
        assembly ("memory-safe") {
            let h := div(add(y, 173286795139986327354308030), 346573590279972654708616061)
            let f := sub(y, mul(h, 346573590279972654708616061))
            let w := sdiv(mul(f, f), 1000000000000000000000000000)
            let even := add(sdiv(w, 665280), 1262626262626262626262626)
            even := add(sdiv(mul(even, w), 1000000000000000000000000000), 113636363636363636363636363)
            even := add(sdiv(mul(even, w), 1000000000000000000000000000), 1000000000000000000000000000)
            let odd := add(sdiv(w, 15840), 15151515151515151515151515)
            odd := add(sdiv(mul(odd, w), 1000000000000000000000000000), 500000000000000000000000000)
            odd := sdiv(mul(odd, f), 1000000000000000000000000000)
            r := sdiv(mul(sub(even, odd), 1000000000000000000000000000), add(even, odd))
            if and(h, 1) { r := div(mul(r, 707106781186547524400844362), 1000000000000000000000000000) }
            r := shr(shr(1, h), r)
        }
    }

    /// @notice Natural logarithm of x in [1/8, 8), in the 1e27 fixed point.
    /// @dev x = 2^(h/2)·m with m in [2^(-1/4), 2^(1/4)] (up to rounding), ln m = 2·atanh(z) with z = (m-1)/(m+1),
    /// |z| <= 0.0866, and atanh(z)/z = Σ z^(2n)/(2n+1), summed to n = 8: the remainder is below
    /// 2|z|·z^18/19/(1-z²) < 7e-22. With the rounding of the operations the result is within 1e-21 absolute.
    /// @param x The argument, 1e27 fixed point; reverts with `LnOutOfRange` outside [1/8, 8).
    /// @return r ln x, 1e27 fixed point.
    function ln(uint256 x) internal pure returns (int256 r) {
        // solhint-disable-next-line gas-strict-inequalities
        if (x < uint256(ONE) / 8 || x >= 8 * uint256(ONE)) revert LnOutOfRange(x);
        // x < 8e27 and |h| <= 7; z, w and the partial sums are below 1e27 in magnitude. In Solidity:
        //   while (x >= TWO_POW_3_4) { x >>= 1; h += 2; }   while (x < TWO_POW_M3_4) { x <<= 1; h -= 2; }
        //   if (x >= TWO_POW_1_4) { x = x * INV_SQRT2 / ONE; h += 1; }
        //   else if (x < TWO_POW_M1_4) { x = x * SQRT2 / ONE; h -= 1; }
        //   z = (x - ONE) * ONE / (x + ONE);  w = z * z / ONE;
        //   s = ONE / 17;  s = s * w / ONE + ONE / 15; ... s = s * w / ONE + ONE / 3;  s = s * w / ONE + ONE;
        //   r = h * LN2_HALF + 2 * z * s / ONE;
        assembly ("memory-safe") {
            let h := 0
            for {} iszero(lt(x, 1681792830507429086062250952)) {} {
                x := shr(1, x)
                h := add(h, 2)
            }
            for {} lt(x, 594603557501360533358749985) {} {
                x := shl(1, x)
                h := sub(h, 2)
            }
            switch lt(x, 1189207115002721066717499971)
            case 0 {
                x := div(mul(x, 707106781186547524400844362), 1000000000000000000000000000)
                h := add(h, 1)
            }
            default {
                if lt(x, 840896415253714543031125476) {
                    x := div(mul(x, 1414213562373095048801688724), 1000000000000000000000000000)
                    h := sub(h, 1)
                }
            }
            let z :=
                sdiv(
                    mul(sub(x, 1000000000000000000000000000), 1000000000000000000000000000),
                    add(x, 1000000000000000000000000000)
                )
            let w := sdiv(mul(z, z), 1000000000000000000000000000)
            let t :=
                add(sdiv(mul(58823529411764705882352941, w), 1000000000000000000000000000), 66666666666666666666666666)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 76923076923076923076923076)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 90909090909090909090909090)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 111111111111111111111111111)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 142857142857142857142857142)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 200000000000000000000000000)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 333333333333333333333333333)
            t := add(sdiv(mul(t, w), 1000000000000000000000000000), 1000000000000000000000000000)
            r := add(mul(h, 346573590279972654708616061), sdiv(mul(mul(2, z), t), 1000000000000000000000000000))
        }
    }

    /// @notice sqrt(x) for x in [2^160, 2^182), in the 1e27 fixed point when x is in 1e54 (rounded up by at most
    /// one unit; exact floor or floor + 1).
    /// @dev Newton's iteration z = (z + x/z)/2 from z0 = 2^ceil((msb(x)+1)/2), which is within a factor 2 above
    /// sqrt(x): the relative error falls as 1 → 0.25 → 2.5e-2 → 3e-4 → 5e-8 → 1e-15 → 6e-31 in six steps, and
    /// an iteration from above stays above. The range covers timeSec·1e54/YEAR over the pricing domain.
    /// @param x The argument, in [2^160, 2^182) (not checked: the caller's domain guarantees it).
    /// @return z sqrt(x), within one unit above.
    function sqrtInTimeRange(uint256 x) internal pure returns (uint256 z) {
        // In Solidity: msb = 160 + log2(x >> 160) (x >> 160 < 2^22); z = 1 << ((msb + 2) / 2);
        // six times z = (z + x / z) / 2.
        assembly ("memory-safe") {
            let y := shr(160, x)
            let m := shl(4, lt(0xffff, y))
            m := or(m, shl(3, lt(0xff, shr(m, y))))
            m := or(m, shl(2, lt(0xf, shr(m, y))))
            m := or(m, shl(1, lt(0x3, shr(m, y))))
            m := or(m, lt(0x1, shr(m, y)))
            z := shl(shr(1, add(m, 162)), 1)
            z := shr(1, add(z, div(x, z)))
            z := shr(1, add(z, div(x, z)))
            z := shr(1, add(z, div(x, z)))
            z := shr(1, add(z, div(x, z)))
            z := shr(1, add(z, div(x, z)))
            z := shr(1, add(z, div(x, z)))
        }
    }
}
