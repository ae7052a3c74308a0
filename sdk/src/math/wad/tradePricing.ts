import { TradeRejectedError } from '../../errors/market.js'
import { abs, divUp, max, min, mulWad, mulWadUp } from './fixedPoint.js'
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
  /** Spot from the market's spot oracle, wad. */
  spotWad: bigint
  /** SVI smile of the series' expiry. */
  smile: SviParamsWad
  /** E, the vault's net short vega for the expiry before the trade, signed wad. */
  inventoryWad: bigint
  /** 10^(18 − decimals) of the collateral asset. */
  scale: bigint
  /** block.timestamp of the trade, seconds. */
  timestamp: bigint
}

/**
 * A trade priced, as `_price` prices it, with the pieces that make it up.
 *
 * @example
 * ```ts
 * import { type PricedTradeWad, type TradePricingState, encodeSeriesId, priceTradeWad } from '@smile/sdk'
 *
 * declare const state: TradePricingState
 * const id = encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
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
 * @throws the Black-Scholes and SVI domain errors where the valuation reverts.
 * @example
 * ```ts
 * import { encodeSeriesId, priceTradeWad } from '@smile/sdk'
 *
 * declare const state: import('@smile/sdk').TradePricingState
 * const id = encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const { premiumAssets } = priceTradeWad(state, { id, size: 10n ** 18n, isBuy: true })
 * ```
 */
export function priceTradeWad(
  state: TradePricingState,
  { id, size, isBuy }: { id: bigint; size: bigint; isBuy: boolean },
): PricedTradeWad {
  if (size === 0n) throw new TradeRejectedError('ZeroSize', [])
  if (size > UINT128_MAX) throw new TradeRejectedError('SizeTooLarge', [size])
  const timeSec = checkTradable(state, id)
  const { strikeWad, isCall } = decodeSeriesId(id)
  const { risk, side } = state
  const quote = optionQuoteWad(
    {
      smile: state.smile,
      spotWad: state.spotWad,
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
    const maxProceedsWad = mulWad(size, maxPayoffWad(strikeWad, isCall))
    premiumAssets = min(max(net, 0n), maxProceedsWad) / scale
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
