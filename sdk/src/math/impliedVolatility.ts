import { PriceOutOfBoundsError } from '../errors/pricing.js'
import { logMoneyness } from './logMoneyness.js'
import {
  INV_SQRT_2PI,
  inverseNormalCdfEstimate,
  inverseNormalTailEstimate,
  LN_INVERSE_NORMAL_SPLIT,
  LN_SQRT_2PI,
  MILLS_RATIO_MAX_ARGUMENT,
  millsRatio,
  millsRatioDifference,
  normalPdf,
} from './normal.js'
import { normalisedVega, outOfTheMoneyComplement, outOfTheMoneyValue } from './normalisedBlack.js'
import {
  rationalCubic,
  rationalCubicParameterForLeftCurvature,
  rationalCubicParameterForRightCurvature,
  shapePreservingParameter,
} from './rationalCubic.js'
import { isValidOption, validateOption } from './validateOption.js'

/** An option price to invert for its Black-Scholes volatility. */
export type ImpliedVolatilityParameters = {
  /** Spot price of the underlying, > 0. */
  spot: number
  /** Strike, > 0, in the spot's unit. */
  strike: number
  /** Time to expiry in years (365 days), > 0. */
  time: number
  /** Option price in the spot's unit, strictly between intrinsic value and its maximum. */
  price: number
  /** Continuously compounded annual risk-free rate; defaults to 0. */
  rate?: number
  type: 'call' | 'put'
}

/**
 * Black-Scholes implied volatility (annualised) of a European option price, float64, after
 * Jäckel's "Let's Be Rational" (2016), implemented from the paper's mathematics.
 *
 * The price is reduced to the normalised out-of-the-money price β = b(x, s) with x = −|ln(F/K)|
 * (the in-the-money price minus the exact intrinsic value; put-call symmetry). Around the
 * inflection point s_c = √(2|x|) of b the tangent at s_c meets 0 at s_l and e^(x/2) at s_u; an
 * initial guess comes from a rational cubic (Delbourgo–Gregory, matching value, slope and
 * curvature) on one of four branches: for β < b(s_l) of f = (2π|x|/3√3)·Φ(−|x|/(√3·s))³ in β,
 * between s_l, s_c and s_u of s in β, above b(s_u) of f = Φ(−s/2) in β — f's being the shapes b
 * takes for s → 0 and s → ∞, so the guess is exact to first order in both limits. Then
 * Householder steps of order 3 (quartic convergence) on b(s) − β in the middle, on
 * 1/ln b(s) − 1/ln β in the lower branch and on ln((e^(x/2) − β)/(e^(x/2) − b(s))) in the upper
 * one, where these objectives are nearly linear in s.
 *
 * Accuracy, against the exact implied volatility of the given float price: below 5e-12 where
 * the out-of-the-money price is ≥ 1e-8·spot and below 1e-13 under it, down to 1e-300 (subnormal
 * prices are solved too). Two limits are the inputs' own: in the money the time value is
 * price − intrinsic, and near its supremum a put is measured from K·e^(−rT), whose rounding
 * (half an ulp) moves the volatility by up to ulp/vega.
 *
 * @throws {InvalidPricingInputError} spot, strike, time or price not finite and > 0, rate not
 *   finite or above 1 (a percentage: pass 0.05 for 5 %), type not 'call' or 'put'.
 * @throws {PriceOutOfBoundsError} price ≤ intrinsic value or ≥ spot (call) or
 *   ≥ strike·e^(−rate·time) (put): no volatility gives that price.
 * @example
 * ```ts
 * impliedVolatility({
 *   spot: 100, strike: 100, time: 1, price: 10.450583572185568, rate: 0.05, type: 'call',
 * }) // 0.20000000000000004: 0.2 to the price's conditioning
 * ```
 */
export function impliedVolatility(option: ImpliedVolatilityParameters): number {
  const { spot, strike, time, price, type } = option
  const rate = option.rate ?? 0
  if (!isValidOption(spot, strike, time, price, rate, type, Number.POSITIVE_INFINITY)) {
    validateOption(option, 'price', price)
  }
  const x = logMoneyness(spot, strike, rate * time)
  const sign = type === 'call' ? 1 : -1
  const intrinsic = sign * x > 0 ? -sign * spot * Math.expm1(-x) : 0
  const upperBound = sign > 0 ? spot : strike * Math.exp(-rate * time)
  if (!(price > intrinsic && price < upperBound)) {
    throw new PriceOutOfBoundsError(price, intrinsic, upperBound)
  }
  // e^(−|x|/2), the supremum of the normalised out-of-the-money price, also gives its unit
  // √(F·K)·e^(−rT) = S·e^(−x/2) without another exponential or a square root.
  const bMax = Math.exp(-0.5 * Math.abs(x))
  const scale = x > 0 ? spot * bMax : spot / bMax
  const timeValue = price - intrinsic
  const beta = timeValue / scale
  // e^(x/2) − β = (upper bound − price)/scale for calls and puts, in or out of the money; the
  // difference of the given numbers is exact near the bound, where the upper branch needs it.
  const complement = (upperBound - price) / scale
  if (!(timeValue > 0 && complement > 0)) {
    throw new PriceOutOfBoundsError(price, intrinsic, upperBound)
  }
  // Subnormal prices lose digits (or all of them) when normalised; their logarithm does not.
  const lnBeta = beta < TINY_BETA ? Math.log(timeValue) - Math.log(scale) : Number.NaN
  return normalisedImpliedVolatility(beta, -Math.abs(x), complement, lnBeta, bMax) / Math.sqrt(time)
}

/** Branch of the solver: which objective the Householder steps use. */
const LOWER = 0
const MIDDLE = 1
const UPPER = 2

/**
 * 2π/(3√3): the scale of the lower-branch transform f = SCALE·|x|·Φ(−|x|/(√3·s))³ (a literal, as
 * a module-level `Math.PI` expression is kept by bundlers; impliedVolatility.test.ts recomputes it).
 */
export const LOWER_SCALE = 1.2091995761561452
const SQRT_3 = /* @__PURE__ */ Math.sqrt(3)
/** M(0) = √(π/2), as {@link millsRatio} gives it. */
const MILLS_RATIO_AT_ZERO = /* @__PURE__ */ millsRatio(0)
/** Below this β the lower transform f(β) equals β to float64 precision (f = β + O(β²)). */
const TINY_BETA = 1e-280
/** Householder steps at most; two reach float64 precision from the rational guess. */
const MAX_STEPS = 4
/**
 * Relative step after which s is converged, so that no confirming step is needed: the method
 * converges quartically, and measured on the bench's 30,000 random draws the step after one
 * below 1e-4·s is at most 8e-16·s, rounding level (after steps of 1e-4·s to 1e-3·s it is up to
 * 1e-12·s, so the bound cannot be raised further).
 */
const STEP_TOLERANCE = 1e-4

/**
 * The total volatility s > 0 with b(x, s) = beta, for x ≤ 0 and 0 < beta < e^(x/2);
 * `complement` = e^(x/2) − beta and `lnBeta` = ln beta when the caller knows them more
 * precisely than that difference, or than beta itself (which may underflow to 0); NaN: ln beta.
 * `bMax` = e^(x/2), passed by a caller that has it.
 *
 * @example
 * ```ts
 * normalisedImpliedVolatility(0.07965567455405798, 0) // 0.2
 * ```
 */
export function normalisedImpliedVolatility(
  beta: number,
  x: number,
  complement: number = Math.exp(0.5 * x) - beta,
  lnBeta: number = Number.NaN,
  bMax: number = Math.exp(0.5 * x),
): number {
  const sc = Math.sqrt(-2 * x)
  // At s_c, h = x/s_c = −s_c/2 = −t, so h² + t² = −x and b′(s_c) = e^(x/2)/√(2π).
  const vc = INV_SQRT_2PI * bMax
  // b(s_c) = b′(s_c)·(M(0) − M(−s_c)); from s_c = 1/2 on, M(−s_c) < 0.7·M(0) and the difference
  // is taken directly, with this constant M(0).
  const bc =
    sc >= 0.5
      ? vc * (MILLS_RATIO_AT_ZERO - millsRatio(-sc))
      : sc > 0
        ? outOfTheMoneyValue(-0.5 * sc, 0.5 * sc, vc, bMax)
        : 0
  let s: number
  let branch: number
  let logBeta = 0
  const sl = sc - bc / vc
  // s_l > 0 for x < 0 but ≈ 0.63·s_c² near the money: it rounds to 0 only when |x| < 1e-31,
  // where the lower branches are empty in practice and the upper interpolation extends down.
  if (beta <= bc && sl > 0) {
    const hl = x / sl
    const vl = normalisedVega(hl, 0.5 * sl)
    const bl = outOfTheMoneyValue(hl, 0.5 * sl, vl, bMax)
    // b″ = b′·(h²/s − s/4).
    const curvatureL = vl * ((hl * hl) / sl - 0.25 * sl)
    if (beta < bl) {
      branch = LOWER
      logBeta = Number.isNaN(lnBeta) ? Math.log(beta) : lnBeta
      s = lowerGuess(beta, logBeta, x, sl, bl, vl, curvatureL)
    } else {
      branch = MIDDLE
      // s(b) between (b_l, s_l) and (b_c, s_c): s′ = 1/b′, s″ = −b″/b′³ (zero at s_c).
      const dl = 1 / vl
      const dr = 1 / vc
      const r = shapePreservingParameter(
        rationalCubicParameterForLeftCurvature(bl, bc, sl, sc, dl, dr, -curvatureL * dl * dl * dl),
        bl,
        bc,
        sl,
        sc,
        dl,
        dr,
      )
      s = rationalCubic(beta, bl, bc, sl, sc, dl, dr, r)
    }
  } else {
    const su = sc + (bMax - bc) / vc
    const hu = x / su
    const vu = normalisedVega(hu, 0.5 * su)
    const bu = outOfTheMoneyValue(hu, 0.5 * su, vu, bMax)
    const curvatureU = vu * ((hu * hu) / su - 0.25 * su)
    if (beta <= bu) {
      branch = MIDDLE
      const dl = 1 / vc
      const dr = 1 / vu
      const r = shapePreservingParameter(
        rationalCubicParameterForRightCurvature(bc, bu, sc, su, dl, dr, -curvatureU * dr * dr * dr),
        bc,
        bu,
        sc,
        su,
        dl,
        dr,
      )
      s = rationalCubic(beta, bc, bu, sc, su, dl, dr, r)
    } else {
      branch = UPPER
      s = upperGuess(beta, su, bu, bMax, vu, curvatureU)
    }
  }
  return householder(beta, logBeta, x, s, branch, complement, bMax)
}

/**
 * Lower branch: f(s) = SCALE·|x|·Φ(z)³, z = −|x|/(√3·s), behaves like b for s → 0 (both
 * ≈ e^(−x²/2s²)·s³/(√(2π)·x²)), so f(β) has f(0) = 0, f′(0) = 1; it is interpolated in β on
 * [0, b_l] and inverted in closed form, s = −|x|/(√3·Φ⁻¹((f/(SCALE·|x|))^(1/3))).
 */
function lowerGuess(
  beta: number,
  lnBeta: number,
  x: number,
  sl: number,
  bl: number,
  bs: number,
  bss: number,
): number {
  const ax = -x
  const c = LOWER_SCALE * ax
  const z = -ax / (SQRT_3 * sl)
  const pdf = normalPdf(z)
  const cdf = pdf * millsRatio(z)
  const zs = -z / sl
  const zss = (2 * z) / (sl * sl)
  const fl = c * cdf * cdf * cdf
  const fs = 3 * c * cdf * cdf * pdf * zs
  const fss =
    3 * c * (2 * cdf * pdf * pdf * zs * zs - cdf * cdf * z * pdf * zs * zs + cdf * cdf * pdf * zss)
  // f(b) = F(s(b)): f_b = F_s/b_s, f_bb = (F_ss − f_b·b_ss)/b_s².
  const fb = fs / bs
  const fbb = (fss - fb * bss) / (bs * bs)
  const r = shapePreservingParameter(
    rationalCubicParameterForRightCurvature(0, bl, 0, fl, 1, fb, fbb),
    0,
    bl,
    0,
    fl,
    1,
    fb,
  )
  // f = β·(1 + O(β)): below TINY_BETA take f = β, in logarithms (β may have underflowed).
  // Φ(z) = p = (f/c)^(1/3); in Φ⁻¹'s tail only ln p is needed, without the cube root.
  const ratio = beta > TINY_BETA ? rationalCubic(beta, 0, bl, 0, fl, 1, fb, r) / c : 0
  const lnP = (beta > TINY_BETA ? Math.log(ratio) : lnBeta - Math.log(c)) / 3
  const root =
    lnP < LN_INVERSE_NORMAL_SPLIT
      ? inverseNormalTailEstimate(lnP)
      : inverseNormalCdfEstimate(Math.min(Math.cbrt(ratio), 0.5))
  return -ax / (SQRT_3 * root)
}

/**
 * Upper branch: f(s) = Φ(−s/2), since e^(x/2) − b ≈ 2·Φ(−s/2) for s → ∞; f(β) runs from f(s_u)
 * at b_u to 0 at e^(x/2) with slope −1/2 there, interpolated in β and inverted as
 * s = −2·Φ⁻¹(f).
 */
function upperGuess(
  beta: number,
  su: number,
  bu: number,
  bMax: number,
  bs: number,
  bss: number,
): number {
  const half = 0.5 * su
  const pdf = normalPdf(half)
  const fu = pdf * millsRatio(-half)
  const fs = -0.5 * pdf
  const fss = 0.25 * half * pdf
  const fb = fs / bs
  const fbb = (fss - fb * bss) / (bs * bs)
  const r = shapePreservingParameter(
    rationalCubicParameterForLeftCurvature(bu, bMax, fu, 0, fb, -0.5, fbb),
    bu,
    bMax,
    fu,
    0,
    fb,
    -0.5,
  )
  const f = rationalCubic(beta, bu, bMax, fu, 0, fb, -0.5, r)
  return -2 * inverseNormalCdfEstimate(Math.min(Math.max(f, Number.MIN_VALUE), 0.5))
}

/**
 * Householder steps of order 3 on the branch's objective g: with ν = g/g′, η = g″/g′,
 * κ = g‴/g′, Δs = −ν·(1 − η·ν/2)/(1 − η·ν + κ·ν²/6). The derivatives of b follow from
 * b′ = e^(−(h²+t²)/2)/√(2π): b″/b′ = k₁ = h²/s − s/4, b‴/b′ = k₁² − 3h²/s² − 1/4.
 */
function householder(
  beta: number,
  lnBeta: number,
  x: number,
  start: number,
  branch: number,
  complement: number,
  bMax: number,
): number {
  let s = start
  const lnGap = branch === UPPER ? Math.log(complement) : 0
  for (let i = 0; i < MAX_STEPS; i++) {
    const h = x / s
    const t = 0.5 * s
    const k1 = (h * h) / s - 0.5 * t
    const k2 = k1 * k1 - (3 * h * h) / (s * s) - 0.25
    let nu: number
    let eta: number
    let kappa: number
    if (branch === LOWER) {
      // L = ln b, λ = b′/b; g = 1/L − 1/ln β: ν = L·(L − ln β)/(ln β·λ),
      // η = (k₁ − λ) − 2λ/L, κ = (k₂ − 3k₁λ + 2λ²) − 6λ(k₁ − λ)/L + 6λ²/L².
      // Where b = β′·D: ln b = −(h² + t²)/2 − ln √(2π) + ln D and λ = 1/D, free of underflow.
      let lnB: number
      let lambda: number
      if (h + t <= MILLS_RATIO_MAX_ARGUMENT) {
        const d = millsRatioDifference(h, t)
        lnB = -0.5 * (h * h + t * t) - LN_SQRT_2PI + Math.log(d)
        lambda = 1 / d
      } else {
        const vega = normalisedVega(h, t)
        const b = outOfTheMoneyValue(h, t, vega, bMax)
        lnB = Math.log(b)
        lambda = vega / b
      }
      nu = (lnB * (lnB - lnBeta)) / (lnBeta * lambda)
      eta = k1 - lambda - (2 * lambda) / lnB
      kappa =
        k2 -
        3 * k1 * lambda +
        2 * lambda * lambda -
        (6 * lambda * (k1 - lambda)) / lnB +
        (6 * lambda * lambda) / (lnB * lnB)
    } else if (branch === UPPER) {
      // c = e^(x/2) − b, w = b′/c; g = ln(e^(x/2) − β) − ln c: ν = g/w, η = k₁ + w,
      // κ = k₂ + 3k₁w + 2w².
      const vega = normalisedVega(h, t)
      const c = outOfTheMoneyComplement(h, t, vega, bMax)
      const w = vega / c
      nu = (lnGap - Math.log(c)) / w
      eta = k1 + w
      kappa = k2 + 3 * k1 * w + 2 * w * w
    } else {
      const vega = normalisedVega(h, t)
      nu = (outOfTheMoneyValue(h, t, vega, bMax) - beta) / vega
      eta = k1
      kappa = k2
    }
    let step = (-nu * (1 - 0.5 * eta * nu)) / (1 - eta * nu + (kappa * nu * nu) / 6)
    if (!Number.isFinite(step)) step = -nu
    const next = s + step
    s = next > 0 ? next : 0.5 * s
    if (Math.abs(step) <= STEP_TOLERANCE * s) break
  }
  return s
}
