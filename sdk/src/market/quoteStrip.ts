import { InvalidQuoteStripError } from '../errors/market.js'
import { blackScholes } from '../math/blackScholes.js'
import { sviImpliedVol } from '../math/svi.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { fromWad } from '../math/wad.js'
import type { TradeState } from './fetchTradeState.js'

const YEAR_SEC = 31_536_000
/** `OptionValuation`'s clamp of the smile's volatility, as the market prices. */
const MIN_VOL = 0.01
const MAX_VOL = 5

/**
 * The two sides of one expiry, each fetched by `fetchTradeState` for any series of that side.
 *
 * @example
 * ```ts
 * import { type QuoteStripState, quoteStrip } from '@smile/sdk'
 *
 * declare const states: QuoteStripState // a call and a put series of one expiry, from fetchTradeState
 * const { quotes } = quoteStrip(states, { strikes: [2_800, 3_000, 3_200] })
 * ```
 */
export type QuoteStripState = {
  /** State of a call series of the expiry (the call vault's inventory and parameters). */
  call: TradeState
  /** State of a put series of the same expiry, at the same block. */
  put: TradeState
}

/** Strikes, size and time of a strip. */
export type QuoteStripParameters = {
  /**
   * Strikes to quote in quote-asset units per base (3000 = 3,000 USDC per WETH), or a grid
   * `{ from, to, step }` (both ends included when on the grid).
   */
  strikes: readonly number[] | { from: number; to: number; step: number }
  /** Options per trade the premiums are quoted for (inventory term and fee floor); default 1. */
  size?: number
  /** block.timestamp to quote at; the states' when omitted. */
  timestamp?: bigint
}

/**
 * One side (call or put) of one strike: floats, per option, in the side's collateral asset.
 *
 * @example
 * ```ts
 * import type { StripSideQuote } from '@smile/sdk'
 *
 * const spread = (side: StripSideQuote) => side.buyPremium - side.sellPremium
 * ```
 */
export type StripSideQuote = {
  /** Fair value P(σ) at the smile's vol, whole collateral tokens (a call in base, a put in quote). */
  value: number
  /** What a buyer of `size` pays per option: P + v·(E + q·v/2)/L + fee/q. */
  buyPremium: number
  /** What a seller of `size` receives per option: P + v·(E − q·v/2)/L − fee/q, in [0, max payoff]. */
  sellPremium: number
  /** The vol quoted to the next trade: σ + E/L. */
  marginalVol: number
  /** dPrice/dSpot of the quote-denominated price (call [0, 1], put [−1, 0]). */
  delta: number
  /** dValue/dVol per 1.0 of vol, collateral tokens per option. */
  vega: number
}

/**
 * One strike of a strip: its vol and both sides' quotes.
 *
 * @example
 * ```ts
 * import type { StripQuote } from '@smile/sdk'
 *
 * const row = ({ strike, vol, call, put }: StripQuote) =>
 *   `${strike}  ${(vol * 100).toFixed(1)} %  C ${call.buyPremium.toFixed(5)}  P ${put.buyPremium.toFixed(2)}`
 * ```
 */
export type StripQuote = {
  /** Strike in quote units per base. */
  strike: number
  /** k = ln(K/S) − r·T, the smile's abscissa. */
  logMoneyness: number
  /** σ: the SVI smile's vol at k, clamped into [1 %, 500 %] as the market does. */
  vol: number
  call: StripSideQuote
  put: StripSideQuote
}

/** A strip: the expiry, its time to expiry and spot, one quote per strike. */
export type QuoteStripReturnType = {
  expiry: bigint
  /** Seconds to expiry at the quote's timestamp. */
  timeSec: number
  /** Spot, quote units per base. */
  spot: number
  quotes: StripQuote[]
}

/**
 * Quotes every strike of an expiry at once for screens: per strike, the SVI vol, and for the call
 * and the put the fair value, the per-option premium to buy and to sell `size`, the marginal vol
 * σ + E/L and the delta — in float64 (`blackScholes`, `sviImpliedVol`), microseconds per strike.
 * It follows the market's formula (q·P + Φ(E') − Φ(E) + fee) without its wei rounding; the
 * premiums agree with `quoteBuy`/`quoteSell` to ~1e-9 relative. It applies none of the trade
 * bounds (delta, inventory cap, listing): quote a series with `quoteBuy` to know if it trades.
 *
 * @throws InvalidQuoteStripError when the states are not a call and a put of one expiry, or the
 *   strikes are not an ascending grid / positive numbers.
 * @throws the SVI and Black-Scholes domain errors (expired series, strike out of range, ...).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, fetchTradeState, quoteStrip } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const market = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 * const expiry = 1_798_790_400n
 * const [call, put] = await Promise.all(
 *   [true, false].map((isCall) =>
 *     fetchTradeState(client, { market, id: encodeSeriesId({ expiry, strikeWad: 3_000n * 10n ** 18n, isCall }) }),
 *   ),
 * )
 * const { quotes } = quoteStrip({ call: call!, put: put! }, { strikes: { from: 2_000, to: 4_000, step: 100 } })
 * for (const { strike, vol, call: c, put: p } of quotes)
 *   console.log(strike, vol, c.buyPremium, c.delta, p.buyPremium, p.delta)
 * ```
 */
export function quoteStrip(
  { call, put }: QuoteStripState,
  { strikes, size = 1, timestamp }: QuoteStripParameters,
): QuoteStripReturnType {
  const callSeries = decodeSeriesId(call.id)
  const putSeries = decodeSeriesId(put.id)
  if (!callSeries.isCall || putSeries.isCall)
    throw new InvalidQuoteStripError('states', 'call must be a call series and put a put series')
  if (callSeries.expiry !== putSeries.expiry || call.timestamp !== put.timestamp)
    throw new InvalidQuoteStripError('states', 'call and put must be of one expiry and one block')
  if (!(size > 0 && Number.isFinite(size)))
    throw new InvalidQuoteStripError('size', `must be finite and > 0, got ${size}`)
  const { expiry } = callSeries
  const at = timestamp ?? call.timestamp
  const timeSec = Number(expiry - at)
  const time = timeSec / YEAR_SEC
  const spot = fromWad(call.spotWad)
  const rate = fromWad(call.risk.rateWad)
  const smile = {
    a: fromWad(call.smile.a),
    b: fromWad(call.smile.b),
    rho: fromWad(call.smile.rho),
    m: fromWad(call.smile.m),
    sigma: fromWad(call.smile.sigma),
  }
  const sides = { call: sideOf(call, size), put: sideOf(put, size) }
  const quotes = strikeList(strikes).map((strike): StripQuote => {
    const logMoneyness = Math.log(strike / spot) - rate * time
    const smileVol = sviImpliedVol(smile, logMoneyness, timeSec)
    const vol = Math.min(Math.max(smileVol, MIN_VOL), MAX_VOL)
    const option = { spot, strike, time, vol, rate }
    const c = blackScholes({ ...option, type: 'call' })
    const p = blackScholes({ ...option, type: 'put' })
    return {
      strike,
      logMoneyness,
      vol,
      // A call is worth C/S base per option; a put P quote.
      call: sideQuote(sides.call, c.price / spot, c.vega / spot, c.delta, vol, 1),
      put: sideQuote(sides.put, p.price, p.vega, p.delta, vol, strike),
    }
  })
  return { expiry, timeSec, spot, quotes }
}

type Side = {
  size: number
  inventory: number
  depth: number
  feeShare: number
  vegaFee: number
  minFee: number
}

function sideOf(state: TradeState, size: number): Side {
  return {
    size,
    inventory: fromWad(state.inventoryWad),
    depth: fromWad(state.side.vegaDepthWad),
    feeShare: fromWad(state.risk.feeShareWad),
    vegaFee: fromWad(state.risk.vegaFeeWad),
    minFee: fromWad(state.side.minFeePerOptionWad),
  }
}

/** `OptionMarket._price` per option, in floats: value ± inventory term ± fee. */
function sideQuote(
  side: Side,
  value: number,
  vega: number,
  delta: number,
  vol: number,
  maxPayoff: number,
): StripSideQuote {
  const { size, inventory, depth } = side
  const fee = Math.max(side.feeShare * value + side.vegaFee * vega, side.minFee)
  // Φ(E') − Φ(E) per option, with E' = E ± q·v: what a buyer pays more, a seller receives more.
  const buyCharge = (vega * (inventory + (size * vega) / 2)) / depth
  const sellCharge = (vega * (inventory - (size * vega) / 2)) / depth
  return {
    value,
    buyPremium: Math.max(value + buyCharge, 0) + fee,
    sellPremium: Math.min(Math.max(value + sellCharge - fee, 0), maxPayoff),
    marginalVol: vol + inventory / depth,
    delta,
    vega,
  }
}

function strikeList(strikes: QuoteStripParameters['strikes']): readonly number[] {
  if (!('from' in strikes)) return strikes
  const { from, to, step } = strikes
  if (!(step > 0 && from > 0 && to >= from && Number.isFinite(to)))
    throw new InvalidQuoteStripError('strikes', 'a grid needs 0 < from ≤ to and step > 0')
  const count = Math.floor((to - from) / step + 1e-9) + 1
  // Each strike from its index, rounded to 12 significant digits, so that no error accumulates.
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)))
}
