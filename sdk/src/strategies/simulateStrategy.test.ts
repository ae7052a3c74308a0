import { describe, expect, it } from 'vitest'
import { InvalidBuildArgumentError, TradeRejectedError } from '../errors/market.js'
import { min } from '../math/wad/fixedPoint.js'
import { type SimulateStrategyParameters, simulateStrategy } from './simulateStrategy.js'

const WAD = 10n ** 18n
const DAY = 86_400n
const START = 1_767_000_000n // a Tuesday, 09:20 UTC
const RISK = {
  feeShareWad: 10n ** 16n,
  vegaFeeWad: 2n * 10n ** 15n,
  maxUtilisationWad: 9n * 10n ** 17n,
  minAbsDeltaWad: 2n * 10n ** 16n,
  maxAbsDeltaWad: 98n * 10n ** 16n,
  minTimeToExpirySec: 3_600n,
  maxTimeToExpirySec: 365n * DAY,
  rateWad: 3n * 10n ** 16n,
}
const SMILE = {
  a: 8n * 10n ** 15n,
  b: 5n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: 10n ** 17n,
}
const CALLS = {
  risk: RISK,
  side: { vegaDepthWad: 10n ** 21n, maxInventoryWad: 10n ** 24n, minFeePerOptionWad: 10n ** 14n },
  smile: SMILE,
  scale: 1n,
}
const PUTS = {
  ...CALLS,
  side: {
    vegaDepthWad: 10n ** 25n,
    maxInventoryWad: 10n ** 30n,
    minFeePerOptionWad: 3n * 10n ** 17n,
  },
  scale: 10n ** 12n,
}
const WEEKLY_CALLS = { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 7n * DAY }
const spots = (...whole: bigint[]) => whole.map((s) => ({ spotWad: s * WAD }))

function rejection(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('simulateStrategy', () => {
  it('writes the covered calls the vault would: listed expiry, snapped strike, the NAV in full', () => {
    const [round] = simulateStrategy({
      rule: WEEKLY_CALLS,
      pricing: CALLS,
      assets: 100n * WAD,
      startTimestamp: START,
      path: [{ spotWad: 3_012_340n * 10n ** 15n }, { spotWad: 3_100n * WAD }],
    })
    // The first 08:00 UTC at least a week ahead.
    expect((round?.expiry ?? 0n) % DAY).toBe(8n * 3_600n)
    expect(round?.expiry).toBeGreaterThanOrEqual(START + 7n * DAY)
    expect(round?.expiry).toBeLessThan(START + 8n * DAY)
    // 3,012.34 · 1.1 = 3,313.574, snapped up to three significant digits.
    expect(round?.strikeWad).toBe(3_320n * WAD)
    expect(round?.size).toBe(100n * WAD - 2n)
    // Out of the money at 3,100: the premium is kept, nothing is owed.
    expect(round?.premiumAssets).toBeGreaterThan(0n)
    expect(round?.owedAssets).toBe(0n)
    expect(round?.navAfterAssets).toBe(100n * WAD + (round?.premiumAssets ?? 0n))
  })

  it("ends each round on a covered call's payoff, in the money and out of it, and rolls at the expiry", () => {
    const nav = 100n * WAD
    const rounds = simulateStrategy({
      rule: WEEKLY_CALLS,
      pricing: CALLS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_000n, 3_600n, 2_700n, 2_750n),
    })
    expect(rounds.map((r) => r.strikeWad)).toEqual([3_300n, 3_960n, 2_970n].map((k) => k * WAD))
    for (const [i, r] of rounds.entries()) {
      const previous = rounds[i - 1]
      if (previous) {
        expect(r.startTimestamp).toBe(previous.expiry)
        expect(r.navBeforeAssets).toBe(previous.navAfterAssets)
      }
      // Textbook, in base: the uncovered rest + size · min(P, K) / P + the premium.
      const P = r.settlementPriceWad
      const K = r.strikeWad
      const textbook = r.navBeforeAssets - r.size + (r.size * min(P, K)) / P + r.premiumAssets
      expect(r.navAfterAssets).toBeLessThanOrEqual(textbook)
      // The engine rounds each option's payoff up to a wei, then the total up to a token unit.
      expect(textbook - r.navAfterAssets).toBeLessThanOrEqual(r.size / WAD + 1n)
    }
    // Called away at 3,600 in round 1: the vault owes (3,600 − 3,300)/3,600 base per option, that
    // share rounded up to a wei, the total up to a wei.
    const payoffPerOption = (300n * WAD + 3_599n) / 3_600n
    expect(rounds[0]?.owedAssets).toBe(((100n * WAD - 2n) * payoffPerOption + WAD - 1n) / WAD)
    expect(rounds[1]?.owedAssets).toBe(0n)
  })

  it('sells cash-secured puts on the quote asset, strike snapped down', () => {
    const nav = 1_000_000n * 10n ** 6n
    const [round] = simulateStrategy({
      rule: { isCall: false, moneynessWad: 10n ** 17n, roundDurationSec: 7n * DAY },
      pricing: PUTS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_012n, 2_400n),
    })
    // 3,012 · 0.9 = 2,710.8, snapped down.
    expect(round?.strikeWad).toBe(2_710n * WAD)
    expect(round?.size).toBe(((nav - 2n) * 10n ** 12n * WAD) / (2_710n * WAD))
    // Assigned at 2,400: the vault pays (K − P) per option, rounded up to a USDC unit.
    const owedWad = (round?.size ?? 0n) * 310n
    expect(round?.owedAssets).toBe((owedWad + 10n ** 12n - 1n) / 10n ** 12n)
    expect(round?.navAfterAssets).toBe(
      nav + (round?.premiumAssets ?? 0n) - (round?.owedAssets ?? 0n),
    )
  })

  it('refuses what the vault or the market would refuse, with typed errors', () => {
    const base: SimulateStrategyParameters = {
      rule: WEEKLY_CALLS,
      pricing: CALLS,
      assets: WAD,
      startTimestamp: START,
      path: spots(3_000n, 3_000n),
    }
    for (const bad of [
      { ...base, path: spots(3_000n) },
      { ...base, path: spots(3_000n, 0n) },
      { ...base, assets: 0n },
      { ...base, rule: { ...WEEKLY_CALLS, moneynessWad: 6n * 10n ** 17n } },
      { ...base, rule: { ...WEEKLY_CALLS, roundDurationSec: DAY / 2n } },
    ])
      expect(rejection(() => simulateStrategy(bad))).toBeInstanceOf(InvalidBuildArgumentError)
    // A 50 % out-of-the-money weekly call is below the market's 2 % delta floor.
    const far = { ...base, rule: { ...WEEKLY_CALLS, moneynessWad: 5n * 10n ** 17n } }
    expect(rejection(() => simulateStrategy(far))).toMatchObject({
      name: 'TradeRejectedError',
      errorName: 'DeltaOutOfBounds',
    })
    expect(rejection(() => simulateStrategy(far))).toBeInstanceOf(TradeRejectedError)
  })
})
