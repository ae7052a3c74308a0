import { SmileError } from './base.js'

/**
 * A portfolio account action the `PortfolioMarginEngine` would revert, named by the engine's
 * error: the SDK's prediction (`whatIfPortfolioTrade`, `planPortfolioLiquidation`) refuses it
 * before a transaction is sent. `reason` is the engine's error name; `args` its arguments, in
 * order.
 *
 * @example
 * ```ts
 * import { PortfolioActionRevertError } from '@smile/sdk/portfolio'
 *
 * const error = new PortfolioActionRevertError('TooManyPositions', [4n])
 * error.reason // 'TooManyPositions'
 * ```
 */
export class PortfolioActionRevertError extends SmileError {
  override name = 'PortfolioActionRevertError'
  /** The engine's error: `InvalidSize`, `PositionNotFound`, `OppositePosition`, ... */
  readonly reason: PortfolioRevertReason
  /** Its arguments, as the engine would give them. */
  readonly args: readonly (bigint | boolean)[]

  constructor(
    reason: PortfolioRevertReason,
    args: readonly (bigint | boolean)[],
    options?: { cause?: unknown },
  ) {
    super(`the portfolio margin engine would revert ${reason}(${args.join(', ')})`, options)
    this.reason = reason
    this.args = args
  }
}

/**
 * The engine errors a {@link PortfolioActionRevertError} names (besides the margin and
 * liquidation refusals, which have their own classes).
 *
 * @example
 * ```ts
 * import type { PortfolioRevertReason } from '@smile/sdk/portfolio'
 *
 * const reason: PortfolioRevertReason = 'InsufficientCollateral'
 * ```
 */
export type PortfolioRevertReason =
  | 'InvalidSize'
  | 'PositionNotFound'
  | 'OppositePosition'
  | 'TooManyPositions'
  | 'InsufficientCollateral'
  | 'CollateralTooLarge'
  | 'SelfLiquidation'
  | 'InvalidTakeover'
  | 'ExpirySettled'

/**
 * Equity below IM after an action that adds risk (or a liquidator's account after a step): the
 * engine would revert `BelowInitialMargin(accountId, equityWad, initialMarginWad)`.
 *
 * @example
 * ```ts
 * import { PortfolioBelowInitialMarginError } from '@smile/sdk/portfolio'
 *
 * const error = new PortfolioBelowInitialMarginError(2n, 90n, 100n)
 * error.initialMarginWad - error.equityWad // 10n short of IM
 * ```
 */
export class PortfolioBelowInitialMarginError extends SmileError {
  override name = 'PortfolioBelowInitialMarginError'
  readonly accountId: bigint
  /** Equity, wad of quote. */
  readonly equityWad: bigint
  /** IM, wad of quote. */
  readonly initialMarginWad: bigint

  constructor(
    accountId: bigint,
    equityWad: bigint,
    initialMarginWad: bigint,
    options?: { cause?: unknown },
  ) {
    super(
      `account ${accountId} would have equity ${equityWad} below its initial margin ${initialMarginWad} (wad of quote)`,
      options,
    )
    this.accountId = accountId
    this.equityWad = equityWad
    this.initialMarginWad = initialMarginWad
  }
}

/**
 * A liquidation of an account at or above MM: the engine would revert
 * `AccountHealthy(accountId, equityWad, maintenanceMarginWad)`.
 *
 * @example
 * ```ts
 * import { PortfolioAccountHealthyError } from '@smile/sdk/portfolio'
 *
 * new PortfolioAccountHealthyError(3n, 120n, 100n).maintenanceMarginWad // 100n
 * ```
 */
export class PortfolioAccountHealthyError extends SmileError {
  override name = 'PortfolioAccountHealthyError'
  readonly accountId: bigint
  readonly equityWad: bigint
  readonly maintenanceMarginWad: bigint

  constructor(
    accountId: bigint,
    equityWad: bigint,
    maintenanceMarginWad: bigint,
    options?: { cause?: unknown },
  ) {
    super(
      `account ${accountId} is not below its maintenance margin: equity ${equityWad} ≥ ${maintenanceMarginWad} (wad of quote)`,
      options,
    )
    this.accountId = accountId
    this.equityWad = equityWad
    this.maintenanceMarginWad = maintenanceMarginWad
  }
}

/**
 * A liquidation of an account whose equity is negative (resolve its bad debt instead): the engine
 * would revert `AccountInsolvent(accountId, equityWad)`.
 *
 * @example
 * ```ts
 * import { PortfolioAccountInsolventError } from '@smile/sdk/portfolio'
 *
 * new PortfolioAccountInsolventError(3n, -5n).equityWad // -5n
 * ```
 */
export class PortfolioAccountInsolventError extends SmileError {
  override name = 'PortfolioAccountInsolventError'
  readonly accountId: bigint
  readonly equityWad: bigint

  constructor(accountId: bigint, equityWad: bigint, options?: { cause?: unknown }) {
    super(
      `account ${accountId} is insolvent (equity ${equityWad} wad of quote): resolve its bad debt`,
      options,
    )
    this.accountId = accountId
    this.equityWad = equityWad
  }
}

/**
 * A liquidation step that would not raise the account's health (taking over only hedges, say):
 * the engine would revert `HealthNotImproved(accountId, healthBeforeWad, healthAfterWad)`.
 *
 * @example
 * ```ts
 * import { PortfolioHealthNotImprovedError } from '@smile/sdk/portfolio'
 *
 * new PortfolioHealthNotImprovedError(3n, -10n, -12n).healthAfterWad // -12n
 * ```
 */
export class PortfolioHealthNotImprovedError extends SmileError {
  override name = 'PortfolioHealthNotImprovedError'
  readonly accountId: bigint
  readonly healthBeforeWad: bigint
  readonly healthAfterWad: bigint

  constructor(
    accountId: bigint,
    healthBeforeWad: bigint,
    healthAfterWad: bigint,
    options?: { cause?: unknown },
  ) {
    super(
      `liquidating account ${accountId} so would not raise its health (${healthBeforeWad} → ${healthAfterWad} wad of quote)`,
      options,
    )
    this.accountId = accountId
    this.healthBeforeWad = healthBeforeWad
    this.healthAfterWad = healthAfterWad
  }
}

/**
 * A portfolio state that lacks an input the engine would read: the strict spot (the oracle is in
 * degraded mode: only the price range is known), the smile of an expiry or its settlement price
 * (fetched for the positions' expiries, and the `expiries` asked of `fetchPortfolioState`).
 *
 * @example
 * ```ts
 * import { PortfolioStateIncompleteError } from '@smile/sdk/portfolio'
 *
 * new PortfolioStateIncompleteError('smile', 1_798_790_400n).input // 'smile'
 * ```
 */
export class PortfolioStateIncompleteError extends SmileError {
  override name = 'PortfolioStateIncompleteError'
  readonly input: 'spot' | 'smile' | 'settledPrice'
  /** The expiry whose smile or settlement price is missing (0 for the spot). */
  readonly expiry: bigint

  constructor(
    input: 'spot' | 'smile' | 'settledPrice',
    expiry = 0n,
    options?: { cause?: unknown },
  ) {
    super(
      input === 'spot'
        ? 'the portfolio state holds no strict spot (the oracle is degraded)'
        : `the portfolio state holds no ${input} for expiry ${expiry}`,
      options,
    )
    this.input = input
    this.expiry = expiry
  }
}
