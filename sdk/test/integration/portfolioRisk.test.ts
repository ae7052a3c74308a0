/**
 * The portfolio-margin mirror (`src/math/wad/portfolioRisk.ts`) against `PortfolioRisk.sol` to
 * the wei: `test/utils/PortfolioRiskHarness.sol` (its `margin` and `spotShockWad` as external
 * functions, built by `forge build`) deployed on anvil, and `eth_call` of it compared with the SDK
 * on seeded random books (1 to 16 legs over 1 to 3 expiries, longs and shorts, calls and puts,
 * strikes 0.5x to 2x spot, collateral in base and quote with haircuts, every shock in its bounds,
 * rates 0 and 5 %), on edge cases (an empty book, naked shorts, spreads, legs at expiry), and on
 * the reverts: the SDK throws exactly when the contract reverts, the error of the same name with
 * the same arguments.
 *
 * Seed: `PORTFOLIO_RISK_SEED` (decimal) or the default below; it is printed with the tallies.
 */
import { type Address, ContractFunctionRevertedError } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TimeOutOfRangeError } from '../../src/errors/blackScholes.js'
import {
  LegSizeOutOfRangeError,
  ParameterOutOfBoundsError,
  TooManyLegsError,
} from '../../src/errors/portfolioRisk.js'
import { SviValidationError } from '../../src/errors/svi.js'
import {
  type PortfolioCollateralWad,
  type PortfolioExpiryWad,
  type PortfolioLegWad,
  type PortfolioMarginWad,
  type PortfolioShocksWad,
  portfolioMargin,
  type SpotShockRuleWad,
  spotShockWad,
} from '../../src/math/wad/portfolioRisk.js'
import type { SviParamsWad } from '../../src/math/wad/sviWad.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { type Artifact, forgeArtifact } from '../utils/artifacts.js'
import { deployArtifact, makeTestClient, type TestClient } from '../utils/testClient.js'

const SEED = Number(process.env.PORTFOLIO_RISK_SEED ?? 0x5311e)
const RANDOM_BOOKS = 320
const RANDOM_SHOCK_RULES = 120
/** Concurrent `eth_call`s. */
const CHUNK = 16

const WAD = 10n ** 18n
const PERCENT = 10n ** 16n
const YEAR = 31_536_000n
const DAY = 86_400n

/** mulberry32: a small deterministic generator of floats in [0, 1). */
function prng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296
  }
}

const random = prng(SEED)
const uniform = (lo: number, hi: number) => lo + (hi - lo) * random()
const integer = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
const chance = (p: number) => random() < p
/** A float to wad, with random low digits below its float precision. */
const toWadNoisy = (x: number) =>
  BigInt(Math.round(x * 1e9)) * 10n ** 9n + BigInt(Math.floor(random() * 1e9))
/** A wad fraction in [lo, hi] (wad), uniform to the wei's 1e-12. */
function wadBetween(lo: bigint, hi: bigint): bigint {
  return lo + ((hi - lo) * BigInt(Math.floor(random() * 1e12))) / 10n ** 12n
}

/** An arbitrage-free-looking smile for `timeSec`: ATM vol 20–150 %, skew, curvature. */
function randomSmile(timeSec: bigint): SviParamsWad {
  const years = Number(timeSec) / Number(YEAR)
  const atmVariance = uniform(0.2, 1.5) ** 2 * years
  // b up to 1.15 (b·(1 + |ρ|) ≤ 2 for the ρ below): at a large y the high-vol smile's b·(1 + y)²
  // passes Svi's magnitude bound 2 and is cut to it (`_withinMagnitudes`), which the fuzz covers.
  const b = Math.min(uniform(0.05, 1.5) * years, 1.15)
  const rho = uniform(-0.7, 0.3)
  const sigma = uniform(0.05, 0.4)
  // w(m) = a + b·s·sqrt(1 − ρ²)·… at the vertex: keep the ATM level near atmVariance.
  const a = Math.max(atmVariance - b * sigma, atmVariance * 0.3)
  return {
    a: toWadNoisy(a),
    b: toWadNoisy(b),
    rho: toWadNoisy(rho),
    m: toWadNoisy(uniform(-0.1, 0.1)),
    sigma: toWadNoisy(sigma),
  }
}

function randomSize(): bigint {
  const magnitude = chance(0.05)
    ? BigInt(integer(1, 1000))
    : chance(0.05)
      ? toWadNoisy(uniform(1e6, 1e9))
      : toWadNoisy(10 ** uniform(-3, 3))
  return chance(0.5) ? magnitude : -magnitude
}

function randomTime(): bigint {
  const pick = random()
  if (pick < 0.05) return BigInt(integer(0, 180))
  if (pick < 0.2) return BigInt(integer(181, 2 * 86_400))
  return BigInt(integer(2 * 86_400, 2 * 365 * 86_400))
}

type Case = {
  label: string
  book: PortfolioExpiryWad[]
  spotWad: bigint
  rateWad: bigint
  shocks: PortfolioShocksWad
  collateral: PortfolioCollateralWad
}

function randomCase(index: number): Case {
  const spot = 10 ** uniform(1, 5)
  const spotWad = toWadNoisy(spot)
  const expiries = integer(1, 3)
  const legCount = integer(1, 16)
  const times = Array.from({ length: expiries }, randomTime)
  const legs: PortfolioLegWad[][] = times.map(() => [])
  for (let j = 0; j < legCount; j++) {
    ;(legs[integer(0, expiries - 1)] as PortfolioLegWad[]).push({
      strikeWad: toWadNoisy(spot * uniform(0.5, 2)),
      isCall: chance(0.5),
      sizeWad: randomSize(),
    })
  }
  const book = times.map((timeSec, e) => ({
    timeSec,
    smile: randomSmile(timeSec < 60n ? 60n : timeSec),
    legs: legs[e] as PortfolioLegWad[],
  }))
  const haircut = () => (chance(0.15) ? 0n : chance(0.1) ? WAD : wadBetween(0n, WAD / 2n))
  return {
    label: `random #${index}`,
    book,
    spotWad,
    rateWad: chance(0.5) ? 0n : 5n * PERCENT,
    shocks: {
      spotIntervals: BigInt(integer(2, 8)),
      spotShockWad: wadBetween(PERCENT, 50n * PERCENT),
      volShockWad: chance(0.1) ? 0n : wadBetween(0n, 90n * PERCENT),
      floorShareWad: chance(0.1) ? WAD : wadBetween(0n, 10n * PERCENT),
      maintenanceRatioWad: wadBetween(0n, WAD),
    },
    collateral: {
      baseWad: chance(0.3) ? 0n : toWadNoisy(uniform(0, 100)),
      quoteWad: chance(0.3) ? 0n : toWadNoisy(uniform(0, 100) * spot),
      baseHaircutWad: haircut(),
      quoteHaircutWad: haircut(),
    },
  }
}

// ---------------------------------------------------------------- fixed cases

const SPOT = 3_000n * WAD
const MONTH = 30n * DAY
const SMILE_MONTH: SviParamsWad = {
  a: 25n * 10n ** 15n,
  b: 4n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: 10n ** 17n,
}
const SHOCKS: PortfolioShocksWad = {
  spotIntervals: 4n,
  spotShockWad: 15n * PERCENT,
  volShockWad: 30n * PERCENT,
  floorShareWad: PERCENT,
  maintenanceRatioWad: 80n * PERCENT,
}
const NO_COLLATERAL: PortfolioCollateralWad = {
  baseWad: 0n,
  quoteWad: 0n,
  baseHaircutWad: 0n,
  quoteHaircutWad: 0n,
}
const SOME_COLLATERAL: PortfolioCollateralWad = {
  baseWad: 3n * WAD,
  quoteWad: 10_000n * WAD,
  baseHaircutWad: 15n * PERCENT,
  quoteHaircutWad: 2n * PERCENT,
}

const leg = (strike: bigint, isCall: boolean, size: bigint): PortfolioLegWad => ({
  strikeWad: strike * WAD,
  isCall,
  sizeWad: size,
})
const month = (legs: PortfolioLegWad[], timeSec = MONTH, smile = SMILE_MONTH) => ({
  timeSec,
  smile,
  legs,
})
function fixed(
  label: string,
  book: PortfolioExpiryWad[],
  overrides: Partial<Omit<Case, 'label' | 'book'>> = {},
): Case {
  return {
    label,
    book,
    spotWad: SPOT,
    rateWad: 0n,
    shocks: SHOCKS,
    collateral: SOME_COLLATERAL,
    ...overrides,
  }
}

const ONE = WAD
const MAX_LEG_SIZE = (1n << 96n) - 1n
const seventeen = Array.from({ length: 17 }, (_, i) => leg(2_000n + 100n * BigInt(i), true, ONE))

const EDGE_CASES: Case[] = [
  fixed('empty book', []),
  fixed('empty book, no collateral', [], { collateral: NO_COLLATERAL }),
  fixed('an expiry with no legs', [month([])]),
  fixed('naked short call', [month([leg(3_200n, true, -ONE)])]),
  fixed('naked short put', [month([leg(2_800n, false, -5n * ONE)])], {
    collateral: NO_COLLATERAL,
  }),
  fixed('covered call (base collateral)', [month([leg(3_300n, true, -ONE)])], {
    collateral: { ...NO_COLLATERAL, baseWad: ONE },
  }),
  fixed('bull call spread', [month([leg(3_000n, true, ONE), leg(3_300n, true, -ONE)])]),
  fixed('bear call spread', [month([leg(3_000n, true, -ONE), leg(3_300n, true, ONE)])]),
  fixed('put credit spread', [month([leg(2_800n, false, -ONE), leg(2_600n, false, ONE)])]),
  fixed('iron condor', [
    month([
      leg(2_600n, false, ONE),
      leg(2_800n, false, -ONE),
      leg(3_200n, true, -ONE),
      leg(3_400n, true, ONE),
    ]),
  ]),
  fixed('straddle long and short over two expiries', [
    month([leg(3_000n, true, ONE), leg(3_000n, false, ONE)]),
    month([leg(3_000n, true, -ONE), leg(3_000n, false, -ONE)], 7n * DAY),
  ]),
  fixed('a leg 30 s from expiry (its payoff)', [month([leg(2_900n, true, -ONE)], 30n)]),
  fixed('a leg 59 s from expiry', [month([leg(3_100n, false, ONE), leg(2_900n, true, -ONE)], 59n)]),
  fixed('a leg 60 s from expiry', [month([leg(3_000n, false, -ONE)], 60n)]),
  fixed('a leg 61 s from expiry, next to a month', [
    month([leg(3_000n, true, ONE)], 61n),
    month([leg(3_000n, true, -ONE)]),
  ]),
  fixed('expired leg (time 0)', [month([leg(2_500n, false, ONE)], 0n)]),
  fixed('strikes beyond moneyness 5 (marked at payoff)', [
    month([leg(500n, true, -ONE), leg(16_000n, false, ONE), leg(590n, false, -ONE)]),
  ]),
  fixed('a zero-size leg and one-wei legs', [
    month([leg(3_000n, true, 0n), leg(3_100n, true, 1n), leg(2_900n, false, -1n)]),
  ]),
  fixed('legs of the largest size', [
    month([leg(3_000n, true, MAX_LEG_SIZE), leg(3_200n, true, -MAX_LEG_SIZE)]),
  ]),
  fixed('sixteen legs', [month(seventeen.slice(0, 16))]),
  fixed('the same series twice', [month([leg(3_000n, false, -ONE), leg(3_000n, false, -ONE)])]),
  fixed('bounds: 2 intervals, x 1 %, y 0, haircuts 100 %', [month([leg(3_000n, true, -ONE)])], {
    shocks: { ...SHOCKS, spotIntervals: 2n, spotShockWad: PERCENT, volShockWad: 0n },
    collateral: { ...SOME_COLLATERAL, baseHaircutWad: WAD, quoteHaircutWad: WAD },
  }),
  fixed(
    'bounds: 8 intervals, x 50 %, y 90 %, floor and MM 100 %',
    [month([leg(3_000n, true, -ONE), leg(2_000n, false, ONE)])],
    {
      shocks: {
        spotIntervals: 8n,
        spotShockWad: 50n * PERCENT,
        volShockWad: 90n * PERCENT,
        floorShareWad: WAD,
        maintenanceRatioWad: WAD,
      },
    },
  ),
  fixed('rate 5 %', [month([leg(3_000n, true, -ONE), leg(2_700n, false, ONE)])], {
    rateWad: 5n * PERCENT,
  }),
  fixed('negative a, rounded down on the low smile', [
    month([leg(3_000n, true, ONE), leg(3_100n, false, -ONE)], MONTH, {
      ...SMILE_MONTH,
      a: -(10n ** 15n) - 7n,
      b: 10n ** 17n + 3n,
    }),
  ]),
  fixed(
    'a steep long-dated smile whose high-vol b passes 2: cut to the bounds, priced',
    [month([leg(3_000n, false, -ONE)], 2n * YEAR, { ...SMILE_MONTH, b: 7n * 10n ** 17n })],
    { shocks: { ...SHOCKS, volShockWad: 90n * PERCENT } },
  ),
]

const SHOCKS_BAD = (field: keyof PortfolioShocksWad, value: bigint) =>
  fixed(`revert: ${field} = ${value}`, [month([leg(3_000n, true, -ONE)])], {
    shocks: { ...SHOCKS, [field]: value },
  })
const REVERT_CASES: Case[] = [
  SHOCKS_BAD('spotIntervals', 1n),
  SHOCKS_BAD('spotIntervals', 9n),
  SHOCKS_BAD('spotShockWad', PERCENT - 1n),
  SHOCKS_BAD('spotShockWad', 50n * PERCENT + 1n),
  SHOCKS_BAD('volShockWad', 90n * PERCENT + 1n),
  SHOCKS_BAD('floorShareWad', WAD + 1n),
  SHOCKS_BAD('maintenanceRatioWad', WAD + 1n),
  fixed('revert: base haircut above 100 %', [], {
    collateral: { ...SOME_COLLATERAL, baseHaircutWad: WAD + 1n },
  }),
  fixed('revert: quote haircut above 100 %', [], {
    collateral: { ...SOME_COLLATERAL, quoteHaircutWad: WAD + 1n },
  }),
  fixed('revert: two bounds broken, the first named', [], {
    shocks: { ...SHOCKS, volShockWad: WAD, maintenanceRatioWad: 2n * WAD },
  }),
  fixed('revert: 17 legs', [month(seventeen.slice(0, 9)), month(seventeen.slice(9), 7n * DAY)]),
  fixed('revert: a leg of 2^96 wad', [
    month([leg(3_000n, true, ONE), { strikeWad: SPOT, isCall: true, sizeWad: 1n << 96n }]),
  ]),
  fixed('revert: a short of −2^96 wad among 17 legs', [
    month([...seventeen, { strikeWad: SPOT, isCall: false, sizeWad: -(1n << 96n) }]),
  ]),
  fixed('revert: a smile with negative variance', [
    month([leg(3_000n, true, ONE)], MONTH, { ...SMILE_MONTH, a: -(10n ** 17n) }),
  ]),
  fixed('revert: a time beyond 5 years', [month([leg(3_000n, false, ONE)], 5n * YEAR + 1n)]),
]

// ---------------------------------------------------------------- spot shock

type ShockCase = { label: string; smile: SviParamsWad; timeSec: bigint; rule: SpotShockRuleWad }
const RULE: SpotShockRuleWad = {
  multiplierWad: 3n * WAD,
  horizonSec: DAY,
  minShockWad: 5n * PERCENT,
  maxShockWad: 40n * PERCENT,
}

function randomShockCase(index: number): ShockCase {
  const timeSec = randomTime()
  const maxShockWad = wadBetween(PERCENT, 50n * PERCENT)
  return {
    label: `random rule #${index}`,
    smile: randomSmile(timeSec < 60n ? 60n : timeSec),
    timeSec,
    rule: {
      multiplierWad: wadBetween(WAD, 10n * WAD),
      horizonSec: BigInt(integer(3_600, 604_800)),
      minShockWad: wadBetween(PERCENT, maxShockWad),
      maxShockWad,
    },
  }
}

const SHOCK_EDGE_CASES: ShockCase[] = [
  { label: 'a week', smile: SMILE_MONTH, timeSec: 7n * DAY, rule: RULE },
  { label: '59 s: xMax', smile: SMILE_MONTH, timeSec: 59n, rule: RULE },
  { label: '60 s', smile: SMILE_MONTH, timeSec: 60n, rule: RULE },
  {
    label: 'clamped to xMin',
    smile: SMILE_MONTH,
    timeSec: MONTH,
    rule: { ...RULE, multiplierWad: WAD, horizonSec: 3_600n },
  },
  {
    label: 'clamped to xMax',
    smile: SMILE_MONTH,
    timeSec: MONTH,
    rule: { ...RULE, multiplierWad: 10n * WAD, horizonSec: 7n * DAY },
  },
  {
    label: 'xMin = xMax',
    smile: SMILE_MONTH,
    timeSec: MONTH,
    rule: { ...RULE, minShockWad: 20n * PERCENT, maxShockWad: 20n * PERCENT },
  },
]
const ruleBad = (field: keyof SpotShockRuleWad, value: bigint): ShockCase => ({
  label: `revert: ${field} = ${value}`,
  smile: SMILE_MONTH,
  timeSec: MONTH,
  rule: { ...RULE, [field]: value },
})
const SHOCK_REVERT_CASES: ShockCase[] = [
  ruleBad('multiplierWad', WAD - 1n),
  ruleBad('multiplierWad', 10n * WAD + 1n),
  ruleBad('horizonSec', 3_599n),
  ruleBad('horizonSec', 7n * DAY + 1n),
  ruleBad('maxShockWad', PERCENT - 1n),
  ruleBad('maxShockWad', 50n * PERCENT + 1n),
  ruleBad('minShockWad', PERCENT - 1n),
  ruleBad('minShockWad', 41n * PERCENT),
  {
    label: 'revert: the check applies at 59 s too',
    smile: SMILE_MONTH,
    timeSec: 59n,
    rule: { ...RULE, horizonSec: 0n },
  },
  {
    label: 'revert: negative ATM variance',
    smile: { ...SMILE_MONTH, a: -(10n ** 17n) },
    timeSec: MONTH,
    rule: RULE,
  },
  { label: 'revert: beyond 5 years', smile: SMILE_MONTH, timeSec: 5n * YEAR + 1n, rule: RULE },
]

// ---------------------------------------------------------------- comparison

/** What one side did: a value, or a revert by its Solidity name and arguments. */
type Outcome<T> = { ok: T } | { revert: string; args: readonly unknown[] }

/** The SDK's error as the revert it mirrors. */
function asRevert(error: unknown): { revert: string; args: readonly unknown[] } {
  if (error instanceof ParameterOutOfBoundsError) {
    return { revert: 'ParameterOutOfBounds', args: [error.value, error.minValue, error.maxValue] }
  }
  if (error instanceof TooManyLegsError) return { revert: 'TooManyLegs', args: [error.count] }
  if (error instanceof LegSizeOutOfRangeError) {
    return { revert: 'LegSizeOutOfRange', args: [error.sizeWad] }
  }
  if (error instanceof SviValidationError) {
    return { revert: error.onChainName, args: error.onChainArgs }
  }
  if (error instanceof TimeOutOfRangeError)
    return { revert: 'TimeOutOfRange', args: [error.timeSec] }
  throw error
}

function sdkOutcome<T>(run: () => T): Outcome<T> {
  try {
    return { ok: run() }
  } catch (error) {
    return asRevert(error)
  }
}

async function chainOutcome<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await call() }
  } catch (error) {
    const reverted =
      error instanceof Error &&
      'walk' in error &&
      (error as { walk: (f: (e: unknown) => boolean) => unknown }).walk(
        (e) => e instanceof ContractFunctionRevertedError,
      )
    if (!(reverted instanceof ContractFunctionRevertedError) || reverted.data === undefined) {
      throw error
    }
    return { revert: reverted.data.errorName, args: reverted.data.args ?? [] }
  }
}

async function inChunks<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += CHUNK) {
    results.push(...(await Promise.all(items.slice(i, i + CHUNK).map(run))))
  }
  return results
}

describe('portfolioMargin and spotShockWad equal PortfolioRisk.sol to the wei', () => {
  let anvil: Anvil
  let client: TestClient
  let harness: Address
  let artifact: Artifact

  beforeAll(async () => {
    anvil = await startAnvil(['--code-size-limit', '65536', '--gas-limit', '1000000000'])
    client = makeTestClient(anvil.rpcUrl)
    const [deployer] = (await client.getAddresses()) as [Address]
    artifact = forgeArtifact('PortfolioRiskHarness')
    harness = await deployArtifact(client, deployer, artifact)
  })

  afterAll(async () => {
    await anvil?.stop()
  })

  async function compareMargins(cases: readonly Case[]) {
    const chain = await inChunks(cases, (c) =>
      chainOutcome(
        () =>
          client.readContract({
            address: harness,
            abi: artifact.abi,
            functionName: 'margin',
            args: [c.book, c.spotWad, c.rateWad, c.shocks, c.collateral],
          }) as Promise<PortfolioMarginWad>,
      ),
    )
    const tally = { equal: 0, reverted: 0, capturedLoss: 0 }
    cases.forEach((c, i) => {
      const sdk = sdkOutcome(() =>
        portfolioMargin(c.book, c.spotWad, c.rateWad, c.shocks, c.collateral),
      )
      expect(sdk, `${c.label} (seed ${SEED})`).toEqual(chain[i])
      if ('ok' in sdk) {
        tally.equal++
        if (sdk.ok.worstLossWad > 0n) tally.capturedLoss++
      } else tally.reverted++
    })
    return tally
  }

  it(`on ${RANDOM_BOOKS} random books`, async () => {
    const cases = Array.from({ length: RANDOM_BOOKS }, (_, i) => randomCase(i))
    const tally = await compareMargins(cases)
    console.info(`portfolioRisk seed ${SEED}: random books`, tally)
    // Random books are valid: every one is valued, most with a loss over the box.
    expect(tally.equal).toBe(RANDOM_BOOKS)
    expect(tally.capturedLoss).toBeGreaterThan(RANDOM_BOOKS / 2)
  })

  it('on edge cases: an empty book, naked shorts, spreads, legs at expiry, bounds', async () => {
    const tally = await compareMargins(EDGE_CASES)
    expect(tally.equal).toBe(EDGE_CASES.length)
  })

  it('throws the typed error exactly when the contract reverts, with its arguments', async () => {
    const tally = await compareMargins(REVERT_CASES)
    expect(tally.reverted).toBe(REVERT_CASES.length)
  })

  async function compareShocks(cases: readonly ShockCase[]) {
    const chain = await inChunks(cases, (c) =>
      chainOutcome(
        () =>
          client.readContract({
            address: harness,
            abi: artifact.abi,
            functionName: 'spotShockWad',
            args: [c.smile, c.timeSec, c.rule],
          }) as Promise<bigint>,
      ),
    )
    let reverted = 0
    cases.forEach((c, i) => {
      const sdk = sdkOutcome(() => spotShockWad(c.smile, c.timeSec, c.rule))
      expect(sdk, `${c.label} (seed ${SEED})`).toEqual(chain[i])
      if (!('ok' in sdk)) reverted++
    })
    return reverted
  }

  it(`spotShockWad on ${RANDOM_SHOCK_RULES} random rules and the edge cases`, async () => {
    const cases = [
      ...Array.from({ length: RANDOM_SHOCK_RULES }, (_, i) => randomShockCase(i)),
      ...SHOCK_EDGE_CASES,
    ]
    expect(await compareShocks(cases)).toBe(0)
  })

  it('spotShockWad throws the typed error exactly when the contract reverts', async () => {
    expect(await compareShocks(SHOCK_REVERT_CASES)).toBe(SHOCK_REVERT_CASES.length)
  })
})
