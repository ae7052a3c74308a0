import { type Address, encodeFunctionData } from 'viem'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildSettleParameters = {
  market: Address
  /** The expiry to settle, seconds. Its settlement price must be fixed in the settlement oracle. */
  expiry: bigint
}

export type BuildSettleReturnType = BuiltRequest

/**
 * Builds `market.settle(expiry)`: fixes the expiry's price from the settlement oracle, releases the
 * vaults' locks and reserves the holders' payoffs. Anyone may send it after expiry.
 *
 * @throws InvalidBuildArgumentError if `expiry` is not positive.
 * @example
 * ```ts
 * import { buildSettle } from '@smile/sdk'
 *
 * const request = buildSettle({ market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', expiry: 1_798_790_400n })
 * ```
 */
export function buildSettle({ market, expiry }: BuildSettleParameters): BuildSettleReturnType {
  if (expiry <= 0n) throw new InvalidBuildArgumentError('expiry', expiry, 'must be a timestamp')
  const data = encodeFunctionData({ abi: optionMarketAbi, functionName: 'settle', args: [expiry] })
  return buildRequest(market, data, [])
}
