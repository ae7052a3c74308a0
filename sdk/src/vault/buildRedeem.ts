import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildRedeemParameters = {
  vault: Address
  /** Shares of the matured request to claim (at most `maxRedeem(controller)`). */
  shares: bigint
  /** Receives the assets. */
  receiver: Address
  /** Whose request: the sender, or an account that made the sender its operator. */
  controller: Address
}

export type BuildRedeemReturnType = BuiltRequest

/**
 * Builds `vault.redeem(shares, receiver, controller)`: on a collateral vault, a claim of
 * `shares` of the controller's matured redemption request (ERC-7540; made with
 * `buildExitRequest`), paid the lower of their share of the request's cap and their exit value at
 * the claim, rounded down (`fetchExitRequest`'s `expectedAssets` for the whole request). Reverts
 * `ExitNotClaimable` before the request's `claimableAt`, `ERC4626ExceededMaxRedeem` beyond the
 * request or the free assets. On an ERC-4626 vault with synchronous exits (a strategy vault between
 * rounds) the same call is a plain redemption, `controller` then being the shares' owner.
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
 *   controller: lp,
 * })
 * ```
 */
export function buildRedeem({
  vault,
  shares,
  receiver,
  controller,
}: BuildRedeemParameters): BuildRedeemReturnType {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'redeem',
    args: [shares, receiver, controller],
  })
  return buildRequest(vault, data, [])
}
