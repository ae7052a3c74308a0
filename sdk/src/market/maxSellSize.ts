import type { Address, Client } from 'viem'
import type { TradeState } from './fetchTradeState.js'
import { readState } from './quoteBuy.js'
import { maxTradeSize } from './quoteTrade.js'

/**
 * What sizing a fetched `TradeState` takes.
 *
 * @example
 * ```ts
 * import { type MaxSellSizeOptions, type TradeState, maxSellSize } from '@smile/sdk'
 *
 * declare const state: TradeState // from fetchTradeState
 * const options: MaxSellSizeOptions = { timestamp: state.timestamp + 12n } // the next block's
 * const { size } = maxSellSize(state, options) // options sold at that timestamp, at most
 * ```
 */
export type MaxSellSizeOptions = {
  /** block.timestamp to size at; the state's block when omitted (pass the next block's for a transaction). */
  timestamp?: bigint
}

/**
 * What sizing with a client reads: the market and series (required: the compiler rejects a client
 * call without them) and the block.
 */
export type MaxSellSizeParameters = MaxSellSizeOptions & {
  /** The `OptionMarket`. */
  market: Address
  /** The series, as `encodeSeriesId` makes it. */
  id: bigint
  /** The seller, whose position bounds the sale (the open interest otherwise). */
  account?: Address
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type MaxSellSizeReturnType = {
  /** The largest size `sell` accepts now, options wad (1e18 = one option); 0 when it accepts none. */
  size: bigint
  /**
   * What one wei more meets: the `TradeRejectedError` naming the market's revert
   * (`InventoryCapExceeded`, `InsufficientBalance` past the position, or, with `size` 0, a
   * refusal of any size such as `OutsideTradingWindow`), or the valuation's domain error.
   */
  limit: Error
}

/**
 * The largest size `OptionMarket.sell` of series `id` accepts in a block with the state's books and
 * the given timestamp, exact to the wei (one option wad): the sale of `size` passes every check of
 * the market, the sale of `size + 1` reverts with `limit`. The seller's position bounds it when
 * the state was read for an `account` (`fetchTradeState`'s, or this action's with a client); the
 * series' open interest, which no holder exceeds, otherwise. The premium limit is the seller's.
 *
 * How, and why it is exact: a sale's checks are either independent of the size (listing, window)
 * or refuse exactly the sizes past a bound — the position, the uint128 size, and the inventory cap,
 * whose E' = E − ⌊size·vega⌋ falls with the size and is refused below −max(cap, |E|) — so the
 * accepted sizes are 1 … the least of those bounds, computed in closed form and checked by an exact
 * quote (`quoteSell`'s mirror). A sale locks nothing: no utilisation cap applies.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, maxSellSize } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const { size } = await maxSellSize(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id,
 *   account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function maxSellSize(state: TradeState, options?: MaxSellSizeOptions): MaxSellSizeReturnType
export function maxSellSize(
  client: Client,
  parameters: MaxSellSizeParameters,
): Promise<MaxSellSizeReturnType>
export function maxSellSize(
  source: Client | TradeState,
  parameters: MaxSellSizeOptions | MaxSellSizeParameters = {},
): MaxSellSizeReturnType | Promise<MaxSellSizeReturnType> {
  if ('spotWad' in source) return maxTradeSize(source, parameters.timestamp, false)
  return readState(source, parameters as MaxSellSizeParameters).then((state) =>
    maxTradeSize(state, parameters.timestamp, false),
  )
}
