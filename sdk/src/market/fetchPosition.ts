import type { Address, Client } from 'viem'
import { readContract } from 'viem/actions'
import { optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'

export type FetchPositionParameters = {
  market: Address
  owner: Address
  /** The series id, which is the position's ERC-6909 token id. */
  id: bigint
  blockNumber?: bigint
}

/** Options of the series `owner` holds, wad (1e18 = one option). */
export type FetchPositionReturnType = bigint

/**
 * Reads a position: the ERC-6909 balance of `owner` in series `id`.
 *
 * @throws ContractRevertError when the call reverts.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, fetchPosition } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const size = await fetchPosition(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   id: encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true }),
 * })
 * ```
 */
export async function fetchPosition(
  client: Client,
  { market, owner, id, blockNumber }: FetchPositionParameters,
): Promise<FetchPositionReturnType> {
  try {
    return await readContract(client, {
      address: market,
      abi: optionMarketAbi,
      functionName: 'balanceOf',
      args: [owner, id],
      ...(blockNumber === undefined ? {} : { blockNumber }),
    })
  } catch (error) {
    throw toContractRevertError(error, optionMarketAbi)
  }
}
