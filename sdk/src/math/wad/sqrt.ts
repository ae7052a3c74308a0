/**
 * Integer square root rounded down, ⌊√x⌋, as Solady's `FixedPointMathLib.sqrt` (which is exact, so any
 * exact algorithm reproduces it).
 *
 * @example
 * ```ts
 * sqrtFloor(10n) // 3n
 * ```
 */
export function sqrtFloor(x: bigint): bigint {
  if (x < 0n) throw new RangeError(`sqrtFloor: ${x} is negative`)
  if (x < 2n) return x
  // Newton's iteration decreases monotonically from any start above √x and stops at ⌊√x⌋.
  let z = 1n << BigInt(Math.ceil(x.toString(2).length / 2))
  for (;;) {
    const next = (z + x / z) >> 1n
    if (next >= z) return z
    z = next
  }
}
