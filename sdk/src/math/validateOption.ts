import { InvalidPricingInputError } from '../errors/pricing.js'

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
 * (the vol or the price) are finite numbers > 0, rate a finite number and type 'call' or 'put' —
 * for every such input unless the five numbers' sum overflows. One boolean expression without
 * calls or error construction, so that the check fits V8's inlining budget of the hot path; where
 * it is false the caller runs {@link validateOption}, which throws the typed error (or passes
 * the rare valid input whose sum overflows).
 *
 * @example
 * ```ts
 * isValidOption(100, 90, 0.5, 0.2, 0, 'put') // true
 * isValidOption(100, 90, 0, 0.2, 0, 'put') // false: time must be > 0
 * ```
 */
export function isValidOption(
  spot: number,
  strike: number,
  time: number,
  positive: number,
  rate: number,
  type: string,
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
    // All five finite: a sum with an infinity or a NaN in it is not (×0 gives NaN, not 0).
    (spot + strike + time + positive + rate) * 0 === 0 &&
    (type === 'call' || type === 'put')
  )
}

/**
 * The full input check, the cold path where {@link isValidOption} is false: throws the typed
 * error naming the first input that fails, in the order spot, strike, time, rate, type, then
 * `parameter` (vol or price).
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
  if (option.type !== 'call' && option.type !== 'put') {
    throw new InvalidPricingInputError('type', option.type, "'call' or 'put'")
  }
  requirePositive(parameter, value)
}

function requirePositive(
  parameter: 'spot' | 'strike' | 'time' | 'vol' | 'price',
  value: number,
): void {
  if (!(typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new InvalidPricingInputError(parameter, value, 'a finite number > 0')
  }
}
