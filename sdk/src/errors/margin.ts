import { SmileError } from './base.js'

/**
 * A liquidation whose liquidator account is the liquidated account: the engine would revert with
 * `SelfLiquidation(accountId)`.
 *
 * @example
 * ```ts
 * import { SelfLiquidationError } from '@smile/sdk'
 *
 * new SelfLiquidationError(7n).accountId // 7n
 * ```
 */
export class SelfLiquidationError extends SmileError {
  override name = 'SelfLiquidationError'
  readonly accountId: bigint

  constructor(accountId: bigint, options?: { cause?: unknown }) {
    super(`account ${accountId} cannot liquidate itself`, options)
    this.accountId = accountId
  }
}

/**
 * A series whose collateral is not the account's (a call written from a put account or the
 * reverse): the engine would revert with `CollateralMismatch(accountId, id)`.
 *
 * @example
 * ```ts
 * import { MarginCollateralMismatchError } from '@smile/sdk'
 *
 * const error = new MarginCollateralMismatchError(3n, 1n << 128n, false)
 * error.accountIsCall // false: a put account
 * ```
 */
export class MarginCollateralMismatchError extends SmileError {
  override name = 'MarginCollateralMismatchError'
  readonly accountId: bigint
  readonly id: bigint
  readonly accountIsCall: boolean

  constructor(
    accountId: bigint,
    id: bigint,
    accountIsCall: boolean,
    options?: { cause?: unknown },
  ) {
    super(
      `series ${id} is not collateralised in account ${accountId}'s ${accountIsCall ? 'base (calls)' : 'quote (puts)'}`,
      options,
    )
    this.accountId = accountId
    this.id = id
    this.accountIsCall = accountIsCall
  }
}

/**
 * A margin state that lacks an input the engine would read: the smile of a position's expiry
 * (fetched only for expiries more than a minute away at the state's block) or its settlement
 * price. Fetch the state again at (or nearer) the timestamp computed at.
 *
 * @example
 * ```ts
 * import { MarginStateIncompleteError } from '@smile/sdk'
 *
 * new MarginStateIncompleteError('smile', 1_798_790_400n).input // 'smile'
 * ```
 */
export class MarginStateIncompleteError extends SmileError {
  override name = 'MarginStateIncompleteError'
  readonly input: 'smile' | 'settledPrice'
  readonly expiry: bigint

  constructor(input: 'smile' | 'settledPrice', expiry: bigint, options?: { cause?: unknown }) {
    super(`the margin state holds no ${input} for expiry ${expiry}`, options)
    this.input = input
    this.expiry = expiry
  }
}

/**
 * A liquidation the engine would refuse for the account's state: `AccountHealthy` (its collateral
 * covers mark + MM), `AccountInsolvent` (its collateral is below its mark: resolve its bad debt
 * instead), `PositionNotFound` (it holds no position in that series) or
 * `TooManyPositions` (the liquidator's account already holds four other series). `errorName` is
 * the engine's error.
 *
 * @example
 * ```ts
 * import { LiquidationRejectedError } from '@smile/sdk'
 *
 * const error = new LiquidationRejectedError('AccountHealthy', 4n, 1_000n, 900n)
 * error.errorName // 'AccountHealthy'
 * ```
 */
export class LiquidationRejectedError extends SmileError {
  override name = 'LiquidationRejectedError'
  readonly errorName:
    | 'AccountHealthy'
    | 'AccountInsolvent'
    | 'PositionNotFound'
    | 'TooManyPositions'
  /** The liquidated account, or the liquidator's for TooManyPositions. */
  readonly accountId: bigint
  /**
   * The account's collateral, token units (AccountHealthy, AccountInsolvent), 0 (PositionNotFound:
   * nothing held in that series), or the liquidator's positions (TooManyPositions).
   */
  readonly held: bigint
  /** Mark + MM or the mark, token units; the size asked, wad; or the most positions, 4. */
  readonly required: bigint

  constructor(
    errorName: 'AccountHealthy' | 'AccountInsolvent' | 'PositionNotFound' | 'TooManyPositions',
    accountId: bigint,
    held: bigint,
    required: bigint,
    options?: { cause?: unknown },
  ) {
    super(
      `the engine would revert with ${errorName} for account ${accountId} (${held}, ${required})`,
      options,
    )
    this.errorName = errorName
    this.accountId = accountId
    this.held = held
    this.required = required
  }
}
