import { TradeRejectedError } from '../../errors/market.js'
import { WAD } from '../wad.js'
import { abs, divUp, max, min, mulDivUp, mulWad, mulWadUp } from './fixedPoint.js'
import { inventoryChargeWad } from './inventoryPotential.js'
import { maxPayoffWad, type OptionQuoteWad, optionQuoteWad } from './optionValuation.js'
import { decodeSeriesId, isCanonicalSeriesId } from './seriesId.js'
import type { SviParamsWad } from './sviWad.js'

/**
 * Bigint mirror of `OptionMarket._price` and the checks it runs (`_checkTradable`, the delta bounds
 * of `_quote`, the inventory cap): premium = q·P + Φ(E') − Φ(E) + fee with the contract's rounding,
 * so the premium is the wei the market charges or pays for the same state.
 */

/**
 * `IOptionMarket.RiskParams`, all bigint.
 *
 * @example
 * ```ts
 * import type { RiskParamsWad } from '@smile/sdk'
 *
 * const risk: RiskParamsWad = {
 *   feeShareWad: 10n ** 16n, // 1 % of the premium
 *   vegaFeeWad: 2n * 10n ** 15n, // 0.2 vol point per unit of vega
 *   maxUtilisationWad: 9n * 10n ** 17n,
 *   minAbsDeltaWad: 5n * 10n ** 16n,
 *   maxAbsDeltaWad: 95n * 10n ** 16n,
 *   minTimeToExpirySec: 3_600n,
 *   maxTimeToExpirySec: 31_536_000n,
 *   rateWad: 3n * 10n ** 16n,
 * }
 * ```
 */
export type RiskParamsWad = {
  feeShareWad: bigint
  vegaFeeWad: bigint
  maxUtilisationWad: bigint
  minAbsDeltaWad: bigint
  maxAbsDeltaWad: bigint
  minTimeToExpirySec: bigint
  maxTimeToExpirySec: bigint
  rateWad: bigint
}

/**
 * `IOptionMarket.SideParams` of one vault (calls or puts).
 *
 * @example
 * ```ts
 * import type { SideParamsWad } from '@smile/sdk'
 *
 * // Calls in WETH: vega depth 10, at most 5 of net short vega, a fee of at least 0.0001 WETH.
 * const calls: SideParamsWad = {
 *   vegaDepthWad: 10n ** 19n,
 *   maxInventoryWad: 5n * 10n ** 18n,
 *   minFeePerOptionWad: 10n ** 14n,
 * }
 * ```
 */
export type SideParamsWad = {
  vegaDepthWad: bigint
  maxInventoryWad: bigint
  minFeePerOptionWad: bigint
}

/**
 * Everything `_price` reads, as of one block.
 *
 * @example
 * ```ts
 * import { type TradePricingState, type TradeState, priceTradeWad } from '@smile/sdk'
 *
 * declare const fetched: TradeState // a TradeState is a TradePricingState with its series
 * const flat: TradePricingState = { ...fetched, inventoryWad: 0n } // as if the vault had no inventory
 * priceTradeWad(flat, { id: fetched.id, size: 10n ** 18n, isBuy: true })
 * ```
 */
export type TradePricingState = {
  risk: RiskParamsWad
  side: SideParamsWad
  /** Spot from the market's spot oracle (`spot()`), wad: what a buy is priced at. */
  spotWad: bigint
  /**
   * The oracle's `spotRange()`, wad: a sale is priced at the end that favours the vault (low for a
   * call, high for a put), as `OptionMarket._riskReducingSpot`. When omitted a sale is priced at
   * `spotWad`, which is the whole range while the oracle's sources agree.
   */
  spotRange?: { lowWad: bigint; highWad: bigint }
  /** SVI smile of the series' expiry. */
  smile: SviParamsWad
  /** The oracles' refusals and the smile's freshness, as read (`fetchTradeState`). */
  oracle?: OracleReadsWad
  /** E, the vault's net short vega for the expiry before the trade, signed wad. */
  inventoryWad: bigint
  /** 10^(18 − decimals) of the collateral asset. */
  scale: bigint
  /** block.timestamp of the trade, seconds. */
  timestamp: bigint
}

/**
 * What the market's oracle reads gave besides the prices: their refusals at the state's block, and
 * the smile's post time and staleness bound, so that a quote refuses where `buy`/`sell` revert
 * inside an oracle. Each refusal is the oracle's own decoded error; `smile(expiry)`'s
 * (`SmileNotSet`, `ExpiryPassed`, `StaleSmile`) persist at later timestamps until a new post, and a
 * fresh smile turns stale once the timestamp passes `smileUpdatedAt + smileMaxStaleness`.
 *
 * @example
 * ```ts
 * import type { OracleReadsWad } from '@smile/sdk'
 *
 * // A smile posted at t = 1,767,000,000 that goes stale a day later.
 * const reads: OracleReadsWad = { smileUpdatedAt: 1_798_700_000n, smileMaxStaleness: 86_400n }
 * ```
 */
export type OracleReadsWad = {
  /** Why `spot()` refused (degraded mode, stale feed, ...): a buy reverts with it first. */
  spotError?: Error
  /** Why `spotRange()` refused: a sale reverts with it first. */
  spotRangeError?: Error
  /** Why `smile(expiry)` refused at the state's block. */
  smileError?: Error
  /** When the smile was posted, seconds. */
  smileUpdatedAt?: bigint
  /** The volatility oracle's `maxStaleness`, seconds. */
  smileMaxStaleness?: bigint
}

/**
 * A trade priced, as `_price` prices it, with the pieces that make it up.
 *
 * @example
 * ```ts
 * import { type PricedTradeWad, type TradePricingState, encodeSeriesId, priceTradeWad } from '@smile/sdk'
 *
 * declare const state: TradePricingState
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const priced: PricedTradeWad = priceTradeWad(state, { id, size: 10n ** 18n, isBuy: true })
 * const { valueWad, chargeWad, feeWad } = priced // q·P, Φ(E') − Φ(E), fee
 * ```
 */
export type PricedTradeWad = {
  /** What the trader pays (buy) or receives (sell), collateral token units. */
  premiumAssets: bigint
  /** Fee inside the premium, token units (the `Traded` event's `feeAssets`). */
  feeAssets: bigint
  /** E' after the trade, signed wad. */
  inventoryAfterWad: bigint
  /** q·v, wad of collateral per 1.0 of vol, rounded down. */
  vegaTradedWad: bigint
  /** q·P, wad of collateral (rounded up on a buy, down on a sell). */
  valueWad: bigint
  /** Φ(E') − Φ(E), wad. */
  chargeWad: bigint
  /** Fee, wad. */
  feeWad: bigint
  /** The per-option quote the trade is priced from. */
  quote: OptionQuoteWad
  /** Seconds to expiry at `timestamp`. */
  timeSec: bigint
}

const UINT128_MAX = (1n << 128n) - 1n
/** `OptionMarket.MAX_LIVE_SERIES`: most series a vault may be short at once. */
const MAX_LIVE_SERIES = 64n
const EXPIRY_TIME_OF_DAY = 8n * 3_600n
const DAY = 86_400n
const MIN_PRICE = 10n ** 12n
const MAX_PRICE = 10n ** 30n
const STRIKE_SIGNIFICANT_DIGITS = 3n

/**
 * Prices a trade of `size` options of series `id` exactly as `OptionMarket` would in a block with
 * the given state (buy: the trader pays, sell: the trader receives).
 *
 * @throws TradeRejectedError with the contract's error name and arguments where it would revert.
 * @throws the oracle's refusal in `state.oracle` (a decoded `ContractRevertError`) where the
 * market would revert inside the oracle.
 * @throws the Black-Scholes and SVI domain errors where the valuation reverts.
 * @example
 * ```ts
 * import { encodeSeriesId, priceTradeWad } from '@smile/sdk'
 *
 * declare const state: import('@smile/sdk').TradePricingState
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const { premiumAssets } = priceTradeWad(state, { id, size: 10n ** 18n, isBuy: true })
 * ```
 */
export function priceTradeWad(
  state: TradePricingState,
  { id, size, isBuy }: { id: bigint; size: bigint; isBuy: boolean },
): PricedTradeWad {
  // `buy`/`sell` read the spot (strict or range) before `_price` runs.
  const spotRefusal = isBuy ? state.oracle?.spotError : state.oracle?.spotRangeError
  if (spotRefusal !== undefined) throw spotRefusal
  if (size === 0n) throw new TradeRejectedError('ZeroSize', [])
  if (size > UINT128_MAX) throw new TradeRejectedError('SizeTooLarge', [size])
  const timeSec = checkTradable(state, id)
  checkSmile(state, id)
  const { strikeWad, isCall } = decodeSeriesId(id)
  const { risk, side } = state
  const spotWad =
    isBuy || state.spotRange === undefined
      ? state.spotWad
      : isCall
        ? state.spotRange.lowWad
        : state.spotRange.highWad
  const quote = optionQuoteWad(
    {
      smile: state.smile,
      spotWad,
      strikeWad,
      timeSec,
      rateWad: risk.rateWad,
      isCall,
    },
    isBuy,
  )
  const vegaTradedWad = mulWad(size, quote.vegaWad)
  const inventoryAfterWad = isBuy
    ? state.inventoryWad + vegaTradedWad
    : state.inventoryWad - vegaTradedWad
  const absAfter = abs(inventoryAfterWad)
  if (absAfter > side.maxInventoryWad && absAfter > abs(state.inventoryWad))
    throw new TradeRejectedError('InventoryCapExceeded', [inventoryAfterWad, side.maxInventoryWad])

  const valueWad = isBuy ? mulWadUp(size, quote.valueWad) : mulWad(size, quote.valueWad)
  const feeWad = tradeFeeWad(valueWad, vegaTradedWad, size, risk, side)
  const chargeWad = inventoryChargeWad(state.inventoryWad, inventoryAfterWad, side.vegaDepthWad)
  const { scale } = state
  let premiumAssets: bigint
  let feeAssets: bigint
  if (isBuy) {
    const net = valueWad + chargeWad
    premiumAssets = divUp(max(net, 0n) + feeWad, scale)
    feeAssets = divUp(feeWad, scale)
  } else {
    const net = valueWad - chargeWad - feeWad
    premiumAssets = min(max(net, 0n), maxProceedsWad(id, size)) / scale
    feeAssets = feeWad / scale
  }
  // `buy` checks the delta bound after `_price`, whose inventory cap therefore refuses first.
  if (isBuy) {
    const absDelta = abs(quote.deltaWad)
    if (absDelta < risk.minAbsDeltaWad || absDelta > risk.maxAbsDeltaWad)
      throw new TradeRejectedError('DeltaOutOfBounds', [
        quote.deltaWad,
        risk.minAbsDeltaWad,
        risk.maxAbsDeltaWad,
      ])
  }
  return {
    premiumAssets,
    feeAssets,
    inventoryAfterWad,
    vegaTradedWad,
    valueWad,
    chargeWad,
    feeWad,
    quote,
    timeSec,
  }
}

/**
 * `OptionMarket._fee`: max(feeShare·|q·P| + vegaFee·|q|·v, minFeePerOption·|q|), wad, each product
 * rounded up.
 *
 * @example
 * ```ts
 * import { tradeFeeWad } from '@smile/sdk'
 *
 * declare const risk: import('@smile/sdk').RiskParamsWad
 * declare const side: import('@smile/sdk').SideParamsWad
 * const fee = tradeFeeWad(10n ** 18n, 10n ** 17n, 10n ** 18n, risk, side)
 * ```
 */
export function tradeFeeWad(
  valueWad: bigint,
  vegaTradedWad: bigint,
  size: bigint,
  risk: Pick<RiskParamsWad, 'feeShareWad' | 'vegaFeeWad'>,
  side: Pick<SideParamsWad, 'minFeePerOptionWad'>,
): bigint {
  const proportional =
    mulWadUp(valueWad, risk.feeShareWad) + mulWadUp(vegaTradedWad, risk.vegaFeeWad)
  const floor = mulWadUp(size, side.minFeePerOptionWad)
  return max(proportional, floor)
}

/**
 * `VolatilityOracle.smile(expiry)` as `_quote` reads it at `timestamp`: the refusal read, or
 * `StaleSmile` once the post is older than the staleness bound (`ExpiryPassed` cannot come after
 * the trading window, which closes at least five minutes before expiry).
 */
function checkSmile(state: TradePricingState, id: bigint): void {
  const { smileError, smileUpdatedAt, smileMaxStaleness } = state.oracle ?? {}
  if (smileError !== undefined) throw smileError
  if (smileUpdatedAt === undefined || smileMaxStaleness === undefined) return
  if (state.timestamp - smileUpdatedAt > smileMaxStaleness)
    throw new TradeRejectedError('StaleSmile', [
      decodeSeriesId(id).expiry,
      smileUpdatedAt,
      smileMaxStaleness,
    ])
}

/** `OptionMarket._checkTradable`: the id is a listed series that trades at `timestamp`. */
function checkTradable(state: TradePricingState, id: bigint): bigint {
  if (!isCanonicalSeriesId(id)) throw new TradeRejectedError('NonCanonicalSeries', [id])
  const { expiry, strikeWad } = decodeSeriesId(id)
  if (expiry % DAY !== EXPIRY_TIME_OF_DAY) throw new TradeRejectedError('ExpiryNotListed', [expiry])
  if (strikeWad < MIN_PRICE || strikeWad > MAX_PRICE)
    throw new TradeRejectedError('StrikeNotListed', [strikeWad])
  const digits = BigInt(strikeWad.toString().length)
  if (strikeWad % 10n ** (digits - STRIKE_SIGNIFICANT_DIGITS) !== 0n)
    throw new TradeRejectedError('StrikeNotListed', [strikeWad])
  const timeSec = expiry > state.timestamp ? expiry - state.timestamp : 0n
  const { minTimeToExpirySec: minSec, maxTimeToExpirySec: maxSec } = state.risk
  if (timeSec < minSec || timeSec > maxSec)
    throw new TradeRejectedError('OutsideTradingWindow', [timeSec, minSec, maxSec])
  return timeSec
}

/**
 * One vault's books and the traded series' entry in them, as of one block: what `buy` checks after
 * pricing (the open interest's size, the live list, the utilisation cap) and `sell` after it (the
 * seller's position).
 *
 * @example
 * ```ts
 * import type { TradeBookState } from '@smile/sdk'
 *
 * // An empty vault: nothing held, so no buy passes the utilisation cap.
 * const empty: TradeBookState = {
 *   heldAssets: 0n,
 *   lockedAssets: 0n,
 *   reservedAssets: 0n,
 *   openInterest: 0n,
 *   isLive: false,
 *   liveCount: 0n,
 * }
 * ```
 */
export type TradeBookState = {
  /** The vault's balance of its asset, token units. */
  heldAssets: bigint
  /** Collateral locked for the options the vault is short (`lockedAssets(isCall)`), token units. */
  lockedAssets: bigint
  /** Payoffs reserved for settled options (`reservedAssets(isCall)`), token units. */
  reservedAssets: bigint
  /** Options of the series outstanding (`openInterest(id)`), wad. */
  openInterest: bigint
  /** Whether the series is in its vault's live list (`liveSeries(isCall)`). */
  isLive: boolean
  /** How many series the vault's live list holds. */
  liveCount: bigint
  /** The trader's position in the series (ERC-6909 balance), wad; unchecked when omitted. */
  position?: bigint
}

/**
 * `OptionMarket._lockedOf`: the collateral locked for `openInterest` options of maximum payoff
 * `maxPayoffWad`, ceil(oi·maxPayoff / (1e18·scale)), token units.
 *
 * @example
 * ```ts
 * import { lockedAssetsOf } from '@smile/sdk'
 *
 * lockedAssetsOf(10n ** 18n, 10n ** 18n, 1n) // 1e18: one call locks one unit of WETH
 * ```
 */
export function lockedAssetsOf(openInterest: bigint, maxPayoffWad: bigint, scale: bigint): bigint {
  return mulDivUp(openInterest, maxPayoffWad, WAD * scale)
}

/**
 * The checks `OptionMarket.buy` makes after pricing, in its order, on the vault's books: the open
 * interest stays within uint128 (`SizeTooLarge`), a new series finds room in the live list
 * (`TooManyLiveSeries`), the locked total fits uint128 (`Overflow`), and the utilisation cap holds:
 * (locked' + reserved)·1e18 ≤ maxUtilisation·(held + premium) (`UtilisationCapExceeded`), where
 * locked' adds ceil((oi + size)·maxPayoff) − ceil(oi·maxPayoff). `sell` only burns the seller's
 * position (`InsufficientBalance` beyond it, checked when `book.position` is known).
 *
 * @throws TradeRejectedError with the market's error name and arguments where it would revert.
 * @example
 * ```ts
 * import { checkTradeBook, encodeSeriesId } from '@smile/sdk'
 *
 * declare const book: import('@smile/sdk').TradeBookState
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false })
 * checkTradeBook(book, {
 *   id,
 *   size: 10n ** 18n,
 *   isBuy: true,
 *   premiumAssets: 109_480_000n,
 *   scale: 10n ** 12n,
 *   maxUtilisationWad: 9n * 10n ** 17n,
 * })
 * ```
 */
export function checkTradeBook(
  book: TradeBookState,
  {
    id,
    size,
    isBuy,
    premiumAssets,
    scale,
    maxUtilisationWad,
  }: {
    id: bigint
    size: bigint
    isBuy: boolean
    premiumAssets: bigint
    scale: bigint
    maxUtilisationWad: bigint
  },
): void {
  if (!isBuy) {
    if (book.position !== undefined && size > book.position)
      throw new TradeRejectedError('InsufficientBalance', [])
    return
  }
  const afterBuy = book.openInterest + size
  if (afterBuy > UINT128_MAX) throw new TradeRejectedError('SizeTooLarge', [afterBuy])
  if (!book.isLive && book.liveCount === MAX_LIVE_SERIES)
    throw new TradeRejectedError('TooManyLiveSeries', [])
  const { strikeWad, isCall } = decodeSeriesId(id)
  const maxWad = maxPayoffWad(strikeWad, isCall)
  const locked =
    book.lockedAssets +
    lockedAssetsOf(afterBuy, maxWad, scale) -
    lockedAssetsOf(book.openInterest, maxWad, scale)
  if (locked > UINT128_MAX) throw new TradeRejectedError('Overflow', [])
  const encumbered = locked + book.reservedAssets
  const held = book.heldAssets + premiumAssets
  if (encumbered * WAD > maxUtilisationWad * held)
    throw new TradeRejectedError('UtilisationCapExceeded', [encumbered, held])
}

/**
 * The largest size the inventory cap of `_price` admits, options wad: the cap refuses a trade whose
 * E' = E ± ⌊size·vega⌋ ends beyond both the cap and |E|, so a buy passes while
 * ⌊size·vega⌋ ≤ max(cap, |E|) − E and a sale while ⌊size·vega⌋ ≤ E + max(cap, |E|). Exact to the
 * wei: the largest size with ⌊size·vega / 1e18⌋ ≤ R is ⌊((R + 1)·1e18 − 1) / vega⌋. `undefined`
 * when vega is 0 (no size moves the inventory).
 *
 * @example
 * ```ts
 * import { maxSizeUnderInventoryCap } from '@smile/sdk'
 *
 * // E = 0, cap 5, vega 2 per option: buys up to 2.5 options.
 * maxSizeUnderInventoryCap({ inventoryWad: 0n, maxInventoryWad: 5n * 10n ** 18n, vegaWad: 2n * 10n ** 18n, isBuy: true })
 * ```
 */
export function maxSizeUnderInventoryCap({
  inventoryWad,
  maxInventoryWad,
  vegaWad,
  isBuy,
}: {
  inventoryWad: bigint
  maxInventoryWad: bigint
  vegaWad: bigint
  isBuy: boolean
}): bigint | undefined {
  if (vegaWad === 0n) return undefined
  const bound = max(maxInventoryWad, abs(inventoryWad))
  const room = isBuy ? bound - inventoryWad : inventoryWad + bound
  return ((room + 1n) * WAD - 1n) / vegaWad
}

/**
 * The most a sale of `size` options of series `id` can pay, wad of collateral: the maximum payoff
 * the sale releases, ⌊size·maxPayoff⌋ (a call's one unit of the base asset, a put's strike, per
 * option), at which `_price` caps the proceeds. Divide by the side's scale (rounding down) for
 * token units.
 *
 * @example
 * ```ts
 * import { encodeSeriesId, maxProceedsWad } from '@smile/sdk'
 *
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false })
 * maxProceedsWad(id, 10n ** 18n) // 3000e18: one put pays at most its strike
 * ```
 */
export function maxProceedsWad(id: bigint, size: bigint): bigint {
  const { strikeWad, isCall } = decodeSeriesId(id)
  return mulWad(size, maxPayoffWad(strikeWad, isCall))
}
