import { SmileError } from './base.js'
import { formatErrorArgs } from './formatErrorArgs.js'

/**
 * A series field does not fit its bits: strike ≥ 2^128 or expiry ≥ 2^40; mirrors
 * `SeriesIdLib.SeriesFieldOverflow(expiry, strikeWad)`.
 *
 * @example
 * ```ts
 * import { SeriesFieldOverflowError } from '@smile/sdk'
 *
 * new SeriesFieldOverflowError(1n << 40n, 0n).expiry // 1099511627776n
 * ```
 */
export class SeriesFieldOverflowError extends SmileError {
  override name = 'SeriesFieldOverflowError'
  readonly expiry: bigint
  readonly strikeWad: bigint

  constructor(expiry: bigint, strikeWad: bigint, options?: { cause?: unknown }) {
    super(
      `series field overflow: expiry ${expiry} (< 2^40), strike ${strikeWad} (< 2^128)`,
      options,
    )
    this.expiry = expiry
    this.strikeWad = strikeWad
  }
}

/**
 * The parameter names of the errors an off-chain quote (or a strategy round's check) can refuse
 * with, as the ABIs declare them
 * (errors.test.ts checks they agree): the market's own, the volatility oracle's `StaleSmile` and
 * Solady's `Overflow()` (SafeCastLib, which the compiler leaves out of the market's ABI). Listed
 * here so that the pricing math does not import the ABIs.
 */
export const TRADE_REJECTION_INPUTS = {
  ZeroSize: [],
  SizeTooLarge: ['size'],
  InventoryCapExceeded: ['inventoryWad', 'maxWad'],
  DeltaOutOfBounds: ['deltaWad', 'minWad', 'maxWad'],
  NonCanonicalSeries: ['id'],
  ExpiryNotListed: ['expiry'],
  StrikeNotListed: ['strikeWad'],
  OutsideTradingWindow: ['timeSec', 'minSec', 'maxSec'],
  DeadlineExpired: ['deadline'],
  InsufficientBalance: [],
  TooManyLiveSeries: [],
  UtilisationCapExceeded: ['encumberedAssets', 'heldAssets'],
  StaleSmile: ['expiry', 'updatedAt', 'maxStaleness'],
  Overflow: [],
  PremiumAboveMax: ['premiumAssets', 'maxPremiumAssets'],
  PremiumBelowFloor: ['premiumAssets', 'floorAssets'],
  VaultCannotPayPremium: ['premiumAssets', 'heldAssets', 'encumberedAssets'],
  DebitSpread: ['shortPremiumAssets', 'longPremiumAssets'],
} as const satisfies Record<string, readonly string[]>

/**
 * The name of an error an off-chain quote or a strategy round's check can refuse with.
 *
 * @example
 * ```ts
 * import type { TradeRejectionName } from '@smile/sdk'
 *
 * const name: TradeRejectionName = 'UtilisationCapExceeded'
 * ```
 */
export type TradeRejectionName = keyof typeof TRADE_REJECTION_INPUTS

/**
 * An off-chain quote refused for the reason the market would revert with; `errorName` and `args`
 * are the contract's custom error (the keys of `TRADE_REJECTION_INPUTS`: `ZeroSize`,
 * `DeltaOutOfBounds`, `UtilisationCapExceeded`, ...), so a caller handles a refused quote and a reverted trade alike. The message
 * names the arguments; `metaMessages` shows them in human units (wad as decimals, seconds as
 * durations, an expiry as a date).
 *
 * @example
 * ```ts
 * import { TradeRejectedError } from '@smile/sdk'
 *
 * const error = new TradeRejectedError('ZeroSize', [])
 * error.errorName // 'ZeroSize'
 * ```
 */
export class TradeRejectedError extends SmileError {
  override name = 'TradeRejectedError'
  readonly errorName: TradeRejectionName
  readonly args: readonly (bigint | boolean)[]

  constructor(
    errorName: TradeRejectionName,
    args: readonly (bigint | boolean)[],
    options?: { cause?: unknown },
  ) {
    const { short, meta } = formatErrorArgs(TRADE_REJECTION_INPUTS[errorName], args)
    super(`the market would revert with ${errorName}(${short})`, { ...options, metaMessages: meta })
    this.errorName = errorName
    this.args = args
  }
}

/**
 * A builder argument the contract would refuse or that makes no sense (zero amount, deadline in
 * the past relative to `now`, negative limit), or that contradicts what was read on-chain (an
 * asset that is not the series' collateral or the vault's asset, a limit in the wrong units).
 *
 * @example
 * ```ts
 * import { InvalidBuildArgumentError } from '@smile/sdk'
 *
 * new InvalidBuildArgumentError('size', 0n, 'must be positive').argument // 'size'
 * ```
 */
export class InvalidBuildArgumentError extends SmileError {
  override name = 'InvalidBuildArgumentError'
  readonly argument: string
  readonly value: bigint | string

  constructor(
    argument: string,
    value: bigint | string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${argument} = ${value}: ${reason}`, options)
    this.argument = argument
    this.value = value
  }
}

/**
 * `quoteStrip` was given states or strikes it cannot quote: call and put states of different
 * expiries or of the wrong side, or a strike grid that is empty or does not advance.
 *
 * @example
 * ```ts
 * import { InvalidQuoteStripError } from '@smile/sdk'
 *
 * new InvalidQuoteStripError('strikes', 'step must be > 0').parameter // 'strikes'
 * ```
 */
export class InvalidQuoteStripError extends SmileError {
  override name = 'InvalidQuoteStripError'
  readonly parameter: 'states' | 'strikes' | 'size'

  constructor(
    parameter: 'states' | 'strikes' | 'size',
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${parameter}: ${reason}`, options)
    this.parameter = parameter
  }
}
