import { type PricedTradeWad, priceTradeWad } from '../math/wad/tradePricing.js'
import { WAD } from '../math/wad.js'
import type { TradeState } from './fetchTradeState.js'

/**
 * Options of `quoteBuy`/`quoteSell` on a fetched state.
 *
 * @example
 * ```ts
 * import { type QuoteTradeOptions, type TradeState, quoteBuy } from '@smile/sdk'
 *
 * declare const state: TradeState
 * const nextBlock: QuoteTradeOptions = { size: 10n ** 18n, timestamp: state.timestamp + 12n }
 * const { premiumAssets } = quoteBuy(state, nextBlock)
 * ```
 */
export type QuoteTradeOptions = {
  /** Options, wad (1e18 = one option). */
  size: bigint
  /** block.timestamp to price at; the state's block when omitted. Pass the next block's to quote a transaction. */
  timestamp?: bigint
}

/**
 * A quote: the premium and fee the market charges (buy) or pays (sell), to the wei, and what goes into them.
 *
 * @example
 * ```ts
 * import { type TradeQuote, type TradeState, quoteBuy } from '@smile/sdk'
 *
 * declare const state: TradeState
 * const quote: TradeQuote = quoteBuy(state, { size: 10n ** 18n })
 * const inventoryTermWad = quote.priced.chargeWad // Φ(E') − Φ(E)
 * ```
 */
export type TradeQuote = {
  /** What the trader pays (buy) or receives (sell), collateral token units. */
  premiumAssets: bigint
  /** The fee inside it, token units. */
  feeAssets: bigint
  /** σ: the smile's volatility at the strike, wad. */
  volWad: bigint
  /** The volatility the trade effectively pays: σ + (E + E')/(2L), wad (signed adjustment). */
  effectiveVolWad: bigint
  /** The marginal volatility quoted before this trade: σ + E/L, wad. */
  marginalVolWad: bigint
  /** The marginal volatility quoted to the next trade after this one: σ + E'/L, wad. */
  marginalVolAfterWad: bigint
  /** E before and E' after the trade, signed wad. */
  inventoryBeforeWad: bigint
  inventoryAfterWad: bigint
  /** Greeks of the fill, from the trader's side (positive when long): delta and gamma of the quote-denominated price in options·wad, vega in collateral wad per 1.0 of vol, theta per year. */
  greeks: { deltaWad: bigint; gammaWad: bigint; vegaWad: bigint; thetaWad: bigint }
  /** The wad pieces (q·P, Φ(E') − Φ(E), fee, per-option quote). */
  priced: PricedTradeWad
}

/** Prices a trade on a fetched state and derives the quote's figures. */
export function quoteTrade(
  state: TradeState,
  { size, timestamp }: QuoteTradeOptions,
  isBuy: boolean,
): TradeQuote {
  const at = timestamp === undefined ? state : { ...state, timestamp }
  const priced = priceTradeWad(at, { id: state.id, size, isBuy })
  const depth = state.side.vegaDepthWad
  const sigma = priced.quote.volWad
  const before = state.inventoryWad
  const after = priced.inventoryAfterWad
  const sign = isBuy ? 1n : -1n
  return {
    premiumAssets: priced.premiumAssets,
    feeAssets: priced.feeAssets,
    volWad: sigma,
    effectiveVolWad: sigma + ((before + after) * WAD) / (2n * depth),
    marginalVolWad: sigma + (before * WAD) / depth,
    marginalVolAfterWad: sigma + (after * WAD) / depth,
    inventoryBeforeWad: before,
    inventoryAfterWad: after,
    greeks: {
      deltaWad: (sign * size * priced.quote.deltaWad) / WAD,
      gammaWad: (sign * size * priced.quote.gammaWad) / WAD,
      vegaWad: sign * priced.vegaTradedWad,
      thetaWad: (sign * size * priced.quote.thetaWad) / WAD,
    },
    priced,
  }
}
