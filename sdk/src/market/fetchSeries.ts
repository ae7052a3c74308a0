import type { Address, Client } from 'viem'
import { multicall } from 'viem/actions'
import { optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { decodeSeriesId, type Series } from '../math/wad/seriesId.js'
import { multicallTarget } from '../oracle/batch.js'

export type FetchSeriesParameters = {
  market: Address
  /** The series id (its ERC-6909 token id), from `encodeSeriesId`. */
  id: bigint
  blockNumber?: bigint
}

export type FetchSeriesReturnType = Series & {
  id: bigint
  /** Options outstanding that the vault is short, wad. */
  openInterest: bigint
  /** E: the vault's net short vega for the series' expiry, signed wad. */
  inventoryWad: bigint
  /** Settlement price of the expiry, wad; 0 until the market settles it. */
  settledPriceWad: bigint
}

/**
 * Reads one series' state in the market — open interest, the expiry's inventory E and its
 * settlement price — in one batched `eth_call` at one block.
 *
 * @throws ContractRevertError when a call reverts.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, fetchSeries } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const { openInterest, inventoryWad } = await fetchSeries(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id,
 * })
 * ```
 */
export async function fetchSeries(
  client: Client,
  { market, id, blockNumber }: FetchSeriesParameters,
): Promise<FetchSeriesReturnType> {
  const series = decodeSeriesId(id)
  const contract = { address: market, abi: optionMarketAbi } as const
  try {
    const [openInterest, inventoryWad, settledPriceWad] = await multicall(client, {
      contracts: [
        { ...contract, functionName: 'openInterest', args: [id] },
        { ...contract, functionName: 'inventory', args: [series.isCall, series.expiry] },
        { ...contract, functionName: 'settledPrice', args: [series.expiry] },
      ],
      allowFailure: false,
      ...multicallTarget(client),
      ...(blockNumber === undefined ? {} : { blockNumber }),
    })
    return { id, ...series, openInterest, inventoryWad, settledPriceWad }
  } catch (error) {
    throw toContractRevertError(error, optionMarketAbi)
  }
}
