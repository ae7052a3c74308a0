import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildWithdrawParameters = {
  vault: Address
  /** Assets to claim, token units (at most `maxWithdraw(controller)`: locked collateral stays). */
  assets: bigint
  /** Receives the assets. */
  receiver: Address
  /** Whose request: the sender, or an account that made the sender its operator. */
  controller: Address
}

export type BuildWithdrawReturnType = BuiltRequest

/**
 * Builds `vault.withdraw(assets, receiver, controller)`: on a collateral vault, a claim of
 * exactly `assets` from the controller's matured redemption request (ERC-7540; made with
 * `buildExitRequest`), for the fewest of its shares that pay them at the lower of the cap's and
 * the exit value's rate, rounded up; the rest of the request stays claimable. Reverts
 * `ExitNotClaimable` before the request's `claimableAt`, `ERC4626ExceededMaxWithdraw` beyond the
 * request or the free assets. On an ERC-4626 vault with synchronous exits the same call is a plain
 * withdrawal, `controller` then being the shares' owner.
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
 *   controller: lp,
 * })
 * ```
 */
export function buildWithdraw({
  vault,
  assets,
  receiver,
  controller,
}: BuildWithdrawParameters): BuildWithdrawReturnType {
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'withdraw',
    args: [assets, receiver, controller],
  })
  return buildRequest(vault, data, [])
}
