import type { Address, Client } from 'viem'
import type { TradeState } from './fetchTradeState.js'
import { readState } from './quoteBuy.js'
import { type QuoteTradeOptions, quoteTrade, type TradeQuote } from './quoteTrade.js'

/**
 * What a client-based quote reads: the market and series (required: the compiler rejects a client
 * call without them), and the block. A quote on a fetched `TradeState` takes only
 * {@link QuoteTradeOptions}.
 */
export type QuoteSellParameters = QuoteTradeOptions & {
  /** The `OptionMarket`. */
  market: Address
  /** The series, as `encodeSeriesId` makes it. */
  id: bigint
  /** The trader, whose position a sale may not exceed. */
  account?: Address
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type QuoteSellReturnType = TradeQuote

/**
 * Quotes selling `size` options OFF-CHAIN with the bigint mirrors of the market's pricing: the
 * premium equals, to the wei, what `OptionMarket.sell` pays in a block with the same state and
 * timestamp (docs/invariants.md, invariant 7). Give a `TradeState` (from `fetchTradeState`) to quote
 * synchronously, or a client with `market` and `id` to read the state first.
 *
 * @throws TradeRejectedError where the market would revert, naming its error: the deadline, the
 * listing and trading window, the inventory cap, the delta bound, the books (utilisation cap, live
 * series, open interest; a sale beyond the position). See `quoteTrade` for the list.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, quoteSell } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const quote = await quoteSell(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id,
 *   size: 2n * 10n ** 18n,
 * })
 * quote.premiumAssets // what `sell` pays, token units
 * ```
 */
export function quoteSell(state: TradeState, parameters: QuoteTradeOptions): QuoteSellReturnType
export function quoteSell(
  client: Client,
  parameters: QuoteSellParameters,
): Promise<QuoteSellReturnType>
export function quoteSell(
  source: Client | TradeState,
  parameters: QuoteTradeOptions | QuoteSellParameters,
): QuoteSellReturnType | Promise<QuoteSellReturnType> {
  if ('spotWad' in source) return quoteTrade(source, parameters, false)
  return readState(source, parameters as QuoteSellParameters).then((state) =>
    quoteTrade(state, parameters, false),
  )
}
