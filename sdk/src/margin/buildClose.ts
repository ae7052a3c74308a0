import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId, checkLimits, checkTrade } from './validate.js'

export type BuildCloseParameters = {
  engine: Address
  accountId: bigint
  id: bigint
  /** Options to buy back, wad: at most the position. */
  size: bigint
  /** Most premium the buy-back may cost, token units (e.g. `quoteBuy` plus slippage): required. */
  maxPremiumAssets: bigint
  /** Latest block timestamp the close may execute at, seconds: required. */
  deadline: bigint
}

export type BuildCloseReturnType = BuiltRequest

/**
 * Builds `engine.close(accountId, id, size, maxPremiumAssets, deadline)`: the account buys back
 * `size` of its short from the vault, priced as a buy (`quoteBuy`) and paid from its collateral
 * (the engine caps the premium at the collateral). Owner or operator. No allowance: the market
 * pulls the premium from the engine.
 *
 * @throws InvalidBuildArgumentError for a non-positive account, size or deadline, a size above
 * `MAX_POSITION_SIZE`, a negative limit or a non-canonical series id.
 * @example
 * ```ts
 * import { type TradeState, buildClose, quoteBuy } from '@smile/sdk'
 *
 * declare const state: TradeState
 * const size = 10n * 10n ** 18n
 * const { premiumAssets } = quoteBuy(state, { size })
 * const request = buildClose({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 *   id: state.id,
 *   size,
 *   maxPremiumAssets: (premiumAssets * 101n) / 100n,
 *   deadline: state.timestamp + 600n,
 * })
 * ```
 */
export function buildClose({
  engine,
  accountId,
  id,
  size,
  maxPremiumAssets,
  deadline,
}: BuildCloseParameters): BuildCloseReturnType {
  checkAccountId('accountId', accountId)
  checkTrade(id, size)
  checkLimits('maxPremiumAssets', maxPremiumAssets, deadline)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'close',
    args: [accountId, id, size, maxPremiumAssets, deadline],
  })
  return buildRequest(engine, data, [])
}
