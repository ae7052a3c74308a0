import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { MarginCollateralMismatchError } from '../errors/margin.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId, checkLimits, checkTrade } from './validate.js'

export type BuildWriteParameters = {
  engine: Address
  accountId: bigint
  id: bigint
  /** Options to write, wad. */
  size: bigint
  /** Least premium the vault may pay, token units (e.g. `quoteSell` minus slippage): required. */
  minPremiumAssets: bigint
  /** Latest block timestamp the write may execute at, seconds: required. */
  deadline: bigint
  /** The account's side when known (`fetchAccount`): a series of the other collateral is refused. */
  accountIsCall?: boolean
}

export type BuildWriteReturnType = BuiltRequest

/**
 * Builds `engine.write(accountId, id, size, minPremiumAssets, deadline)`: the account sells
 * `size` options to the vault, priced as a sale to the market (`quoteSell`), and is credited the
 * premium; it must then hold at least mark + IM. Owner or operator. No allowance: nothing is
 * pulled from the sender.
 *
 * @throws InvalidBuildArgumentError for a non-positive account, size or deadline, a size above
 * `MAX_POSITION_SIZE`, a negative limit or a non-canonical series id.
 * @throws MarginCollateralMismatchError if `accountIsCall` differs from the series' side.
 * @example
 * ```ts
 * import { type TradeState, buildWrite, quoteSell } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState of the series
 * const size = 10n * 10n ** 18n
 * const { premiumAssets } = quoteSell(state, { size }) // what the vault pays
 * const request = buildWrite({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id: state.id,
 *   size,
 *   minPremiumAssets: (premiumAssets * 99n) / 100n,
 *   deadline: state.timestamp + 600n,
 * })
 * ```
 */
export function buildWrite({
  engine,
  accountId,
  id,
  size,
  minPremiumAssets,
  deadline,
  accountIsCall,
}: BuildWriteParameters): BuildWriteReturnType {
  checkAccountId('accountId', accountId)
  checkTrade(id, size)
  checkLimits('minPremiumAssets', minPremiumAssets, deadline)
  if (accountIsCall !== undefined && decodeSeriesId(id).isCall !== accountIsCall)
    throw new MarginCollateralMismatchError(accountId, id, accountIsCall)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'write',
    args: [accountId, id, size, minPremiumAssets, deadline],
  })
  return buildRequest(engine, data, [])
}
