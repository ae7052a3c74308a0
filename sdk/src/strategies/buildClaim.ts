import { type Address, encodeFunctionData } from 'viem'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildClaimParameters = {
  /** The strategy vault. */
  vault: Address
  /** Whose processed requests to deliver (anyone may send it; the tokens go only to `account`). */
  account: Address
}

export type BuildClaimReturnType = BuiltRequest

/**
 * Builds `vault.claim(account)`: delivers the shares of `account`'s processed deposit request and
 * the assets of its processed redemption. Reverts `NothingToClaim` when it has none processed.
 *
 * @example
 * ```ts
 * import { buildClaim } from '@smile/sdk'
 *
 * const request = buildClaim({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildClaim({ vault, account }: BuildClaimParameters): BuildClaimReturnType {
  const data = encodeFunctionData({
    abi: iStrategyVaultAbi,
    functionName: 'claim',
    args: [account],
  })
  return buildRequest(vault, data, [])
}
