import { describe, expect, it } from 'vitest'
import { EXPIRY, PARAMS, position, putAccount } from '../../test/fixtures/marginState.js'
import {
  LiquidationRejectedError,
  MarginCollateralMismatchError,
  SelfLiquidationError,
} from '../errors/margin.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { mulWad } from '../math/wad/fixedPoint.js'
import { WAD } from '../math/wad.js'
import { computeMargin } from './computeMargin.js'
import type { MarginState } from './fetchMarginState.js'
import { planLiquidation } from './planLiquidation.js'

/** The fixture's put account at 2,600 with its collateral `belowMaintenance` short of mark + MM. */
function underwater(belowMaintenance: bigint): MarginState {
  const state = putAccount({ spotWad: 2_600n * WAD })
  const { markAssets, maintenanceMarginAssets } = computeMargin(state)
  return { ...state, collateralAssets: markAssets + maintenanceMarginAssets - belowMaintenance }
}

function rejection(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('planLiquidation', () => {
  it('takes the smallest step of the riskiest position that restores health', () => {
    const state = underwater(1_000n * 10n ** 6n)
    const margin = computeMargin(state)
    const plan = planLiquidation(state)
    const riskiest = [...margin.positions].sort((p, q) =>
      p.initialMarginWad > q.initialMarginWad ? -1 : 1,
    )[0]
    expect(plan.id).toBe(riskiest?.id)
    expect(plan.before.healthAssets).toBe(-1_000n * 10n ** 6n)
    expect(plan.after.healthAssets).toBeGreaterThanOrEqual(0n)
    expect(plan.size).toBeLessThan(riskiest?.size ?? 0n)
    // One wei of options less does not restore it: the step is the smallest.
    const smaller = planLiquidation(state, { id: plan.id, size: plan.size - 1n })
    expect(smaller.after.healthAssets).toBeLessThan(0n)
  })

  it('pays the mark plus a bonus within its three bounds, a share to the fund', () => {
    const state = underwater(5_000n * 10n ** 6n)
    for (const size of [10n ** 15n, 7n * WAD, 60n * WAD]) {
      const plan = planLiquidation(state, { id: state.positions[0]?.id ?? 0n, size })
      expect(plan.bonusAssets).toBeLessThanOrEqual(
        mulWad(plan.costAssets, PARAMS.liquidationDiscountWad),
      )
      expect(plan.bonusAssets).toBeLessThanOrEqual(state.collateralAssets - plan.costAssets)
      // The third bound, the gain in health, means health never falls.
      expect(plan.after.healthAssets).toBeGreaterThanOrEqual(plan.before.healthAssets)
      expect(plan.insuranceAssets).toBe(mulWad(plan.bonusAssets, PARAMS.insuranceShareWad))
      expect(plan.paidAssets).toBe(plan.costAssets + plan.bonusAssets - plan.insuranceAssets)
      expect(plan.after.collateralAssets).toBe(
        state.collateralAssets - plan.costAssets - plan.bonusAssets,
      )
    }
    // Taking the whole position leaves the other one's figures alone.
    const whole = planLiquidation(state, { id: state.positions[0]?.id ?? 0n, size: 60n * WAD })
    const rest = computeMargin({ ...state, positions: state.positions.slice(1) })
    expect(whole.after.markAssets).toBe(rest.markAssets)
    expect(whole.after.maintenanceMarginAssets).toBe(rest.maintenanceMarginAssets)
  })

  it('checks the liquidator account meets IM with the position taken over', () => {
    const state = underwater(1_000n * 10n ** 6n)
    const liquidator = putAccount({ accountId: 9n, positions: [], collateralAssets: 10n ** 6n })
    const plan = planLiquidation(state, { liquidator })
    expect(plan.liquidatorAfter?.positions.map((p) => [p.id, p.size])).toEqual([
      [plan.id, plan.size],
    ])
    expect(plan.liquidatorAfter?.collateralAssets).toBe(10n ** 6n + plan.paidAssets)
    // One USDC of its own does not carry the IM of what it takes over.
    expect(plan.liquidatorAfter?.initialHealthAssets).toBeLessThan(0n)
    const rich = planLiquidation(state, {
      liquidator: { ...liquidator, collateralAssets: 10n ** 12n },
    })
    expect(rich.liquidatorAfter?.status).toBe('healthy')
  })

  it('takes what is left when the step is larger than the position, as the engine does', () => {
    const state = underwater(5_000n * 10n ** 6n)
    const id = state.positions[0]?.id ?? 0n
    const held = state.positions[0]?.size ?? 0n
    const exact = planLiquidation(state, { id, size: held })
    // An owner's 1-wei close, or any race, leaves less than the step asked for.
    for (const size of [held + 1n, 2n * held]) {
      const plan = planLiquidation(state, { id, size })
      expect(plan.size).toBe(held)
      expect(plan).toEqual(exact)
    }
  })

  it('refuses what the engine would revert on, with typed errors', () => {
    const healthy = putAccount()
    expect(rejection(() => planLiquidation(healthy))).toMatchObject({
      errorName: 'AccountHealthy',
    })
    const { markAssets } = computeMargin(underwater(0n))
    const insolvent = { ...underwater(0n), collateralAssets: markAssets - 1n }
    expect(rejection(() => planLiquidation(insolvent))).toMatchObject({
      errorName: 'AccountInsolvent',
      held: markAssets - 1n,
      required: markAssets,
    })
    const state = underwater(1n)
    const id = state.positions[0]?.id ?? 0n
    const missing = rejection(() => planLiquidation(state, { id: id + 1n, size: WAD }))
    expect(missing).toBeInstanceOf(LiquidationRejectedError)
    expect(missing).toMatchObject({ errorName: 'PositionNotFound', held: 0n, required: WAD })
    expect(rejection(() => planLiquidation(state, { id, size: 0n }))).toBeInstanceOf(
      InvalidBuildArgumentError,
    )
    // One wei of options: its cost rounds up to a whole token unit, more than it sheds (InvalidSize).
    expect(rejection(() => planLiquidation(state, { id, size: 1n }))).toMatchObject({
      name: 'InvalidBuildArgumentError',
      value: 1n,
    })
    expect(
      rejection(() =>
        planLiquidation(state, { liquidator: { ...state, accountId: 2n, isCall: true } }),
      ),
    ).toBeInstanceOf(MarginCollateralMismatchError)
    expect(rejection(() => planLiquidation(state, { liquidator: state }))).toBeInstanceOf(
      SelfLiquidationError,
    )
    const full = putAccount({
      accountId: 9n,
      positions: [1_000n, 1_100n, 1_200n, 1_300n].map((strike) =>
        position(EXPIRY, strike, false, 1n),
      ),
    })
    expect(rejection(() => planLiquidation(state, { liquidator: full }))).toMatchObject({
      errorName: 'TooManyPositions',
      accountId: 9n,
      held: 4n,
      required: 4n,
    })
  })
})
