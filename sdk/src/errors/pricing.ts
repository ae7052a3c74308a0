import { SmileError } from './base.js'

/**
 * Inputs of the float64 Black-Scholes functions that are validated.
 *
 * @example
 * ```ts
 * import { InvalidPricingInputError, type PricingParameter, blackScholesPrice } from '@smile/sdk'
 *
 * let rejected: PricingParameter | undefined
 * try {
 *   blackScholesPrice({ spot: -1, strike: 100, time: 1, vol: 0.2, type: 'call' })
 * } catch (error) {
 *   if (error instanceof InvalidPricingInputError) rejected = error.parameter // 'spot'
 * }
 * ```
 */
export type PricingParameter = 'spot' | 'strike' | 'time' | 'vol' | 'rate' | 'price' | 'type'

/**
 * An input of `blackScholes`, `blackScholesPrice` or `impliedVolatility` is not a number the
 * model accepts: spot, strike, time and vol must be finite and > 0, vol at most 10 (1,000 %),
 * rate finite and at most 1 (100 %), type 'call' or 'put', price finite. A vol or rate given as a
 * percentage (80 for 80 %) is refused with that hint in `metaMessages`.
 *
 * @example
 * ```ts
 * import { InvalidPricingInputError, blackScholesPrice } from '@smile/sdk'
 *
 * try {
 *   blackScholesPrice({ spot: 100, strike: 100, time: 0, vol: 0.5, type: 'call' })
 * } catch (error) {
 *   if (error instanceof InvalidPricingInputError) console.error(error.parameter) // 'time'
 * }
 * ```
 */
export class InvalidPricingInputError extends SmileError {
  override name = 'InvalidPricingInputError'
  /** Which input was rejected. */
  readonly parameter: PricingParameter
  /** The rejected value, as given. */
  readonly value: unknown

  constructor(parameter: PricingParameter, value: unknown, requirement: string, hint?: string) {
    super(`${parameter} = ${String(value)}: ${parameter} must be ${requirement}`, {
      ...(hint === undefined ? {} : { metaMessages: [hint] }),
    })
    this.parameter = parameter
    this.value = value
  }
}

/**
 * `impliedVolatility` was given a price no volatility produces: Black-Scholes prices lie strictly
 * between the intrinsic value `max(±(spot − strike·e^(−rate·time)), 0)` (volatility → 0) and the
 * maximum, spot for a call and `strike·e^(−rate·time)` for a put (volatility → ∞).
 *
 * @example
 * ```ts
 * import { PriceOutOfBoundsError, impliedVolatility } from '@smile/sdk'
 *
 * try {
 *   impliedVolatility({ spot: 100, strike: 90, time: 1, price: 5, type: 'call' })
 * } catch (error) {
 *   if (error instanceof PriceOutOfBoundsError) console.error(error.lowerBound) // 10
 * }
 * ```
 */
export class PriceOutOfBoundsError extends SmileError {
  override name = 'PriceOutOfBoundsError'
  /** The price that was given. */
  readonly price: number
  /** The intrinsic value: the infimum of attainable prices. */
  readonly lowerBound: number
  /** Spot for a call, discounted strike for a put: the supremum of attainable prices. */
  readonly upperBound: number

  constructor(price: number, lowerBound: number, upperBound: number) {
    super(
      `price ${price} is outside (${lowerBound}, ${upperBound}), the range of Black-Scholes prices for these inputs`,
    )
    this.price = price
    this.lowerBound = lowerBound
    this.upperBound = upperBound
  }
}
