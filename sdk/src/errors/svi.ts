import { SmileError } from './base.js'

/**
 * A number in the float path, a wad bigint in the wad path: SVI errors are thrown by both.
 *
 * @example
 * ```ts
 * import type { SviValue } from '@smile/sdk'
 *
 * const k: SviValue = 9 // the float path
 * const kWad: SviValue = 9n * 10n ** 18n // the wad path
 * ```
 */
export type SviValue = number | bigint

/**
 * Names of the custom errors `contracts/libraries/Svi.sol` declares; each SDK error class below
 * mirrors one and carries its arguments in the same order.
 *
 * @example
 * ```ts
 * import { type SviOnChainErrorName, SviValidationError, validateSvi } from '@smile/sdk'
 *
 * let name: SviOnChainErrorName | undefined
 * try {
 *   validateSvi({ a: 0.04, b: 0.4, rho: 1.5, m: 0, sigma: 0.2 }, 30 * 86_400)
 * } catch (error) {
 *   if (error instanceof SviValidationError) name = error.onChainName // 'RotationOutOfRange'
 * }
 * ```
 */
export type SviOnChainErrorName =
  | 'TimeOutOfRange'
  | 'LogMoneynessOutOfRange'
  | 'LevelOutOfRange'
  | 'RotationOutOfRange'
  | 'VertexOutOfRange'
  | 'CurvatureOutOfRange'
  | 'WingTooSteep'
  | 'MinimumVarianceOutOfRange'
  | 'NegativeTotalVariance'

/**
 * Base of every SVI error that mirrors an on-chain revert of `Svi.sol`: `onChainName` is the
 * Solidity error's name and `onChainArgs` its arguments, in declaration order.
 *
 * @example
 * ```ts
 * import { SviValidationError, validateSvi } from '@smile/sdk'
 *
 * try {
 *   validateSvi({ a: 0.04, b: 3, rho: 0, m: 0, sigma: 0.1 }, 86_400)
 * } catch (error) {
 *   if (error instanceof SviValidationError) console.error(error.onChainName) // 'WingTooSteep'
 * }
 * ```
 */
export class SviValidationError extends SmileError {
  override name = 'SviValidationError'
  readonly onChainName: SviOnChainErrorName
  readonly onChainArgs: readonly SviValue[]

  constructor(
    onChainName: SviOnChainErrorName,
    onChainArgs: readonly SviValue[],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.onChainName = onChainName
    this.onChainArgs = onChainArgs
  }
}

/**
 * The time to expiry is outside the SVI domain [60 s, 5 years]; mirrors `Svi.TimeOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviTimeOutOfRangeError } from '@smile/sdk'
 *
 * const error = new SviTimeOutOfRangeError(30)
 * error.timeSec // 30
 * ```
 */
export class SviTimeOutOfRangeError extends SviValidationError {
  override name = 'SviTimeOutOfRangeError'
  readonly timeSec: SviValue

  constructor(timeSec: SviValue) {
    super('TimeOutOfRange', [timeSec], `SVI: time to expiry ${timeSec} s is outside [60 s, 5 y]`)
    this.timeSec = timeSec
  }
}

/**
 * |k| = |ln(K/F)| exceeds 8; mirrors `Svi.LogMoneynessOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviLogMoneynessOutOfRangeError } from '@smile/sdk'
 *
 * new SviLogMoneynessOutOfRangeError(9).k // 9
 * ```
 */
export class SviLogMoneynessOutOfRangeError extends SviValidationError {
  override name = 'SviLogMoneynessOutOfRangeError'
  readonly k: SviValue

  constructor(k: SviValue) {
    super('LogMoneynessOutOfRange', [k], `SVI: log-moneyness ${k} is outside [-8, 8]`)
    this.k = k
  }
}

/**
 * |a| exceeds 125; mirrors `Svi.LevelOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviLevelOutOfRangeError } from '@smile/sdk'
 *
 * new SviLevelOutOfRangeError(200).a // 200
 * ```
 */
export class SviLevelOutOfRangeError extends SviValidationError {
  override name = 'SviLevelOutOfRangeError'
  readonly a: SviValue

  constructor(a: SviValue) {
    super('LevelOutOfRange', [a], `SVI: level a = ${a} is outside [-125, 125]`)
    this.a = a
  }
}

/**
 * |ρ| ≥ 1; mirrors `Svi.RotationOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviRotationOutOfRangeError } from '@smile/sdk'
 *
 * new SviRotationOutOfRangeError(1).rho // 1
 * ```
 */
export class SviRotationOutOfRangeError extends SviValidationError {
  override name = 'SviRotationOutOfRangeError'
  readonly rho: SviValue

  constructor(rho: SviValue) {
    super('RotationOutOfRange', [rho], `SVI: rotation rho = ${rho} must satisfy |rho| < 1`)
    this.rho = rho
  }
}

/**
 * |m| exceeds 8; mirrors `Svi.VertexOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviVertexOutOfRangeError } from '@smile/sdk'
 *
 * new SviVertexOutOfRangeError(-9).m // -9
 * ```
 */
export class SviVertexOutOfRangeError extends SviValidationError {
  override name = 'SviVertexOutOfRangeError'
  readonly m: SviValue

  constructor(m: SviValue) {
    super('VertexOutOfRange', [m], `SVI: vertex m = ${m} is outside [-8, 8]`)
    this.m = m
  }
}

/**
 * s is zero (or negative) or above 16; mirrors `Svi.CurvatureOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviCurvatureOutOfRangeError } from '@smile/sdk'
 *
 * new SviCurvatureOutOfRangeError(0).sigma // 0
 * ```
 */
export class SviCurvatureOutOfRangeError extends SviValidationError {
  override name = 'SviCurvatureOutOfRangeError'
  readonly sigma: SviValue

  constructor(sigma: SviValue) {
    super('CurvatureOutOfRange', [sigma], `SVI: curvature s = ${sigma} is outside (0, 16]`)
    this.sigma = sigma
  }
}

/**
 * b·(1+|ρ|) exceeds 2, Lee's bound on the wing slope of total variance (b < 0 is reported here
 * too in the float path, where b is not unsigned by type); mirrors `Svi.WingTooSteep`.
 *
 * @example
 * ```ts
 * import { SviWingTooSteepError } from '@smile/sdk'
 *
 * new SviWingTooSteepError(2, 0.5).b // 2
 * ```
 */
export class SviWingTooSteepError extends SviValidationError {
  override name = 'SviWingTooSteepError'
  readonly b: SviValue
  readonly rho: SviValue

  constructor(b: SviValue, rho: SviValue) {
    super(
      'WingTooSteep',
      [b, rho],
      `SVI: wing slope b·(1+|rho|) with b = ${b}, rho = ${rho} exceeds 2`,
    )
    this.b = b
    this.rho = rho
  }
}

/**
 * The smile's minimum a + b·s·sqrt(1−ρ²) is below (1 %)²·T or above (500 %)²·T; mirrors
 * `Svi.MinimumVarianceOutOfRange`.
 *
 * @example
 * ```ts
 * import { SviMinimumVarianceOutOfRangeError } from '@smile/sdk'
 *
 * new SviMinimumVarianceOutOfRangeError(-0.01, 0.0001, 25).minVariance // -0.01
 * ```
 */
export class SviMinimumVarianceOutOfRangeError extends SviValidationError {
  override name = 'SviMinimumVarianceOutOfRangeError'
  readonly minVariance: SviValue
  readonly lowerBound: SviValue
  readonly upperBound: SviValue

  constructor(minVariance: SviValue, lowerBound: SviValue, upperBound: SviValue) {
    super(
      'MinimumVarianceOutOfRange',
      [minVariance, lowerBound, upperBound],
      `SVI: minimum total variance ${minVariance} is outside [${lowerBound}, ${upperBound}]`,
    )
    this.minVariance = minVariance
    this.lowerBound = lowerBound
    this.upperBound = upperBound
  }
}

/**
 * The total variance at k is negative, so no implied vol exists (never for validated
 * parameters); mirrors `Svi.NegativeTotalVariance`.
 *
 * @example
 * ```ts
 * import { SviNegativeTotalVarianceError } from '@smile/sdk'
 *
 * new SviNegativeTotalVarianceError(0, -0.08).totalVariance // -0.08
 * ```
 */
export class SviNegativeTotalVarianceError extends SviValidationError {
  override name = 'SviNegativeTotalVarianceError'
  readonly k: SviValue
  readonly totalVariance: SviValue

  constructor(k: SviValue, totalVariance: SviValue) {
    super(
      'NegativeTotalVariance',
      [k, totalVariance],
      `SVI: total variance ${totalVariance} at k = ${k} is negative`,
    )
    this.k = k
    this.totalVariance = totalVariance
  }
}

/**
 * The wad mirror met an arithmetic overflow where `Svi.sol` reverts with a Solidity panic or
 * Solady's `MulDivFailed()` (only for parameters that fail `validate`).
 *
 * @example
 * ```ts
 * import { SviArithmeticError } from '@smile/sdk'
 *
 * new SviArithmeticError('k - m').operation // 'k - m'
 * ```
 */
export class SviArithmeticError extends SmileError {
  override name = 'SviArithmeticError'
  readonly operation: string

  constructor(operation: string) {
    super(`SVI: ${operation} overflows 256 bits (the contract reverts)`)
    this.operation = operation
  }
}

/**
 * The quotes given to `calibrateSvi` cannot be fitted: too few, out of the SVI domain, or the
 * best admissible fit is out of bounds. `quoteIndex` names the offending quote when there is one.
 *
 * @example
 * ```ts
 * import { SviCalibrationError, calibrateSvi } from '@smile/sdk'
 *
 * try {
 *   calibrateSvi({ timeSec: 86_400, quotes: [{ k: 0, vol: 0.5 }] })
 * } catch (error) {
 *   if (error instanceof SviCalibrationError) console.error(error.reason)
 * }
 * ```
 */
export class SviCalibrationError extends SmileError {
  override name = 'SviCalibrationError'
  readonly reason: string
  readonly quoteIndex: number | undefined

  constructor(reason: string, quoteIndex?: number, options?: { cause?: unknown }) {
    super(
      quoteIndex === undefined
        ? `SVI calibration: ${reason}`
        : `SVI calibration: quote ${quoteIndex}: ${reason}`,
      options,
    )
    this.reason = reason
    this.quoteIndex = quoteIndex
  }
}
