import { SmileError } from './base.js'

/**
 * Time to expiry outside [1 minute, 5 years]; mirrors `BlackScholes.TimeOutOfRange(timeSec)`.
 *
 * @example
 * ```ts
 * import { TimeOutOfRangeError } from '@smile/sdk'
 *
 * new TimeOutOfRangeError(30n).timeSec // 30n
 * ```
 */
export class TimeOutOfRangeError extends SmileError {
  override name = 'TimeOutOfRangeError'
  readonly timeSec: bigint

  constructor(timeSec: bigint, options?: { cause?: unknown }) {
    super(`time to expiry ${timeSec} s is outside [60 s, 5 years]`, options)
    this.timeSec = timeSec
  }
}

/**
 * Volatility outside [1%, 500%] (wad); mirrors `BlackScholes.VolatilityOutOfRange(vol)`.
 *
 * @example
 * ```ts
 * import { VolatilityOutOfRangeError } from '@smile/sdk'
 *
 * new VolatilityOutOfRangeError(6n * 10n ** 18n).vol // 6000000000000000000n
 * ```
 */
export class VolatilityOutOfRangeError extends SmileError {
  override name = 'VolatilityOutOfRangeError'
  readonly vol: bigint

  constructor(vol: bigint, options?: { cause?: unknown }) {
    super(`volatility ${vol} (wad) is outside [1%, 500%]`, options)
    this.vol = vol
  }
}

/**
 * Rate above 20% (wad), or negative; mirrors `BlackScholes.RateOutOfRange(rate)`.
 *
 * @example
 * ```ts
 * import { RateOutOfRangeError } from '@smile/sdk'
 *
 * new RateOutOfRangeError(3n * 10n ** 17n).rate // 300000000000000000n
 * ```
 */
export class RateOutOfRangeError extends SmileError {
  override name = 'RateOutOfRangeError'
  readonly rate: bigint

  constructor(rate: bigint, options?: { cause?: unknown }) {
    super(`rate ${rate} (wad) is outside [0, 20%]`, options)
    this.rate = rate
  }
}

/**
 * Spot outside [1e-6, 1e12] (wad); mirrors `BlackScholes.SpotOutOfRange(spot)`.
 *
 * @example
 * ```ts
 * import { SpotOutOfRangeError } from '@smile/sdk'
 *
 * new SpotOutOfRangeError(0n).spot // 0n
 * ```
 */
export class SpotOutOfRangeError extends SmileError {
  override name = 'SpotOutOfRangeError'
  readonly spot: bigint

  constructor(spot: bigint, options?: { cause?: unknown }) {
    super(`spot ${spot} (wad) is outside [1e-6, 1e12]`, options)
    this.spot = spot
  }
}

/**
 * Strike outside [1e-6, 1e12] (wad); mirrors `BlackScholes.StrikeOutOfRange(strike)`.
 *
 * @example
 * ```ts
 * import { StrikeOutOfRangeError } from '@smile/sdk'
 *
 * new StrikeOutOfRangeError(0n).strike // 0n
 * ```
 */
export class StrikeOutOfRangeError extends SmileError {
  override name = 'StrikeOutOfRangeError'
  readonly strike: bigint

  constructor(strike: bigint, options?: { cause?: unknown }) {
    super(`strike ${strike} (wad) is outside [1e-6, 1e12]`, options)
    this.strike = strike
  }
}

/**
 * Spot/strike outside [0.2, 5]; mirrors `BlackScholes.MoneynessOutOfRange(spot, strike)`.
 *
 * @example
 * ```ts
 * import { MoneynessOutOfRangeError } from '@smile/sdk'
 *
 * new MoneynessOutOfRangeError(10n, 100n).strike // 100n
 * ```
 */
export class MoneynessOutOfRangeError extends SmileError {
  override name = 'MoneynessOutOfRangeError'
  readonly spot: bigint
  readonly strike: bigint

  constructor(spot: bigint, strike: bigint, options?: { cause?: unknown }) {
    super(`spot/strike = ${spot}/${strike} is outside [0.2, 5]`, options)
    this.spot = spot
    this.strike = strike
  }
}

/**
 * Argument of the 1e27 logarithm outside [1/8, 8); mirrors `PreciseMath.LnOutOfRange(x)`.
 *
 * @example
 * ```ts
 * import { LnOutOfRangeError } from '@smile/sdk'
 *
 * new LnOutOfRangeError(10n ** 28n).x // 10000000000000000000000000000n
 * ```
 */
export class LnOutOfRangeError extends SmileError {
  override name = 'LnOutOfRangeError'
  readonly x: bigint

  constructor(x: bigint, options?: { cause?: unknown }) {
    super(`ln argument ${x} (1e27) is outside [1/8, 8)`, options)
    this.x = x
  }
}
