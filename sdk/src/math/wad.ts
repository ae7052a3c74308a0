/**
 * One in wad (1e18 fixed point), the unit of every on-chain quantity in Smile's math.
 *
 * @example
 * ```ts
 * import { WAD } from '@smile/sdk'
 *
 * const strikeWad = 3_000n * WAD // a strike of 3,000
 * ```
 */
export const WAD = 10n ** 18n

/**
 * Converts a float to wad from its shortest decimal form (so 0.8 is exactly 0.8e18), rounding
 * half up to the wei.
 *
 * @example
 * ```ts
 * toWad(0.8) // 800000000000000000n
 * ```
 */
export function toWad(value: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`toWad: ${value} is not a finite number`)
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e')
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.')
  const shift = Number(exponent) + 18 - fraction.length
  const digits = BigInt(whole + fraction)
  const magnitude =
    shift >= 0 ? digits * 10n ** BigInt(shift) : roundHalfUp(digits, 10n ** BigInt(-shift))
  return value < 0 ? -magnitude : magnitude
}

/**
 * Converts a wad to the nearest float.
 *
 * @example
 * ```ts
 * fromWad(1_500000000000000000n) // 1.5
 * ```
 */
export function fromWad(value: bigint): number {
  const whole = value / WAD
  const fraction = value % WAD
  return Number(whole) + Number(fraction) / 1e18
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator / 2n) / denominator
}
