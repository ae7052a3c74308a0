import {
  INV_SQRT_2PI,
  MILLS_RATIO_MAX_ARGUMENT,
  millsRatio,
  millsRatioDifference,
} from './normal.js'

/**
 * Normalised Black price of an out-of-the-money option, b(x, s) = e^(x/2)·Φ(x/s + s/2) −
 * e^(−x/2)·Φ(x/s − s/2) for x = ln(F/K) ≤ 0 (an OTM call; an OTM put is b(−|x|, s) by symmetry)
 * and total volatility s = σ·√T > 0. The undiscounted price is √(F·K)·b.
 *
 * With h = x/s, t = s/2 both terms carry the factor β′ = e^(−(h²+t²)/2)/√(2π) = ∂b/∂s, so
 * b = β′·(M(h + t) − M(h − t)), M the Mills ratio, whose difference is evaluated without
 * cancellation (deep out of the money, short-dated). When h + t > 1/8 the call is at most
 * mildly out of the money and b = e^(x/2) − β′·(M(−h − t) + M(h − t)) loses under a digit.
 * Relative error ≈ 1e-16·(1 + h²) — the h² is the conditioning of b in x, s themselves.
 *
 * @example
 * ```ts
 * normalisedBlack(0, 0.2) // 0.07965567455405798 = Φ(0.1) − Φ(−0.1)
 * ```
 */
export function normalisedBlack(x: number, s: number): number {
  const h = x / s
  const t = 0.5 * s
  return outOfTheMoneyValue(h, t, normalisedVega(h, t), Math.exp(0.5 * x))
}

/**
 * The one formula behind every out-of-the-money value: `density`·(M(h + t) − M(h − t)), or
 * `maximum` − `density`·M(−h − t) − `density`·M(h − t) once h + t > 1/8, for h = x/s ≤ 0, t = s/2.
 * `density` is the value's factor e^(−(h²+t²)/2)/√(2π) in the caller's unit and `maximum` its
 * supremum (e^(x/2) normalised; spot for a call or discounted strike for a put in money), so
 * prices, normalised prices and their logarithms share it without recomputing exponentials.
 *
 * @example
 * ```ts
 * outOfTheMoneyValue(0, 0.1, normalPdf(0.1), 1) // 0.07965567455405798 = b(0, 0.2)
 * ```
 */
export function outOfTheMoneyValue(h: number, t: number, density: number, maximum: number): number {
  if (isFarOutOfTheMoney(h, t)) {
    // Beyond the float range (h² > 1490) the value is 0 without evaluating the difference.
    return density > 0 ? density * millsRatioDifference(h, t) : 0
  }
  return maximum - density * millsRatio(-h - t) - density * millsRatio(h - t)
}

/**
 * Whether {@link outOfTheMoneyValue} takes the Mills-ratio difference (h + t ≤ 1/8), which does
 * not read its `maximum`: a caller can then skip computing it.
 *
 * @example
 * ```ts
 * isFarOutOfTheMoney(-1, 0.5) // true
 * ```
 */
export function isFarOutOfTheMoney(h: number, t: number): boolean {
  return h + t <= MILLS_RATIO_MAX_ARGUMENT
}

/**
 * ∂b/∂s = e^(−(h² + t²)/2)/√(2π) with h = x/s, t = s/2: the normalised vega, and the common
 * factor of both terms of b.
 *
 * @example
 * ```ts
 * normalisedVega(0, 0) // 0.3989422804014327
 * ```
 */
export function normalisedVega(h: number, t: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t))
}

/**
 * e^(x/2) − b(x, s) for x ≤ 0 — the distance to the price's supremum — exact where b is close
 * to e^(x/2).
 *
 * @example
 * ```ts
 * normalisedBlackComplement(0, 0.2) // 0.9203443254459421 = 1 − b(0, 0.2)
 * ```
 */
export function normalisedBlackComplement(x: number, s: number): number {
  const h = x / s
  const t = 0.5 * s
  return outOfTheMoneyComplement(h, t, normalisedVega(h, t), Math.exp(0.5 * x))
}

/**
 * `maximum` minus the out-of-the-money value of {@link outOfTheMoneyValue}: with
 * e^(x/2)·φ(h + t) = β′ the two terms e^(x/2)·Φ(−h − t) + β′·M(h − t) are both positive,
 * = β′·(M(−h − t) + M(h − t)) once h + t ≥ −1/8; below, the value is at most 45 % of `maximum`
 * and `maximum` − β′·(M(h + t) − M(h − t)) does not cancel.
 *
 * @example
 * ```ts
 * outOfTheMoneyComplement(0, 0.1, normalPdf(0.1), 1) // 0.9203443254459421
 * ```
 */
export function outOfTheMoneyComplement(
  h: number,
  t: number,
  density: number,
  maximum: number,
): number {
  if (h + t >= -MILLS_RATIO_MAX_ARGUMENT) {
    return density * millsRatio(-h - t) + density * millsRatio(h - t)
  }
  return maximum - density * millsRatioDifference(h, t)
}
