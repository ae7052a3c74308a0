/** 2^256: the EVM word size, the exclusive upper bound of a uint256. */
const UINT256_END = 1n << 256n
const UINT256_MAX = UINT256_END - 1n
const WAD = 10n ** 18n

function assertUint256(x: bigint, fn: string): void {
  if (x < 0n || x > UINT256_MAX) throw new RangeError(`${fn}: ${x} is not a uint256`)
}

/**
 * floor(sqrt(x)) for a uint256, bit for bit Solady's `FixedPointMathLib.sqrt` (which is exact:
 * it returns the integer square root rounded down for every uint256).
 *
 * Newton's iteration from an over-estimate 2^ceil(bits/2): the iterates decrease monotonically
 * to floor(sqrt(x)) and the loop stops at the first that does not.
 *
 * @throws RangeError if x is negative or at least 2^256.
 * @example
 * ```ts
 * sqrt(10n) // 3n
 * sqrt(10n ** 36n) // 10n ** 18n
 * ```
 */
export function sqrt(x: bigint): bigint {
  assertUint256(x, 'sqrt')
  if (x < 2n) return x
  let z = 1n << BigInt(Math.ceil(x.toString(2).length / 2))
  for (;;) {
    const next = (z + x / z) >> 1n
    if (next >= z) return z
    z = next
  }
}

/**
 * Square root of a wad, in wad, rounded down: bit for bit Solady's `FixedPointMathLib.sqrtWad`,
 * including its path for x above (2^256 − 1)/1e18, where Solady refines one Newton step from
 * (1 + sqrt(x))·1e9 and corrects by one.
 *
 * @throws RangeError if x is negative or at least 2^256.
 * @example
 * ```ts
 * sqrtWad(4n * 10n ** 18n) // 2n * 10n ** 18n
 * sqrtWad(2n * 10n ** 18n) // 1414213562373095048n
 * ```
 */
export function sqrtWad(x: bigint): bigint {
  assertUint256(x, 'sqrtWad')
  if (x <= UINT256_MAX / WAD) return sqrt(x * WAD)
  let z = (1n + sqrt(x)) * 10n ** 9n
  z = ((x * WAD) / z + z) >> 1n
  // Solady: z := sub(z, gt(999999999999999999, sub(mulmod(z, z, x), 1))), with 256-bit wrap-around.
  const remainderMinusOne = (((z * z) % x) - 1n + UINT256_END) % UINT256_END
  return 999999999999999999n > remainderMinusOne ? z - 1n : z
}
