import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildWithdrawParameters = {
  vault: Address
  /** Assets to take out, token units (at most `maxWithdraw(owner)`: locked collateral stays). */
  assets: bigint
  receiver: Address
  /** Whose shares are burned (the sender, or an owner who approved the sender's shares). */
  owner: Address
}

export type BuildWithdrawReturnType = BuiltRequest

/**
 * Builds `vault.withdraw(assets, receiver, owner)`.
 *
 * @throws InvalidBuildArgumentError if `assets` is not positive.
 * @example
 * ```ts
 * import { buildWithdraw } from '@smile/sdk'
 *
 * const lp = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
 * const request = buildWithdraw({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   assets: 500_000_000n,
 *   receiver: lp,
 *   owner: lp,
 * })
 * ```
 */
export function buildWithdraw({
  vault,
  assets,
  receiver,
  owner,
}: BuildWithdrawParameters): BuildWithdrawReturnType {
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'withdraw',
    args: [assets, receiver, owner],
  })
  return buildRequest(vault, data, [])
}
