import { PortfolioStateIncompleteError } from '../errors/portfolio.js'
import { MIN_TIME_SEC } from '../math/wad/blackScholesWad.js'
import { mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { optionMarkWad, payoffWad } from '../math/wad/optionValuation.js'
import {
  type PortfolioExpiryWad,
  type PortfolioLegWad,
  portfolioMargin,
  spotShockWad,
} from '../math/wad/portfolioRisk.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import type { PortfolioPosition, PortfolioState } from './state.js'

/**
 * An account's margin, wad of quote, as `IPortfolioMarginEngine.AccountMargin` (its nine fields,
 * to the wei what `marginOf` returns) plus the health, equity − MM.
 *
 * @example
 * ```ts
 * import type { PortfolioAccountMargin } from '@smile/sdk/portfolio'
 *
 * const liquidatable = (m: PortfolioAccountMargin) => m.healthWad < 0n && m.equityWad >= 0n
 * ```
 */
export type PortfolioAccountMargin = {
  /** Base collateral, token units. */
  baseAssets: bigint
  /** Quote collateral, token units. */
  quoteAssets: bigint
  /** The spot the margin is computed at. */
  spotWad: bigint
  /** The spot shock x used (the nearest live expiry's vol-following shock). */
  spotShockWad: bigint
  /** Collateral after haircuts + longs − shorts (+ settled positions' fixed value). */
  equityWad: bigint
  worstLossWad: bigint
  floorWad: bigint
  initialMarginWad: bigint
  maintenanceMarginWad: bigint
  /** equity − MM: below 0 the account can be liquidated. */
  healthWad: bigint
}

/** The parts of an account a margin depends on besides the market's inputs. */
export type PortfolioBook = {
  baseAssets: bigint
  quoteAssets: bigint
  positions: readonly PortfolioPosition[]
}

export type ComputePortfolioMarginParameters = {
  /**
   * The engine's `riskReducing` flag: the margin at the worse end (lower health) of the oracle's
   * price range, what liquidations use; else at the strict spot (what margin checks use).
   */
  riskReducing?: boolean
  /** Another spot to compute at (a what-if); overrides both. */
  spotWad?: bigint
  /** Another block timestamp to compute at (the next block's, say); the state's by default. */
  timestamp?: bigint
}

/**
 * `PortfolioMarginEngine.marginOf(accountId, riskReducing)` to the wei, from a fetched state: the
 * positions grouped by expiry (in the engine's order) with each expiry's smile, positions of
 * settled expiries at their fixed payoff outside the grid, the spot shock of the nearest expiry at
 * least a minute away (the maximum shock without one), then `portfolioMargin`; with
 * `riskReducing`, at both ends of the price range when they differ, the one of lower health.
 *
 * @throws PortfolioStateIncompleteError without a strict spot (degraded oracle, not
 * `riskReducing`) or without a smile or settlement price the engine would read.
 * @throws the errors of `portfolioMargin` and `spotShockWad` where the engine reverts.
 * @example
 * ```ts
 * import { computePortfolioMargin, type PortfolioState } from '@smile/sdk/portfolio'
 *
 * declare const state: PortfolioState
 * const { equityWad, initialMarginWad, healthWad } = computePortfolioMargin(state)
 * const canAddRisk = equityWad >= initialMarginWad
 * const { healthWad: liquidationHealth } = computePortfolioMargin(state, { riskReducing: true })
 * ```
 */
export function computePortfolioMargin(
  state: PortfolioState,
  { riskReducing = false, spotWad, timestamp }: ComputePortfolioMarginParameters = {},
): PortfolioAccountMargin {
  const at = timestamp === undefined ? state : { ...state, timestamp }
  if (spotWad !== undefined) return marginAt(at, at, spotWad)
  return healthOf(at, at, riskReducing)
}

/** `_health`: the margin at the strict spot, or the worse end of the range (`riskReducing`). */
export function healthOf(
  state: PortfolioState,
  book: PortfolioBook,
  riskReducing: boolean,
): PortfolioAccountMargin {
  if (!riskReducing) {
    if (state.spotWad === undefined) throw new PortfolioStateIncompleteError('spot')
    return marginAt(state, book, state.spotWad)
  }
  const low = marginAt(state, book, state.lowWad)
  if (state.highWad === state.lowWad) return low
  const high = marginAt(state, book, state.highWad)
  return high.healthWad < low.healthWad ? high : low
}

/** The smile of `expiry` in the state. */
export function smileOf(state: PortfolioState, expiry: bigint): SviParamsWad {
  const found = state.smiles.find((s) => s.expiry === expiry)
  if (found === undefined) throw new PortfolioStateIncompleteError('smile', expiry)
  return found.smile
}

/** The settlement price of `expiry` in the state (0: not settled). */
export function settledPriceOf(state: PortfolioState, expiry: bigint): bigint {
  const found = state.settledPrices.find((s) => s.expiry === expiry)
  if (found === undefined) throw new PortfolioStateIncompleteError('settledPrice', expiry)
  return found.priceWad
}

/** `PortfolioRisk.quoteValueWad`: a call's value (base) times spot, a put's (quote) as is. */
export function quoteValueWad(
  valueWad: bigint,
  spotWad: bigint,
  isCall: boolean,
  roundUp: boolean,
): bigint {
  if (!isCall) return valueWad
  return roundUp ? mulWadUp(valueWad, spotWad) : mulWad(valueWad, spotWad)
}

/** `_markWad`: the per-option mark of a series at `spotWad`, collateral units, rounded up. */
export function markOf(
  state: PortfolioState,
  position: PortfolioPosition,
  spotWad: bigint,
): bigint {
  const { expiry, strikeWad, isCall } = position.series
  const timeSec = expiry > state.timestamp ? expiry - state.timestamp : 0n
  const smile = timeSec < MIN_TIME_SEC ? ZERO_SMILE : smileOf(state, expiry)
  return optionMarkWad({ smile, spotWad, strikeWad, timeSec, rateWad: state.rateWad, isCall })
}

const ZERO_SMILE: SviParamsWad = { a: 0n, b: 0n, rho: 0n, m: 0n, sigma: 0n }

/** `_margin`: the margin of `book` at `spotWad` with the state's market inputs. */
export function marginAt(
  state: PortfolioState,
  book: PortfolioBook,
  spotWad: bigint,
): PortfolioAccountMargin {
  const { params: p, timestamp } = state
  // `_book`: live positions grouped by expiry in order of first appearance; settled ones valued.
  const expiries: bigint[] = []
  const legs: PortfolioLegWad[][] = []
  let settledWad = 0n
  for (const position of book.positions) {
    const { expiry, strikeWad, isCall } = position.series
    if (expiry <= timestamp) {
      const priceWad = settledPriceOf(state, expiry)
      if (priceWad !== 0n) {
        settledWad += settledValueWad(position, priceWad, spotWad)
        continue
      }
    }
    let j = expiries.indexOf(expiry)
    if (j === -1) {
      j = expiries.length
      expiries.push(expiry)
      legs.push([])
    }
    legs[j]?.push({ strikeWad, isCall, sizeWad: position.isLong ? position.size : -position.size })
  }
  let nearest = -1
  const expiryBook: PortfolioExpiryWad[] = expiries.map((expiry, j) => {
    const timeSec = expiry > timestamp ? expiry - timestamp : 0n
    if (timeSec < MIN_TIME_SEC) return { timeSec, smile: ZERO_SMILE, legs: legs[j] ?? [] }
    const smile = smileOf(state, expiry)
    if (nearest === -1 || timeSec < (expiries[nearest] ?? 0n) - timestamp) nearest = j
    return { timeSec, smile, legs: legs[j] ?? [] }
  })
  const near = expiryBook[nearest]
  const shock =
    near === undefined
      ? p.maxSpotShockWad
      : spotShockWad(near.smile, near.timeSec, {
          multiplierWad: p.shockMultiplierWad,
          horizonSec: p.shockHorizonSec,
          minShockWad: p.minSpotShockWad,
          maxShockWad: p.maxSpotShockWad,
        })
  const r = portfolioMargin(
    expiryBook,
    spotWad,
    state.rateWad,
    {
      spotIntervals: p.spotIntervals,
      spotShockWad: shock,
      volShockWad: p.volShockWad,
      floorShareWad: p.floorShareWad,
      maintenanceRatioWad: p.maintenanceRatioWad,
    },
    {
      baseWad: book.baseAssets * state.baseScale,
      quoteWad: book.quoteAssets * state.quoteScale,
      baseHaircutWad: p.baseHaircutWad,
      quoteHaircutWad: p.quoteHaircutWad,
    },
  )
  const equityWad = r.equityWad + settledWad
  return {
    baseAssets: book.baseAssets,
    quoteAssets: book.quoteAssets,
    spotWad,
    spotShockWad: shock,
    equityWad,
    worstLossWad: r.worstLossWad,
    floorWad: r.floorWad,
    initialMarginWad: r.initialMarginWad,
    maintenanceMarginWad: r.maintenanceMarginWad,
    healthWad: equityWad - r.maintenanceMarginWad,
  }
}

/** `_settledValueWad`: a long's payoff rounded down, minus a short's rounded up, in quote. */
function settledValueWad(position: PortfolioPosition, priceWad: bigint, spotWad: bigint): bigint {
  const { strikeWad, isCall } = position.series
  if (position.isLong) {
    const payoff = payoffWad(priceWad, strikeWad, isCall, false)
    return mulWad(position.size, quoteValueWad(payoff, spotWad, isCall, false))
  }
  const owed = payoffWad(priceWad, strikeWad, isCall, true)
  return -mulWadUp(position.size, quoteValueWad(owed, spotWad, isCall, true))
}
