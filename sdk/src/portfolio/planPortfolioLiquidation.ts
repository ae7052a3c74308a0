import { SelfLiquidationError } from '../errors/margin.js'
import {
  PortfolioAccountHealthyError,
  PortfolioAccountInsolventError,
  PortfolioActionRevertError,
  PortfolioBelowInitialMarginError,
  PortfolioHealthNotImprovedError,
} from '../errors/portfolio.js'
import { min, mulDivUp, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { WAD } from '../math/wad.js'
import {
  addPosition,
  copyBook,
  credit,
  type MutableBook,
  reducePosition,
  sideHeld,
  takeValue,
} from './book.js'
import {
  healthOf,
  markOf,
  type PortfolioAccountMargin,
  quoteValueWad,
  settledPriceOf,
} from './computePortfolioMargin.js'
import type { PortfolioPosition, PortfolioState } from './state.js'

export type PlanPortfolioLiquidationParameters = {
  /** The liquidator's account, fetched at the same block (`fetchPortfolioState`). */
  liquidatorState: PortfolioState
  /** Series to take over (with `sizes`); by default every position of a live expiry. */
  ids?: readonly bigint[]
  /** Options of each of `ids` to take over, wad. */
  sizes?: readonly bigint[]
  /**
   * Without `ids`: the share of every position taken over, wad (1e18: all). By default the
   * smallest share (to 0.01 %) that brings the account's health to 0 or more after the bonus, or
   * all of it.
   */
  shareWad?: bigint
  /** The block timestamp the step will execute at (the next block's); the state's by default. */
  timestamp?: bigint
}

/**
 * One liquidation step as `PortfolioMarginEngine.liquidate` would execute it: the figures of its
 * `Liquidated` event, and both accounts after.
 *
 * @example
 * ```ts
 * import type { PlanPortfolioLiquidationReturnType } from '@smile/sdk/portfolio'
 *
 * const netPaidToLiquidator = (p: PlanPortfolioLiquidationReturnType) => p.transferWad + p.bonusWad - p.insuranceWad
 * ```
 */
export type PlanPortfolioLiquidationReturnType = {
  /** The series taken over, and the options of each (wad): `liquidate`'s arguments. */
  ids: readonly bigint[]
  sizes: readonly bigint[]
  /** The share of every position (the default plan's), wad; undefined for given `ids`. */
  shareWad: bigint | undefined
  /** Net mark paid by the account (< 0: by the liquidator), wad of quote. */
  transferWad: bigint
  /** Gross mark taken over, wad of quote. */
  grossWad: bigint
  /** The bonus, wad of quote, of which `insuranceWad` went to the insurance fund. */
  bonusWad: bigint
  insuranceWad: bigint
  /** The account's health before and after the step, wad of quote (the event's). */
  healthBeforeWad: bigint
  healthAfterWad: bigint
  /** The account after the step. */
  account: { baseAssets: bigint; quoteAssets: bigint; positions: readonly PortfolioPosition[] }
  /** The liquidator's account after the step, and its margin (at the worse end of the range). */
  liquidator: { baseAssets: bigint; quoteAssets: bigint; positions: readonly PortfolioPosition[] }
  liquidatorMargin: PortfolioAccountMargin
}

/**
 * Plans a liquidation of the account of `state` by the account of `liquidatorState`, mirroring
 * `PortfolioMarginEngine.liquidate` to the wei: health at the worse end of the price range,
 * positions moved on the side the account holds at their marks (calls at the high end, puts at
 * the low end; longs rounded down, shorts up), the net mark paid in quote first then base at the
 * low end, the health recomputed, a bonus of min(d·gross, ⅔·gain, what the account holds) with a
 * share f to insurance, and the liquidator's IM check. By default it takes the same share of
 * every live position: the smallest that brings the account's health to 0 or more, else all.
 *
 * @throws SelfLiquidationError for the same account.
 * @throws PortfolioAccountHealthyError at or above MM; PortfolioAccountInsolventError for a
 * negative equity; PortfolioHealthNotImprovedError for a step that does not raise the health;
 * PortfolioBelowInitialMarginError when the liquidator's account would end below IM.
 * @throws PortfolioActionRevertError for the engine's other refusals (`InvalidTakeover`,
 * `PositionNotFound`, `ExpirySettled`, `InvalidSize`, `InsufficientCollateral`, ...).
 * @example
 * ```ts
 * import { buildPortfolioLiquidate, planPortfolioLiquidation, type PortfolioState } from '@smile/sdk/portfolio'
 *
 * declare const state: PortfolioState
 * declare const liquidatorState: PortfolioState
 * const plan = planPortfolioLiquidation(state, { liquidatorState })
 * const request = buildPortfolioLiquidate({
 *   engine: state.engine,
 *   accountId: state.accountId,
 *   liquidatorAccountId: liquidatorState.accountId,
 *   ids: plan.ids,
 *   sizes: plan.sizes,
 * })
 * ```
 */
export function planPortfolioLiquidation(
  state: PortfolioState,
  parameters: PlanPortfolioLiquidationParameters,
): PlanPortfolioLiquidationReturnType {
  const { ids, sizes, shareWad, timestamp } = parameters
  if (timestamp !== undefined) state = { ...state, timestamp }
  const liquidatorState =
    timestamp === undefined
      ? parameters.liquidatorState
      : { ...parameters.liquidatorState, timestamp }
  if (ids !== undefined) return step(state, liquidatorState, ids, sizes ?? [], undefined)
  if (shareWad !== undefined) return stepAtShare(state, liquidatorState, shareWad)
  const all = stepAtShare(state, liquidatorState, WAD)
  if (all.healthAfterWad < 0n) return all
  // The smallest share in 0.01 % steps whose step leaves the health ≥ 0.
  const unit = 10n ** 14n
  let low = 0n // a share (in units) known not to suffice
  let high = WAD / unit // one that does
  while (high - low > 1n) {
    const mid = (low + high) / 2n
    let enough = false
    try {
      enough = stepAtShare(state, liquidatorState, mid * unit).healthAfterWad >= 0n
    } catch {
      enough = false
    }
    if (enough) high = mid
    else low = mid
  }
  return high * unit === WAD ? all : stepAtShare(state, liquidatorState, high * unit)
}

/** The step taking `shareWad` of every live position (rounded up, at least 1 wei of each). */
function stepAtShare(
  state: PortfolioState,
  liquidatorState: PortfolioState,
  shareWad: bigint,
): PlanPortfolioLiquidationReturnType {
  const live = state.positions.filter(
    (p) => !(p.series.expiry <= state.timestamp && settledPriceOf(state, p.series.expiry) !== 0n),
  )
  const ids = live.map((p) => p.id)
  const sizes = live.map((p) => mulDivUp(p.size, shareWad, WAD))
  return { ...step(state, liquidatorState, ids, sizes, shareWad), shareWad }
}

/** `liquidate(accountId, liquidatorAccountId, ids, sizes)`, on copies of both accounts. */
function step(
  state: PortfolioState,
  liquidatorState: PortfolioState,
  ids: readonly bigint[],
  sizes: readonly bigint[],
  shareWad: bigint | undefined,
): PlanPortfolioLiquidationReturnType {
  const { accountId, baseScale, quoteScale, lowWad, highWad, params } = state
  if (accountId === liquidatorState.accountId) throw new SelfLiquidationError(accountId)
  if (ids.length === 0 || ids.length !== sizes.length)
    throw new PortfolioActionRevertError('InvalidTakeover', [])
  // The market's inputs of both accounts (each was fetched with its own expiries' smiles).
  const market: PortfolioState = {
    ...state,
    smiles: [...state.smiles, ...liquidatorState.smiles],
    settledPrices: [...state.settledPrices, ...liquidatorState.settledPrices],
  }
  const a = copyBook(accountId, state)
  const l = copyBook(liquidatorState.accountId, liquidatorState)
  const before = healthOf(market, a, true)
  if (!(before.healthWad < 0n))
    throw new PortfolioAccountHealthyError(accountId, before.equityWad, before.maintenanceMarginWad)
  if (before.equityWad < 0n) throw new PortfolioAccountInsolventError(accountId, before.equityWad)
  // `_takeOver`.
  let transferWad = 0n
  let grossWad = 0n
  for (const [k, id] of ids.entries()) {
    const size = sizes[k] ?? 0n
    const { expiry } = decodeSeriesId(id)
    const settled = market.settledPrices.find((s) => s.expiry === expiry)?.priceWad ?? 0n
    if (expiry <= state.timestamp && settled !== 0n)
      throw new PortfolioActionRevertError('ExpirySettled', [expiry])
    const isLong = sideHeld(a, id)
    reducePosition(a, id, size, isLong)
    addPosition(l, id, size, isLong)
    const position = l.positions.find((p) => p.id === id) as PortfolioPosition
    const isCall = position.series.isCall
    const spotWad = isCall ? highWad : lowWad
    const markWad = markOf(market, position, spotWad)
    if (isLong) {
      const valueWad = mulWad(
        size,
        quoteValueWad(markWad === 0n ? 0n : markWad - 1n, spotWad, isCall, false),
      )
      transferWad -= valueWad
      grossWad += valueWad
    } else {
      const valueWad = mulWadUp(size, quoteValueWad(markWad, spotWad, isCall, true))
      transferWad += valueWad
      grossWad += valueWad
    }
  }
  if (transferWad > 0n) creditBoth(l, takeValue(a, transferWad, lowWad, baseScale, quoteScale))
  else if (transferWad < 0n)
    creditBoth(a, takeValue(l, -transferWad, lowWad, baseScale, quoteScale))
  const moved = healthOf(market, a, true)
  if (!(moved.healthWad > before.healthWad))
    throw new PortfolioHealthNotImprovedError(accountId, before.healthWad, moved.healthWad)
  // `_payBonus`.
  const gainWad = moved.healthWad - before.healthWad
  let bonusWad = min(mulWad(grossWad, params.liquidationDiscountWad), (gainWad * 2n) / 3n)
  const available = mulWad(a.baseAssets * baseScale, lowWad) + a.quoteAssets * quoteScale
  bonusWad = min(bonusWad, available)
  let insuranceWad = 0n
  if (bonusWad !== 0n) {
    const [b, q] = takeValue(a, bonusWad, lowWad, baseScale, quoteScale)
    const insuredBase = mulWad(b, params.insuranceShareWad)
    const insuredQuote = mulWad(q, params.insuranceShareWad)
    insuranceWad = mulWad(insuredBase * baseScale, lowWad) + insuredQuote * quoteScale
    creditBoth(l, [b - insuredBase, q - insuredQuote])
  }
  const liquidatorMargin = healthOf(market, l, true)
  if (liquidatorMargin.equityWad < liquidatorMargin.initialMarginWad)
    throw new PortfolioBelowInitialMarginError(
      l.accountId,
      liquidatorMargin.equityWad,
      liquidatorMargin.initialMarginWad,
    )
  return {
    ids,
    sizes,
    shareWad,
    transferWad,
    grossWad,
    bonusWad,
    insuranceWad,
    healthBeforeWad: before.healthWad,
    healthAfterWad: moved.healthWad - bonusWad,
    account: bookOf(a),
    liquidator: bookOf(l),
    liquidatorMargin,
  }
}

/** `_creditBoth`: base then quote, each when not zero. */
function creditBoth(a: MutableBook, [base, quote]: [bigint, bigint]): void {
  if (base !== 0n) credit(a, true, base)
  if (quote !== 0n) credit(a, false, quote)
}

function bookOf({ baseAssets, quoteAssets, positions }: MutableBook) {
  return { baseAssets, quoteAssets, positions }
}
