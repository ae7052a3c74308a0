import { WAD } from '../wad.js'

/**
 * The few fixed-point operations of Solady's `FixedPointMathLib` the market uses, on bigint with
 * the same rounding: `mulDiv` floors, `mulDivUp` ceils, `divUp` ceils, all on non-negative values.
 * Inputs are the contract's uint256 values; the market's parameter bounds keep every product
 * below 2^256, so no overflow branch is mirrored.
 */

/**
 * floor(x·y/d), as `FixedPointMathLib.mulDiv`.
 *
 * @example
 * ```ts
 * import { mulDiv } from '@smile/sdk'
 *
 * mulDiv(10n, 10n, 3n) // 33n
 * ```
 */
export function mulDiv(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d
}

/**
 * ceil(x·y/d), as `FixedPointMathLib.mulDivUp`.
 *
 * @example
 * ```ts
 * import { mulDivUp } from '@smile/sdk'
 *
 * mulDivUp(10n, 10n, 3n) // 34n
 * ```
 */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const product = x * y
  return product === 0n ? 0n : (product - 1n) / d + 1n
}

/**
 * floor(x·y/1e18), as `FixedPointMathLib.mulWad`.
 *
 * @example
 * ```ts
 * import { mulWad } from '@smile/sdk'
 *
 * mulWad(3n * 10n ** 17n, 3n * 10n ** 17n) // 90000000000000000n (0.3 · 0.3)
 * ```
 */
export function mulWad(x: bigint, y: bigint): bigint {
  return (x * y) / WAD
}

/**
 * ceil(x·y/1e18), as `FixedPointMathLib.mulWadUp`.
 *
 * @example
 * ```ts
 * import { mulWadUp } from '@smile/sdk'
 *
 * mulWadUp(1n, 1n) // 1n (mulWad gives 0n)
 * ```
 */
export function mulWadUp(x: bigint, y: bigint): bigint {
  return mulDivUp(x, y, WAD)
}

/**
 * ceil(x/d), as `FixedPointMathLib.divUp`.
 *
 * @example
 * ```ts
 * import { divUp } from '@smile/sdk'
 *
 * divUp(10n ** 12n + 1n, 10n ** 12n) // 2n: wad to 6-decimal token units, rounded up
 * ```
 */
export function divUp(x: bigint, d: bigint): bigint {
  return x === 0n ? 0n : (x - 1n) / d + 1n
}

/**
 * The larger of two bigints (`Math.max` takes numbers only), as `FixedPointMathLib.max`.
 *
 * @example
 * ```ts
 * import { max } from '@smile/sdk'
 *
 * max(-3n, 2n) // 2n
 * ```
 */
export function max(x: bigint, y: bigint): bigint {
  return x >= y ? x : y
}

/**
 * The smaller of two bigints, as `FixedPointMathLib.min`.
 *
 * @example
 * ```ts
 * import { min } from '@smile/sdk'
 *
 * min(-3n, 2n) // -3n
 * ```
 */
export function min(x: bigint, y: bigint): bigint {
  return x <= y ? x : y
}

/**
 * |x|.
 *
 * @example
 * ```ts
 * import { abs } from '@smile/sdk'
 *
 * abs(-5n * 10n ** 17n) // 500000000000000000n
 * ```
 */
export function abs(x: bigint): bigint {
  return x < 0n ? -x : x
}

/** Working precision of {@link lnWad}: 10^60, far below the wei it rounds to. */
const LN_ONE = 10n ** 60n
/** ln 2 · 10^60, from the series below at x = 2 (computed once). */
const LN2 = atanhLn(2n * LN_ONE)

/** ln(y) · 10^60 for y ∈ [1, 2)·10^60: 2·atanh((y−1)/(y+1)) = 2·Σ z^(2n+1)/(2n+1), z ≤ 1/3. */
function atanhLn(y: bigint): bigint {
  const z = ((y - LN_ONE) * LN_ONE) / (y + LN_ONE)
  const z2 = (z * z) / LN_ONE
  let term = z
  let sum = 0n
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n
    term = (term * z2) / LN_ONE
  }
  return 2n * sum
}

/**
 * ln(x/1e18)·1e18 rounded toward −∞, evaluated at 10^-60 precision (x reduced to [1, 2) by powers
 * of two, ln of the rest summed from the atanh series, then floored to the wei).
 *
 * NOT bit-exact with Solady's `FixedPointMathLib.lnWad`, which `OptionValuation.volatility` uses
 * for k = ln(K/S): Solady's rational approximation is within 1 wei of the true value but neither
 * floored nor rounded to nearest, and it differs from this floor by ±1 wei on about 3.4 % of inputs
 * in [0.2, 5]e18 (102 of 3,000 random inputs, checked with forge). A 1-wei k moves the smile's
 * volatility by one wei in about 0.1–0.5 % of quotes. The exact fix is on the contract side (an ln
 * with a stated rounding, such as `PreciseMath.ln`, which `lnPrecise` mirrors bit for bit).
 *
 * @throws RangeError if x ≤ 0 (where `lnWad` reverts).
 * @example
 * ```ts
 * import { lnWad } from '@smile/sdk'
 *
 * lnWad(2n * 10n ** 18n) // 693147180559945309n
 * ```
 */
export function lnWad(x: bigint): bigint {
  if (x <= 0n) throw new RangeError(`lnWad: ${x} is not positive`)
  // x/1e18 = 2^exponent · numerator/denominator with the fraction in [1, 2), kept exact.
  let exponent = 0n
  let scaledNumerator = x * LN_ONE
  let scaledDenominator = WAD
  while (scaledNumerator >= 2n * LN_ONE * scaledDenominator) {
    scaledDenominator *= 2n
    exponent += 1n
  }
  while (scaledNumerator < LN_ONE * scaledDenominator) {
    scaledNumerator *= 2n
    exponent -= 1n
  }
  const lnScaled = exponent * LN2 + atanhLn(scaledNumerator / scaledDenominator)
  const unit = LN_ONE / WAD
  return lnScaled >= 0n ? lnScaled / unit : -((-lnScaled + unit - 1n) / unit)
}
