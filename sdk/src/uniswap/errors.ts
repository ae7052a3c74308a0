import { SmileError } from '../errors/base.js'

/**
 * A TWAP was asked over a window that is not a positive whole number of seconds.
 *
 * @example
 * ```ts
 * import { InvalidTwapWindowError } from '@smile/sdk/uniswap'
 *
 * const error = new InvalidTwapWindowError(0)
 * error.windowSec // 0
 * ```
 */
export class InvalidTwapWindowError extends SmileError {
  override name = 'InvalidTwapWindowError'
  readonly windowSec: number

  constructor(windowSec: number) {
    super(`TWAP window must be a positive whole number of seconds, got ${windowSec}`)
    this.windowSec = windowSec
  }
}

/**
 * A tick outside Uniswap v3's range [−887272, 887272], or not an integer.
 *
 * @example
 * ```ts
 * import { TickOutOfRangeError } from '@smile/sdk/uniswap'
 *
 * new TickOutOfRangeError(900_000).tick // 900000
 * ```
 */
export class TickOutOfRangeError extends SmileError {
  override name = 'TickOutOfRangeError'
  readonly tick: number

  constructor(tick: number) {
    super(`tick ${tick} is not an integer in [-887272, 887272]`)
    this.tick = tick
  }
}

/**
 * Token decimals a price cannot be expressed in (not an integer in [0, 36]).
 *
 * @example
 * ```ts
 * import { InvalidTokenDecimalsError } from '@smile/sdk/uniswap'
 *
 * new InvalidTokenDecimalsError(40).decimals // 40
 * ```
 */
export class InvalidTokenDecimalsError extends SmileError {
  override name = 'InvalidTokenDecimalsError'
  readonly decimals: number

  constructor(decimals: number) {
    super(`token decimals must be an integer in [0, 36], got ${decimals}`)
    this.decimals = decimals
  }
}

/**
 * A pool's `observe()` answered with fewer tick accumulators than it was asked for.
 *
 * @example
 * ```ts
 * import { PoolObservationError } from '@smile/sdk/uniswap'
 *
 * new PoolObservationError('0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640', 1).received // 1
 * ```
 */
export class PoolObservationError extends SmileError {
  override name = 'PoolObservationError'
  readonly pool: string
  readonly received: number

  constructor(pool: string, received: number) {
    super(`pool ${pool} returned ${received} tick accumulators from observe(), expected 2`)
    this.pool = pool
    this.received = received
  }
}
