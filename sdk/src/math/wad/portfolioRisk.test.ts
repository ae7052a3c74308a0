import { describe, expect, it } from 'vitest'
import { SmileError } from '../../errors/base.js'
import {
  LegSizeOutOfRangeError,
  ParameterOutOfBoundsError,
  TooManyLegsError,
} from '../../errors/portfolioRisk.js'
import {
  collateralValueWad,
  gridSpotWad,
  PORTFOLIO_RISK_BOUNDS,
  type PortfolioCollateralWad,
  type PortfolioLegWad,
  type PortfolioShocksWad,
  portfolioMargin,
  scaledSmile,
  spotShockWad,
} from './portfolioRisk.js'

// The chain's equality to the wei is test/integration/portfolioRisk.test.ts (PortfolioRiskHarness on
// anvil); these are the properties and known values of the mirror itself.

const WAD = 10n ** 18n
const PERCENT = 10n ** 16n
const SPOT = 3_000n * WAD
const MONTH = 2_592_000n
const SMILE = {
  a: 25n * 10n ** 15n,
  b: 4n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: WAD / 10n,
}
const SHOCKS: PortfolioShocksWad = {
  spotIntervals: 4n,
  spotShockWad: 15n * PERCENT,
  volShockWad: 30n * PERCENT,
  floorShareWad: PERCENT,
  maintenanceRatioWad: 80n * PERCENT,
}
const NONE: PortfolioCollateralWad = {
  baseWad: 0n,
  quoteWad: 0n,
  baseHaircutWad: 0n,
  quoteHaircutWad: 0n,
}
const leg = (strike: bigint, isCall: boolean, size: bigint): PortfolioLegWad => ({
  strikeWad: strike * WAD,
  isCall,
  sizeWad: size,
})
const margin = (legs: PortfolioLegWad[], collateral = NONE, shocks = SHOCKS) =>
  portfolioMargin([{ timeSec: MONTH, smile: SMILE, legs }], SPOT, 0n, shocks, collateral)

describe('gridSpotWad', () => {
  it('spans [S·(1 − x), S·(1 + x)] whatever the number of intervals, S in the middle', () => {
    for (const n of [2n, 4n, 8n]) {
      expect(gridSpotWad(SPOT, 10n * PERCENT, n, 0n)).toBe(2_700n * WAD)
      expect(gridSpotWad(SPOT, 10n * PERCENT, n, n)).toBe(3_300n * WAD)
      expect(gridSpotWad(SPOT, 10n * PERCENT, n, n / 2n)).toBe(SPOT)
    }
  })
})

describe('scaledSmile', () => {
  it('is the identity at λ = 1 and scales a and b by λ²', () => {
    expect(scaledSmile(SMILE, WAD, true)).toEqual(SMILE)
    expect(scaledSmile(SMILE, 2n * WAD, false)).toEqual({
      ...SMILE,
      a: 4n * SMILE.a,
      b: 4n * SMILE.b,
    })
  })

  it('rounds a and b up for the high smile and down for the low one, on either sign of a', () => {
    const odd = { ...SMILE, a: 7n, b: 7n }
    const scale = 15n * 10n ** 17n // λ² = 2.25
    expect(scaledSmile(odd, scale, true)).toMatchObject({ a: 16n, b: 16n })
    expect(scaledSmile(odd, scale, false)).toMatchObject({ a: 15n, b: 15n })
    expect(scaledSmile({ ...odd, a: -7n }, scale, true).a).toBe(-15n)
    expect(scaledSmile({ ...odd, a: -7n }, scale, false).a).toBe(-16n)
  })
})

describe('collateralValueWad', () => {
  it('values base at spot and both after their haircuts, rounded down', () => {
    const collateral = {
      baseWad: 2n * WAD,
      quoteWad: 1_000n * WAD + 1n,
      baseHaircutWad: 10n * PERCENT,
      quoteHaircutWad: WAD / 2n,
    }
    expect(collateralValueWad(collateral, SPOT)).toBe(5_400n * WAD + 500n * WAD)
  })
})

describe('portfolioMargin', () => {
  it('collateral alone: the loss is its fall to the grid’s lowest spot', () => {
    const collateral = {
      ...NONE,
      baseWad: WAD,
      quoteWad: 500n * WAD,
      baseHaircutWad: 10n * PERCENT,
    }
    const m = portfolioMargin([], SPOT, 0n, SHOCKS, collateral)
    const low = gridSpotWad(SPOT, SHOCKS.spotShockWad, 1n, 0n)
    expect(m.equityWad).toBe(collateralValueWad(collateral, SPOT))
    expect(m.worstLossWad).toBe(m.equityWad - collateralValueWad(collateral, low))
    expect(m.floorWad).toBe(0n)
    expect(m.initialMarginWad).toBe(m.worstLossWad)
  })

  it('a spread needs at most its maximum loss (the payoff cap), plus the floor of its short', () => {
    const m = margin([leg(2_800n, false, -WAD), leg(2_600n, false, WAD)])
    expect(m.floorWad).toBe(28n * WAD) // 1 % of the short put's strike
    // Maximum loss 200, less the premium received now, plus the allowance of two options.
    expect(m.worstLossWad).toBeLessThan(200n * WAD)
    expect(m.initialMarginWad).toBe(m.worstLossWad + m.floorWad)
    expect(m.maintenanceMarginWad).toBe((m.initialMarginWad * 80n + 99n) / 100n)
  })

  it('a naked short call is not capped: its loss grows with the spot shock', () => {
    const naked = [leg(3_200n, true, -WAD)]
    const small = margin(naked, NONE, { ...SHOCKS, spotShockWad: 10n * PERCENT })
    const large = margin(naked, NONE, { ...SHOCKS, spotShockWad: 40n * PERCENT })
    expect(large.worstLossWad).toBeGreaterThan(small.worstLossWad + 600n * WAD)
  })

  it('values a leg under a minute from expiry at its payoff', () => {
    const m = portfolioMargin(
      [{ timeSec: 59n, smile: SMILE, legs: [leg(2_900n, true, -WAD)] }],
      SPOT,
      0n,
      SHOCKS,
      NONE,
    )
    // (S − K)/S = 1/30 base rounded up to …334 wei, times S = 3,000: 2,000 wei above 100 quote.
    expect(m.equityWad).toBe(-100n * WAD - 2_000n)
  })

  it('checks the bounds in the contract’s order, then the sizes, then the count', () => {
    const error = (() => {
      try {
        margin([], NONE, { ...SHOCKS, spotIntervals: 9n, volShockWad: WAD })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(ParameterOutOfBoundsError)
    expect(error).toBeInstanceOf(SmileError)
    expect(error).toMatchObject({
      parameter: 'spotIntervals',
      value: 9n,
      minValue: 2n,
      maxValue: 8n,
    })

    const seventeen = Array.from({ length: 17 }, (_, i) => leg(2_000n + BigInt(i), true, WAD))
    expect(() => margin(seventeen)).toThrow(TooManyLegsError)
    const huge = { ...leg(3_000n, false, 0n), sizeWad: -(PORTFOLIO_RISK_BOUNDS.maxLegSize + 1n) }
    expect(() => margin([...seventeen, huge])).toThrow(LegSizeOutOfRangeError)
    expect(() =>
      margin([], { ...NONE, quoteHaircutWad: WAD + 1n }, { ...SHOCKS, spotIntervals: 8n }),
    ).toThrow(ParameterOutOfBoundsError)
  })

  it('prices a smile whose high-vol b passes 2: cut to the bound, a raised', () => {
    const steep = { ...SMILE, b: 11n * 10n ** 17n }
    const book = [{ timeSec: MONTH, smile: steep, legs: [leg(3_000n, true, -WAD)] }]
    const wide = portfolioMargin(book, SPOT, 0n, { ...SHOCKS, volShockWad: 90n * PERCENT }, NONE)
    const narrow = portfolioMargin(book, SPOT, 0n, { ...SHOCKS, volShockWad: 20n * PERCENT }, NONE)
    expect(wide.worstLossWad).toBeGreaterThan(narrow.worstLossWad)
    const high = scaledSmile(steep, WAD + 90n * PERCENT, true)
    expect(high.b).toBe(2n * WAD)
    expect(high.a).toBeGreaterThan((steep.a * 361n) / 100n)
  })
})

describe('spotShockWad', () => {
  const rule = {
    multiplierWad: 3n * WAD,
    horizonSec: 86_400n,
    minShockWad: PERCENT,
    maxShockWad: 50n * PERCENT,
  }
  const flat60 = { a: 36n * PERCENT, b: 0n, rho: 0n, m: 0n, sigma: WAD / 10n }

  it('is k·σ_ATM·sqrt(h/YEAR), rounded up, clamped, and xMax with under a minute left', () => {
    // 3 · 0.6 · sqrt(1/365) = 0.0942163…
    expect(spotShockWad(flat60, 31_536_000n, rule)).toBe(94216306066238468n)
    expect(spotShockWad(flat60, 31_536_000n, { ...rule, minShockWad: 20n * PERCENT })).toBe(
      20n * PERCENT,
    )
    expect(spotShockWad(flat60, 31_536_000n, { ...rule, maxShockWad: 5n * PERCENT })).toBe(
      5n * PERCENT,
    )
    expect(spotShockWad(flat60, 59n, rule)).toBe(50n * PERCENT)
  })

  it('checks k, h, xMax, xMin in that order', () => {
    expect(() => spotShockWad(flat60, 59n, { ...rule, horizonSec: 0n, minShockWad: 0n })).toThrow(
      expect.objectContaining({ parameter: 'horizonSec' }),
    )
    expect(() => spotShockWad(flat60, 59n, { ...rule, minShockWad: 51n * PERCENT })).toThrow(
      expect.objectContaining({ parameter: 'minShockWad', maxValue: 50n * PERCENT }),
    )
  })
})
