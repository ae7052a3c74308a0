import type { Address, BlockNumber, BlockTag, Client } from 'viem'
import { getLogs } from 'viem/actions'
import { decodeSmileEvents, type SmileEvent, type SmileEventType } from './decodeSmileEvents.js'
import { smileEventsAbi } from './smileEventsAbi.js'

export type GetSmileEventsParameters<type extends SmileEventType = SmileEventType> = {
  /**
   * The contracts to read: the market, its two collateral vaults and the margin engine (e.g.
   * `[market, callVault, putVault, marginEngine]` of `getAddresses(chainId)`), or some of them.
   */
  address: Address | readonly Address[]
  /** Only these types; all when omitted. */
  types?: readonly type[]
  /** First block: the deployment's `startBlock` (0 when omitted). */
  fromBlock?: BlockNumber
  /** Last block; the latest when omitted. */
  toBlock?: BlockNumber | BlockTag
}

export type GetSmileEventsReturnType<type extends SmileEventType = SmileEventType> = Extract<
  SmileEvent,
  { type: type }
>[]

/**
 * The Smile events of `address` between `fromBlock` and `toBlock`, decoded
 * (`decodeSmileEvents`), oldest first: trades, LP flows, margin actions, liquidations and
 * settlements in one `eth_getLogs`. On a chain whose RPC limits log ranges, page through blocks.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { getAddresses, getSmileEvents } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { market, callVault, putVault, marginEngine, startBlock } = getAddresses(1)
 * const flows = await getSmileEvents(client, {
 *   address: [callVault, putVault],
 *   types: ['lpDeposit', 'lpExitRequested', 'lpExitCancelled', 'lpExitClaimed'],
 *   fromBlock: startBlock,
 * })
 * ```
 */
export async function getSmileEvents<type extends SmileEventType = SmileEventType>(
  client: Client,
  { address, types, fromBlock = 0n, toBlock = 'latest' }: GetSmileEventsParameters<type>,
): Promise<GetSmileEventsReturnType<type>> {
  const logs = await getLogs(client, {
    address: typeof address === 'string' ? address : [...address],
    events: smileEventsAbi,
    fromBlock,
    toBlock,
    strict: true,
  })
  return filterTypes(decodeSmileEvents(logs), types)
}

/** The events of `types` among `events` (all when `types` is undefined). */
export function filterTypes<type extends SmileEventType>(
  events: readonly SmileEvent[],
  types: readonly type[] | undefined,
): Extract<SmileEvent, { type: type }>[] {
  return events.filter(
    (event): event is Extract<SmileEvent, { type: type }> =>
      types === undefined || (types as readonly SmileEventType[]).includes(event.type),
  )
}
