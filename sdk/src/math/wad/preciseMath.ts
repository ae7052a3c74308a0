import { LnOutOfRangeError } from '../../errors/blackScholes.js'

/**
 * Bigint mirror of `contracts/libraries/PreciseMath.sol`: e^-y and ln x in the 1e27 fixed point, operation
 * for operation (bigint division truncates toward zero like the EVM's `div` and `sdiv`).
 */

/**
 * The unit of the 1e27 fixed point (`PreciseMath.ONE`).
 *
 * @example
 * ```ts
 * PRECISE_ONE / 10n ** 9n // 10n ** 18n, one wad
 * ```
 */
export const PRECISE_ONE = 10n ** 27n

const ONE = PRECISE_ONE
const LN2_HALF = 346_573_590_279_972_654_708_616_061n
const SQRT2 = 1_414_213_562_373_095_048_801_688_724n
const INV_SQRT2 = 707_106_781_186_547_524_400_844_362n
const TWO_POW_3_4 = 1_681_792_830_507_429_086_062_250_952n
const TWO_POW_1_4 = 1_189_207_115_002_721_066_717_499_971n
const TWO_POW_M1_4 = 840_896_415_253_714_543_031_125_476n
const TWO_POW_M3_4 = 594_603_557_501_360_533_358_749_985n
const EXP_NEG_CUTOFF = 64n * ONE

/**
 * e^-y for y >= 0 in the 1e27 fixed point, bit for bit as `PreciseMath.expNeg`.
 *
 * @example
 * ```ts
 * expNegPrecise(10n ** 27n) // 367879441171442321595523770n, e^-1
 * ```
 */
export function expNegPrecise(y: bigint): bigint {
  if (y >= EXP_NEG_CUTOFF) return 0n
  const h = (y + LN2_HALF / 2n) / LN2_HALF
  const f = y - h * LN2_HALF
  const w = (f * f) / ONE
  const even = ((((w / 665_280n + ONE / 792n) * w) / ONE + (ONE * 5n) / 44n) * w) / ONE + ONE
  const odd = ((((w / 15_840n + ONE / 66n) * w) / ONE + ONE / 2n) * f) / ONE
  let r = ((even - odd) * ONE) / (even + odd)
  if ((h & 1n) === 1n) r = (r * INV_SQRT2) / ONE
  return r >> (h >> 1n)
}

/**
 * ln x for x in [1/8, 8) in the 1e27 fixed point, bit for bit as `PreciseMath.ln`.
 *
 * @throws {LnOutOfRangeError} outside [1/8, 8).
 * @example
 * ```ts
 * lnPrecise(2n * 10n ** 27n) // 693147180559945309417232122n
 * ```
 */
export function lnPrecise(x: bigint): bigint {
  if (x < ONE / 8n || x >= 8n * ONE) throw new LnOutOfRangeError(x)
  let m = x
  let h = 0n
  if (m >= TWO_POW_3_4) {
    do {
      m >>= 1n
      h += 2n
    } while (m >= TWO_POW_3_4)
  } else {
    while (m < TWO_POW_M3_4) {
      m <<= 1n
      h -= 2n
    }
  }
  if (m >= TWO_POW_1_4) {
    m = (m * INV_SQRT2) / ONE
    h += 1n
  } else if (m < TWO_POW_M1_4) {
    m = (m * SQRT2) / ONE
    h -= 1n
  }
  const z = ((m - ONE) * ONE) / (m + ONE)
  const w = (z * z) / ONE
  let s = ONE / 17n
  for (const d of [15n, 13n, 11n, 9n, 7n, 5n, 3n, 1n]) s = (s * w) / ONE + ONE / d
  return h * LN2_HALF + (2n * z * s) / ONE
}

/**
 * √x for x in [2^160, 2^182) (floor or floor + 1), bit for bit as `PreciseMath.sqrtInTimeRange`: six Newton
 * steps from 2^ceil((msb(x) + 1)/2).
 *
 * @example
 * ```ts
 * sqrtInTimeRange(10n ** 54n) // 10n ** 27n
 * ```
 */
export function sqrtInTimeRange(x: bigint): bigint {
  if (x < 1n << 160n || x >= 1n << 182n) throw new RangeError(`sqrtInTimeRange: ${x} out of range`)
  const msb = BigInt(x.toString(2).length - 1)
  let z = 1n << ((msb + 2n) >> 1n)
  for (let i = 0; i < 6; i++) z = (z + x / z) >> 1n
  return z
}
