/**
 * ln(F/K) = ln(S/K) + r·T, accurate to a few ulps of its own size: near the money S − K is
 * exact (Sterbenz) and log1p keeps the relative precision of a small logarithm, so at-the-money
 * prices with tiny total volatility do not inherit an absolute error of one ulp of 1. Beyond
 * |ln(S/K)| ≈ 1/8 the absolute error ε/2 of rounding S/K is under 4 ulps of the logarithm, and
 * log costs half of log1p.
 *
 * @example
 * ```ts
 * logMoneyness(100, 100, 0.05) // 0.05
 * ```
 */
export function logMoneyness(spot: number, strike: number, rateTime: number): number {
  const ratio = spot / strike
  const log = ratio > 0.88 && ratio < 1.14 ? Math.log1p((spot - strike) / strike) : Math.log(ratio)
  return log + rateTime
}
