import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildCancelRedeemRequestParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** Whose request: the sender, or an account that made the sender its operator. */
  controller: Address
}

export type BuildCancelRedeemRequestReturnType = BuiltRequest

/**
 * Builds `vault.cancelRedeemRequest(controller)` on a collateral vault: the whole request, pending
 * or claimable, is given back, and its shares return to the controller at whatever they are worth
 * now. Reverts `NotAuthorized` for another sender, `ExitNotClaimable` when there is no request.
 * No requirement.
 *
 * @example
 * ```ts
 * import { buildCancelRedeemRequest } from '@smile/sdk'
 *
 * const request = buildCancelRedeemRequest({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   controller: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildCancelRedeemRequest({
  vault,
  controller,
}: BuildCancelRedeemRequestParameters): BuildCancelRedeemRequestReturnType {
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'cancelRedeemRequest',
    args: [controller],
  })
  return buildRequest(vault, data, [])
}
