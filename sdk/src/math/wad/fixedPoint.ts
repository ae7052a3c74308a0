import { WAD } from '../wad.js'

/**
 * The few fixed-point operations of Solady's `FixedPointMathLib` the market uses, on bigint with
 * the same rounding: `mulDiv` floors, `mulDivUp` ceils, `divUp` ceils, all on non-negative values.
 * Inputs are the contract's uint256 values; the market's parameter bounds keep every product
 * below 2^256, so no overflow branch is mirrored.
 */

/** floor(x·y/d), as `FixedPointMathLib.mulDiv`. */
export function mulDiv(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d
}

/** ceil(x·y/d), as `FixedPointMathLib.mulDivUp`. */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const product = x * y
  return product === 0n ? 0n : (product - 1n) / d + 1n
}

/** floor(x·y/1e18), as `FixedPointMathLib.mulWad`. */
export function mulWad(x: bigint, y: bigint): bigint {
  return (x * y) / WAD
}

/** ceil(x·y/1e18), as `FixedPointMathLib.mulWadUp`. */
export function mulWadUp(x: bigint, y: bigint): bigint {
  return mulDivUp(x, y, WAD)
}

/** ceil(x/d), as `FixedPointMathLib.divUp`. */
export function divUp(x: bigint, d: bigint): bigint {
  return x === 0n ? 0n : (x - 1n) / d + 1n
}

/** The larger of two bigints (`Math.max` takes numbers only), as `FixedPointMathLib.max`. */
export function max(x: bigint, y: bigint): bigint {
  return x >= y ? x : y
}

/** The smaller of two bigints, as `FixedPointMathLib.min`. */
export function min(x: bigint, y: bigint): bigint {
  return x <= y ? x : y
}

/** |x|. */
export function abs(x: bigint): bigint {
  return x < 0n ? -x : x
}
