import { type Address, encodeFunctionData } from 'viem'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkRequestAmount } from './buildRequestDeposit.js'

export type BuildRequestRedeemParameters = {
  /** The strategy vault. */
  vault: Address
  /** The caller's shares to queue (moved into the vault now, redeemed at the next boundary). */
  shares: bigint
}

export type BuildRequestRedeemReturnType = BuiltRequest

/**
 * Builds `vault.requestRedeem(shares)`: queues a redemption of the sender's shares, processed at
 * the next round boundary at that boundary's NAV; the assets are then collected with `buildClaim`.
 * Works also while the vault is paused. No requirement: the vault moves its own shares.
 *
 * @throws InvalidBuildArgumentError if `shares` is not positive or above 2^128 − 1.
 * @example
 * ```ts
 * import { buildRequestRedeem } from '@smile/sdk'
 *
 * const request = buildRequestRedeem({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   shares: 10n ** 24n,
 * })
 * ```
 */
export function buildRequestRedeem({
  vault,
  shares,
}: BuildRequestRedeemParameters): BuildRequestRedeemReturnType {
  checkRequestAmount('shares', shares)
  const data = encodeFunctionData({
    abi: iStrategyVaultAbi,
    functionName: 'requestRedeem',
    args: [shares],
  })
  return buildRequest(vault, data, [])
}
