import { InvalidPricingInputError } from '../errors/pricing.js'

/**
 * The largest volatility accepted, 10 (1,000 %): a larger one is a percentage passed as a number
 * (80 for 80 %), not a volatility any market quotes.
 */
export const MAX_VOL = 10
/** The largest rate accepted, 1 (100 %), for the same reason. */
export const MAX_RATE = 1

/** The market inputs shared by pricing and implied volatility. */
export type OptionMarket = {
  spot: number
  strike: number
  time: number
  rate?: number
  type: 'call' | 'put'
}

/**
 * The pricing functions' fast input check: true only when spot, strike, time and `positive`
 * (the vol or the price) are finite numbers > 0, `positive` at most `maxPositive` ({@link MAX_VOL}
 * for a vol), rate a finite number at most {@link MAX_RATE} and type 'call' or 'put' — for every
 * such input unless the five numbers' sum overflows. One boolean expression without
 * calls or error construction, so that the check fits V8's inlining budget of the hot path; where
 * it is false the caller runs {@link validateOption}, which throws the typed error (or passes
 * the rare valid input whose sum overflows).
 *
 * @example
 * ```ts
 * isValidOption(100, 90, 0.5, 0.2, 0, 'put', MAX_VOL) // true
 * isValidOption(100, 90, 0, 0.2, 0, 'put', MAX_VOL) // false: time must be > 0
 * isValidOption(100, 90, 0.5, 80, 0, 'put', MAX_VOL) // false: a vol of 80 is a percentage
 * ```
 */
export function isValidOption(
  spot: number,
  strike: number,
  time: number,
  positive: number,
  rate: number,
  type: string,
  maxPositive: number,
): boolean {
  return (
    typeof spot === 'number' &&
    typeof strike === 'number' &&
    typeof time === 'number' &&
    typeof positive === 'number' &&
    typeof rate === 'number' &&
    spot > 0 &&
    strike > 0 &&
    time > 0 &&
    positive > 0 &&
    positive <= maxPositive &&
    rate <= MAX_RATE &&
    // All five finite: a sum with an infinity or a NaN in it is not (×0 gives NaN, not 0).
    (spot + strike + time + positive + rate) * 0 === 0 &&
    (type === 'call' || type === 'put')
  )
}

/**
 * The full input check, the cold path where {@link isValidOption} is false: throws the typed
 * error naming the first input that fails, in the order spot, strike, time, rate, type, then
 * `parameter` (vol or price). A rate above {@link MAX_RATE} or a vol above {@link MAX_VOL} is
 * refused with a hint that it looks like a percentage.
 *
 * @throws {InvalidPricingInputError} naming the first input that fails.
 * @example
 * ```ts
 * validateOption({ spot: 100, strike: 90, time: 0, type: 'put' }, 'vol', 0.2)
 * // throws InvalidPricingInputError, parameter 'time'
 * ```
 */
export function validateOption(
  option: OptionMarket,
  parameter: 'vol' | 'price',
  value: number,
): void {
  requirePositive('spot', option.spot)
  requirePositive('strike', option.strike)
  requirePositive('time', option.time)
  const rate = option.rate ?? 0
  if (!(typeof rate === 'number' && Number.isFinite(rate))) {
    throw new InvalidPricingInputError('rate', rate, 'a finite number')
  }
  if (rate > MAX_RATE) throw percentage('rate', rate, MAX_RATE)
  if (option.type !== 'call' && option.type !== 'put') {
    throw new InvalidPricingInputError('type', option.type, "'call' or 'put'")
  }
  requirePositive(parameter, value)
  if (parameter === 'vol' && value > MAX_VOL) throw percentage('vol', value, MAX_VOL)
}

function percentage(
  parameter: 'vol' | 'rate',
  value: number,
  max: number,
): InvalidPricingInputError {
  return new InvalidPricingInputError(
    parameter,
    value,
    `at most ${max} (${max * 100}%)`,
    `${parameter} ${value} looks like a percentage; pass ${value / 100} for ${value}%`,
  )
}

function requirePositive(
  parameter: 'spot' | 'strike' | 'time' | 'vol' | 'price',
  value: number,
): void {
  if (!(typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new InvalidPricingInputError(parameter, value, 'a finite number > 0')
  }
}
