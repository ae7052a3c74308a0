import {
  MoneynessOutOfRangeError,
  RateOutOfRangeError,
  SpotOutOfRangeError,
  StrikeOutOfRangeError,
  TimeOutOfRangeError,
  VolatilityOutOfRangeError,
} from '../../errors/blackScholes.js'
import { normCdfPrecise, normPdfPrecise } from './normalWad.js'
import { expNegPrecise, lnPrecise, PRECISE_ONE, sqrtInTimeRange } from './preciseMath.js'

/**
 * Bigint mirror of `contracts/libraries/BlackScholes.sol`: the same wei for the same inputs and the same
 * errors for the same out-of-domain inputs. See the contract's NatSpec for the method and its error bound.
 */

/** Inputs of the wad pricer, all bigint as on chain. */
export type BlackScholesWadParameters = {
  /** Spot, wad. */
  spot: bigint
  /** Strike, wad. */
  strike: bigint
  /** Time to expiry in seconds (a year is 365 days). */
  timeSec: bigint
  /** Annualised volatility, wad (0.8e18 = 80%). */
  vol: bigint
  /** Continuously compounded annual rate, wad; 0 when omitted. */
  rate?: bigint
  type: 'call' | 'put'
}

/**
 * Price and Greeks per unit of underlying, as `BlackScholes.Greeks`.
 *
 * @example
 * ```ts
 * import { type BlackScholesGreeksWad, blackScholesGreeksWad } from '@smile/sdk'
 *
 * const greeks: BlackScholesGreeksWad = blackScholesGreeksWad({
 *   spot: 3_000n * 10n ** 18n,
 *   strike: 3_000n * 10n ** 18n,
 *   timeSec: 2_592_000n,
 *   vol: 6n * 10n ** 17n,
 *   type: 'call',
 * })
 * ```
 */
export type BlackScholesGreeksWad = {
  /** Premium, wad in the units of the spot, rounded down. */
  price: bigint
  /** dPrice/dSpot, wad. */
  delta: bigint
  /** d²Price/dSpot², wad per unit of spot. */
  gamma: bigint
  /** dPrice/dVol per 1.00 of volatility, wad. */
  vega: bigint
  /** dPrice/dt per year of calendar time, wad. */
  theta: bigint
  /** dPrice/dRate per 1.00 of rate, wad. */
  rho: bigint
}

const ONE = PRECISE_ONE
const WAD_TO_ONE = 10n ** 9n
const YEAR = 31_536_000n
export const MIN_TIME_SEC = 60n
const MAX_TIME_SEC = 5n * YEAR
export const MIN_VOL = 10n ** 16n
export const MAX_VOL = 5n * 10n ** 18n
const MAX_RATE = 2n * 10n ** 17n
export const MIN_PRICE = 10n ** 12n
export const MAX_PRICE = 10n ** 30n
export const MAX_MONEYNESS = 5n

type Inputs = { d1: bigint; v: bigint; ek: bigint; sqrtTau: bigint }

function inputs({ spot, strike, timeSec, vol, rate = 0n }: BlackScholesWadParameters): Inputs {
  if (timeSec < MIN_TIME_SEC || timeSec > MAX_TIME_SEC) throw new TimeOutOfRangeError(timeSec)
  if (vol < MIN_VOL || vol > MAX_VOL) throw new VolatilityOutOfRangeError(vol)
  if (rate < 0n || rate > MAX_RATE) throw new RateOutOfRangeError(rate)
  if (spot < MIN_PRICE || spot > MAX_PRICE) throw new SpotOutOfRangeError(spot)
  if (strike < MIN_PRICE || strike > MAX_PRICE) throw new StrikeOutOfRangeError(strike)
  if (spot > MAX_MONEYNESS * strike || strike > MAX_MONEYNESS * spot) {
    throw new MoneynessOutOfRangeError(spot, strike)
  }
  const sqrtTau = sqrtInTimeRange((timeSec * 10n ** 54n) / YEAR)
  const v = (vol * sqrtTau) / 10n ** 18n
  const ratio = (strike * ONE) / spot
  let k = lnPrecise(ratio)
  let ek = ratio
  if (rate !== 0n) {
    const rt = (rate * timeSec * WAD_TO_ONE) / YEAR
    ek = (ratio * expNegPrecise(rt)) / ONE
    k -= rt
  }
  const d1 = (-k * ONE) / v + v / 2n
  return { d1, v, ek, sqrtTau }
}

function priceFrom(spot: bigint, nd1: bigint, nd2: bigint, ek: bigint, isCall: boolean): bigint {
  const c = isCall ? nd1 - (ek * nd2) / ONE : (ek * (ONE - nd2)) / ONE - (ONE - nd1)
  return c > 0n ? (spot * c) / ONE : 0n
}

function deltaFrom(nd1: bigint, isCall: boolean): bigint {
  return isCall ? nd1 / WAD_TO_ONE : -((ONE - nd1) / WAD_TO_ONE)
}

/**
 * Black-Scholes premium in wad, the same wei as `BlackScholes.price`.
 *
 * @throws {TimeOutOfRangeError | VolatilityOutOfRangeError | RateOutOfRangeError | SpotOutOfRangeError |
 * StrikeOutOfRangeError | MoneynessOutOfRangeError} outside the library's domain.
 * @example
 * ```ts
 * // Hull's example: S = 42, K = 40, r = 10%, σ = 20%, six months
 * blackScholesWad({
 *   spot: 42n * 10n ** 18n,
 *   strike: 40n * 10n ** 18n,
 *   timeSec: 15_768_000n,
 *   vol: 2n * 10n ** 17n,
 *   rate: 10n ** 17n,
 *   type: 'call',
 * }) // 4759422392871533219n
 * ```
 */
export function blackScholesWad(parameters: BlackScholesWadParameters): bigint {
  const { d1, v, ek } = inputs(parameters)
  const isCall = parameters.type === 'call'
  return priceFrom(parameters.spot, normCdfPrecise(d1), normCdfPrecise(d1 - v), ek, isCall)
}

/**
 * Premium and delta in wad, the same wei as `BlackScholes.priceAndDelta`.
 *
 * @throws the errors of {@link blackScholesWad}.
 * @example
 * ```ts
 * const { price, delta } = blackScholesPriceAndDeltaWad({
 *   spot: 42n * 10n ** 18n,
 *   strike: 40n * 10n ** 18n,
 *   timeSec: 15_768_000n,
 *   vol: 2n * 10n ** 17n,
 *   rate: 10n ** 17n,
 *   type: 'put',
 * })
 * ```
 */
export function blackScholesPriceAndDeltaWad(parameters: BlackScholesWadParameters): {
  price: bigint
  delta: bigint
} {
  const { d1, v, ek } = inputs(parameters)
  const isCall = parameters.type === 'call'
  const nd1 = normCdfPrecise(d1)
  return {
    price: priceFrom(parameters.spot, nd1, normCdfPrecise(d1 - v), ek, isCall),
    delta: deltaFrom(nd1, isCall),
  }
}

/**
 * Premium, delta, gamma, vega, theta and rho in wad, the same wei as `BlackScholes.greeks`.
 *
 * @throws the errors of {@link blackScholesWad}.
 * @example
 * ```ts
 * const greeks = blackScholesGreeksWad({
 *   spot: 42n * 10n ** 18n,
 *   strike: 40n * 10n ** 18n,
 *   timeSec: 15_768_000n,
 *   vol: 2n * 10n ** 17n,
 *   rate: 10n ** 17n,
 *   type: 'call',
 * })
 * greeks.rho // 13982045913360281139n
 * ```
 */
export function blackScholesGreeksWad(
  parameters: BlackScholesWadParameters,
): BlackScholesGreeksWad {
  const { d1, v, ek, sqrtTau } = inputs(parameters)
  const { spot, timeSec, vol, rate = 0n } = parameters
  const isCall = parameters.type === 'call'
  const nd1 = normCdfPrecise(d1)
  const nd2 = normCdfPrecise(d1 - v)
  const pdf1 = normPdfPrecise(d1)
  const decay = (pdf1 * vol * WAD_TO_ONE) / (2n * sqrtTau)
  const strikeLeg = isCall ? (ek * nd2) / ONE : (ek * (ONE - nd2)) / ONE
  const carry = (rate * strikeLeg) / 10n ** 18n
  const rho = (spot * strikeLeg * timeSec) / (YEAR * ONE)
  return {
    price: priceFrom(spot, nd1, nd2, ek, isCall),
    delta: deltaFrom(nd1, isCall),
    gamma: (pdf1 * 10n ** 36n) / (spot * v),
    vega: (spot * ((pdf1 * sqrtTau) / ONE)) / ONE,
    theta: isCall ? -((spot * (decay + carry)) / ONE) : (spot * (carry - decay)) / ONE,
    rho: isCall ? rho : -rho,
  }
}
