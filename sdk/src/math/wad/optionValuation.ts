import { WAD } from '../wad.js'
import {
  blackScholesGreeksWad,
  blackScholesWad,
  MAX_MONEYNESS,
  MAX_PRICE,
  MAX_VOL,
  MIN_PRICE,
  MIN_TIME_SEC,
  MIN_VOL,
} from './blackScholesWad.js'
import { max, min, mulDiv, mulDivUp } from './fixedPoint.js'
import { lnPrecise, PRECISE_ONE } from './preciseMath.js'
import { type SviParamsWad, sviImpliedVolWad } from './sviWad.js'

/**
 * Bigint mirror of `contracts/libraries/OptionValuation.sol`: value, vega and payoff of one option
 * in its collateral asset (a call in base, worth C/S; a put in quote, worth P), to the wei.
 */

const YEAR = 31_536_000n
const WAD_TO_PRECISE = 10n ** 9n

/**
 * `OptionValuation.Quote`: one option's value, vega and delta in its collateral, wad.
 *
 * @example
 * ```ts
 * import { type OptionQuoteWad, optionQuoteWad } from '@smile/sdk'
 *
 * const smile = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * const quote: OptionQuoteWad = optionQuoteWad(
 *   { smile, spotWad: 3_000n * 10n ** 18n, strikeWad: 3_200n * 10n ** 18n, timeSec: 2_592_000n, rateWad: 0n, isCall: true },
 *   true,
 * )
 * quote.valueWad // the call's premium in base, wad, rounded up
 * ```
 */
export type OptionQuoteWad = {
  /** Premium per option, wad of collateral. */
  valueWad: bigint
  /** dValue/dVol per 1.0 of vol, wad of collateral. */
  vegaWad: bigint
  /** dPrice/dSpot of the quote-denominated price (call [0, 1], put [−1, 0]), wad. */
  deltaWad: bigint
  /** The smile's volatility the option is priced at, wad. */
  volWad: bigint
  /** Gamma of the quote-denominated price per unit of spot, wad. */
  gammaWad: bigint
  /** Theta of the quote-denominated price per year, wad. */
  thetaWad: bigint
}

/** Inputs of {@link optionQuoteWad} and {@link optionVolatilityWad}. */
export type OptionQuoteWadParameters = {
  smile: SviParamsWad
  spotWad: bigint
  strikeWad: bigint
  timeSec: bigint
  rateWad: bigint
  isCall: boolean
}

/**
 * `OptionValuation.volatility`: the smile's vol at k = ln(K/S) − r·T, clamped into [1 %, 500 %],
 * to the wei: ln(K/S) is `PreciseMath.ln` of K/S in 1e27 ({@link lnPrecise}) truncated toward zero
 * to wad, as the contract does it.
 *
 * @throws {LnOutOfRangeError} where K/S is outside [1/8, 8) (the contract's `LnOutOfRange`), and
 * the errors of `sviImpliedVolWad` where `Svi.impliedVol` reverts.
 * @example
 * ```ts
 * import { optionVolatilityWad } from '@smile/sdk'
 *
 * const smile = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * optionVolatilityWad({ smile, spotWad: 10n ** 18n, strikeWad: 10n ** 18n, timeSec: 31_536_000n, rateWad: 0n, isCall: true })
 * // 200000000000000000n
 * ```
 */
export function optionVolatilityWad({
  smile,
  spotWad,
  strikeWad,
  timeSec,
  rateWad,
}: OptionQuoteWadParameters): bigint {
  const k =
    lnPrecise(mulDiv(strikeWad, PRECISE_ONE, spotWad)) / WAD_TO_PRECISE - (rateWad * timeSec) / YEAR
  const vol = sviImpliedVolWad(smile, k, timeSec)
  return max(MIN_VOL, min(vol, MAX_VOL))
}

/**
 * `OptionValuation.quote`: value, vega and delta of one option for a trade, wad of collateral. The
 * value rounds up when the trader buys (`roundUp`) and down when the trader sells.
 *
 * @throws the Black-Scholes domain errors (`TimeOutOfRangeError`, ...) as the contract reverts.
 * @example
 * ```ts
 * import { optionQuoteWad } from '@smile/sdk'
 *
 * const smile = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * const { valueWad } = optionQuoteWad(
 *   { smile, spotWad: 3_000n * 10n ** 18n, strikeWad: 3_000n * 10n ** 18n, timeSec: 2_592_000n, rateWad: 0n, isCall: false },
 *   true,
 * )
 * ```
 */
export function optionQuoteWad(
  parameters: OptionQuoteWadParameters,
  roundUp: boolean,
): OptionQuoteWad {
  const { spotWad, strikeWad, timeSec, rateWad, isCall } = parameters
  // Outside the domain the smile is not read and Black-Scholes throws the error of the input at
  // fault, whatever the volatility, as the contract reverts.
  const volWad = inDomain(spotWad, strikeWad, timeSec) ? optionVolatilityWad(parameters) : MIN_VOL
  const g = blackScholesGreeksWad({
    spot: spotWad,
    strike: strikeWad,
    timeSec,
    vol: volWad,
    rate: rateWad,
    type: isCall ? 'call' : 'put',
  })
  const greeks = { deltaWad: g.delta, volWad, gammaWad: g.gamma, thetaWad: g.theta }
  if (!isCall) return { valueWad: g.price, vegaWad: g.vega, ...greeks }
  return {
    valueWad: roundUp ? callValueUp(g.price, spotWad) : (g.price * WAD) / spotWad,
    vegaWad: (g.vega * WAD) / spotWad,
    ...greeks,
  }
}

/**
 * `OptionValuation.markWad` (the pricer's `mark`): one option's value for a mark, wad of
 * collateral, rounded up, to the wei. Black-Scholes on the smile inside its domain; outside it
 * (under a minute to expiry, spot/strike beyond 5) the intrinsic value, rounded up.
 *
 * @throws the Black-Scholes and SVI errors where the contract reverts (a time beyond 5 years, a
 * smile whose total variance is negative at the strike).
 * @example
 * ```ts
 * import { optionMarkWad } from '@smile/sdk'
 *
 * const smile = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * const markWad = optionMarkWad({
 *   smile,
 *   spotWad: 3_000n * 10n ** 18n,
 *   strikeWad: 2_800n * 10n ** 18n,
 *   timeSec: 2_592_000n,
 *   rateWad: 0n,
 *   isCall: false,
 * }) // the put's value in quote, wad, rounded up
 * ```
 */
export function optionMarkWad(parameters: OptionQuoteWadParameters): bigint {
  const { spotWad, strikeWad, timeSec, rateWad, isCall } = parameters
  if (!inDomain(spotWad, strikeWad, timeSec)) return payoffWad(spotWad, strikeWad, isCall, true)
  const price = blackScholesWad({
    spot: spotWad,
    strike: strikeWad,
    timeSec,
    vol: optionVolatilityWad(parameters),
    rate: rateWad,
    type: isCall ? 'call' : 'put',
  })
  return isCall ? callValueUp(price, spotWad) : price
}

/**
 * `OptionValuation.maxPayoffWad`: 1 base for a call, K quote for a put, wad per option.
 *
 * @example
 * ```ts
 * import { maxPayoffWad } from '@smile/sdk'
 *
 * maxPayoffWad(2_500n * 10n ** 18n, false) // 2500000000000000000000n
 * ```
 */
export function maxPayoffWad(strikeWad: bigint, isCall: boolean): bigint {
  return isCall ? WAD : strikeWad
}

/**
 * `OptionValuation.payoffWadUp` (`roundUp`: marks, liabilities) and `payoffWadDown` (payouts, a
 * long's value): max(S−K, 0)/S base for a call, its division rounded accordingly, max(K−S, 0) quote
 * for a put (exact), wad per option.
 *
 * @example
 * ```ts
 * import { payoffWad } from '@smile/sdk'
 *
 * payoffWad(4_000n * 10n ** 18n, 3_000n * 10n ** 18n, true, false) // 250000000000000000n
 * ```
 */
export function payoffWad(
  priceWad: bigint,
  strikeWad: bigint,
  isCall: boolean,
  roundUp: boolean,
): bigint {
  if (isCall) {
    if (priceWad <= strikeWad) return 0n
    return roundUp
      ? mulDivUp(priceWad - strikeWad, WAD, priceWad)
      : mulDiv(priceWad - strikeWad, WAD, priceWad)
  }
  return strikeWad > priceWad ? strikeWad - priceWad : 0n
}

/** `OptionValuation.inDomain`: time at least a minute, prices in range, spot/strike within [1/5, 5]. */
function inDomain(spotWad: bigint, strikeWad: bigint, timeSec: bigint): boolean {
  return !(
    timeSec < MIN_TIME_SEC ||
    spotWad < MIN_PRICE ||
    spotWad > MAX_PRICE ||
    spotWad > MAX_MONEYNESS * strikeWad ||
    strikeWad > MAX_MONEYNESS * spotWad
  )
}

/** `OptionValuation._toCollateralUp` for a call: min(ceil(C/S), 1 base). */
function callValueUp(priceWad: bigint, spotWad: bigint): bigint {
  return min(mulDivUp(priceWad, WAD, spotWad), WAD)
}
