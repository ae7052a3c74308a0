import {
  LiquidationRejectedError,
  MarginCollateralMismatchError,
  SelfLiquidationError,
} from '../errors/margin.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { divUp, min, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { maxPayoffWad } from '../math/wad/optionValuation.js'
import {
  type ComputeMarginReturnType,
  computeMargin,
  maintenanceOf,
  positionTerms,
} from './computeMargin.js'
import { type MarginHealth, marginHealth } from './fetchAccount.js'
import type { MarginState } from './fetchMarginState.js'
import { MAX_POSITIONS } from './validate.js'

export type PlanLiquidationParameters = {
  /** Series to take over; the position with the largest IM when omitted. */
  id?: bigint
  /**
   * Options to take over, wad; when omitted, the smallest size that brings the account back to
   * health ≥ 0 (collateral ≥ mark + MM), or the whole position when none does. A size larger
   * than the position takes what is left of it, as the engine does.
   */
  size?: bigint
  /** The liquidator's account at the same block, to check it meets IM after the step. */
  liquidator?: MarginState
  /** block.timestamp to plan at; the state's when omitted. */
  timestamp?: bigint
}

export type PlanLiquidationReturnType = {
  accountId: bigint
  id: bigint
  /** Options taken over, wad: the size asked, at most the position (the engine clamps likewise). */
  size: bigint
  /** The mark of what is taken over, token units, rounded up: paid to the liquidator. */
  costAssets: bigint
  /** min(d·cost, the gain in health, collateral − cost): paid by the account on top. */
  bonusAssets: bigint
  /** f·bonus, to the insurance fund. */
  insuranceAssets: bigint
  /** cost + bonus − insurance: what the liquidator's account receives (the engine's `paidAssets`). */
  paidAssets: bigint
  /** The liquidated account before and after the step. */
  before: MarginHealth
  after: MarginHealth
  /** The liquidator's account after the step (with `liquidator` only): status `healthy` or it reverts. */
  liquidatorAfter?: ComputeMarginReturnType
}

/**
 * Plans one liquidation step of an account below MM with the engine's own arithmetic (a mirror of
 * `MarginEngine.liquidate`): which position and how much to take over, and exactly what the
 * liquidator is paid, the insurance fund receives and the account is left with. Pass the result
 * to `buildLiquidate`. Evaluate at the block the transaction will run in (`timestamp`), as marks
 * move with time.
 *
 * @throws LiquidationRejectedError `AccountHealthy`, `AccountInsolvent`, `PositionNotFound` (no
 * position in `id`; a size beyond the position is clamped to it, as the engine does), or
 * `TooManyPositions` for a liquidator's account that holds four other series, as the engine
 * would revert.
 * @throws InvalidBuildArgumentError for a size that is not positive, or so small (a few wei of
 * options) that its rounded-up cost would lower the account's health: the engine reverts
 * `InvalidSize`.
 * @throws MarginCollateralMismatchError when the liquidator's account has the other collateral.
 * @throws SelfLiquidationError when the liquidator's account is the account.
 * @example
 * ```ts
 * import { type MarginState, buildLiquidate, planLiquidation } from '@smile/sdk'
 *
 * declare const target: MarginState // fetchMarginState of the account below MM
 * declare const mine: MarginState // the liquidator's own account, same block
 * const plan = planLiquidation(target, { liquidator: mine })
 * const request = buildLiquidate({
 *   engine: target.engine,
 *   accountId: target.accountId,
 *   id: plan.id,
 *   size: plan.size,
 *   liquidatorAccountId: mine.accountId,
 * })
 * ```
 */
export function planLiquidation(
  state: MarginState,
  { id, size, liquidator, timestamp = state.timestamp }: PlanLiquidationParameters = {},
): PlanLiquidationReturnType {
  const margin = computeMargin(state, { timestamp })
  if (margin.status === 'insolvent')
    throw new LiquidationRejectedError(
      'AccountInsolvent',
      state.accountId,
      margin.collateralAssets,
      margin.markAssets,
    )
  if (margin.status !== 'liquidatable')
    throw new LiquidationRejectedError(
      'AccountHealthy',
      state.accountId,
      margin.collateralAssets,
      margin.markAssets + margin.maintenanceMarginAssets,
    )
  if (liquidator?.accountId === state.accountId) throw new SelfLiquidationError(state.accountId)
  if (liquidator !== undefined && liquidator.isCall !== state.isCall)
    throw new MarginCollateralMismatchError(liquidator.accountId, id ?? 0n, liquidator.isCall)
  const target =
    id === undefined
      ? margin.positions.reduce((p, q) => (q.initialMarginWad > p.initialMarginWad ? q : p))
      : margin.positions.find((p) => p.id === id)
  if (target === undefined)
    throw new LiquidationRejectedError('PositionNotFound', state.accountId, 0n, size ?? 0n)
  if (size !== undefined && size <= 0n)
    throw new InvalidBuildArgumentError('size', size, 'must be positive')

  if (
    liquidator !== undefined &&
    liquidator.positions.length >= MAX_POSITIONS &&
    !liquidator.positions.some((p) => p.id === target.id)
  )
    throw new LiquidationRejectedError(
      'TooManyPositions',
      liquidator.accountId,
      BigInt(liquidator.positions.length),
      MAX_POSITIONS,
    )

  const step = (s: bigint) => liquidationStep(state, margin, target, s)
  // The engine takes what is left when the step is larger than the position.
  let chosen = size === undefined ? undefined : min(size, target.size)
  if (chosen === undefined) {
    // Health after the step grows with its size (the bonus never takes more than the gain), so
    // the smallest size that restores it is found by bisection; `high` always restores it.
    if (step(target.size).after.healthAssets < 0n) chosen = target.size
    else {
      let [low, high] = [0n, target.size]
      while (high - low > 1n) {
        const mid = (low + high) / 2n
        if (step(mid).after.healthAssets >= 0n) high = mid
        else low = mid
      }
      chosen = high
    }
  }
  const { refused, ...planned } = step(chosen)
  if (refused)
    throw new InvalidBuildArgumentError(
      'size',
      chosen,
      'too small: its rounded-up cost outweighs what it sheds, the engine reverts InvalidSize',
    )
  const plan: PlanLiquidationReturnType = {
    accountId: state.accountId,
    id: target.id,
    size: chosen,
    ...planned,
    before: marginHealth(margin),
  }
  if (liquidator === undefined) return plan
  return {
    ...plan,
    liquidatorAfter: liquidatorAfter(
      liquidator,
      state,
      target.id,
      chosen,
      planned.paidAssets,
      timestamp,
    ),
  }
}

/** `MarginEngine.liquidate`'s arithmetic for `size` of `target`. */
function liquidationStep(
  state: MarginState,
  margin: ComputeMarginReturnType,
  target: ComputeMarginReturnType['positions'][number],
  size: bigint,
): Omit<PlanLiquidationReturnType, 'accountId' | 'id' | 'size' | 'before' | 'liquidatorAfter'> & {
  refused: boolean
} {
  const { scale, params } = state
  const collateral = state.collateralAssets
  const maintenance = margin.markAssets + margin.maintenanceMarginAssets
  const maxPayoff = maxPayoffWad(target.series.strikeWad, state.isCall)
  const terms = (held: bigint) =>
    positionTerms(params.floorShareWad, target.valueWad, target.shockedValueWad, held, maxPayoff)
  const termsBefore = terms(target.size)
  const termsAfter = terms(target.size - size)
  const costAssets = divUp(mulWadUp(size, target.valueWad), scale)
  const markWadAfter = margin.markWad - termsBefore.markWad + termsAfter.markWad
  const imWadAfter =
    margin.initialMarginWad - termsBefore.initialMarginWad + termsAfter.initialMarginWad
  const maintenanceAfter = maintenanceOf(imWadAfter, scale, params.maintenanceRatioWad)
  const requiredAfter = costAssets + divUp(markWadAfter, scale) + maintenanceAfter
  // The engine refuses (InvalidSize) a step whose rounded-up cost outweighs what it sheds.
  const refused = requiredAfter > maintenance
  const gain = refused ? 0n : maintenance - requiredAfter
  const bonusAssets = min(
    min(mulWad(costAssets, params.liquidationDiscountWad), gain),
    collateral - costAssets,
  )
  const insuranceAssets = mulWad(bonusAssets, params.insuranceShareWad)
  return {
    refused,
    costAssets,
    bonusAssets,
    insuranceAssets,
    paidAssets: costAssets + bonusAssets - insuranceAssets,
    after: marginHealth({
      collateralAssets: collateral - costAssets - bonusAssets,
      markAssets: divUp(markWadAfter, scale),
      initialMarginAssets: divUp(imWadAfter, scale),
      maintenanceMarginAssets: maintenanceAfter,
    }),
  }
}

/** The liquidator's account with the position added and the payment credited. */
function liquidatorAfter(
  liquidator: MarginState,
  state: MarginState,
  id: bigint,
  size: bigint,
  paidAssets: bigint,
  timestamp: bigint,
): ComputeMarginReturnType {
  const held = liquidator.positions.find((p) => p.id === id)
  const taken = state.positions.find((p) => p.id === id)
  const positions = held
    ? liquidator.positions.map((p) => (p.id === id ? { ...p, size: p.size + size } : p))
    : [...liquidator.positions, ...(taken ? [{ ...taken, size }] : [])]
  return computeMargin(
    {
      ...liquidator,
      collateralAssets: liquidator.collateralAssets + paidAssets,
      positions,
      smiles: [...liquidator.smiles, ...state.smiles],
      settledPrices: [...liquidator.settledPrices, ...state.settledPrices],
    },
    { timestamp },
  )
}
