import type { Address, Client, WatchContractEventReturnType } from 'viem'
import { watchContractEvent } from 'viem/actions'
import { decodeSmileEvents } from './decodeSmileEvents.js'
import { filterTypes } from './getSmileEvents.js'
import type { TradeEvent } from './getTrades.js'
import { smileEventsAbi } from './smileEventsAbi.js'

export type WatchTradesParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** Only this trader's trades. */
  trader?: Address
  /** Only this series' trades. */
  id?: bigint
  /** Called with each batch of new trades, oldest first (never with an empty batch). */
  onTrades: (trades: TradeEvent[]) => void
  /** Called when polling or the subscription fails. */
  onError?: (error: Error) => void
  /** Polling interval, ms, over HTTP; the client's when omitted. */
  pollingInterval?: number
}

/**
 * Stops watching.
 *
 * @example
 * ```ts
 * import type { WatchTradesReturnType } from '@smile/sdk'
 *
 * declare const unwatch: WatchTradesReturnType
 * unwatch()
 * ```
 */
export type WatchTradesReturnType = WatchContractEventReturnType

/**
 * Watches the market's trades (viem's `watchContractEvent` on `Traded`) and hands each batch to
 * `onTrades`, decoded as by `getTrades`. Returns the function that stops watching.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { watchTrades } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const unwatch = watchTrades(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   onTrades: (trades) => trades.forEach((t) => console.log(t.trader, t.size, t.premiumAssets)),
 * })
 * ```
 */
export function watchTrades(
  client: Client,
  { market, trader, id, onTrades, onError, pollingInterval }: WatchTradesParameters,
): WatchTradesReturnType {
  return watchContractEvent(client, {
    address: market,
    abi: smileEventsAbi,
    eventName: 'Traded',
    args: { ...(trader === undefined ? {} : { trader }), ...(id === undefined ? {} : { id }) },
    strict: true,
    onLogs: (logs) => {
      const trades = filterTypes(decodeSmileEvents(logs), ['trade'])
      if (trades.length !== 0) onTrades(trades)
    },
    ...(onError === undefined ? {} : { onError }),
    ...(pollingInterval === undefined ? {} : { pollingInterval }),
  })
}
