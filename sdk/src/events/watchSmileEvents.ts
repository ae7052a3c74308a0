import type { Address, Client, WatchEventReturnType } from 'viem'
import { watchEvent } from 'viem/actions'
import { decodeSmileEvents, type SmileEventType } from './decodeSmileEvents.js'
import { filterTypes, type GetSmileEventsReturnType } from './getSmileEvents.js'
import { smileEventsAbi } from './smileEventsAbi.js'

export type WatchSmileEventsParameters<type extends SmileEventType = SmileEventType> = {
  /** The contracts to watch (see `getSmileEvents`). */
  address: Address | readonly Address[]
  /** Only these types; all when omitted. */
  types?: readonly type[]
  /** Called with each batch of new events, decoded, oldest first (never with an empty batch). */
  onEvents: (events: GetSmileEventsReturnType<type>) => void
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
 * import type { WatchSmileEventsReturnType } from '@smile/sdk'
 *
 * declare const unwatch: WatchSmileEventsReturnType
 * unwatch()
 * ```
 */
export type WatchSmileEventsReturnType = WatchEventReturnType

/**
 * Watches `address` for new Smile events (viem's `watchEvent`: a log filter polled over HTTP, a
 * subscription over WebSocket) and hands them to `onEvents` decoded (`decodeSmileEvents`).
 * Returns the function that stops watching.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { getAddresses, watchSmileEvents } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { marginEngine } = getAddresses(1)
 * const unwatch = watchSmileEvents(client, {
 *   address: marginEngine,
 *   types: ['liquidation'],
 *   onEvents: (events) => events.forEach((e) => console.log(e.accountId, e.size, e.paidAssets)),
 * })
 * ```
 */
export function watchSmileEvents<type extends SmileEventType = SmileEventType>(
  client: Client,
  { address, types, onEvents, onError, pollingInterval }: WatchSmileEventsParameters<type>,
): WatchSmileEventsReturnType {
  return watchEvent(client, {
    address: typeof address === 'string' ? address : [...address],
    events: smileEventsAbi,
    strict: true,
    onLogs: (logs) => {
      const events = filterTypes(decodeSmileEvents(logs), types)
      if (events.length !== 0) onEvents(events)
    },
    ...(onError === undefined ? {} : { onError }),
    ...(pollingInterval === undefined ? {} : { pollingInterval }),
  })
}
