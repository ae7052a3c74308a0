import type { Address, Client } from 'viem'
import { fetchTradeState, type TradeState } from './fetchTradeState.js'
import { type QuoteTradeOptions, quoteTrade, type TradeQuote } from './quoteTrade.js'

/**
 * What a client-based quote reads: the market and series (required: the compiler rejects a client
 * call without them), and the block. A quote on a fetched `TradeState` takes only
 * {@link QuoteTradeOptions}.
 */
export type QuoteBuyParameters = QuoteTradeOptions & {
  /** The `OptionMarket`. */
  market: Address
  /** The series, as `encodeSeriesId` makes it. */
  id: bigint
  /** The trader, whose position a sale may not exceed. */
  account?: Address
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type QuoteBuyReturnType = TradeQuote

/**
 * Quotes buying `size` options OFF-CHAIN with the bigint mirrors of the market's pricing: the
 * premium equals, to the wei, what `OptionMarket.buy` charges in a block with the same state and
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
 * import { encodeSeriesId, quoteBuy } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const quote = await quoteBuy(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id,
 *   size: 2n * 10n ** 18n,
 * })
 * quote.premiumAssets // what `buy` charges, token units
 * ```
 */
export function quoteBuy(state: TradeState, parameters: QuoteTradeOptions): QuoteBuyReturnType
export function quoteBuy(
  client: Client,
  parameters: QuoteBuyParameters,
): Promise<QuoteBuyReturnType>
export function quoteBuy(
  source: Client | TradeState,
  parameters: QuoteTradeOptions | QuoteBuyParameters,
): QuoteBuyReturnType | Promise<QuoteBuyReturnType> {
  if ('spotWad' in source) return quoteTrade(source, parameters, true)
  return readState(source, parameters as QuoteBuyParameters).then((state) =>
    quoteTrade(state, parameters, true),
  )
}

/** Reads the trade state for a client-based quote. */
export async function readState(
  client: Client,
  {
    market,
    id,
    account,
    blockNumber,
  }: Pick<QuoteBuyParameters, 'market' | 'id' | 'account' | 'blockNumber'>,
): Promise<TradeState> {
  return fetchTradeState(client, {
    market,
    id,
    ...(account === undefined ? {} : { account }),
    ...(blockNumber === undefined ? {} : { blockNumber }),
  })
}
