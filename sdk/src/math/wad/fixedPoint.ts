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
