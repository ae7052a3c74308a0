import { type Address, encodeFunctionData } from 'viem'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildRedeemPositionParameters = {
  market: Address
  id: bigint
  /** Options to burn for their payoff, wad. */
  size: bigint
  /** Who receives the payoff. */
  receiver: Address
}

export type BuildRedeemPositionReturnType = BuiltRequest

/**
 * Builds `market.redeem(id, size, receiver)`: after the expiry is settled, burns `size` options of
 * the sender for their payoff (floor(size·payoff), collateral token units).
 *
 * @throws InvalidBuildArgumentError if `size` is not positive.
 * @example
 * ```ts
 * import { buildRedeemPosition, encodeSeriesId } from '@smile/sdk'
 *
 * const request = buildRedeemPosition({
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id: encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true }),
 *   size: 10n ** 18n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildRedeemPosition({
  market,
  id,
  size,
  receiver,
}: BuildRedeemPositionParameters): BuildRedeemPositionReturnType {
  if (size <= 0n) throw new InvalidBuildArgumentError('size', size, 'must be positive')
  const data = encodeFunctionData({
    abi: optionMarketAbi,
    functionName: 'redeem',
    args: [id, size, receiver],
  })
  return buildRequest(market, data, [])
}
