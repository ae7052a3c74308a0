import type { Address, BlockNumber, BlockTag, Client } from 'viem'
import { getContractEvents } from 'viem/actions'
import { decodeSmileEvents, type SmileEvent } from './decodeSmileEvents.js'
import { filterTypes } from './getSmileEvents.js'
import { smileEventsAbi } from './smileEventsAbi.js'

/**
 * A trade on the market (`Traded`), decoded: see {@link SmileEvent}.
 *
 * @example
 * ```ts
 * import type { TradeEvent } from '@smile/sdk'
 *
 * const notionalOptions = (trades: TradeEvent[]) => trades.reduce((sum, t) => sum + t.size, 0n)
 * ```
 */
export type TradeEvent = Extract<SmileEvent, { type: 'trade' }>

export type GetTradesParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** Only this trader's trades (indexed: filtered by the node). */
  trader?: Address
  /** Only this series' trades (indexed: filtered by the node). */
  id?: bigint
  /** First block: the deployment's `startBlock` (0 when omitted). */
  fromBlock?: BlockNumber
  /** Last block; the latest when omitted. */
  toBlock?: BlockNumber | BlockTag
}

export type GetTradesReturnType = TradeEvent[]

/**
 * The market's trades between `fromBlock` and `toBlock`, oldest first: buys and sales by traders,
 * and the margin engine's writes (sales) and buy-backs (buys), `trader` being the engine. Sizes
 * wad of options, premiums and fees token units of the collateral.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { getTrades } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const trades = await getTrades(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   fromBlock: 21_000_000n,
 * })
 * const bought = trades.filter((t) => t.isBuy).reduce((sum, t) => sum + t.size, 0n) // wad
 * ```
 */
export async function getTrades(
  client: Client,
  { market, trader, id, fromBlock = 0n, toBlock = 'latest' }: GetTradesParameters,
): Promise<GetTradesReturnType> {
  const logs = await getContractEvents(client, {
    address: market,
    abi: smileEventsAbi,
    eventName: 'Traded',
    args: { ...(trader === undefined ? {} : { trader }), ...(id === undefined ? {} : { id }) },
    fromBlock,
    toBlock,
    strict: true,
  })
  return filterTypes(decodeSmileEvents(logs), ['trade'])
}
