import { type Address, encodeFunctionData } from 'viem'
import { portfolioMarginEngineAbi } from '../abi/portfolio.js'
import { SelfLiquidationError } from '../errors/margin.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { checkAccountId, checkLimits, checkPositive } from '../margin/validate.js'
import { isCanonicalSeriesId } from '../math/wad/seriesId.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { PORTFOLIO_MAX_POSITION_SIZE } from './book.js'

/** A size the portfolio engine takes (`InvalidSize` otherwise) of a canonical series. */
function checkSeriesSize(id: bigint, size: bigint): void {
  if (!isCanonicalSeriesId(id))
    throw new InvalidBuildArgumentError('id', id, 'is not a canonical series id')
  checkPositive('size', size)
  if (size > PORTFOLIO_MAX_POSITION_SIZE)
    throw new InvalidBuildArgumentError(
      'size',
      size,
      `must be at most ${PORTFOLIO_MAX_POSITION_SIZE}`,
    )
}

function engineCall(engine: Address, data: ReturnType<typeof encodeFunctionData>): BuiltRequest {
  return buildRequest(engine, data, [])
}

/**
 * Builds `engine.openAccount()`: a portfolio account owned by the sender, holding base and quote
 * collateral, longs and shorts. Its id is in the receipt's `AccountOpened` event.
 *
 * @example
 * ```ts
 * import { buildPortfolioOpenAccount } from '@smile/sdk/portfolio'
 *
 * const request = buildPortfolioOpenAccount({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * ```
 */
export function buildPortfolioOpenAccount({ engine }: { engine: Address }): BuiltRequest {
  return engineCall(
    engine,
    encodeFunctionData({ abi: portfolioMarginEngineAbi, functionName: 'openAccount' }),
  )
}

/** Parameters of {@link buildPortfolioDeposit}. */
export type BuildPortfolioDepositParameters = {
  engine: Address
  /** The asset deposited: the market's base (`isBase`) or quote; the allowance is asked of it. */
  asset: Address
  accountId: bigint
  /** Base collateral (true) or quote (false). */
  isBase: boolean
  /** Token units. */
  assets: bigint
}

/**
 * Builds `engine.deposit(accountId, isBase, assets)`: collateral pulled from the sender into any
 * account, with the allowance it requires.
 *
 * @throws InvalidBuildArgumentError for a non-positive account or amount.
 * @example
 * ```ts
 * import { buildPortfolioDeposit } from '@smile/sdk/portfolio'
 *
 * const request = buildPortfolioDeposit({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
 *   accountId: 1n,
 *   isBase: false,
 *   assets: 10_000n * 10n ** 6n,
 * })
 * request.requirements // the USDC allowance
 * ```
 */
export function buildPortfolioDeposit({
  engine,
  asset,
  accountId,
  isBase,
  assets,
}: BuildPortfolioDepositParameters): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkPositive('assets', assets)
  const data = encodeFunctionData({
    abi: portfolioMarginEngineAbi,
    functionName: 'deposit',
    args: [accountId, isBase, assets],
  })
  return buildRequest(engine, data, [allowanceRequirement(asset, engine, assets)])
}

/** Parameters of {@link buildPortfolioWithdraw}. */
export type BuildPortfolioWithdrawParameters = {
  engine: Address
  accountId: bigint
  isBase: boolean
  /** Token units. */
  assets: bigint
  receiver: Address
}

/**
 * Builds `engine.withdraw(accountId, isBase, assets, receiver)`: with positions, equity must stay
 * ≥ IM (check it first with `whatIfPortfolioTrade`).
 *
 * @throws InvalidBuildArgumentError for a non-positive account or amount.
 * @example
 * ```ts
 * import { buildPortfolioWithdraw } from '@smile/sdk/portfolio'
 *
 * const request = buildPortfolioWithdraw({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   isBase: true,
 *   assets: 10n ** 18n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildPortfolioWithdraw({
  engine,
  accountId,
  isBase,
  assets,
  receiver,
}: BuildPortfolioWithdrawParameters): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkPositive('assets', assets)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'withdraw',
      args: [accountId, isBase, assets, receiver],
    }),
  )
}

/** Parameters of the trade builders: `size` options (wad) of `id`, a premium limit, a deadline. */
export type BuildPortfolioTradeParameters = {
  engine: Address
  accountId: bigint
  id: bigint
  /** Options, wad. */
  size: bigint
  /**
   * The premium limit, token units of the series' asset: the most paid (buy, close) or the least
   * received (sell, write).
   */
  premiumLimitAssets: bigint
  /** Timestamp after which the market refuses the trade. */
  deadline: bigint
}

function trade(
  functionName: 'buy' | 'sell' | 'write' | 'close',
  { engine, accountId, id, size, premiumLimitAssets, deadline }: BuildPortfolioTradeParameters,
): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkSeriesSize(id, size)
  checkLimits('premiumLimitAssets', premiumLimitAssets, deadline)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName,
      args: [accountId, id, size, premiumLimitAssets, deadline],
    }),
  )
}

/**
 * Builds `engine.buy(accountId, id, size, maxPremiumAssets, deadline)`: a long bought from the
 * market, the premium paid from the account's collateral (no allowance); equity must then be ≥ IM.
 *
 * @throws InvalidBuildArgumentError for a bad account, series, size, limit or deadline.
 * @example
 * ```ts
 * import { buildPortfolioBuy } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioBuy({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 *   premiumLimitAssets: 200n * 10n ** 6n,
 *   deadline: 1_798_000_000n,
 * })
 * ```
 */
export function buildPortfolioBuy(parameters: BuildPortfolioTradeParameters): BuiltRequest {
  return trade('buy', parameters)
}

/**
 * Builds `engine.sell(accountId, id, size, minPremiumAssets, deadline)`: a long sold to the
 * market, the premium credited; a hedge sold must leave equity ≥ IM.
 *
 * @throws InvalidBuildArgumentError for a bad account, series, size, limit or deadline.
 * @example
 * ```ts
 * import { buildPortfolioSell } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioSell({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 *   premiumLimitAssets: 100n * 10n ** 6n,
 *   deadline: 1_798_000_000n,
 * })
 * ```
 */
export function buildPortfolioSell(parameters: BuildPortfolioTradeParameters): BuiltRequest {
  return trade('sell', parameters)
}

/**
 * Builds `engine.write(accountId, id, size, minPremiumAssets, deadline)`: a short written to the
 * market's vault, the premium credited; equity must then be ≥ IM.
 *
 * @throws InvalidBuildArgumentError for a bad account, series, size, limit or deadline.
 * @example
 * ```ts
 * import { buildPortfolioWrite } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioWrite({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 *   premiumLimitAssets: 100n * 10n ** 6n,
 *   deadline: 1_798_000_000n,
 * })
 * ```
 */
export function buildPortfolioWrite(parameters: BuildPortfolioTradeParameters): BuiltRequest {
  return trade('write', parameters)
}

/**
 * Builds `engine.close(accountId, id, size, maxPremiumAssets, deadline)`: a short bought back
 * from the market with the account's collateral; no margin check.
 *
 * @throws InvalidBuildArgumentError for a bad account, series, size, limit or deadline.
 * @example
 * ```ts
 * import { buildPortfolioClose } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioClose({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 *   premiumLimitAssets: 200n * 10n ** 6n,
 *   deadline: 1_798_000_000n,
 * })
 * ```
 */
export function buildPortfolioClose(parameters: BuildPortfolioTradeParameters): BuiltRequest {
  return trade('close', parameters)
}

/** Parameters of {@link buildPortfolioDepositOptions} and {@link buildPortfolioWithdrawOptions}. */
export type BuildPortfolioOptionsTransferParameters = {
  engine: Address
  accountId: bigint
  id: bigint
  /** Options, wad. */
  size: bigint
  /** Who receives the option tokens (withdrawals only). */
  receiver?: Address
}

/**
 * Builds `engine.depositOptions(accountId, id, size)`: the sender's option tokens (the market's
 * ERC-6909) moved into the account as a long. The sender must first have made the engine its
 * operator on the market (`setOperator(engine, true)`) or allowed it the tokens; that is not an
 * ERC-20 allowance, so no requirement is listed.
 *
 * @throws InvalidBuildArgumentError for a bad account, series or size.
 * @example
 * ```ts
 * import { buildPortfolioDepositOptions } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioDepositOptions({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 * })
 * ```
 */
export function buildPortfolioDepositOptions({
  engine,
  accountId,
  id,
  size,
}: BuildPortfolioOptionsTransferParameters): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkSeriesSize(id, size)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'depositOptions',
      args: [accountId, id, size],
    }),
  )
}

/**
 * Builds `engine.withdrawOptions(accountId, id, size, receiver)`: a long sent out as option
 * tokens; equity must then be ≥ IM.
 *
 * @throws InvalidBuildArgumentError for a bad account, series or size, or no receiver.
 * @example
 * ```ts
 * import { buildPortfolioWithdrawOptions } from '@smile/sdk/portfolio'
 *
 * declare const id: bigint
 * const request = buildPortfolioWithdrawOptions({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id,
 *   size: 10n ** 18n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildPortfolioWithdrawOptions({
  engine,
  accountId,
  id,
  size,
  receiver,
}: BuildPortfolioOptionsTransferParameters): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkSeriesSize(id, size)
  if (receiver === undefined)
    throw new InvalidBuildArgumentError('receiver', '', 'a receiver is required')
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'withdrawOptions',
      args: [accountId, id, size, receiver],
    }),
  )
}

/** Parameters of {@link buildPortfolioLiquidate}. */
export type BuildPortfolioLiquidateParameters = {
  engine: Address
  /** The account below MM. */
  accountId: bigint
  /** The sender's own account, which takes the positions over. */
  liquidatorAccountId: bigint
  /** Series taken over (`planPortfolioLiquidation` plans them). */
  ids: readonly bigint[]
  /** Options of each, wad. */
  sizes: readonly bigint[]
}

/**
 * Builds `engine.liquidate(accountId, liquidatorAccountId, ids, sizes)`: the liquidator's account
 * takes over `sizes` of the positions `ids` at their marks plus a bonus; no allowance (value moves
 * between accounts inside the engine).
 *
 * @throws SelfLiquidationError if the two accounts are the same.
 * @throws InvalidBuildArgumentError for a bad account, no series, lengths that differ, or a bad
 * series or size.
 * @example
 * ```ts
 * import { buildPortfolioLiquidate } from '@smile/sdk/portfolio'
 *
 * declare const ids: bigint[]
 * declare const sizes: bigint[]
 * const request = buildPortfolioLiquidate({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 3n,
 *   liquidatorAccountId: 9n,
 *   ids,
 *   sizes,
 * })
 * ```
 */
export function buildPortfolioLiquidate({
  engine,
  accountId,
  liquidatorAccountId,
  ids,
  sizes,
}: BuildPortfolioLiquidateParameters): BuiltRequest {
  checkAccountId('accountId', accountId)
  checkAccountId('liquidatorAccountId', liquidatorAccountId)
  if (accountId === liquidatorAccountId) throw new SelfLiquidationError(accountId)
  if (ids.length === 0 || ids.length !== sizes.length)
    throw new InvalidBuildArgumentError(
      'ids',
      BigInt(ids.length),
      `must be one or more, as many as sizes (${sizes.length})`,
    )
  for (const [k, id] of ids.entries()) checkSeriesSize(id, sizes[k] ?? 0n)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'liquidate',
      args: [accountId, liquidatorAccountId, [...ids], [...sizes]],
    }),
  )
}

/**
 * Builds `engine.settleAccount(accountId)`: the account's positions of settled expiries removed,
 * longs redeemed, shorts paid. A shortfall in one asset is bought by the sender with the
 * account's other asset (pulled from it: approve the engine for the owed asset when covering one).
 *
 * @throws InvalidBuildArgumentError for a non-positive account.
 * @example
 * ```ts
 * import { buildPortfolioSettleAccount } from '@smile/sdk/portfolio'
 *
 * const request = buildPortfolioSettleAccount({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3', accountId: 1n })
 * ```
 */
export function buildPortfolioSettleAccount({
  engine,
  accountId,
}: {
  engine: Address
  accountId: bigint
}): BuiltRequest {
  checkAccountId('accountId', accountId)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'settleAccount',
      args: [accountId],
    }),
  )
}

/**
 * Builds `engine.resolveBadDebt(accountId)`: an insolvent account (equity < 0 at the worse end of
 * the price range) settled, its longs sold and its shorts cancelled against the vaults.
 *
 * @throws InvalidBuildArgumentError for a non-positive account.
 * @example
 * ```ts
 * import { buildPortfolioResolveBadDebt } from '@smile/sdk/portfolio'
 *
 * const request = buildPortfolioResolveBadDebt({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3', accountId: 4n })
 * ```
 */
export function buildPortfolioResolveBadDebt({
  engine,
  accountId,
}: {
  engine: Address
  accountId: bigint
}): BuiltRequest {
  checkAccountId('accountId', accountId)
  return engineCall(
    engine,
    encodeFunctionData({
      abi: portfolioMarginEngineAbi,
      functionName: 'resolveBadDebt',
      args: [accountId],
    }),
  )
}
