import { describe, expect, it } from 'vitest'
import { InvalidBuildArgumentError, TradeRejectedError } from '../errors/market.js'
import { min } from '../math/wad/fixedPoint.js'
import {
  checkStrategyRound,
  type SimulateStrategyParameters,
  type SpreadRule,
  StrategyRoundRejectedError,
  simulateSpreadStrategy,
  simulateStrategy,
} from './simulateStrategy.js'

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

const CALL_SPREAD: SpreadRule = {
  ...WEEKLY_CALLS,
  spreadWidthWad: 5n * 10n ** 16n,
  hedgeBudgetWad: 2n * 10n ** 16n,
}
const PUT_SPREAD: SpreadRule = { ...CALL_SPREAD, isCall: false }
/** The contracts' test market: |delta| at least 5 %, the state at the first round's start. */
const STRICT_CALLS = {
  ...CALLS,
  risk: { ...RISK, minAbsDeltaWad: 5n * 10n ** 16n },
  spotWad: 3_000n * WAD,
  inventoryWad: 0n,
  timestamp: START,
}

describe('checkStrategyRound', () => {
  it('plans a bear call spread as the vault opens it: K2 = K1 · (1 + w) snapped up, same size', () => {
    const check = checkStrategyRound({
      rule: CALL_SPREAD,
      pricing: STRICT_CALLS,
      assets: 100n * WAD,
    })
    if (!check.ok) throw check.rejection
    const { short, long, netPremiumAssets, floorAssets } = check.round
    expect(short?.strikeWad).toBe(3_300n * WAD)
    // 3,300 · 1.05 = 3,465, snapped up.
    expect(long?.strikeWad).toBe(3_470n * WAD)
    // The NAV less the 2 % hedge budget, less the engine's two units, one call per base unit.
    expect(short?.size).toBe(98n * WAD - 2n)
    expect(long?.size).toBe(short?.size)
    expect(netPremiumAssets).toBe((short?.premiumAssets ?? 0n) - (long?.premiumAssets ?? 0n))
    expect(netPremiumAssets).toBeGreaterThan(floorAssets)
    // The long leg is bought after the short leg moved the expiry's inventory.
    expect(long?.inventoryAfterWad).toBeGreaterThan(short?.inventoryAfterWad ?? 0n)
    // A single-leg rule is the writing vault's round, as simulateStrategy writes it.
    const single = checkStrategyRound({
      rule: WEEKLY_CALLS,
      pricing: STRICT_CALLS,
      assets: 100n * WAD,
    })
    const [simulated] = simulateStrategy({
      rule: WEEKLY_CALLS,
      pricing: CALLS,
      assets: 100n * WAD,
      startTimestamp: START,
      path: spots(3_000n, 3_000n),
    })
    expect(single.ok && single.round.short?.premiumAssets).toBe(simulated?.premiumAssets)
    expect(single.ok && single.round.long).toBeUndefined()
  })

  it("names the leg and the market's bound a round would revert on, before it is sent", () => {
    const reject = (parameters: Parameters<typeof checkStrategyRound>[0]) => {
      const check = checkStrategyRound(parameters)
      if (check.ok) throw new Error('expected a rejection')
      expect(check.rejection).toBeInstanceOf(StrategyRoundRejectedError)
      expect(check.rejection).toBeInstanceOf(TradeRejectedError)
      return { leg: check.rejection.leg, errorName: check.rejection.errorName }
    }
    const base = { rule: CALL_SPREAD, pricing: STRICT_CALLS, assets: 100n * WAD }
    // 15 % wide: K2 = 3,800, |delta| about 0.04, below the market's 5 % (the contract's
    // DeltaOutOfBounds at round start).
    expect(reject({ ...base, rule: { ...CALL_SPREAD, spreadWidthWad: 15n * 10n ** 16n } })).toEqual(
      {
        leg: 'long',
        errorName: 'DeltaOutOfBounds',
      },
    )
    // The long calls would lock 98 of the market vault's 100 WETH, over its 90 % cap.
    const book = { lockedAssets: 0n, reservedAssets: 0n, heldAssets: 100n * WAD }
    expect(reject({ ...base, book })).toEqual({ leg: 'long', errorName: 'UtilisationCapExceeded' })
    expect(checkStrategyRound({ ...base, book: { ...book, heldAssets: 1_000n * WAD } }).ok).toBe(
      true,
    )
    // The market vault could not pay the short leg's premium.
    expect(reject({ ...base, book: { ...book, heldAssets: WAD / 2n } })).toEqual({
      leg: 'short',
      errorName: 'VaultCannotPayPremium',
    })
    // The expiry's inventory is already at the side's cap.
    const capped = { ...STRICT_CALLS, side: { ...CALLS.side, maxInventoryWad: WAD } }
    expect(reject({ ...base, pricing: { ...capped, inventoryWad: -WAD } })).toEqual({
      leg: 'short',
      errorName: 'InventoryCapExceeded',
    })
    // The hedge budget cannot buy the long leg.
    expect(reject({ ...base, rule: { ...CALL_SPREAD, hedgeBudgetWad: 10n ** 12n } })).toEqual({
      leg: 'long',
      errorName: 'PremiumAboveMax',
    })
    // At a 1 % tolerance the fees of both legs put the net premium below the spread's floor, while
    // the short leg clears its own vault's default floor.
    expect(reject({ ...base, maxPremiumDiscountWad: 10n ** 16n })).toEqual({
      leg: 'net',
      errorName: 'PremiumBelowFloor',
    })
    expect(reject({ ...base, rule: WEEKLY_CALLS, maxPremiumDiscountWad: 10n ** 16n }).leg).toBe(
      'short',
    )
    // A rule outside the vault's bounds is an argument error, not a market refusal.
    expect(
      rejection(() =>
        checkStrategyRound({ ...base, rule: { ...CALL_SPREAD, spreadWidthWad: 6n * 10n ** 17n } }),
      ),
    ).toBeInstanceOf(InvalidBuildArgumentError)
  })
})

describe('simulateSpreadStrategy', () => {
  it("caps a bear call spread's loss above K2 and keeps the net premium below K1", () => {
    const nav = 100n * WAD
    const [above, below] = simulateSpreadStrategy({
      rule: CALL_SPREAD,
      pricing: CALLS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_000n, 4_000n, 2_500n),
    })
    if (above?.short === undefined || above.long === undefined) throw new Error('two legs')
    const { short, long } = above
    // Above K2 the short leg owes (S − K1)/S per option, the long leg pays (S − K2)/S back.
    expect(above.owedAssets).toBe((short.size * ((700n * WAD + 3_999n) / 4_000n) + WAD - 1n) / WAD)
    expect(above.longPayoutAssets).toBe((long.size * 530n) / 4_000n)
    expect(above.navAfterAssets).toBe(
      nav + above.netPremiumAssets - above.owedAssets + above.longPayoutAssets,
    )
    // The loss: at most size · (K2 − K1)/S less the net premium, to the engine's rounding.
    const maxLoss = (short.size * 170n) / 4_000n
    expect(nav - above.navAfterAssets).toBeLessThanOrEqual(maxLoss - above.netPremiumAssets + 2n)
    expect(nav - above.navAfterAssets).toBeGreaterThan(0n)
    // Round 2 starts at the expiry on the NAV round 1 left, and ends out of the money.
    expect(below?.startTimestamp).toBe(above.expiry)
    expect(below?.navBeforeAssets).toBe(above.navAfterAssets)
    expect(below?.owedAssets).toBe(0n)
    expect(below?.navAfterAssets).toBe(above.navAfterAssets + (below?.netPremiumAssets ?? 0n))
  })

  it("caps a bull put spread's loss below K2, on the quote asset", () => {
    const nav = 1_000_000n * 10n ** 6n
    const [round] = simulateSpreadStrategy({
      rule: PUT_SPREAD,
      pricing: PUTS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_000n, 2_000n),
    })
    // K1 = 2,700, K2 = 2,700 · 0.95 = 2,565 snapped down to 2,560.
    expect(round?.short?.strikeWad).toBe(2_700n * WAD)
    expect(round?.long?.strikeWad).toBe(2_560n * WAD)
    const size = round?.short?.size ?? 0n
    expect(round?.owedAssets).toBe((size * 700n + 10n ** 12n - 1n) / 10n ** 12n)
    expect(round?.longPayoutAssets).toBe((size * 560n) / 10n ** 12n)
    const maxLoss = (size * 140n + 10n ** 12n - 1n) / 10n ** 12n
    expect(nav - (round?.navAfterAssets ?? 0n)).toBeLessThanOrEqual(
      maxLoss - (round?.netPremiumAssets ?? 0n) + 1n,
    )
  })

  it('throws the typed refusal of a round that would revert', () => {
    const error = rejection(() =>
      simulateSpreadStrategy({
        rule: { ...CALL_SPREAD, spreadWidthWad: 3n * 10n ** 17n },
        pricing: STRICT_CALLS,
        assets: 100n * WAD,
        startTimestamp: START,
        path: spots(3_000n, 3_000n),
      }),
    )
    expect(error).toMatchObject({ leg: 'long', errorName: 'DeltaOutOfBounds' })
  })
})
