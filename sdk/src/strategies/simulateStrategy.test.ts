import { describe, expect, it } from 'vitest'
import { InvalidBuildArgumentError, TradeRejectedError } from '../errors/market.js'
import { min } from '../math/wad/fixedPoint.js'
import { spotShockWad } from '../math/wad/portfolioRisk.js'
import {
  checkStrategyRound,
  type SimulateStrategyParameters,
  type SpreadMarginParams,
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
  hedgeBudgetWad: 3n * 10n ** 17n,
}
const PUT_SPREAD: SpreadRule = { ...CALL_SPREAD, isCall: false }
/** The contracts' test engine (`PortfolioBase`): floor 1 %, base haircut 5 %, quote 0, x = 4·σ·sqrt(1 day). */
const SHOCK_RULE = {
  multiplierWad: 4n * WAD,
  horizonSec: DAY,
  minShockWad: 5n * 10n ** 16n,
  maxShockWad: 5n * 10n ** 17n,
}
const CALL_MARGIN: SpreadMarginParams = {
  floorShareWad: 10n ** 16n,
  haircutWad: 5n * 10n ** 16n,
  shockRule: SHOCK_RULE,
}
const PUT_MARGIN: SpreadMarginParams = { ...CALL_MARGIN, haircutWad: 0n }
/** The contracts' test market: |delta| at least 5 %, the state at the first round's start. */
const STRICT_CALLS = {
  ...CALLS,
  risk: { ...RISK, minAbsDeltaWad: 5n * 10n ** 16n },
  spotWad: 3_000n * WAD,
  inventoryWad: 0n,
  timestamp: START,
}
const ceilDiv = (x: bigint, d: bigint) => (x + d - 1n) / d

describe('checkStrategyRound', () => {
  it('plans a bear call spread as the vault opens it: sized by its collateral per spread, long leg first', () => {
    const nav = 100n * WAD
    const check = checkStrategyRound({
      rule: CALL_SPREAD,
      pricing: STRICT_CALLS,
      assets: nav,
      margin: CALL_MARGIN,
    })
    if (!check.ok) throw check.rejection
    const { short, long, netPremiumAssets, floorAssets, postedAssets, expiry } = check.round
    expect(short?.strikeWad).toBe(3_300n * WAD)
    // 3,300 · 1.05 = 3,465, snapped up.
    expect(long?.strikeWad).toBe(3_470n * WAD)
    // (K2 − K1 + φ·S + 4·S + 4 wei) / (S·(1 − x)·(1 − h)) base per spread, x the engine's shock.
    const x = spotShockWad(SMILE, expiry - START, SHOCK_RULE)
    const low = (((3_000n * WAD * (WAD - x)) / WAD) * 95n) / 100n
    const perSpread = ceilDiv((170n * WAD + 30n * WAD + 12_004n) * WAD, low)
    const size = ((nav - 4n) * WAD) / perSpread
    expect(short?.size).toBe(size)
    expect(long?.size).toBe(size)
    expect(postedAssets).toBe(ceilDiv(size * perSpread, WAD) + 2n)
    expect(postedAssets).toBeLessThanOrEqual(nav)
    // At least the maximum loss in base, (K2 − K1)/K2 per spread; far below one base unit per call.
    expect(postedAssets).toBeGreaterThanOrEqual((size * 170n) / 3_470n)
    expect(postedAssets * 5n).toBeLessThan(size)
    expect(netPremiumAssets).toBe((short?.premiumAssets ?? 0n) - (long?.premiumAssets ?? 0n))
    expect(netPremiumAssets).toBeGreaterThan(floorAssets)
    // The short leg is written after the long leg moved the expiry's inventory.
    expect(short?.inventoryAfterWad).toBeLessThan(long?.inventoryAfterWad ?? 0n)
    // A single-leg rule is the writing vault's round, as simulateStrategy writes it, the whole NAV posted.
    const single = checkStrategyRound({
      rule: WEEKLY_CALLS,
      pricing: STRICT_CALLS,
      assets: nav,
    })
    const [simulated] = simulateStrategy({
      rule: WEEKLY_CALLS,
      pricing: CALLS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_000n, 3_000n),
    })
    expect(single.ok && single.round.short?.premiumAssets).toBe(simulated?.premiumAssets)
    expect(single.ok && single.round.long).toBeUndefined()
    expect(single.ok && single.round.postedAssets).toBe(nav)
  })

  it("posts a put spread's maximum loss plus the floor, not K1 per put", () => {
    const nav = 1_000_000n * 10n ** 6n
    const check = checkStrategyRound({
      rule: PUT_SPREAD,
      pricing: { ...PUTS, spotWad: 3_000n * WAD, inventoryWad: 0n, timestamp: START },
      assets: nav,
      margin: PUT_MARGIN,
    })
    if (!check.ok) throw check.rejection
    const size = check.round.short?.size ?? 0n
    // K1 = 2,700, K2 = 2,560: max loss 140 + floor 27 quote per spread.
    const maxLossPlusFloor = ceilDiv(size * 167n, 10n ** 12n)
    expect(check.round.postedAssets - maxLossPlusFloor).toBeLessThanOrEqual(3n)
    expect(check.round.postedAssets).toBeGreaterThanOrEqual(maxLossPlusFloor)
    // The old composition posted K1 = 2,700 per put: sixteen times as much.
    expect(check.round.postedAssets * 16n).toBeLessThan((size * 2_700n) / 10n ** 12n)
  })

  it("names the leg and the market's bound a round would revert on, before it is sent", () => {
    const reject = (parameters: Parameters<typeof checkStrategyRound>[0]) => {
      const check = checkStrategyRound(parameters)
      if (check.ok) throw new Error('expected a rejection')
      expect(check.rejection).toBeInstanceOf(StrategyRoundRejectedError)
      expect(check.rejection).toBeInstanceOf(TradeRejectedError)
      return { leg: check.rejection.leg, errorName: check.rejection.errorName }
    }
    const base = {
      rule: CALL_SPREAD,
      pricing: STRICT_CALLS,
      assets: 10n * WAD,
      margin: CALL_MARGIN,
    }
    // 15 % wide: K2 = 3,800, |delta| about 0.04, below the market's 5 % (the contract's
    // DeltaOutOfBounds at round start).
    expect(reject({ ...base, rule: { ...CALL_SPREAD, spreadWidthWad: 15n * 10n ** 16n } })).toEqual(
      {
        leg: 'long',
        errorName: 'DeltaOutOfBounds',
      },
    )
    // The long calls (over a hundred of them on 10 WETH) would lock more than 90 % of a 100 WETH vault.
    const book = { lockedAssets: 0n, reservedAssets: 0n, heldAssets: 100n * WAD }
    expect(reject({ ...base, book })).toEqual({ leg: 'long', errorName: 'UtilisationCapExceeded' })
    expect(checkStrategyRound({ ...base, book: { ...book, heldAssets: 10_000n * WAD } }).ok).toBe(
      true,
    )
    // A writing vault's market could not pay its premium.
    expect(
      reject({ ...base, rule: WEEKLY_CALLS, book: { ...book, heldAssets: WAD / 100n } }),
    ).toEqual({ leg: 'short', errorName: 'VaultCannotPayPremium' })
    // The expiry's inventory is already at the side's cap: the long leg, bought first, breaks it.
    const capped = { ...STRICT_CALLS, side: { ...CALLS.side, maxInventoryWad: WAD } }
    expect(reject({ ...base, pricing: { ...capped, inventoryWad: WAD } }).errorName).toBe(
      'InventoryCapExceeded',
    )
    // The hedge budget cannot buy the long leg.
    expect(reject({ ...base, rule: { ...CALL_SPREAD, hedgeBudgetWad: 10n ** 12n } })).toEqual({
      leg: 'long',
      errorName: 'PremiumAboveMax',
    })
    // At a 1 % tolerance the fees of both legs put the net premium below the spread's floor.
    expect(reject({ ...base, maxPremiumDiscountWad: 10n ** 16n })).toEqual({
      leg: 'net',
      errorName: 'PremiumBelowFloor',
    })
    expect(reject({ ...base, rule: WEEKLY_CALLS, maxPremiumDiscountWad: 10n ** 16n }).leg).toBe(
      'short',
    )
    // A rule outside the vault's bounds, or a spread without the engine's parameters, is an argument
    // error, not a market refusal.
    expect(
      rejection(() =>
        checkStrategyRound({ ...base, rule: { ...CALL_SPREAD, spreadWidthWad: 6n * 10n ** 17n } }),
      ),
    ).toBeInstanceOf(InvalidBuildArgumentError)
    const withoutMargin = { rule: CALL_SPREAD, pricing: STRICT_CALLS, assets: 10n * WAD }
    expect(rejection(() => checkStrategyRound(withoutMargin))).toBeInstanceOf(
      InvalidBuildArgumentError,
    )
  })
})

describe('simulateSpreadStrategy', () => {
  it("caps a bear call spread's loss above K2 and keeps the net premium below K1", () => {
    const nav = 10n * WAD
    const [above, below] = simulateSpreadStrategy({
      rule: CALL_SPREAD,
      pricing: CALLS,
      assets: nav,
      startTimestamp: START,
      path: spots(3_000n, 4_000n, 2_500n),
      margin: CALL_MARGIN,
    })
    if (above?.short === undefined || above.long === undefined) throw new Error('two legs')
    const { short, long } = above
    // Above K2 the short leg owes (S − K1)/S per option, the long leg pays (S − K2)/S back.
    expect(above.owedAssets).toBe((short.size * ((700n * WAD + 3_999n) / 4_000n) + WAD - 1n) / WAD)
    expect(above.longPayoutAssets).toBe((long.size * 530n) / 4_000n)
    expect(above.navAfterAssets).toBe(
      nav + above.netPremiumAssets - above.owedAssets + above.longPayoutAssets,
    )
    // The loss: at most size · (K2 − K1)/S less the net premium, to the engine's rounding, and
    // always within what the account posted.
    const maxLoss = (short.size * 170n) / 4_000n
    expect(nav - above.navAfterAssets).toBeLessThanOrEqual(maxLoss - above.netPremiumAssets + 2n)
    expect(nav - above.navAfterAssets).toBeGreaterThan(0n)
    expect(above.owedAssets - above.longPayoutAssets).toBeLessThanOrEqual(above.postedAssets)
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
      margin: PUT_MARGIN,
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
    // Below K2 the loss is the whole width: most of the NAV, as a spread sized by its max loss is.
    expect(nav - (round?.navAfterAssets ?? 0n)).toBeGreaterThan(nav / 2n)
  })

  it('throws the typed refusal of a round that would revert', () => {
    const error = rejection(() =>
      simulateSpreadStrategy({
        rule: { ...CALL_SPREAD, spreadWidthWad: 3n * 10n ** 17n },
        pricing: STRICT_CALLS,
        assets: 10n * WAD,
        startTimestamp: START,
        path: spots(3_000n, 3_000n),
        margin: CALL_MARGIN,
      }),
    )
    expect(error).toMatchObject({ leg: 'long', errorName: 'DeltaOutOfBounds' })
  })
})
