import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildRedeemParameters = {
  vault: Address
  /** Shares to burn (at most `maxRedeem(owner)`). */
  shares: bigint
  receiver: Address
  owner: Address
}

export type BuildRedeemReturnType = BuiltRequest

/**
 * Builds `vault.redeem(shares, receiver, owner)`: the LP's exit by shares.
 *
 * @throws InvalidBuildArgumentError if `shares` is not positive.
 * @example
 * ```ts
 * import { buildRedeem } from '@smile/sdk'
 *
 * const lp = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
 * const request = buildRedeem({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   shares: 10n ** 15n,
 *   receiver: lp,
 *   owner: lp,
 * })
 * ```
 */
export function buildRedeem({
  vault,
  shares,
  receiver,
  owner,
}: BuildRedeemParameters): BuildRedeemReturnType {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'redeem',
    args: [shares, receiver, owner],
  })
  return buildRequest(vault, data, [])
}
