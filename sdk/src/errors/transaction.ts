import type { Hash } from 'viem'
import { SmileError } from './base.js'

/**
 * A transaction that was mined but reverted — its simulation had passed, so the state or the block
 * moved between the two (another transaction first, or a gas cost that grew). Nothing it would
 * have done took effect; the sender paid the gas used.
 *
 * @example
 * ```ts
 * import { TransactionRevertedError, buildSettle, sendRequest } from '@smile/sdk'
 * import { createWalletClient, http } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { foundry } from 'viem/chains'
 *
 * const client = createWalletClient({
 *   account: privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'),
 *   chain: foundry,
 *   transport: http(),
 * })
 * try {
 *   await sendRequest(client, {
 *     request: buildSettle({ market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', expiry: 1_798_790_400n }),
 *   })
 * } catch (error) {
 *   if (error instanceof TransactionRevertedError) console.error(error.hash, error.gasUsed)
 * }
 * ```
 */
export class TransactionRevertedError extends SmileError {
  override name = 'TransactionRevertedError'

  constructor(
    readonly hash: Hash,
    readonly blockNumber: bigint,
    readonly gasUsed: bigint,
    readonly gasLimit: bigint,
  ) {
    super(
      `transaction ${hash} reverted in block ${blockNumber} after its simulation passed (gas used ${gasUsed} of ${gasLimit})`,
    )
  }
}
