import type { Address } from 'viem'
import { SmileError } from './base.js'

/**
 * How an address failed to answer as the contract the SDK expected: `'no-data'` (no code there,
 * or a contract without the function that returns nothing), `'reverted'` (it reverted without
 * any data: no such function and no fallback), `'undecodable'` (it answered with data that is
 * not the function's return type).
 *
 * @example
 * ```ts
 * import type { UnknownContractReason } from '@smile/sdk'
 *
 * // An empty answer may be a wrong chain; a revert or garbage is a wrong address.
 * const wrongChain = (reason: UnknownContractReason) => reason === 'no-data'
 * ```
 */
export type UnknownContractReason = 'no-data' | 'reverted' | 'undecodable'

const EXPLANATION: Record<UnknownContractReason, string> = {
  'no-data': 'returned no data: no contract at this address on this chain, or not the one expected',
  reverted: 'reverted without a reason: the contract there is not the one expected',
  undecodable: 'returned data that does not decode: the contract there is not the one expected',
}

/**
 * A read called a Smile contract at `address` and what answered is not one: there is no code
 * there, or a contract of another kind (a token, a proxy of something else, a wrong chain).
 * `functionName` is the function the SDK called, which that contract should have had; `cause`
 * keeps viem's error. Thrown by every read (`fetchMarket`, `fetchVault`, `fetchSeries`,
 * `fetchTradeState`, `quoteBuy`, `fetchAccount`, `readSpot`, ...) in place of viem's raw
 * `ContractFunctionExecutionError`.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { UnknownContractError, fetchMarket } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * try {
 *   await fetchMarket(client, { market: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' })
 * } catch (error) {
 *   if (error instanceof UnknownContractError) console.error(error.address, error.reason)
 * }
 * ```
 */
export class UnknownContractError extends SmileError {
  override name = 'UnknownContractError'
  /** The address called. */
  readonly address: Address
  /** The function the SDK called on it. */
  readonly functionName: string
  readonly reason: UnknownContractReason

  constructor(
    {
      address,
      functionName,
      reason,
    }: { address: Address; functionName: string; reason: UnknownContractReason },
    options?: { cause?: unknown },
  ) {
    super(`${address}: ${functionName}() ${EXPLANATION[reason]}`, {
      ...options,
      metaMessages: [`address: ${address}`, `expected: a Smile contract with ${functionName}()`],
    })
    this.address = address
    this.functionName = functionName
    this.reason = reason
  }
}
