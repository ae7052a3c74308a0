import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { SelfLiquidationError } from '../errors/margin.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId, checkTrade } from './validate.js'

export type BuildLiquidateParameters = {
  engine: Address
  /** The account below MM. */
  accountId: bigint
  /** Its short to take over. */
  id: bigint
  /** Options to take over, wad (`planLiquidation` sizes a step). */
  size: bigint
  /** The sender's own account of the same collateral, which takes the options over. */
  liquidatorAccountId: bigint
}

export type BuildLiquidateReturnType = BuiltRequest

/**
 * Builds `engine.liquidate(accountId, id, size, liquidatorAccountId)`: the liquidator's account
 * takes over `size` of the account's short and is paid its mark plus a bonus from the account.
 * The sender must own or operate `liquidatorAccountId`, which must meet IM afterwards. No
 * allowance: the payment moves between accounts inside the engine.
 *
 * @throws SelfLiquidationError if the two accounts are the same.
 * @throws InvalidBuildArgumentError for a non-positive account or size, a size above
 * `MAX_POSITION_SIZE` or a non-canonical series id.
 * @example
 * ```ts
 * import { buildLiquidate, encodeSeriesId } from '@smile/sdk'
 *
 * const request = buildLiquidate({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 3n,
 *   id: encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 2_900n * 10n ** 18n, isCall: false }),
 *   size: 50n * 10n ** 18n,
 *   liquidatorAccountId: 9n,
 * })
 * ```
 */
export function buildLiquidate({
  engine,
  accountId,
  id,
  size,
  liquidatorAccountId,
}: BuildLiquidateParameters): BuildLiquidateReturnType {
  checkAccountId('accountId', accountId)
  checkAccountId('liquidatorAccountId', liquidatorAccountId)
  if (accountId === liquidatorAccountId) throw new SelfLiquidationError(accountId)
  checkTrade(id, size)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'liquidate',
    args: [accountId, id, size, liquidatorAccountId],
  })
  return buildRequest(engine, data, [])
}
