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
 * Checks spot, strike and time are finite and > 0, rate (default 0) finite and type 'call' or
 * 'put'; returns the rate.
 *
 * @throws {InvalidPricingInputError} naming the first input that fails.
 * @example
 * ```ts
 * validateMarket({ spot: 100, strike: 90, time: 0.5, type: 'put' }) // 0
 * ```
 */
export function validateMarket(option: OptionMarket): number {
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
  return rate
}

/**
 * Checks value is a finite number > 0.
 *
 * @throws {InvalidPricingInputError} otherwise.
 * @example
 * ```ts
 * requirePositive('vol', 0.8) // passes; requirePositive('vol', 0) throws
 * ```
 */
export function requirePositive(
  parameter: 'spot' | 'strike' | 'time' | 'vol' | 'price',
  value: number,
): void {
  if (!(typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new InvalidPricingInputError(parameter, value, 'a finite number > 0')
  }
}
