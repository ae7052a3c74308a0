import { InvalidPricingInputError } from '../errors/pricing.js'
import { normalCdf, normalPdf } from './normal.js'
import { normalisedBlack } from './normalisedBlack.js'

/** A European option priced by Black-Scholes in floating point. */
export type BlackScholesParameters = {
  /** Spot price of the underlying, > 0. */
  spot: number
  /** Strike, > 0, in the spot's unit. */
  strike: number
  /** Time to expiry in years (365 days), > 0. */
  time: number
  /** Annualised volatility, > 0 (0.8 = 80 %). */
  vol: number
  /** Continuously compounded annual risk-free rate; defaults to 0. */
  rate?: number
  type: 'call' | 'put'
}

/** Price and Greeks of one option, in the spot's unit per option. */
export type BlackScholesReturnType = {
  price: number
  /** ∂price/∂spot. */
  delta: number
  /** ∂²price/∂spot². */
  gamma: number
  /** ∂price/∂vol, per 1.00 of volatility (divide by 100 for one vol point). */
  vega: number
  /** Time decay per year, −∂price/∂time (divide by 365 for one day). */
  theta: number
  /** ∂price/∂rate, per 1.00 of rate (divide by 100 for one percentage point). */
  rho: number
}

/**
 * Black-Scholes price of a European option (no dividends), float64, relative error ≤ 2e-12
 * wherever the price is ≥ 1e-8·spot (typically one ulp) over time 1 minute – 5 years, vol
 * 1 % – 500 %, spot/strike 0.2 – 5, rate 0 – 20 %. Out-of-the-money values keep their relative
 * precision in the far tails (no cancellation between the two terms of the formula); the
 * in-the-money value is the out-of-the-money one plus the exact intrinsic value.
 *
 * @throws {InvalidPricingInputError} spot, strike, time or vol not finite and > 0, rate not
 *   finite, type not 'call' or 'put'.
 * @example
 * ```ts
 * blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, type: 'call' })
 * // 10.450583572185565
 * ```
 */
export function blackScholesPrice(option: BlackScholesParameters): number {
  const rate = validate(option)
  const { spot, strike, time, vol } = option
  const totalVol = vol * Math.sqrt(time)
  const x = logMoneyness(spot, strike, rate * time)
  const sign = option.type === 'call' ? 1 : -1
  const value = Math.sqrt(spot * strike) * Math.exp(-0.5 * rate * time) * normalisedBlack(-Math.abs(x), totalVol)
  return sign * x > 0 ? value - sign * spot * Math.expm1(-x) : value
}

/**
 * Black-Scholes price and all first-order Greeks plus gamma, float64; each with relative error
 * ≤ 1e-12 (theta: relative to its larger term, since for puts with a positive rate it crosses
 * zero). Units: vega and rho per 1.00 (not per point), theta per year, price and delta in the
 * spot's unit.
 *
 * @throws {InvalidPricingInputError} as {@link blackScholesPrice}.
 * @example
 * ```ts
 * const { price, delta, vega } = blackScholes({
 *   spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, type: 'call',
 * })
 * // price 10.4506, delta 0.6368, vega 37.524 (per 1.00 of vol)
 * ```
 */
export function blackScholes(option: BlackScholesParameters): BlackScholesReturnType {
  const rate = validate(option)
  const { spot, strike, time, vol } = option
  const sqrtTime = Math.sqrt(time)
  const totalVol = vol * sqrtTime
  const x = logMoneyness(spot, strike, rate * time)
  const sign = option.type === 'call' ? 1 : -1
  const discountedStrike = strike * Math.exp(-rate * time)
  const otm = Math.sqrt(spot * strike) * Math.exp(-0.5 * rate * time) * normalisedBlack(-Math.abs(x), totalVol)
  const price = sign * x > 0 ? otm - sign * spot * Math.expm1(-x) : otm
  const h = x / totalVol
  const d1 = h + 0.5 * totalVol
  const d2 = h - 0.5 * totalVol
  const density = spot * normalPdf(d1)
  const exercise = discountedStrike * normalCdf(sign * d2)
  return {
    price,
    delta: sign * normalCdf(sign * d1),
    gamma: density / (spot * spot * totalVol),
    vega: density * sqrtTime,
    theta: (-0.5 * density * vol) / sqrtTime - sign * rate * exercise,
    rho: sign * time * exercise,
  }
}

/**
 * ln(F/K) = ln(S/K) + r·T to a few ulps of its own size: near the money S − K is exact
 * (Sterbenz) and log1p keeps the relative precision of a small logarithm.
 */
function logMoneyness(spot: number, strike: number, rateTime: number): number {
  const ratio = spot / strike
  const log = ratio > 0.5 && ratio < 2 ? Math.log1p((spot - strike) / strike) : Math.log(ratio)
  return log + rateTime
}

function validate(option: BlackScholesParameters): number {
  requirePositive('spot', option.spot)
  requirePositive('strike', option.strike)
  requirePositive('time', option.time)
  requirePositive('vol', option.vol)
  const rate = option.rate ?? 0
  if (!Number.isFinite(rate)) throw new InvalidPricingInputError('rate', rate, 'a finite number')
  if (option.type !== 'call' && option.type !== 'put') {
    throw new InvalidPricingInputError('type', option.type, "'call' or 'put'")
  }
  return rate
}

/** Throws unless value is a finite number > 0. */
export function requirePositive(
  parameter: 'spot' | 'strike' | 'time' | 'vol' | 'price',
  value: number,
): void {
  if (!(typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new InvalidPricingInputError(parameter, value, 'a finite number > 0')
  }
}
