import { readFileSync } from 'node:fs'
import { decodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { portfolioMarginEngineAbi } from '../abi/portfolio.js'
import { SelfLiquidationError } from '../errors/margin.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import {
  PortfolioAccountHealthyError,
  PortfolioAccountInsolventError,
  PortfolioActionRevertError,
  PortfolioStateIncompleteError,
} from '../errors/portfolio.js'
import { decodeSeriesId, encodeSeriesId } from '../math/wad/seriesId.js'
import { WAD } from '../math/wad.js'
import { PORTFOLIO_MAX_POSITION_SIZE, PORTFOLIO_MAX_POSITIONS } from './book.js'
import {
  buildPortfolioBuy,
  buildPortfolioClose,
  buildPortfolioDeposit,
  buildPortfolioDepositOptions,
  buildPortfolioLiquidate,
  buildPortfolioOpenAccount,
  buildPortfolioResolveBadDebt,
  buildPortfolioSell,
  buildPortfolioSettleAccount,
  buildPortfolioWithdraw,
  buildPortfolioWithdrawOptions,
  buildPortfolioWrite,
} from './builders.js'
import { computePortfolioMargin } from './computePortfolioMargin.js'
import { planPortfolioLiquidation } from './planPortfolioLiquidation.js'
import type { PortfolioState } from './state.js'
import { whatIfPortfolioTrade } from './whatIfPortfolioTrade.js'

/**
 * `test/fixtures/portfolioStates.json`: states fetched from the devnet by the anvil test
 * (`PORTFOLIO_FIXTURE_OUT=… vitest run test/integration/portfolioMargin.test.ts`) with the
 * engine's `marginOf` of each, and liquidations with their `Liquidated` events.
 */
type Fixture = {
  margins: { state: PortfolioState; riskReducing: boolean; marginOf: Record<string, bigint> }[]
  liquidations: {
    state: PortfolioState
    liquidatorState: PortfolioState
    timestamp: bigint
    event: Record<string, unknown>
  }[]
}
const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/portfolioStates.json', import.meta.url), 'utf8'),
  (_, v) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v),
)

const ENGINE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const RECEIVER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const USDC = 10n ** 6n
const NOW = 1_767_000_000n
const EXPIRY = NOW + 7n * 86_400n
const LATER = NOW + 28n * 86_400n
const SMILE = {
  a: 8n * 10n ** 15n,
  b: 5n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: 10n ** 17n,
}

function position(expiry: bigint, strike: bigint, isCall: boolean, options: bigint) {
  const id = encodeSeriesId({ expiry, strikeWad: strike * WAD, isCall })
  return {
    id,
    series: decodeSeriesId(id),
    isLong: options > 0n,
    size: (options < 0n ? -options : options) * WAD,
  }
}

/** A put spread and a short call at 3,000 with 20,000 USDC and 1 WETH: the devnet's parameters. */
function account(overrides: Partial<PortfolioState> = {}): PortfolioState {
  return {
    engine: ENGINE,
    market: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    accountId: 1n,
    owner: RECEIVER,
    baseAssets: WAD,
    quoteAssets: 20_000n * USDC,
    positions: [
      position(EXPIRY, 2_900n, false, -10n),
      position(EXPIRY, 2_700n, false, 10n),
      position(LATER, 3_300n, true, -5n),
    ],
    params: {
      spotIntervals: 3n,
      volShockWad: 3n * 10n ** 17n,
      shockMultiplierWad: 4n * WAD,
      shockHorizonSec: 86_400n,
      minSpotShockWad: 5n * 10n ** 16n,
      maxSpotShockWad: 5n * 10n ** 17n,
      floorShareWad: 10n ** 16n,
      maintenanceRatioWad: 8n * 10n ** 17n,
      baseHaircutWad: 5n * 10n ** 16n,
      quoteHaircutWad: 0n,
      liquidationDiscountWad: 5n * 10n ** 16n,
      insuranceShareWad: 2n * 10n ** 17n,
    },
    baseScale: 1n,
    quoteScale: 10n ** 12n,
    spotWad: 3_000n * WAD,
    lowWad: 3_000n * WAD,
    highWad: 3_000n * WAD,
    rateWad: 0n,
    smiles: [
      { expiry: EXPIRY, smile: SMILE },
      { expiry: LATER, smile: { ...SMILE, a: SMILE.a * 8n, b: SMILE.b * 8n } },
    ],
    settledPrices: [
      { expiry: EXPIRY, priceWad: 0n },
      { expiry: LATER, priceWad: 0n },
    ],
    blockNumber: 1n,
    timestamp: NOW,
    ...overrides,
  }
}

describe('computePortfolioMargin', () => {
  it.each(fixture.margins.map((m, i) => [i, m] as const))(
    'equals the devnet engine’s marginOf to the wei (fixture %i)',
    (_, { state, riskReducing, marginOf }) => {
      const { healthWad, ...margin } = computePortfolioMargin(state, { riskReducing })
      expect(margin).toEqual(marginOf)
      expect(healthWad).toBe(margin.equityWad - margin.maintenanceMarginWad)
    },
  )

  it('takes the worse end of a degraded range, and needs a strict spot otherwise', () => {
    const degraded = account({ spotWad: undefined, lowWad: 2_900n * WAD, highWad: 3_100n * WAD })
    expect(() => computePortfolioMargin(degraded)).toThrow(PortfolioStateIncompleteError)
    const worse = computePortfolioMargin(degraded, { riskReducing: true })
    const low = computePortfolioMargin(degraded, { spotWad: 2_900n * WAD })
    const high = computePortfolioMargin(degraded, { spotWad: 3_100n * WAD })
    expect(worse).toEqual(high.healthWad < low.healthWad ? high : low)
    expect([2_900n * WAD, 3_100n * WAD]).toContain(worse.spotWad)
  })

  it('shocks the spot by the nearest live expiry, the maximum without one', () => {
    const near = computePortfolioMargin(account())
    const far = computePortfolioMargin(account({ positions: [position(LATER, 3_300n, true, -5n)] }))
    // Four standard deviations of one day at the near smile's vol, or at the far one's (√2 higher).
    expect(near.spotShockWad).toBeLessThan(far.spotShockWad)
    const none = computePortfolioMargin(account({ positions: [] }))
    expect(none.spotShockWad).toBe(5n * 10n ** 17n)
    expect(none.equityWad).toBe(20_000n * WAD + 2_850n * WAD)
    // The base collateral is on the grid: worth 2,850 after its haircut, it can lose half.
    expect(none.initialMarginWad).toBe(1_425n * WAD)
  })

  it('counts a settled expiry at its fixed payoff, outside the grid', () => {
    const settled = account({
      timestamp: EXPIRY + 10n,
      settledPrices: [
        { expiry: EXPIRY, priceWad: 2_800n * WAD },
        { expiry: LATER, priceWad: 0n },
      ],
    })
    const live = account({
      timestamp: EXPIRY + 10n,
      positions: [position(LATER, 3_300n, true, -5n)],
    })
    // Short 10 puts at 2,900 owe 100 each; long 10 at 2,700 are worth nothing.
    expect(computePortfolioMargin(settled).equityWad).toBe(
      computePortfolioMargin(live).equityWad - 1_000n * WAD,
    )
    expect(computePortfolioMargin(settled).initialMarginWad).toBe(
      computePortfolioMargin(live).initialMarginWad,
    )
    expect(() => computePortfolioMargin(account({ smiles: [] }))).toThrow(
      PortfolioStateIncompleteError,
    )
  })
})

describe('whatIfPortfolioTrade', () => {
  const state = account()
  const margin = computePortfolioMargin(state)
  const excess = (margin.equityWad - margin.initialMarginWad) / state.quoteScale

  it('passes a withdrawal of the excess over IM to the unit, and refuses one more', () => {
    expect(excess).toBeGreaterThan(0n)
    const at = whatIfPortfolioTrade(state, { kind: 'withdraw', isBase: false, assets: excess })
    expect(at.passes).toBe(true)
    expect(at.checked).toBe(true)
    expect(at.state.quoteAssets).toBe(state.quoteAssets - excess)
    const over = whatIfPortfolioTrade(state, {
      kind: 'withdraw',
      isBase: false,
      assets: excess + 1n,
    })
    expect(over.passes).toBe(false)
    expect(over.margin.equityWad).toBeLessThan(over.margin.initialMarginWad)
  })

  it('checks what adds risk and not a deposit or a close', () => {
    const [shortPut, longPut] = state.positions
    if (shortPut === undefined || longPut === undefined) throw new Error('fixture')
    const write = whatIfPortfolioTrade(state, {
      kind: 'write',
      id: shortPut.id,
      size: 100n * WAD,
      premiumAssets: 1n,
    })
    expect(write.checked && !write.passes).toBe(true)
    expect(write.state.positions[0]?.size).toBe(110n * WAD)
    const close = whatIfPortfolioTrade(state, {
      kind: 'close',
      id: shortPut.id,
      size: shortPut.size,
      premiumAssets: 5n * USDC,
    })
    expect(close).toMatchObject({ checked: false, passes: true })
    // Swap and pop, as the engine's `_removeAt`.
    expect(close.state.positions.map((p) => p.id)).toEqual([state.positions[2]?.id, longPut.id])
    expect(
      whatIfPortfolioTrade(state, { kind: 'deposit', isBase: true, assets: 1n }),
    ).toMatchObject({ checked: false })
    // Selling the hedge leaves the short put naked: the engine checks it.
    expect(
      whatIfPortfolioTrade(state, { kind: 'sell', id: longPut.id, size: longPut.size }).checked,
    ).toBe(true)
  })

  it('refuses what the engine refuses before its margin check, naming its error', () => {
    const [shortPut, longPut] = state.positions
    if (shortPut === undefined || longPut === undefined) throw new Error('fixture')
    const reason = (f: () => unknown) => {
      try {
        f()
      } catch (error) {
        if (error instanceof PortfolioActionRevertError) return error.reason
        throw error
      }
      return 'none'
    }
    expect(
      reason(() => whatIfPortfolioTrade(state, { kind: 'buy', id: shortPut.id, size: WAD })),
    ).toBe('OppositePosition')
    expect(
      reason(() => whatIfPortfolioTrade(state, { kind: 'close', id: longPut.id, size: WAD })),
    ).toBe('PositionNotFound')
    expect(
      reason(() =>
        whatIfPortfolioTrade(state, { kind: 'close', id: shortPut.id, size: shortPut.size + 1n }),
      ),
    ).toBe('InvalidSize')
    expect(
      reason(() => whatIfPortfolioTrade(state, { kind: 'write', id: shortPut.id, size: 0n })),
    ).toBe('InvalidSize')
    expect(
      reason(() =>
        whatIfPortfolioTrade(state, { kind: 'withdraw', isBase: true, assets: WAD + 1n }),
      ),
    ).toBe('InsufficientCollateral')
    expect(
      reason(() =>
        whatIfPortfolioTrade(state, {
          kind: 'buy',
          id: longPut.id,
          size: WAD,
          premiumAssets: 10n ** 12n,
        }),
      ),
    ).toBe('InsufficientCollateral')
    const full = account({
      positions: Array.from({ length: PORTFOLIO_MAX_POSITIONS }, (_, i) =>
        position(LATER, 2_500n + 50n * BigInt(i), false, 1n),
      ),
    })
    expect(
      reason(() => whatIfPortfolioTrade(full, { kind: 'buy', id: shortPut.id, size: WAD })),
    ).toBe('TooManyPositions')
  })
})

describe('planPortfolioLiquidation', () => {
  it.each(fixture.liquidations.map((l, i) => [i, l] as const))(
    'equals the devnet engine’s Liquidated event (fixture %i)',
    (_, { state, liquidatorState, timestamp, event }) => {
      const plan = planPortfolioLiquidation(state, { liquidatorState, timestamp })
      expect({
        accountId: state.accountId,
        liquidatorAccountId: liquidatorState.accountId,
        ids: plan.ids,
        sizes: plan.sizes,
        transferWad: plan.transferWad,
        bonusWad: plan.bonusWad,
        insuranceWad: plan.insuranceWad,
        healthBeforeWad: plan.healthBeforeWad,
        healthAfterWad: plan.healthAfterWad,
      }).toEqual(event)
    },
  )

  const liquidatorState = account({
    accountId: 9n,
    positions: [],
    quoteAssets: 5_000_000n * USDC,
    baseAssets: 0n,
  })
  // The spot crashes to 2,600: the put spread is at its maximum loss. With quote collateral for an
  // equity of half the MM (quote is neither shocked nor haircut: MM does not move with it), the
  // account is below MM but solvent.
  const atSpot = { spotWad: 2_600n * WAD, lowWad: 2_600n * WAD, highWad: 2_600n * WAD }
  const bare = computePortfolioMargin(account({ ...atSpot, quoteAssets: 0n }))
  const quoteAssets = (bare.maintenanceMarginWad / 2n - bare.equityWad) / 10n ** 12n
  const crashed = account({ ...atSpot, quoteAssets })

  it('takes the smallest share of every position that restores the health, with the bonus bounded', () => {
    expect(quoteAssets).toBeGreaterThan(0n)
    expect(computePortfolioMargin(crashed, { riskReducing: true }).healthWad).toBeLessThan(0n)
    const plan = planPortfolioLiquidation(crashed, { liquidatorState })
    expect(plan.healthAfterWad).toBeGreaterThanOrEqual(0n)
    expect(plan.healthAfterWad).toBeGreaterThan(plan.healthBeforeWad)
    expect(plan.bonusWad).toBeLessThanOrEqual((plan.grossWad * 5n) / 100n)
    expect(plan.shareWad).toBeDefined()
    const share = plan.shareWad ?? 0n
    if (share < WAD) {
      const less = planPortfolioLiquidation(crashed, {
        liquidatorState,
        shareWad: share - 10n ** 14n,
      })
      expect(less.healthAfterWad).toBeLessThan(0n)
    }
    // The liquidator holds what it took over, on the same sides.
    expect(plan.liquidator.positions.map((p) => [p.id, p.isLong])).toEqual(
      crashed.positions.map((p) => [p.id, p.isLong]),
    )
  })

  it('refuses what the engine refuses', () => {
    expect(() => planPortfolioLiquidation(account(), { liquidatorState })).toThrow(
      PortfolioAccountHealthyError,
    )
    expect(() =>
      planPortfolioLiquidation(account({ ...crashed, quoteAssets: 0n, baseAssets: 0n }), {
        liquidatorState,
      }),
    ).toThrow(PortfolioAccountInsolventError)
    expect(() => planPortfolioLiquidation(crashed, { liquidatorState: crashed })).toThrow(
      SelfLiquidationError,
    )
    expect(() =>
      planPortfolioLiquidation(crashed, { liquidatorState, ids: [], sizes: [] }),
    ).toThrow(PortfolioActionRevertError)
  })
})

describe('portfolio builders', () => {
  const id = encodeSeriesId({ expiry: EXPIRY, strikeWad: 2_900n * WAD, isCall: false })
  const decode = (data: `0x${string}`) =>
    decodeFunctionData({ abi: portfolioMarginEngineAbi, data })

  it('encode every engine action', () => {
    const trade = {
      engine: ENGINE,
      accountId: 1n,
      id,
      size: WAD,
      premiumLimitAssets: 5n,
      deadline: NOW,
    } as const
    const cases = [
      [buildPortfolioOpenAccount({ engine: ENGINE }), 'openAccount', undefined],
      [
        buildPortfolioDeposit({
          engine: ENGINE,
          asset: RECEIVER,
          accountId: 1n,
          isBase: true,
          assets: 7n,
        }),
        'deposit',
        [1n, true, 7n],
      ],
      [
        buildPortfolioWithdraw({
          engine: ENGINE,
          accountId: 1n,
          isBase: false,
          assets: 7n,
          receiver: RECEIVER,
        }),
        'withdraw',
        [1n, false, 7n, RECEIVER],
      ],
      [buildPortfolioBuy(trade), 'buy', [1n, id, WAD, 5n, NOW]],
      [buildPortfolioSell(trade), 'sell', [1n, id, WAD, 5n, NOW]],
      [buildPortfolioWrite(trade), 'write', [1n, id, WAD, 5n, NOW]],
      [buildPortfolioClose(trade), 'close', [1n, id, WAD, 5n, NOW]],
      [
        buildPortfolioDepositOptions({ engine: ENGINE, accountId: 1n, id, size: WAD }),
        'depositOptions',
        [1n, id, WAD],
      ],
      [
        buildPortfolioWithdrawOptions({
          engine: ENGINE,
          accountId: 1n,
          id,
          size: WAD,
          receiver: RECEIVER,
        }),
        'withdrawOptions',
        [1n, id, WAD, RECEIVER],
      ],
      [
        buildPortfolioLiquidate({
          engine: ENGINE,
          accountId: 1n,
          liquidatorAccountId: 2n,
          ids: [id],
          sizes: [WAD],
        }),
        'liquidate',
        [1n, 2n, [id], [WAD]],
      ],
      [buildPortfolioSettleAccount({ engine: ENGINE, accountId: 1n }), 'settleAccount', [1n]],
      [buildPortfolioResolveBadDebt({ engine: ENGINE, accountId: 1n }), 'resolveBadDebt', [1n]],
    ] as const
    for (const [request, functionName, args] of cases) {
      expect(request.to).toBe(ENGINE)
      expect(decode(request.data)).toEqual({ functionName, args })
    }
    const deposit = cases[1][0]
    expect(deposit.requirements).toMatchObject([
      { type: 'erc20Allowance', token: RECEIVER, spender: ENGINE, amount: 7n },
    ])
  })

  it('refuse what the engine would refuse', () => {
    const trade = {
      engine: ENGINE,
      accountId: 1n,
      id,
      size: WAD,
      premiumLimitAssets: 5n,
      deadline: NOW,
    } as const
    expect(() => buildPortfolioBuy({ ...trade, size: PORTFOLIO_MAX_POSITION_SIZE + 1n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildPortfolioWrite({ ...trade, accountId: 0n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildPortfolioSell({ ...trade, id: 1n << 200n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() =>
      buildPortfolioLiquidate({
        engine: ENGINE,
        accountId: 1n,
        liquidatorAccountId: 1n,
        ids: [id],
        sizes: [WAD],
      }),
    ).toThrow(SelfLiquidationError)
    expect(() =>
      buildPortfolioLiquidate({
        engine: ENGINE,
        accountId: 1n,
        liquidatorAccountId: 2n,
        ids: [id],
        sizes: [],
      }),
    ).toThrow(InvalidBuildArgumentError)
  })
})
