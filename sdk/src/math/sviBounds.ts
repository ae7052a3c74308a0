import { WAD } from './wad.js'

/**
 * The hard bounds of `contracts/libraries/Svi.sol`, in wad (times in seconds), one for one with
 * its constants; see their NatSpec for the derivations.
 *
 * @example
 * ```ts
 * import { SVI_BOUNDS_WAD } from '@smile/sdk'
 *
 * SVI_BOUNDS_WAD.maxWingSlope // 2000000000000000000n
 * ```
 */
export const SVI_BOUNDS_WAD = {
  /** Seconds in a year of 365 days. */
  yearSec: 31_536_000n,
  /** Shortest time to expiry: 1 minute. */
  minTimeSec: 60n,
  /** Longest time to expiry: 5 years. */
  maxTimeSec: 5n * 31_536_000n,
  /** Lowest vol of the pricing domain, 1 %: the smile's minimum must be at least this. */
  minVol: WAD / 100n,
  /** Highest vol of the pricing domain, 500 %: the smile's minimum must be at most this. */
  maxVol: 5n * WAD,
  /** Largest |k| = |ln(K/F)| evaluated: K/F within e^±8. */
  maxAbsLogMoneyness: 8n * WAD,
  /** Largest |m|: the vertex lies inside the evaluated range. */
  maxAbsM: 8n * WAD,
  /** Largest s. */
  maxSigma: 16n * WAD,
  /** Largest |ρ|: |ρ| < 1 is |ρ| ≤ 1e18 − 1. */
  maxAbsRho: WAD - 1n,
  /** Lee's moment bound on the steeper wing's slope b·(1+|ρ|). */
  maxWingSlope: 2n * WAD,
  /** Largest |a|, implied by the others and checked first. */
  maxAbsA: 125n * WAD,
} as const

/**
 * The same bounds as floats (times in seconds) for the float fast path.
 *
 * @example
 * ```ts
 * import { SVI_BOUNDS } from '@smile/sdk'
 *
 * SVI_BOUNDS.maxAbsLogMoneyness // 8
 * ```
 */
export const SVI_BOUNDS = {
  yearSec: 31_536_000,
  minTimeSec: 60,
  maxTimeSec: 5 * 31_536_000,
  minVol: 0.01,
  maxVol: 5,
  maxAbsLogMoneyness: 8,
  maxAbsM: 8,
  maxSigma: 16,
  maxWingSlope: 2,
  maxAbsA: 125,
} as const
