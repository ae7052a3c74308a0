import { describe, expect, it } from 'vitest'
import {
  EXPIRY,
  LATER,
  PARAMS,
  position,
  putAccount,
  SMILE,
  USDC_SCALE,
} from '../../test/fixtures/marginState.js'
import { MarginStateIncompleteError } from '../errors/margin.js'
import { divUp, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { optionMarkWad } from '../math/wad/optionValuation.js'
import { WAD } from '../math/wad.js'
import { computeMargin } from './computeMargin.js'
import type { MarginState } from './fetchMarginState.js'

/** One option's mark at spot `spotWad` with the smile's variance scaled by `varianceScaleWad`. */
function markAt(state: MarginState, index: number, spotWad: bigint, varianceScaleWad: bigint) {
  const p = state.positions[index]
  const smile = state.smiles.find((s) => s.expiry === p?.series.expiry)?.smile
  if (p === undefined || smile === undefined) throw new Error('no position')
  return optionMarkWad({
    smile: {
      ...smile,
      a: (smile.a * varianceScaleWad) / WAD,
      b: mulWadUp(smile.b, varianceScaleWad),
    },
    spotWad,
    strikeWad: p.series.strikeWad,
    timeSec: p.series.expiry - state.timestamp,
    rateWad: state.rateWad,
    isCall: p.series.isCall,
  })
}

describe('computeMargin', () => {
  it('prices the put account at spot·(1 − x) with the variance scaled by (1 + y)², plus the floor', () => {
    const state = putAccount()
    const margin = computeMargin(state)
    const variance = mulWadUp(13n * 10n ** 17n, 13n * 10n ** 17n) // 1.69
    for (const [i, p] of margin.positions.entries()) {
      const value = markAt(state, i, 3_000n * WAD, WAD)
      const shocked = markAt(state, i, 2_400n * WAD, variance)
      expect(p.valueWad).toBe(value)
      expect(p.shockedValueWad).toBe(shocked)
      expect(p.markWad).toBe(mulWadUp(p.size, value))
      const floor = mulWadUp(p.size, mulWadUp(PARAMS.floorShareWad, p.series.strikeWad))
      expect(p.initialMarginWad).toBe(mulWadUp(p.size, shocked - value) + floor)
    }
    const [first, second] = margin.positions
    expect(margin.markWad).toBe((first?.markWad ?? 0n) + (second?.markWad ?? 0n))
    expect(margin.markAssets).toBe(divUp(margin.markWad, USDC_SCALE))
    expect(margin.initialMarginAssets).toBe(divUp(margin.initialMarginWad, USDC_SCALE))
    expect(margin.maintenanceMarginAssets).toBe(
      mulWadUp(margin.initialMarginAssets, PARAMS.maintenanceRatioWad),
    )
    expect(margin.equityAssets).toBe(state.collateralAssets - margin.markAssets)
  })

  it('covers the loss at every point of the scenario grid for puts and for calls', () => {
    const calls = putAccount({
      isCall: true,
      scale: 1n,
      collateralAssets: 10n * WAD,
      positions: [position(EXPIRY, 3_200n, true, 20n), position(LATER, 3_500n, true, 10n)],
    })
    for (const state of [putAccount(), calls]) {
      const margin = computeMargin(state)
      for (const [i, p] of margin.positions.entries()) {
        for (let shock = -20n; shock <= 20n; shock += 5n) {
          const spot = (state.spotWad * (100n + shock)) / 100n
          for (const vol of [7n * 10n ** 17n, WAD, 13n * 10n ** 17n]) {
            const value = markAt(state, i, spot, mulWad(vol, vol))
            const loss = value > p.valueWad ? mulWad(p.size, value - p.valueWad) : 0n
            expect(p.initialMarginWad).toBeGreaterThanOrEqual(loss)
          }
        }
      }
      // The worst corner is the one priced: +x for calls, −x for puts.
      const corner = state.isCall ? 3_600n * WAD : 2_400n * WAD
      expect(margin.positions[0]?.shockedValueWad).toBe(
        markAt(state, 0, corner, mulWadUp(13n * 10n ** 17n, 13n * 10n ** 17n)),
      )
    }
  })

  it('caps each position at its maximum payoff less its mark', () => {
    // A call five times in the money, 50 % spot shock and a 20 % floor: the loss at the corner
    // plus the floor exceeds the 0.2 base per option the call can still lose.
    const state = putAccount({
      isCall: true,
      scale: 1n,
      params: { ...PARAMS, spotShockWad: 5n * 10n ** 17n, floorShareWad: 2n * 10n ** 17n },
      positions: [position(EXPIRY, 600n, true, 10n)],
    })
    const [p] = computeMargin(state).positions
    if (p === undefined) throw new Error('no position')
    expect(mulWadUp(p.size, p.shockedValueWad - p.valueWad) + 2n * WAD).toBeGreaterThan(
      p.initialMarginWad,
    )
    expect(p.initialMarginWad).toBe(mulWad(p.size, WAD) - p.markWad)
  })

  it('values a series within a minute of expiry at intrinsic, at the settlement price once fixed', () => {
    const state = putAccount({ spotWad: 2_500n * WAD })
    const at = { timestamp: EXPIRY - 30n }
    const [open] = computeMargin(state, at).positions
    expect(open).toMatchObject({ valueWad: 400n * WAD, shockedValueWad: 900n * WAD })
    const settled = putAccount({
      spotWad: 2_500n * WAD,
      settledPrices: [
        { expiry: EXPIRY, priceWad: 2_600n * WAD },
        { expiry: LATER, priceWad: 0n },
      ],
    })
    const [fixed] = computeMargin(settled, { timestamp: EXPIRY + 3_600n }).positions
    expect(fixed).toMatchObject({ valueWad: 300n * WAD, shockedValueWad: 300n * WAD })
    // No scenario risk left: the floor alone.
    expect(fixed?.initialMarginWad).toBe(mulWadUp(60n * WAD, 29n * WAD))
  })

  it('grades the account by the engine rules as its collateral falls', () => {
    const margin = computeMargin(putAccount())
    const { markAssets, initialMarginAssets: im, maintenanceMarginAssets: mm } = margin
    const statusAt = (collateralAssets: bigint) =>
      computeMargin(putAccount({ collateralAssets })).status
    expect(statusAt(markAssets + im)).toBe('healthy')
    expect(statusAt(markAssets + im - 1n)).toBe('belowInitial')
    expect(statusAt(markAssets + mm)).toBe('belowInitial')
    expect(statusAt(markAssets + mm - 1n)).toBe('liquidatable')
    expect(statusAt(markAssets)).toBe('liquidatable')
    expect(statusAt(markAssets - 1n)).toBe('insolvent')
    expect(computeMargin(putAccount({ positions: [] }))).toMatchObject({
      markAssets: 0n,
      initialMarginAssets: 0n,
      maintenanceMarginAssets: 0n,
      status: 'healthy',
    })
  })

  it('refuses a state that lacks a smile it needs', () => {
    const state = putAccount({ smiles: [{ expiry: EXPIRY, smile: SMILE }] })
    expect(() => computeMargin(state)).toThrow(MarginStateIncompleteError)
    const error = (() => {
      try {
        computeMargin(state)
      } catch (e) {
        return e
      }
    })()
    expect(error).toMatchObject({ input: 'smile', expiry: LATER })
  })
})
