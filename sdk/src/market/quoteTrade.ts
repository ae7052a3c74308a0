import { TradeRejectedError } from '../errors/market.js'
import {
  checkTradeBook,
  maxSizeUnderInventoryCap,
  type PricedTradeWad,
  priceTradeWad,
} from '../math/wad/tradePricing.js'
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
  /** The trade's deadline, seconds: refused (`DeadlineExpired`) when `timestamp` is past it. */
  deadline?: bigint
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

/**
 * Prices a trade on a fetched state, runs every check `buy`/`sell` makes, in their order, and
 * derives the quote's figures: the deadline (`DeadlineExpired`), the pricing's own checks
 * (`priceTradeWad`: size, listing, trading window, inventory cap, delta bound), then the books'
 * (`checkTradeBook`: open interest, live list, utilisation cap; the seller's position). The caller's
 * premium limit (`PremiumAboveMax`/`PremiumBelowMin`) is the caller's to compare.
 *
 * @throws TradeRejectedError with the market's error name and arguments where it would revert.
 */
export function quoteTrade(
  state: TradeState,
  { size, timestamp, deadline }: QuoteTradeOptions,
  isBuy: boolean,
): TradeQuote {
  const at = timestamp === undefined ? state : { ...state, timestamp }
  if (deadline !== undefined && at.timestamp > deadline)
    throw new TradeRejectedError('DeadlineExpired', [deadline])
  const priced = priceTradeWad(at, { id: state.id, size, isBuy })
  if (state.book !== undefined)
    checkTradeBook(state.book, {
      id: state.id,
      size,
      isBuy,
      premiumAssets: priced.premiumAssets,
      scale: state.scale,
      maxUtilisationWad: state.risk.maxUtilisationWad,
    })
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

/**
 * The largest trade size `quoteTrade` accepts on `state` at `timestamp`, with the error one wei
 * more meets: 0 when even one wei is refused. The bound the size-monotone caps give in closed form
 * (uint128 sizes, the open interest or the seller's position, the inventory cap) is tried first;
 * when it is refused (the utilisation cap of a buy) the largest accepted size below it is found by
 * bisection, each probe an exact quote, so the answer is the wei at which the mirror — and the
 * chain, to the wei — turns from accepting to refusing.
 */
export function maxTradeSize(
  state: TradeState,
  timestamp: bigint | undefined,
  isBuy: boolean,
): { size: bigint; limit: Error } {
  const at = timestamp === undefined ? {} : { timestamp }
  const refusal = (size: bigint): Error | undefined => {
    try {
      quoteTrade(state, { size, ...at }, isBuy)
      return undefined
    } catch (error) {
      if (error instanceof Error) return error
      throw error
    }
  }
  let probe: TradeQuote
  try {
    probe = quoteTrade(state, { size: 1n, ...at }, isBuy)
  } catch (error) {
    if (error instanceof Error) return { size: 0n, limit: error }
    throw error
  }
  const { book } = state
  // A seller holds at most the open interest; without the books, sizes are bounded by uint128.
  let hi = isBuy
    ? UINT128_MAX - (book?.openInterest ?? 0n)
    : (book?.position ?? book?.openInterest ?? UINT128_MAX)
  const inventoryBound = maxSizeUnderInventoryCap({
    inventoryWad: state.inventoryWad,
    maxInventoryWad: state.side.maxInventoryWad,
    vegaWad: probe.priced.quote.vegaWad,
    isBuy,
  })
  if (inventoryBound !== undefined && inventoryBound < hi) hi = inventoryBound
  let limit =
    refusal(hi + 1n) ??
    (isBuy
      ? new TradeRejectedError('SizeTooLarge', [hi + 1n])
      : new TradeRejectedError('InsufficientBalance', []))
  const atBound = refusal(hi)
  if (atBound === undefined) return { size: hi, limit }
  // Invariant: `lo` is accepted, `hi` refused with `limit`.
  let lo = 1n
  limit = atBound
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n
    const error = refusal(mid)
    if (error === undefined) lo = mid
    else [hi, limit] = [mid, error]
  }
  return { size: lo, limit }
}

const UINT128_MAX = (1n << 128n) - 1n
