import { MarginStateIncompleteError } from '../errors/margin.js'
import { MIN_TIME_SEC } from '../math/wad/blackScholesWad.js'
import { divUp, min, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { maxPayoffWad, optionMarkWad, payoffWad } from '../math/wad/optionValuation.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { WAD } from '../math/wad.js'
import { type MarginHealth, type MarginPosition, marginHealth } from './fetchAccount.js'
import type { MarginState } from './fetchMarginState.js'

/**
 * Bigint mirror of `MarginEngine`'s margin check (`_context`, `_values`, `_terms`, `_sum`,
 * `marginOf`): the same scenario corner, the same pricer `mark` calls and the same roundings, so
 * that the figures equal the chain's to the wei for the same state.
 */

/**
 * Where to evaluate an account: the state's block unless overridden.
 *
 * @example
 * ```ts
 * import { type ComputeMarginOptions, type MarginState, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState
 * const nextBlock: ComputeMarginOptions = { timestamp: state.timestamp + 12n }
 * computeMargin(state, nextBlock)
 * ```
 */
export type ComputeMarginOptions = {
  /** block.timestamp to evaluate at; the state's when omitted. */
  timestamp?: bigint
  /** Spot to evaluate at, wad; the oracle's at the state's block when omitted. */
  spotWad?: bigint
}

/**
 * One position's share of the account's margin, wad of collateral.
 *
 * @example
 * ```ts
 * import { type MarginState, type PositionMargin, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState
 * // The position whose loss at the worst corner weighs most.
 * const riskiest = computeMargin(state).positions.reduce<PositionMargin | undefined>(
 *   (top, p) => (top === undefined || p.initialMarginWad > top.initialMarginWad ? p : top),
 *   undefined,
 * )
 * ```
 */
export type PositionMargin = MarginPosition & {
  /** One option's value now (`pricer.mark`, rounded up). */
  valueWad: bigint
  /** One option's value at the account's worst scenario corner. */
  shockedValueWad: bigint
  /** size·value, rounded up. */
  markWad: bigint
  /** The position's IM: its loss at the corner plus the floor, at most size·maxPayoff − mark. */
  initialMarginWad: bigint
}

/**
 * The account's margin as `marginOf` returns it (token units), with health and status, and the
 * wad sums and per-position terms behind it.
 *
 * @example
 * ```ts
 * import { type ComputeMarginReturnType, type MarginState, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState
 * const margin: ComputeMarginReturnType = computeMargin(state)
 * const shortfallAssets = margin.healthAssets < 0n ? -margin.healthAssets : 0n
 * ```
 */
export type ComputeMarginReturnType = MarginHealth & {
  markWad: bigint
  initialMarginWad: bigint
  positions: readonly PositionMargin[]
}

/**
 * The scenario inputs a margin check reads once: spot, the worst corner's spot, and the variance
 * scale (1 + y)² (as `MarginEngine._context`).
 */
export type MarginContext = {
  isCall: boolean
  spotWad: bigint
  shockedSpotWad: bigint
  rateWad: bigint
  varianceScaleWad: bigint
  floorShareWad: bigint
  timestamp: bigint
}

/**
 * Computes an account's collateral, mark, IM and MM off-chain, equal to the engine's `marginOf`
 * to the wei for the same state (docs/math.md "Margin": the same scenario grid).
 * One corner of the grid is priced per position: spot·(1 + x) for a call account, spot·(1 − x)
 * for a put account, with the smile's a and b scaled by (1 + y)²; within a minute of expiry a
 * position is worth its intrinsic value (at the settlement price once fixed).
 *
 * @throws MarginStateIncompleteError when a position needs a smile the state does not hold (its
 * expiry was within a minute of the state's block, or `timestamp` moved before it).
 * @throws the Black-Scholes and SVI errors where the engine's pricer reverts.
 * @example
 * ```ts
 * import { type MarginState, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState // from fetchMarginState
 * const margin = computeMargin(state)
 * margin.maintenanceMarginAssets // equals marginOf(accountId).maintenanceMarginAssets
 * margin.status // 'healthy' | 'belowInitial' | 'liquidatable' | 'insolvent'
 * ```
 */
export function computeMargin(
  state: MarginState,
  { timestamp = state.timestamp, spotWad = state.spotWad }: ComputeMarginOptions = {},
): ComputeMarginReturnType {
  const c = marginContext(state, timestamp, spotWad)
  const positions = state.positions.map((position) => positionMargin(state, c, position))
  const markWad = positions.reduce((sum, p) => sum + p.markWad, 0n)
  const initialMarginWad = positions.reduce((sum, p) => sum + p.initialMarginWad, 0n)
  return {
    ...marginHealth({
      collateralAssets: state.collateralAssets,
      markAssets: divUp(markWad, state.scale),
      initialMarginAssets: divUp(initialMarginWad, state.scale),
      maintenanceMarginAssets: maintenanceOf(
        initialMarginWad,
        state.scale,
        state.params.maintenanceRatioWad,
      ),
    }),
    markWad,
    initialMarginWad,
    positions,
  }
}

/** `MarginEngine._context`: the worst corner's spot and the variance scale (1 + y)². */
export function marginContext(
  state: MarginState,
  timestamp: bigint,
  spotWad: bigint,
): MarginContext {
  const { spotShockWad, volShockWad, floorShareWad } = state.params
  const volScale = WAD + volShockWad
  return {
    isCall: state.isCall,
    spotWad,
    shockedSpotWad: state.isCall
      ? mulWadUp(spotWad, WAD + spotShockWad)
      : mulWad(spotWad, WAD - spotShockWad),
    rateWad: state.rateWad,
    varianceScaleWad: mulWadUp(volScale, volScale),
    floorShareWad,
    timestamp,
  }
}

/** `MarginEngine._values` then `_terms` for one position. */
export function positionMargin(
  state: MarginState,
  c: MarginContext,
  position: MarginPosition,
): PositionMargin {
  const [valueWad, shockedValueWad] = optionValues(state, c, position)
  const { markWad, initialMarginWad } = positionTerms(
    c.floorShareWad,
    valueWad,
    shockedValueWad,
    position.size,
    maxPayoffWad(position.series.strikeWad, c.isCall),
  )
  return { ...position, valueWad, shockedValueWad, markWad, initialMarginWad }
}

/**
 * `MarginEngine._terms`: mark = size·value (up); IM = size·(shocked − value) (up) + size·floor
 * (up), at most size·maxPayoff (down) − mark.
 */
export function positionTerms(
  floorShareWad: bigint,
  valueWad: bigint,
  shockedValueWad: bigint,
  size: bigint,
  maxPayoff: bigint,
): { markWad: bigint; initialMarginWad: bigint } {
  const markWad = mulWadUp(size, valueWad)
  const loss = shockedValueWad > valueWad ? mulWadUp(size, shockedValueWad - valueWad) : 0n
  const floorWad = mulWadUp(size, mulWadUp(floorShareWad, maxPayoff))
  const maxWad = mulWad(size, maxPayoff)
  return {
    markWad,
    initialMarginWad: min(loss + floorWad, maxWad > markWad ? maxWad - markWad : 0n),
  }
}

/** `MarginEngine._maintenanceOf`: MM = m·IM, token units, rounded up. */
export function maintenanceOf(initialMarginWad: bigint, scale: bigint, ratioWad: bigint): bigint {
  return mulWadUp(divUp(initialMarginWad, scale), ratioWad)
}

/** `MarginEngine._values`: one option's value now and at the corner, wad, rounded up. */
function optionValues(
  state: MarginState,
  c: MarginContext,
  { series: { expiry, strikeWad } }: MarginPosition,
): [bigint, bigint] {
  const timeSec = expiry > c.timestamp ? expiry - c.timestamp : 0n
  if (timeSec < MIN_TIME_SEC) {
    const settled = state.settledPrices.find((p) => p.expiry === expiry)
    if (settled === undefined) throw new MarginStateIncompleteError('settledPrice', expiry)
    if (settled.priceWad !== 0n) {
      const value = payoffWad(settled.priceWad, strikeWad, c.isCall, true)
      return [value, value]
    }
    return [
      payoffWad(c.spotWad, strikeWad, c.isCall, true),
      payoffWad(c.shockedSpotWad, strikeWad, c.isCall, true),
    ]
  }
  const smile = state.smiles.find((s) => s.expiry === expiry)?.smile
  if (smile === undefined) throw new MarginStateIncompleteError('smile', expiry)
  const at = { strikeWad, timeSec, rateWad: c.rateWad, isCall: c.isCall }
  return [
    optionMarkWad({ ...at, smile, spotWad: c.spotWad }),
    optionMarkWad({
      ...at,
      smile: shockSmile(smile, c.varianceScaleWad),
      spotWad: c.shockedSpotWad,
    }),
  ]
}

/**
 * The smile with its total variance scaled by (1 + y)²: a·scale truncated toward zero (Solidity's
 * signed division), b·scale rounded up.
 */
function shockSmile(smile: SviParamsWad, varianceScaleWad: bigint): SviParamsWad {
  return {
    ...smile,
    a: (smile.a * varianceScaleWad) / WAD,
    b: mulWadUp(smile.b, varianceScaleWad),
  }
}
