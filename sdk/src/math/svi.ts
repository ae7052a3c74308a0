import {
  SviCurvatureOutOfRangeError,
  SviLevelOutOfRangeError,
  SviLogMoneynessOutOfRangeError,
  SviMinimumVarianceOutOfRangeError,
  SviNegativeTotalVarianceError,
  SviRotationOutOfRangeError,
  SviTimeOutOfRangeError,
  SviVertexOutOfRangeError,
  SviWingTooSteepError,
} from '../errors/svi.js'
import { SVI_BOUNDS } from './sviBounds.js'

/**
 * Raw SVI parameters of one expiry, in total variance:
 * w(k) = a + b·(ρ·(k − m) + sqrt((k − m)² + s²)) with k = ln(K/F). `sigma` is docs/math.md's `s`.
 *
 * @example
 * ```ts
 * import { type SviParams, sviImpliedVol } from '@smile/sdk'
 *
 * const smile: SviParams = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }
 * sviImpliedVol(smile, 0, 30 * 86_400) // σ at the money, 30 days out
 * ```
 */
export type SviParams = {
  /** Level: vertical shift of the total variance (may be negative). */
  a: number
  /** Angle between the wings, ≥ 0. */
  b: number
  /** Rotation, |ρ| < 1. */
  rho: number
  /** Log-moneyness of the vertex. */
  m: number
  /** Curvature at the vertex, > 0. */
  sigma: number
}

/**
 * Total implied variance w(k) = σ(k)²·T of the smile at log-moneyness k = ln(K/F), float64.
 *
 * @throws SviLogMoneynessOutOfRangeError if |k| > 8 (as the contract does).
 * @example
 * ```ts
 * sviTotalVariance({ a: 0.04, b: 0.1, rho: 0, m: 0, sigma: 0.3 }, 0) // 0.07
 * ```
 */
export function sviTotalVariance(params: SviParams, k: number): number {
  if (!(Math.abs(k) <= SVI_BOUNDS.maxAbsLogMoneyness)) throw new SviLogMoneynessOutOfRangeError(k)
  const d = k - params.m
  return params.a + params.b * (params.rho * d + Math.hypot(d, params.sigma))
}

/**
 * Annualised implied volatility σ(k) = sqrt(w(k) / T) with T = timeSec / 31,536,000, float64.
 *
 * @throws SviTimeOutOfRangeError if timeSec is outside [60, 5 years].
 * @throws SviLogMoneynessOutOfRangeError if |k| > 8.
 * @throws SviNegativeTotalVarianceError if w(k) < 0 (never for parameters that pass `validateSvi`).
 * @example
 * ```ts
 * sviImpliedVol({ a: 0.04, b: 0, rho: 0, m: 0, sigma: 1 }, 0, 31_536_000) // 0.2
 * ```
 */
export function sviImpliedVol(params: SviParams, k: number, timeSec: number): number {
  checkTime(timeSec)
  const w = sviTotalVariance(params, k)
  if (w < 0) throw new SviNegativeTotalVarianceError(k, w)
  return Math.sqrt((w * SVI_BOUNDS.yearSec) / timeSec)
}

/**
 * Checks SVI parameters for an expiry `timeSec` seconds away with the rules of `Svi.validate`, in
 * the same order: time in [60 s, 5 y]; |a| ≤ 125; |ρ| < 1; |m| ≤ 8; 0 < s ≤ 16; 0 ≤ b and
 * b·(1+|ρ|) ≤ 2 (Lee); (1 %)²·T ≤ a + b·s·sqrt(1−ρ²) ≤ (500 %)²·T. Float comparisons: a smile
 * within a few ulps of a bound may pass here and fail on-chain; `validateSviWad` is exact.
 *
 * @throws the `SviValidationError` subclass named for the first rule broken.
 * @example
 * ```ts
 * validateSvi({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }, 30 * 86_400) // passes
 * ```
 */
export function validateSvi(params: SviParams, timeSec: number): void {
  const { a, b, rho, m, sigma } = params
  checkTime(timeSec)
  if (!(Math.abs(a) <= SVI_BOUNDS.maxAbsA)) throw new SviLevelOutOfRangeError(a)
  if (!(Math.abs(rho) < 1)) throw new SviRotationOutOfRangeError(rho)
  if (!(Math.abs(m) <= SVI_BOUNDS.maxAbsM)) throw new SviVertexOutOfRangeError(m)
  if (!(sigma > 0 && sigma <= SVI_BOUNDS.maxSigma)) throw new SviCurvatureOutOfRangeError(sigma)
  if (!(b >= 0 && b * (1 + Math.abs(rho)) <= SVI_BOUNDS.maxWingSlope)) {
    throw new SviWingTooSteepError(b, rho)
  }
  const minVariance = a + b * sigma * Math.sqrt((1 - rho) * (1 + rho))
  const years = timeSec / SVI_BOUNDS.yearSec
  const lowerBound = SVI_BOUNDS.minVol ** 2 * years
  const upperBound = SVI_BOUNDS.maxVol ** 2 * years
  if (!(minVariance >= lowerBound && minVariance <= upperBound)) {
    throw new SviMinimumVarianceOutOfRangeError(minVariance, lowerBound, upperBound)
  }
}

function checkTime(timeSec: number): void {
  if (!(timeSec >= SVI_BOUNDS.minTimeSec && timeSec <= SVI_BOUNDS.maxTimeSec)) {
    throw new SviTimeOutOfRangeError(timeSec)
  }
}
