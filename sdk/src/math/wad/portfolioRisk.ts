import {
  LegSizeOutOfRangeError,
  ParameterOutOfBoundsError,
  type PortfolioRiskParameter,
  TooManyLegsError,
} from '../../errors/portfolioRisk.js'
import { SVI_BOUNDS_WAD } from '../sviBounds.js'
import { WAD } from '../wad.js'
import { MIN_TIME_SEC } from './blackScholesWad.js'
import { abs, divUp, max, min, mulDiv, mulDivUp, mulWad, mulWadUp } from './fixedPoint.js'
import { optionMarkWad } from './optionValuation.js'
import { sqrt } from './sqrt.js'
import { type SviParamsWad, sviImpliedVolWad } from './sviWad.js'

/**
 * Bigint mirror of `contracts/libraries/PortfolioRisk.sol` (contracts/margin/PORTFOLIO.md): the
 * portfolio margin of one account, its equity, worst loss over the box [S·(1 − x), S·(1 + x)] ×
 * [σ·(1 − y), σ·(1 + y)], floor, IM and MM, to the wei, with the same operations in the same order
 * (so the same error first where the contract reverts). Options are marked with
 * {@link optionMarkWad}, the mirror of `OptionValuation.markWad`.
 */

const YEAR = 31_536_000n

/** Intervals of the spot grid in [2, 8]. */
const MIN_SPOT_INTERVALS = 2n
const MAX_SPOT_INTERVALS = 8n
/** Most legs in one portfolio. */
const MAX_LEGS = 16n
// Literals rather than bigint arithmetic: a bundler drops an unused literal constant, but keeps an
// expression such as 10n ** 16n (test/package/pack.test.ts counts what is kept at load).
/** Largest |size| of a leg, wad: 2^96 − 1. */
const MAX_LEG_SIZE = 0xffff_ffff_ffff_ffff_ffff_ffffn
/** Spot shock x in [1 %, 50 %]. */
const MIN_SPOT_SHOCK = 10_000_000_000_000_000n
const MAX_SPOT_SHOCK = 500_000_000_000_000_000n
/** Vol shock y in [0, 90 %]. */
const MAX_VOL_SHOCK = 900_000_000_000_000_000n
/** `PortfolioRisk.PRICED_LOG_MONEYNESS`: above every |k| a mark is priced at (ln 5 + r·T ≤ 2.61). */
const PRICED_LOG_MONEYNESS = 2_700_000_000_000_000_000n
/** Haircuts and MM/IM in [0, 100 %]. */
const MAX_HAIRCUT = WAD
const MAX_MAINTENANCE_RATIO = WAD
/** Spot-shock rule: k in [1, 10] standard deviations, horizon 1 hour to 7 days. */
const MIN_MULTIPLIER = WAD
const MAX_MULTIPLIER = 10_000_000_000_000_000_000n
const MIN_HORIZON_SEC = 3_600n
const MAX_HORIZON_SEC = 604_800n

/**
 * The constants of `PortfolioRisk.sol`, one for one (wad fractions, seconds, counts): the bounds
 * `portfolioMargin` and `spotShockWad` check, as the contract does.
 *
 * @example
 * ```ts
 * import { PORTFOLIO_RISK_BOUNDS } from '@smile/sdk'
 *
 * PORTFOLIO_RISK_BOUNDS.maxLegs // 16n
 * PORTFOLIO_RISK_BOUNDS.maxSpotShock // 500000000000000000n (50 %)
 * ```
 */
export const PORTFOLIO_RISK_BOUNDS = {
  /** `MIN_SPOT_INTERVALS`: fewest intervals of the spot grid. */
  minSpotIntervals: MIN_SPOT_INTERVALS,
  /** `MAX_SPOT_INTERVALS`: most intervals of the spot grid. */
  maxSpotIntervals: MAX_SPOT_INTERVALS,
  /** `MAX_LEGS`: most legs in one portfolio, over all its expiries. */
  maxLegs: MAX_LEGS,
  /** `MAX_LEG_SIZE`: largest |size| of a leg, wad (2^96 − 1). */
  maxLegSize: MAX_LEG_SIZE,
  /** `MIN_SPOT_SHOCK`: smallest spot shock x, 1 %. */
  minSpotShock: MIN_SPOT_SHOCK,
  /** `MAX_SPOT_SHOCK`: largest spot shock x, 50 %. */
  maxSpotShock: MAX_SPOT_SHOCK,
  /** `MAX_VOL_SHOCK`: largest relative vol shock y, 90 % (the smallest is 0). */
  maxVolShock: MAX_VOL_SHOCK,
  /** `MAX_HAIRCUT`: largest haircut of either collateral, 100 %. */
  maxHaircut: MAX_HAIRCUT,
  /** `MAX_MAINTENANCE_RATIO`: largest MM/IM, 100 %. */
  maxMaintenanceRatio: MAX_MAINTENANCE_RATIO,
  /** `MIN_MULTIPLIER`: fewest standard deviations k of the spot-shock rule. */
  minMultiplier: MIN_MULTIPLIER,
  /** `MAX_MULTIPLIER`: most standard deviations k of the spot-shock rule. */
  maxMultiplier: MAX_MULTIPLIER,
  /** `MIN_HORIZON_SEC`: shortest liquidation horizon, 1 hour. */
  minHorizonSec: MIN_HORIZON_SEC,
  /** `MAX_HORIZON_SEC`: longest liquidation horizon, 7 days. */
  maxHorizonSec: MAX_HORIZON_SEC,
} as const

/**
 * `PortfolioRisk.Leg`: `sizeWad` options (> 0 long, < 0 short) of the series (its expiry's,
 * `strikeWad`, `isCall`).
 *
 * @example
 * ```ts
 * import type { PortfolioLegWad } from '@smile/sdk'
 *
 * const shortPut: PortfolioLegWad = { strikeWad: 2_800n * 10n ** 18n, isCall: false, sizeWad: -2n * 10n ** 18n }
 * ```
 */
export type PortfolioLegWad = {
  /** Strike, wad of quote per base. */
  strikeWad: bigint
  /** Call (collateral base) or put (collateral quote). */
  isCall: boolean
  /** Signed size, wad of options: > 0 long, < 0 short; |size| at most 2^96 − 1. */
  sizeWad: bigint
}

/**
 * `PortfolioRisk.ExpiryLegs`: the legs of one expiry, its seconds to expiry and its SVI smile.
 *
 * @example
 * ```ts
 * import type { PortfolioExpiryWad } from '@smile/sdk'
 *
 * const expiry: PortfolioExpiryWad = {
 *   timeSec: 2_592_000n,
 *   smile: { a: 3n * 10n ** 16n, b: 4n * 10n ** 16n, rho: -3n * 10n ** 17n, m: 0n, sigma: 10n ** 17n },
 *   legs: [{ strikeWad: 3_200n * 10n ** 18n, isCall: true, sizeWad: 10n ** 18n }],
 * }
 * ```
 */
export type PortfolioExpiryWad = {
  /** Seconds to expiry (under a minute: the options are marked at their payoff). */
  timeSec: bigint
  /** The expiry's SVI smile. */
  smile: SviParamsWad
  /** Its legs. */
  legs: readonly PortfolioLegWad[]
}

/**
 * `PortfolioRisk.Collateral`: base and quote held, wad, and the haircut of each (wad fraction of
 * its value, at most 1e18).
 *
 * @example
 * ```ts
 * import type { PortfolioCollateralWad } from '@smile/sdk'
 *
 * const collateral: PortfolioCollateralWad = {
 *   baseWad: 2n * 10n ** 18n,
 *   quoteWad: 10_000n * 10n ** 18n,
 *   baseHaircutWad: 10n ** 17n,
 *   quoteHaircutWad: 0n,
 * }
 * ```
 */
export type PortfolioCollateralWad = {
  /** Base held, wad. */
  baseWad: bigint
  /** Quote held, wad. */
  quoteWad: bigint
  /** Haircut of the base, wad fraction in [0, 1e18]. */
  baseHaircutWad: bigint
  /** Haircut of the quote, wad fraction in [0, 1e18]. */
  quoteHaircutWad: bigint
}

/**
 * `PortfolioRisk.Shocks`: the number n of intervals of the spot grid (n + 1 spots
 * S·(1 − x + 2x·i/n)), the spot shock x, the relative vol shock y, the floor per short (share of
 * its maximum payoff in quote) and MM/IM; all but n are wad fractions.
 *
 * @example
 * ```ts
 * import type { PortfolioShocksWad } from '@smile/sdk'
 *
 * const shocks: PortfolioShocksWad = {
 *   spotIntervals: 4n,
 *   spotShockWad: 15n * 10n ** 16n,
 *   volShockWad: 3n * 10n ** 17n,
 *   floorShareWad: 10n ** 16n,
 *   maintenanceRatioWad: 8n * 10n ** 17n,
 * }
 * ```
 */
export type PortfolioShocksWad = {
  /** n, intervals of the spot grid, in [2, 8]. */
  spotIntervals: bigint
  /** x, in [1 %, 50 %]. */
  spotShockWad: bigint
  /** y, in [0, 90 %]. */
  volShockWad: bigint
  /** Floor per short, share of its maximum payoff (call: S, put: K), in [0, 100 %]. */
  floorShareWad: bigint
  /** MM/IM, in [0, 100 %]. */
  maintenanceRatioWad: bigint
}

/**
 * `PortfolioRisk.ShockRule`: the spot shock from predicted volatility,
 * x = clamp(k·σ_ATM·sqrt(h/YEAR), xMin, xMax).
 *
 * @example
 * ```ts
 * import type { SpotShockRuleWad } from '@smile/sdk'
 *
 * const rule: SpotShockRuleWad = {
 *   multiplierWad: 3n * 10n ** 18n,
 *   horizonSec: 86_400n,
 *   minShockWad: 5n * 10n ** 16n,
 *   maxShockWad: 4n * 10n ** 17n,
 * }
 * ```
 */
export type SpotShockRuleWad = {
  /** k, standard deviations, wad, in [1, 10]. */
  multiplierWad: bigint
  /** h, the liquidation horizon, seconds, in [1 hour, 7 days]. */
  horizonSec: bigint
  /** xMin, in [1 %, xMax]. */
  minShockWad: bigint
  /** xMax, in [1 %, 50 %]. */
  maxShockWad: bigint
}

/**
 * `PortfolioRisk.Margin`: the account's margin, wad of quote.
 *
 * @example
 * ```ts
 * import { type PortfolioMarginWad, portfolioMargin } from '@smile/sdk'
 *
 * const shocks = { spotIntervals: 4n, spotShockWad: 10n ** 17n, volShockWad: 0n, floorShareWad: 0n, maintenanceRatioWad: 0n }
 * const collateral = { baseWad: 0n, quoteWad: 10n ** 21n, baseHaircutWad: 0n, quoteHaircutWad: 0n }
 * const margin: PortfolioMarginWad = portfolioMargin([], 3_000n * 10n ** 18n, 0n, shocks, collateral)
 * margin.equityWad // 1000000000000000000000n: the quote held, and nothing at risk
 * ```
 */
export type PortfolioMarginWad = {
  /** Collateral (after haircuts) + longs − shorts at today's spot and smiles. */
  equityWad: bigint
  /** Bound on the loss from `equityWad` at any point of the box, rounded up, ≥ 0. */
  worstLossWad: bigint
  /** Σ |short|·floorShare·maxPayoff, rounded up. */
  floorWad: bigint
  /** worstLoss + floor. */
  initialMarginWad: bigint
  /** MM/IM·IM, rounded up. */
  maintenanceMarginWad: bigint
}

/**
 * `PortfolioRisk.margin`: the portfolio's equity, worst loss over the box, floor, IM and MM, wad
 * of quote, to the wei what the contract returns for the same inputs.
 *
 * @param book Legs grouped by expiry.
 * @param spotWad Oracle spot, wad.
 * @param rateWad Rate, wad per year.
 * @param shocks Grid intervals, spot and vol shocks, floor share, MM/IM.
 * @param collateral Base and quote held, and their haircuts.
 * @throws {ParameterOutOfBoundsError} for a shock, haircut or ratio outside its bounds (checked in
 * the contract's order: intervals, x, y, floor share, MM/IM, base haircut, quote haircut).
 * @throws {LegSizeOutOfRangeError} for the first leg whose |size| is above 2^96 − 1.
 * @throws {TooManyLegsError} for more than 16 legs.
 * @throws the SVI and Black-Scholes errors of {@link optionMarkWad} where a mark reverts (a smile
 * that fails validation, a time beyond 5 years).
 * @example
 * ```ts
 * import { portfolioMargin } from '@smile/sdk'
 *
 * const smile = { a: 3n * 10n ** 16n, b: 4n * 10n ** 16n, rho: -3n * 10n ** 17n, m: 0n, sigma: 10n ** 17n }
 * const book = [
 *   {
 *     timeSec: 2_592_000n,
 *     smile,
 *     legs: [
 *       { strikeWad: 2_800n * 10n ** 18n, isCall: false, sizeWad: -(10n ** 18n) },
 *       { strikeWad: 2_600n * 10n ** 18n, isCall: false, sizeWad: 10n ** 18n },
 *     ],
 *   },
 * ]
 * const shocks = {
 *   spotIntervals: 4n,
 *   spotShockWad: 15n * 10n ** 16n,
 *   volShockWad: 3n * 10n ** 17n,
 *   floorShareWad: 10n ** 16n,
 *   maintenanceRatioWad: 8n * 10n ** 17n,
 * }
 * const collateral = { baseWad: 0n, quoteWad: 1_000n * 10n ** 18n, baseHaircutWad: 0n, quoteHaircutWad: 0n }
 * const { equityWad, initialMarginWad } = portfolioMargin(book, 3_000n * 10n ** 18n, 0n, shocks, collateral)
 * const healthy = equityWad >= initialMarginWad // the put spread needs at most its 200 quote of maximum loss
 * ```
 */
export function portfolioMargin(
  book: readonly PortfolioExpiryWad[],
  spotWad: bigint,
  rateWad: bigint,
  shocks: PortfolioShocksWad,
  collateral: PortfolioCollateralWad,
): PortfolioMarginWad {
  const allowanceWad = checkInputs(book, spotWad, shocks, collateral)
  const now = valueNow(book, spotWad, rateWad, shocks.floorShareWad)
  const equityWad = now.valueWad + collateralValueWad(collateral, spotWad)
  let lowestWad = gridLowest(book, spotWad, rateWad, shocks, collateral)
  const capLowestWad = payoffLowest(book, spotWad, shocks.spotShockWad, collateral)
  if (capLowestWad !== undefined && capLowestWad > lowestWad) lowestWad = capLowestWad
  lowestWad -= allowanceWad
  const worstLossWad = equityWad > lowestWad ? equityWad - lowestWad : 0n
  const initialMarginWad = worstLossWad + now.floorWad
  return {
    equityWad,
    worstLossWad,
    floorWad: now.floorWad,
    initialMarginWad,
    maintenanceMarginWad: mulWadUp(initialMarginWad, shocks.maintenanceRatioWad),
  }
}

/**
 * `PortfolioRisk.spotShockWad`: x = clamp(k·σ_ATM·sqrt(h/YEAR), xMin, xMax), σ_ATM the nearest
 * expiry's at-the-money-forward vol (k = 0 on its smile), rounded up, as is the square root. With
 * under a minute to the nearest expiry the shock is xMax.
 *
 * @param nearestSmile SVI smile of the nearest expiry.
 * @param nearestTimeSec Seconds to it.
 * @param rule k, h and the bounds.
 * @returns x, wad fraction, in [xMin, xMax].
 * @throws {ParameterOutOfBoundsError} unless k ∈ [1, 10], h ∈ [1 hour, 7 days] and
 * 1 % ≤ xMin ≤ xMax ≤ 50 % (checked in that order: k, h, xMax, xMin).
 * @throws the errors of `sviImpliedVolWad` where `Svi.impliedVol` reverts.
 * @example
 * ```ts
 * import { spotShockWad } from '@smile/sdk'
 *
 * const smile = { a: 36n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: 10n ** 17n } // 60 % flat over a year
 * const rule = { multiplierWad: 3n * 10n ** 18n, horizonSec: 86_400n, minShockWad: 10n ** 16n, maxShockWad: 5n * 10n ** 17n }
 * spotShockWad(smile, 31_536_000n, rule) // about 3 · 0.6 · sqrt(1/365) ≈ 9.4 %
 * ```
 */
export function spotShockWad(
  nearestSmile: SviParamsWad,
  nearestTimeSec: bigint,
  rule: SpotShockRuleWad,
): bigint {
  check('multiplierWad', rule.multiplierWad, MIN_MULTIPLIER, MAX_MULTIPLIER)
  check('horizonSec', rule.horizonSec, MIN_HORIZON_SEC, MAX_HORIZON_SEC)
  check('maxShockWad', rule.maxShockWad, MIN_SPOT_SHOCK, MAX_SPOT_SHOCK)
  check('minShockWad', rule.minShockWad, MIN_SPOT_SHOCK, rule.maxShockWad)
  if (nearestTimeSec < MIN_TIME_SEC) return rule.maxShockWad
  const atmVolWad = sviImpliedVolWad(nearestSmile, 0n, nearestTimeSec)
  const ratio = divUp(rule.horizonSec * WAD * WAD, YEAR)
  let rootWad = sqrt(ratio)
  if (rootWad * rootWad < ratio) rootWad += 1n
  const shock = mulWadUp(mulWadUp(rule.multiplierWad, atmVolWad), rootWad)
  return min(max(shock, rule.minShockWad), rule.maxShockWad)
}

/**
 * `PortfolioRisk.gridSpotWad`: the spot at point `index` (0 to n) of a grid of n = `intervals`
 * intervals over [S·(1 − x), S·(1 + x)], S·(1 − x + 2x·index/n), rounded down. Defined for
 * `intervals` ≥ 1 and x ≤ 1e18, as the contract's checked arithmetic requires.
 *
 * @example
 * ```ts
 * import { gridSpotWad } from '@smile/sdk'
 *
 * gridSpotWad(3_000n * 10n ** 18n, 10n ** 17n, 4n, 1n) // 2850000000000000000000n: 3,000 · (1 − 0.1 + 0.05)
 * ```
 */
export function gridSpotWad(
  spotWad: bigint,
  spotShockWad: bigint,
  intervals: bigint,
  index: bigint,
): bigint {
  return mulDiv(
    spotWad,
    WAD * intervals - spotShockWad * intervals + 2n * spotShockWad * index,
    WAD * intervals,
  )
}

/**
 * `PortfolioRisk.scaledSmile`: `smile` with every vol scaled by `volScaleWad` (σ → λ·σ: a and b
 * times λ²), rounded up (`roundUp`, the high-vol smile shorts are valued on) or down (the longs'
 * low-vol smile), to the wei. A high smile beyond SVI's magnitude bounds (b above 2, a above 125)
 * is cut to them with a raised by what the cut wing takes where marks are priced, as on chain.
 *
 * @example
 * ```ts
 * import { scaledSmile } from '@smile/sdk'
 *
 * const smile = { a: 4n * 10n ** 16n, b: 10n ** 17n, rho: 0n, m: 0n, sigma: 10n ** 17n }
 * scaledSmile(smile, 12n * 10n ** 17n, true).a // 57600000000000000n: 0.04 · 1.2²
 * ```
 */
export function scaledSmile(
  smile: SviParamsWad,
  volScaleWad: bigint,
  roundUp: boolean,
): SviParamsWad {
  const varianceScaleWad = roundUp
    ? mulWadUp(volScaleWad, volScaleWad)
    : mulWad(volScaleWad, volScaleWad)
  // Solidity's int256 division, like bigint's, truncates toward zero: one wei the other way when
  // the rounding asked for is away from zero.
  const product = smile.a * varianceScaleWad
  let a = product / WAD
  if (roundUp && smile.a > 0n && a * WAD !== product) a += 1n
  if (!roundUp && smile.a < 0n && a * WAD !== product) a -= 1n
  let b = roundUp ? mulWadUp(smile.b, varianceScaleWad) : mulWad(smile.b, varianceScaleWad)
  if (roundUp) {
    // `_withinMagnitudes`: a high smile beyond SVI's magnitude bounds is cut to them, never below
    // the scaled smile where a mark is priced.
    if (b > SVI_BOUNDS_WAD.maxWingSlope) {
      const wing = mulWadUp(WAD + abs(smile.rho), PRICED_LOG_MONEYNESS + abs(smile.m)) + smile.sigma
      a += mulWadUp(b - SVI_BOUNDS_WAD.maxWingSlope, wing)
      b = SVI_BOUNDS_WAD.maxWingSlope
    }
    if (a > SVI_BOUNDS_WAD.maxAbsA) a = SVI_BOUNDS_WAD.maxAbsA
  }
  return { a, b, rho: smile.rho, m: smile.m, sigma: smile.sigma }
}

/**
 * `PortfolioRisk.collateralValueWad`: the collateral's quote value at spot `spotWad`,
 * base·S·(1 − h_base) + quote·(1 − h_quote), rounded down.
 *
 * @example
 * ```ts
 * import { collateralValueWad } from '@smile/sdk'
 *
 * const collateral = { baseWad: 10n ** 18n, quoteWad: 500n * 10n ** 18n, baseHaircutWad: 10n ** 17n, quoteHaircutWad: 0n }
 * collateralValueWad(collateral, 3_000n * 10n ** 18n) // 3200000000000000000000n: 2,700 + 500
 * ```
 */
export function collateralValueWad(collateral: PortfolioCollateralWad, spotWad: bigint): bigint {
  return (
    mulWad(mulWad(collateral.baseWad, spotWad), WAD - collateral.baseHaircutWad) +
    mulWad(collateral.quoteWad, WAD - collateral.quoteHaircutWad)
  )
}

// ---------------------------------------------------------------- internals

/** `ParameterBounds.check`. */
function check(
  parameter: PortfolioRiskParameter,
  value: bigint,
  minValue: bigint,
  maxValue: bigint,
): void {
  if (value < minValue || value > maxValue) {
    throw new ParameterOutOfBoundsError(parameter, value, minValue, maxValue)
  }
}

/** `PortfolioRisk.quoteValueWad`: a call's mark (base) times spot, a put's (quote) as is. */
function quoteValueWad(
  markWad: bigint,
  spotWad: bigint,
  isCall: boolean,
  roundUp: boolean,
): bigint {
  if (!isCall) return markWad
  return roundUp ? mulWadUp(markWad, spotWad) : mulWad(markWad, spotWad)
}

/** `_checkInputs`: the bounds, then each leg's size, then the count; returns the allowance. */
function checkInputs(
  book: readonly PortfolioExpiryWad[],
  spotWad: bigint,
  shocks: PortfolioShocksWad,
  collateral: PortfolioCollateralWad,
): bigint {
  check('spotIntervals', shocks.spotIntervals, MIN_SPOT_INTERVALS, MAX_SPOT_INTERVALS)
  check('spotShockWad', shocks.spotShockWad, MIN_SPOT_SHOCK, MAX_SPOT_SHOCK)
  check('volShockWad', shocks.volShockWad, 0n, MAX_VOL_SHOCK)
  check('floorShareWad', shocks.floorShareWad, 0n, WAD)
  check('maintenanceRatioWad', shocks.maintenanceRatioWad, 0n, MAX_MAINTENANCE_RATIO)
  check('baseHaircutWad', collateral.baseHaircutWad, 0n, MAX_HAIRCUT)
  check('quoteHaircutWad', collateral.quoteHaircutWad, 0n, MAX_HAIRCUT)
  const perOptionWad = gridSpotWad(spotWad, shocks.spotShockWad, 1n, 1n) / WAD + 2n
  let allowanceWad = 0n
  let count = 0n
  for (const { legs } of book) {
    count += BigInt(legs.length)
    for (const leg of legs) {
      const size = abs(leg.sizeWad)
      if (size > MAX_LEG_SIZE) throw new LegSizeOutOfRangeError(leg.sizeWad)
      allowanceWad += mulWadUp(size, perOptionWad)
    }
  }
  if (count > MAX_LEGS) throw new TooManyLegsError(count)
  return allowanceWad
}

/** `_now`: the options' value at today's spot and smiles, and the floor. */
function valueNow(
  book: readonly PortfolioExpiryWad[],
  spotWad: bigint,
  rateWad: bigint,
  floorShareWad: bigint,
): { valueWad: bigint; floorWad: bigint } {
  let valueWad = 0n
  let floorWad = 0n
  for (const { smile, timeSec, legs } of book) {
    for (const leg of legs) {
      const { strikeWad, isCall } = leg
      const mark = optionMarkWad({ smile, spotWad, strikeWad, timeSec, rateWad, isCall })
      valueWad += legValueWad(leg, mark, spotWad)
      if (leg.sizeWad < 0n) {
        const maxPayoff = isCall ? spotWad : strikeWad
        floorWad += mulWadUp(-leg.sizeWad, mulWadUp(floorShareWad, maxPayoff))
      }
    }
  }
  return { valueWad, floorWad }
}

/** `_legValueWad`: a long at (mark − 1 wei) rounded down, a short at its mark rounded up. */
function legValueWad(leg: PortfolioLegWad, markWad: bigint, spotWad: bigint): bigint {
  if (leg.sizeWad > 0n) return mulWad(leg.sizeWad, longQuoteWad(markWad, spotWad, leg.isCall))
  return -mulWadUp(-leg.sizeWad, quoteValueWad(markWad, spotWad, leg.isCall, true))
}

/** `_longQuoteWad`: a long's per-option quote value, (mark − 1 wei) rounded down. */
function longQuoteWad(markWad: bigint, spotWad: bigint, isCall: boolean): bigint {
  return quoteValueWad(markWad === 0n ? 0n : markWad - 1n, spotWad, isCall, false)
}

/** `_gridLowest`: the lowest value over the box by the grid, collateral included. */
function gridLowest(
  book: readonly PortfolioExpiryWad[],
  spotWad: bigint,
  rateWad: bigint,
  shocks: PortfolioShocksWad,
  collateral: PortfolioCollateralWad,
): bigint {
  const high = book.map((e) => scaledSmile(e.smile, WAD + shocks.volShockWad, true))
  const low = book.map((e) => scaledSmile(e.smile, WAD - shocks.volShockWad, false))
  const longValues: bigint[] = []
  let lowestWad: bigint | undefined
  let previousWad = 0n
  let previousSpot = 0n
  const intervals = shocks.spotIntervals
  for (let i = 0n; i < intervals + 1n; i++) {
    const s = gridSpotWad(spotWad, shocks.spotShockWad, intervals, i)
    const decoupled = decoupledValue(book, high, low, s, previousSpot, rateWad, longValues, i)
    const valueWad = decoupled.valueWad + collateralValueWad(collateral, s)
    if (i !== 0n) {
      const intervalLowest = min(valueWad, previousWad) - decoupled.gapWad
      if (lowestWad === undefined || intervalLowest < lowestWad) lowestWad = intervalLowest
    }
    previousWad = valueWad
    previousSpot = s
  }
  // n ≥ 2 intervals: set at i = 1.
  return lowestWad as bigint
}

/** `_decoupled`: D(s) (shorts on `high`, longs on `low`) and the longs' chord gaps since the last spot. */
function decoupledValue(
  book: readonly PortfolioExpiryWad[],
  high: readonly SviParamsWad[],
  low: readonly SviParamsWad[],
  s: bigint,
  previousSpot: bigint,
  rateWad: bigint,
  longValues: bigint[],
  index: bigint,
): { valueWad: bigint; gapWad: bigint } {
  let valueWad = 0n
  let gapWad = 0n
  let g = 0
  book.forEach(({ timeSec, legs }, e) => {
    for (const leg of legs) {
      const { strikeWad, isCall } = leg
      const isLong = leg.sizeWad > 0n
      const smile = (isLong ? low[e] : high[e]) as SviParamsWad
      const mark = optionMarkWad({ smile, spotWad: s, strikeWad, timeSec, rateWad, isCall })
      if (isLong) {
        const q = longQuoteWad(mark, s, isCall)
        if (index !== 0n) {
          gapWad += mulWadUp(leg.sizeWad, chordGapWad(q, longValues[g] as bigint, s - previousSpot))
        }
        longValues[g] = q
      }
      valueWad += legValueWad(leg, mark, s)
      g++
    }
  })
  return { valueWad, gapWad }
}

/** `_chordGapWad`: d·(h − d)/h rounded up plus a wei; 1 where d ≥ h. */
function chordGapWad(toWad: bigint, fromWad: bigint, widthWad: bigint): bigint {
  const d = toWad > fromWad ? toWad - fromWad : fromWad - toWad
  if (d >= widthWad) return 1n
  return mulDivUp(d, widthWad - d, widthWad) + 1n
}

/**
 * `_payoffLowest`: the payoff cap, the collateral at the grid's lowest spot plus each expiry's
 * negative minimum payoff; `undefined` (not capped) when an expiry is net short calls.
 */
function payoffLowest(
  book: readonly PortfolioExpiryWad[],
  spotWad: bigint,
  spotShockWad: bigint,
  collateral: PortfolioCollateralWad,
): bigint | undefined {
  let lowestWad = collateralValueWad(collateral, gridSpotWad(spotWad, spotShockWad, 1n, 0n))
  for (const { legs } of book) {
    let netCalls = 0n
    for (const leg of legs) if (leg.isCall) netCalls += leg.sizeWad
    if (netCalls < 0n) return undefined
    let minimumWad = payoffAt(legs, 0n)
    for (const leg of legs) minimumWad = min(minimumWad, payoffAt(legs, leg.strikeWad))
    if (minimumWad < 0n) lowestWad += minimumWad
  }
  return lowestWad
}

/** `_payoffAt`: Σ size·payoff at final spot `priceWad`, quote, rounded down. */
function payoffAt(legs: readonly PortfolioLegWad[], priceWad: bigint): bigint {
  let payoffWad = 0n
  for (const { strikeWad, isCall, sizeWad } of legs) {
    const intrinsic = isCall
      ? priceWad > strikeWad
        ? priceWad - strikeWad
        : 0n
      : strikeWad > priceWad
        ? strikeWad - priceWad
        : 0n
    payoffWad += sizeWad > 0n ? mulWad(sizeWad, intrinsic) : -mulWadUp(-sizeWad, intrinsic)
  }
  return payoffWad
}
