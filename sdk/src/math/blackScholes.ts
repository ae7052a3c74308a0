import { logMoneyness } from './logMoneyness.js'
import { millsRatio, millsRatioDifference, normalPdf } from './normal.js'
import { isFarOutOfTheMoney } from './normalisedBlack.js'
import { isValidOption, MAX_VOL, validateOption } from './validateOption.js'

/** Receives M(k − t) from millsRatioDifference (reused, so that no call allocates). */
const MILLS_AT_LOWER = /* @__PURE__ */ new Float64Array(1)
/** Receives K·e^(−rT) from strikeGap (reused, so that no call allocates). */
const DISCOUNTED_STRIKE = /* @__PURE__ */ new Float64Array(1)

/** A European option priced by Black-Scholes in floating point. */
export type BlackScholesParameters = {
  /** Spot price of the underlying, > 0. */
  spot: number
  /** Strike, > 0, in the spot's unit. */
  strike: number
  /** Time to expiry in years (365 days), > 0. */
  time: number
  /** Annualised volatility, > 0 and ≤ 10 (0.8 = 80 %; 80 is refused as a percentage). */
  vol: number
  /** Continuously compounded annual risk-free rate, ≤ 1 (0.05 = 5 %); defaults to 0. */
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
 *   finite, type not 'call' or 'put'; vol above 10 or rate above 1, as a percentage would be
 *   (80 for 80 %: pass 0.8).
 * @example
 * ```ts
 * blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, type: 'call' })
 * // 10.450583572185568
 * ```
 */
export function blackScholesPrice(option: BlackScholesParameters): number {
  const { spot, strike, time, vol, type } = option
  const rate = option.rate ?? 0
  if (!isValidOption(spot, strike, time, vol, rate, type, MAX_VOL))
    validateOption(option, 'vol', vol)
  const rateTime = rate * time
  const isCall = type === 'call'
  const totalVol = vol * Math.sqrt(time)
  const x = logMoneyness(spot, strike, rateTime)
  const h = x / totalVol
  const t = 0.5 * totalVol
  const density = spot * normalPdf(h + t)
  const otmIsCall = x <= 0
  const k = otmIsCall ? h : -h
  const farOut = isFarOutOfTheMoney(k, t)
  const needsStrike = needsDiscountedStrike(isCall, otmIsCall, farOut)
  const gap = needsStrike ? strikeGap(spot, strike, rateTime, x) : 0
  // outOfTheMoneyValue(k, t, density, cap) written out: the Mills ratios are called from here, so
  // that V8 inlines the rest of the price into the caller within its budget. Beyond the float
  // range (over half of log-uniform random draws) the density is 0 and so is the value.
  let otm = 0
  if (!farOut) {
    // Where skipped, K·e^(−rT) is NaN and unread.
    const cap = otmIsCall ? spot : (DISCOUNTED_STRIKE[0] as number)
    otm = cap - density * millsRatio(-k - t) - density * millsRatio(k - t)
  } else if (density > 0) {
    otm = density * millsRatioDifference(k, t)
  }
  if (isCall === otmIsCall) return otm
  return otm + (isCall ? -gap : gap)
}

/**
 * Black-Scholes price and all first-order Greeks plus gamma, float64; over the domain of
 * {@link blackScholesPrice} each has relative error ≤ 1e-12 (measured ≤ 5e-13, the density's
 * conditioning (1 + d1²)·ε far out; theta relative to its larger term, since for puts with a
 * positive rate it crosses zero). Greeks below the float range are 0. Units: vega and rho per
 * 1.00 (not per point), theta per year, price and delta in the spot's unit.
 *
 * `out`, when given, receives the six values and is returned instead of a new object: a loop
 * over many options can reuse one object and allocate nothing per option (about 8 % more
 * options per second on the SDK bench's random draws).
 *
 * @throws {InvalidPricingInputError} as {@link blackScholesPrice}; `out` is then unchanged.
 * @example
 * ```ts
 * const { price, delta, vega } = blackScholes({
 *   spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, type: 'call',
 * })
 * // price 10.4506, delta 0.6368, vega 37.524 (per 1.00 of vol)
 *
 * // Many options, one result object:
 * const greeks = { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 }
 * let bookDelta = 0
 * for (const strike of [90, 100, 110]) {
 *   blackScholes({ spot: 100, strike, time: 0.5, vol: 0.3, type: 'put' }, greeks)
 *   bookDelta += greeks.delta
 * }
 * ```
 */
export function blackScholes(
  option: BlackScholesParameters,
  out?: BlackScholesReturnType,
): BlackScholesReturnType {
  const { spot, strike, time, vol, type } = option
  const rate = option.rate ?? 0
  if (!isValidOption(spot, strike, time, vol, rate, type, MAX_VOL))
    validateOption(option, 'vol', vol)
  const rateTime = rate * time
  const sqrtTime = Math.sqrt(time)
  const totalVol = vol * sqrtTime
  const x = logMoneyness(spot, strike, rateTime)
  const isCall = type === 'call'
  const t = 0.5 * totalVol
  const h = x / totalVol
  // S·φ(d1) = K·e^(−rT)·φ(d2): the common factor of the price's two terms and of the Greeks.
  const density = spot * normalPdf(h + t)
  // The out-of-the-money option (the call when x ≤ 0) in k = −|h| ≤ 0: its far term is
  // density·M(k − t), its near term density·M(k + t) or, when k + t > 1/8, its cap minus
  // density·M(−k − t). For the call these are K·e^(−rT)·Φ(d2) and S·Φ(d1); for the put
  // S·Φ(−d1) and K·e^(−rT)·Φ(−d2). Each Greek below reads one of them or a cap minus one,
  // never a difference of close values (near and its complement are both kept).
  const otmIsCall = x <= 0
  const k = otmIsCall ? h : -h
  const farOut = isFarOutOfTheMoney(k, t)
  // Where skipped, K·e^(−rT) is NaN and unread.
  const needsStrike = needsDiscountedStrike(isCall, otmIsCall, farOut)
  const gap = needsStrike ? strikeGap(spot, strike, rateTime, x) : 0
  const discountedStrike = needsStrike ? (DISCOUNTED_STRIKE[0] as number) : Number.NaN
  const cap = otmIsCall ? spot : discountedStrike
  let far = 0
  let otm: number
  let near: number
  let nearComplement: number
  if (farOut) {
    // The value of outOfTheMoneyValue; the difference also yields M(k − t) for the far term.
    // A density below the float range (h² > 1490) makes every term 0: skip the Mills ratios.
    otm = density > 0 ? density * millsRatioDifference(k, t, MILLS_AT_LOWER) : 0
    if (density > 0) far = density * (MILLS_AT_LOWER[0] as number)
    near = far + otm
    nearComplement = cap - near
  } else {
    if (density > 0) far = density * millsRatio(k - t)
    nearComplement = density > 0 ? density * millsRatio(-k - t) : 0
    near = cap - nearComplement
    otm = near - far
  }
  let price: number
  let delta: number
  let exercise: number
  if (isCall) {
    price = otmIsCall ? otm : otm - gap
    delta = (otmIsCall ? near : spot - far) / spot
    exercise = otmIsCall ? far : nearComplement
  } else {
    price = otmIsCall ? otm + gap : otm
    delta = -(otmIsCall ? nearComplement : far) / spot
    exercise = otmIsCall ? discountedStrike - far : near
  }
  const sign = isCall ? 1 : -1
  const gamma = density / (spot * spot * totalVol)
  const vega = density * sqrtTime
  const theta = (-0.5 * density * vol) / sqrtTime - sign * rate * exercise
  const rho = sign * time * exercise
  if (out === undefined) return { price, delta, gamma, vega, theta, rho }
  out.price = price
  out.delta = delta
  out.gamma = gamma
  out.vega = vega
  out.theta = theta
  out.rho = rho
  return out
}

/**
 * Whether K·e^(−rT) enters the price or the Greeks: in the money (the intrinsic value) and as
 * the cap of an out-of-the-money put that is not far out; the out-of-the-money call and the far
 * out-of-the-money put skip its exponential.
 */
function needsDiscountedStrike(isCall: boolean, otmIsCall: boolean, farOut: boolean): boolean {
  return isCall !== otmIsCall || !(otmIsCall || farOut)
}

/**
 * K·e^(−rT) − S = S·(e^(−x) − 1) — the put's intrinsic value where > 0, minus the call's where
 * < 0 — with K·e^(−rT) itself stored in DISCOUNTED_STRIKE[0], from one exponential for both.
 * Near the money (|x| < 1/2) expm1 keeps the gap's relative precision and S + gap does not
 * cancel (e^(−x) > 0.6); beyond, K·e^(−rT) is below 0.61·S or above 1.64·S, so their
 * difference loses under 2 bits, and K·e^(−rT) is taken directly from the rate.
 */
function strikeGap(spot: number, strike: number, rateTime: number, x: number): number {
  if (Math.abs(x) < 0.5) {
    const gap = spot * Math.expm1(-x)
    DISCOUNTED_STRIKE[0] = spot + gap
    return gap
  }
  const discountedStrike = strike * Math.exp(-rateTime)
  DISCOUNTED_STRIKE[0] = discountedStrike
  return discountedStrike - spot
}
