import { SmileError } from './base.js'

/**
 * The input of `portfolioMargin` or `spotShockWad` that a {@link ParameterOutOfBoundsError} names:
 * a field of the shocks, the collateral's haircuts or the spot-shock rule.
 *
 * @example
 * ```ts
 * import type { PortfolioRiskParameter } from '@smile/sdk'
 *
 * const parameter: PortfolioRiskParameter = 'volShockWad'
 * ```
 */
export type PortfolioRiskParameter =
  | 'spotIntervals'
  | 'spotShockWad'
  | 'volShockWad'
  | 'floorShareWad'
  | 'maintenanceRatioWad'
  | 'baseHaircutWad'
  | 'quoteHaircutWad'
  | 'multiplierWad'
  | 'horizonSec'
  | 'maxShockWad'
  | 'minShockWad'

/**
 * A parameter outside its hard bounds: the contract would revert with
 * `ParameterOutOfBounds(value, minValue, maxValue)` (`IBoundedParameters`, raised by
 * `ParameterBounds.check`). `parameter` names which input it is (the revert does not).
 *
 * @example
 * ```ts
 * import { ParameterOutOfBoundsError } from '@smile/sdk'
 *
 * const error = new ParameterOutOfBoundsError('spotIntervals', 9n, 2n, 8n)
 * error.maxValue // 8n
 * ```
 */
export class ParameterOutOfBoundsError extends SmileError {
  override name = 'ParameterOutOfBoundsError'
  /** Which input is out of bounds. */
  readonly parameter: PortfolioRiskParameter
  /** Its value, as given. */
  readonly value: bigint
  /** The least value allowed. */
  readonly minValue: bigint
  /** The greatest value allowed. */
  readonly maxValue: bigint

  constructor(
    parameter: PortfolioRiskParameter,
    value: bigint,
    minValue: bigint,
    maxValue: bigint,
    options?: { cause?: unknown },
  ) {
    super(`${parameter} = ${value} is outside [${minValue}, ${maxValue}]`, options)
    this.parameter = parameter
    this.value = value
    this.minValue = minValue
    this.maxValue = maxValue
  }
}

/**
 * A portfolio of more legs than `PortfolioRisk` values (16): the contract would revert with
 * `TooManyLegs(count)`.
 *
 * @example
 * ```ts
 * import { TooManyLegsError } from '@smile/sdk'
 *
 * new TooManyLegsError(17n).count // 17n
 * ```
 */
export class TooManyLegsError extends SmileError {
  override name = 'TooManyLegsError'
  /** The number of legs over all the expiries. */
  readonly count: bigint

  constructor(count: bigint, options?: { cause?: unknown }) {
    super(`the portfolio has ${count} legs, more than the 16 allowed`, options)
    this.count = count
  }
}

/**
 * A leg whose |size| is above 2^96 − 1 wad (about 7.9e10 options): the contract would revert with
 * `LegSizeOutOfRange(sizeWad)`.
 *
 * @example
 * ```ts
 * import { LegSizeOutOfRangeError } from '@smile/sdk'
 *
 * new LegSizeOutOfRangeError(-(1n << 96n)).sizeWad // -79228162514264337593543950336n
 * ```
 */
export class LegSizeOutOfRangeError extends SmileError {
  override name = 'LegSizeOutOfRangeError'
  /** The leg's signed size, wad of options. */
  readonly sizeWad: bigint

  constructor(sizeWad: bigint, options?: { cause?: unknown }) {
    super(`leg size ${sizeWad} wad is beyond ±(2^96 − 1)`, options)
    this.sizeWad = sizeWad
  }
}
