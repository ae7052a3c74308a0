import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

/** `ExitRequest.shares` is a uint128. */
const MAX_REQUEST_SHARES = (1n << 128n) - 1n

export type BuildExitRequestParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** Shares to hand over (moved into the vault now, claimed after the notice). */
  shares: bigint
  /** Who claims them (or cancels): the sender or an account that made the sender its operator. */
  controller: Address
  /**
   * Whose shares: the sender, an account that made the sender its operator, or one that approved
   * the sender's spending of its shares.
   */
  owner: Address
}

export type BuildExitRequestReturnType = BuiltRequest

/**
 * Builds `vault.requestRedeem(shares, controller, owner)` on a collateral vault: the first step
 * of an LP's exit (ERC-7540). The shares move into the vault, and the request records their exit
 * value now as its cap (`quoteExitRequest` gives it to the wei) and the time from which it can be
 * claimed, `exitNotice` seconds later. Adding to a request adds to its shares and cap and restarts
 * the notice. After it, the controller claims with `buildRedeem` or `buildWithdraw`, and is paid
 * the lower of the cap and the shares' exit value at the claim (`fetchExitRequest` says how much),
 * or takes the shares back with `buildCancelRedeemRequest`. No requirement: the vault moves the
 * shares itself. (A strategy vault's queued redemption is `buildRequestRedeem`.)
 *
 * @throws InvalidBuildArgumentError if `shares` is not positive or above 2^128 − 1.
 * @example
 * ```ts
 * import { buildExitRequest } from '@smile/sdk'
 *
 * const lp = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
 * const request = buildExitRequest({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   shares: 10n ** 24n,
 *   controller: lp,
 *   owner: lp,
 * })
 * ```
 */
export function buildExitRequest({
  vault,
  shares,
  controller,
  owner,
}: BuildExitRequestParameters): BuildExitRequestReturnType {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  if (shares > MAX_REQUEST_SHARES)
    throw new InvalidBuildArgumentError('shares', shares, `must be at most ${MAX_REQUEST_SHARES}`)
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'requestRedeem',
    args: [shares, controller, owner],
  })
  return buildRequest(vault, data, [])
}
