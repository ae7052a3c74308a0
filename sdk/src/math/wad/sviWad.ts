import {
  SviArithmeticError,
  SviCurvatureOutOfRangeError,
  SviLevelOutOfRangeError,
  SviLogMoneynessOutOfRangeError,
  SviMinimumVarianceOutOfRangeError,
  SviNegativeTotalVarianceError,
  SviRotationOutOfRangeError,
  SviTimeOutOfRangeError,
  SviVertexOutOfRangeError,
  SviWingTooSteepError,
} from '../../errors/svi.js'
import { SVI_BOUNDS_WAD as B } from '../sviBounds.js'
import { WAD } from '../wad.js'
import { sqrt } from './sqrt.js'

/**
 * `Svi.Params` of `contracts/libraries/Svi.sol`: every field wad; `b` and `sigma` are uint256.
 *
 * @example
 * ```ts
 * import { type SviParamsWad, sviImpliedVolWad } from '@smile/sdk'
 *
 * const smile: SviParamsWad = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * sviImpliedVolWad(smile, 0n, 31_536_000n) // 200000000000000000n (20 %)
 * ```
 */
export type SviParamsWad = {
  a: bigint
  b: bigint
  rho: bigint
  m: bigint
  sigma: bigint
}

const INT256_MIN = -(1n << 255n)
const INT256_MAX = (1n << 255n) - 1n
const UINT256_END = 1n << 256n
const WAD_SQUARED = WAD * WAD

/**
 * `Svi.totalVariance`: w(k) = a + b·(ρ·(k−m) + sqrt((k−m)² + s²)), wad, rounded up, to the wei.
 *
 * @throws SviLogMoneynessOutOfRangeError if |k| > 8e18.
 * @throws SviLevelOutOfRangeError, SviRotationOutOfRangeError, SviVertexOutOfRangeError,
 * SviCurvatureOutOfRangeError (s too large) or SviWingTooSteepError (b > 2e18), in that order, for
 * a parameter beyond the magnitude `validate` accepts, as the contract's `_checkMagnitudes`.
 * @throws SviArithmeticError where the contract overflows (only for parameters failing `validate`).
 * @throws RangeError for a value outside its Solidity type (int256 or uint256).
 * @example
 * ```ts
 * const p = { a: 40n * 10n ** 15n, b: 10n ** 17n, rho: 0n, m: 0n, sigma: 3n * 10n ** 17n }
 * sviTotalVarianceWad(p, 0n) // 70000000000000000n (0.07)
 * ```
 */
export function sviTotalVarianceWad(params: SviParamsWad, k: bigint): bigint {
  assertAbiTypes(params, k, 0n)
  if (k > B.maxAbsLogMoneyness || k < -B.maxAbsLogMoneyness) {
    throw new SviLogMoneynessOutOfRangeError(k)
  }
  checkMagnitudes(params)
  const d = int256(k - params.m, 'k - m')
  const squares = uint256(
    uint256(
      uint256(int256(d * d, '(k - m)²') + uint256(params.sigma * params.sigma, 's²'), 'sum') * WAD,
      'sum·1e18',
    ) * WAD,
    'sum·1e36',
  )
  const hypotenuse = sqrtUp(squares)
  // Solidity's uint256(int256) conversion wraps; the value is positive whenever |ρ| < 1.
  const inner = wrapUint256(int256(int256(params.rho * d, 'rho·d') + hypotenuse, 'inner'))
  return int256(params.a + wrapInt256(mulDivUp(params.b, inner, WAD_SQUARED)), 'a + b·inner')
}

/**
 * `Svi.impliedVol`: σ(k) = sqrt(w(k)·YEAR / timeSec), annualised, wad, rounded up, to the wei.
 *
 * @throws SviTimeOutOfRangeError if timeSec is outside [60, 157,680,000].
 * @throws SviLogMoneynessOutOfRangeError if |k| > 8e18.
 * @throws SviNegativeTotalVarianceError if w(k) < 0.
 * @throws SviArithmeticError where the contract overflows (only for parameters failing `validate`).
 * @throws RangeError for a value outside its Solidity type (int256 or uint256).
 * @example
 * ```ts
 * const p = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 18n }
 * sviImpliedVolWad(p, 0n, 31_536_000n) // 200000000000000000n (20 %)
 * ```
 */
export function sviImpliedVolWad(params: SviParamsWad, k: bigint, timeSec: bigint): bigint {
  assertAbiTypes(params, k, timeSec)
  checkTime(timeSec)
  const w = sviTotalVarianceWad(params, k)
  if (w < 0n) throw new SviNegativeTotalVarianceError(k, w)
  return sqrtUp(mulDivUp(w, B.yearSec * WAD, timeSec))
}

/**
 * `Svi.validate`: the same checks in the same order with the same rounding, so it throws exactly
 * when the contract reverts, with the same error and arguments.
 *
 * @throws the `SviValidationError` subclass named for the first rule broken.
 * @throws RangeError for a value outside its Solidity type (int256 or uint256).
 * @example
 * ```ts
 * const p = { a: 4n * 10n ** 16n, b: 4n * 10n ** 17n, rho: -4n * 10n ** 17n, m: 10n ** 17n, sigma: 2n * 10n ** 17n }
 * validateSviWad(p, 2_592_000n) // passes
 * ```
 */
export function validateSviWad(params: SviParamsWad, timeSec: bigint): void {
  assertAbiTypes(params, 0n, timeSec)
  const { a, b, rho, m, sigma } = params
  checkTime(timeSec)
  if (a > B.maxAbsA || a < -B.maxAbsA) throw new SviLevelOutOfRangeError(a)
  const absRho = rho < 0n ? -rho : rho
  if (absRho > B.maxAbsRho) throw new SviRotationOutOfRangeError(rho)
  if (m > B.maxAbsM || m < -B.maxAbsM) throw new SviVertexOutOfRangeError(m)
  if (sigma === 0n || sigma > B.maxSigma) throw new SviCurvatureOutOfRangeError(sigma)
  if (b > B.maxWingSlope || mulDivUp(b, WAD + absRho, WAD) > B.maxWingSlope) {
    throw new SviWingTooSteepError(b, rho)
  }
  const cosine = sqrt((WAD - rho) * (WAD + rho))
  const minVariance = a + (b * sigma * cosine) / WAD_SQUARED
  const lowerBound = mulDivUp(B.minVol * B.minVol, timeSec, WAD * B.yearSec)
  const upperBound = (B.maxVol * B.maxVol * timeSec) / (WAD * B.yearSec)
  if (minVariance < lowerBound || minVariance > upperBound) {
    throw new SviMinimumVarianceOutOfRangeError(minVariance, lowerBound, upperBound)
  }
}

/**
 * The contract's arguments are int256 (a, ρ, m, k) and uint256 (b, s, timeSec): a value outside
 * its type cannot reach it, so the mirror refuses it rather than compute something the chain never
 * would.
 */
function assertAbiTypes(params: SviParamsWad, k: bigint, timeSec: bigint): void {
  const signed = { a: params.a, rho: params.rho, m: params.m, k }
  const unsigned = { b: params.b, sigma: params.sigma, timeSec }
  for (const [name, value] of Object.entries(signed)) {
    if (value < INT256_MIN || value > INT256_MAX)
      throw new RangeError(`SVI: ${name} is not an int256`)
  }
  for (const [name, value] of Object.entries(unsigned)) {
    if (value < 0n || value >= UINT256_END) throw new RangeError(`SVI: ${name} is not a uint256`)
  }
}

/**
 * `Svi._checkMagnitudes`: |a|, |ρ|, |m|, s and b within what `validate` accepts (not its
 * time-dependent bounds), each with `validate`'s error, in its order.
 */
function checkMagnitudes({ a, b, rho, m, sigma }: SviParamsWad): void {
  if (a > B.maxAbsA || a < -B.maxAbsA) throw new SviLevelOutOfRangeError(a)
  if (rho > B.maxAbsRho || rho < -B.maxAbsRho) throw new SviRotationOutOfRangeError(rho)
  if (m > B.maxAbsM || m < -B.maxAbsM) throw new SviVertexOutOfRangeError(m)
  if (sigma > B.maxSigma) throw new SviCurvatureOutOfRangeError(sigma)
  if (b > B.maxWingSlope) throw new SviWingTooSteepError(b, rho)
}

function checkTime(timeSec: bigint): void {
  if (timeSec < B.minTimeSec || timeSec > B.maxTimeSec) throw new SviTimeOutOfRangeError(timeSec)
}

/** `Svi._sqrtUp`: ceil(sqrt(x)). */
function sqrtUp(x: bigint): bigint {
  const z = sqrt(x)
  return z * z < x ? z + 1n : z
}

/** Solady `mulDivUp` on uint256: ceil(x·y/d); reverts (`MulDivFailed`) if x·y ≥ 2^256 or d = 0. */
function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const product = x * y
  if (product >= UINT256_END || d === 0n) throw new SviArithmeticError('mulDivUp')
  return (product + d - 1n) / d
}

/** Checked int256 arithmetic (Solidity ≥ 0.8 panics on overflow). */
function int256(x: bigint, operation: string): bigint {
  if (x < INT256_MIN || x > INT256_MAX) throw new SviArithmeticError(operation)
  return x
}

/** Checked uint256 arithmetic. */
function uint256(x: bigint, operation: string): bigint {
  if (x < 0n || x >= UINT256_END) throw new SviArithmeticError(operation)
  return x
}

/** Solidity's explicit conversion uint256(int256): two's complement, no check. */
function wrapUint256(x: bigint): bigint {
  return x < 0n ? x + UINT256_END : x
}

/** Solidity's explicit conversion int256(uint256): two's complement, no check. */
function wrapInt256(x: bigint): bigint {
  return x > INT256_MAX ? x - UINT256_END : x
}
