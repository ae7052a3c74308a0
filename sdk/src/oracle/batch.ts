import type { Client } from 'viem'

/**
 * How the oracle reads batch several calls into one `eth_call`: through viem's `multicall` on the
 * client chain's Multicall3 when the chain declares one, and otherwise deployless (viem sends
 * Multicall3's creation code with the call, so nothing needs to be deployed: the case of anvil and
 * of viem's `foundry` chain, which declare none). Either way every value comes from the same
 * block, which `Promise.all` over `readContract` would not guarantee.
 */
export function multicallTarget(client: Client): { deployless: boolean } {
  return { deployless: client.chain?.contracts?.multicall3 === undefined }
}
