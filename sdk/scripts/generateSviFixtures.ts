/**
 * Generates `test/fixtures/svi.json`: the wad SVI mirror (`sviWad.ts`, `sqrt.ts`) evaluated on
 * deterministic pseudo-random inputs, which `test/unit/SviDifferential.t.sol` asserts against
 * `Svi.sol` to the wei. `sdk/test/sviFixture.test.ts` fails when the committed file is stale.
 *
 * Run from `sdk/`: `pnpm run fixtures:svi` (or `npx tsx scripts/generateSviFixtures.ts`).
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { encodeErrorResult, type Hex, parseAbi } from 'viem'
import { SviValidationError } from '../src/errors/svi.js'
import { SVI_BOUNDS_WAD as B } from '../src/math/sviBounds.js'
import { sqrt, sqrtWad } from '../src/math/wad/sqrt.js'
import {
  type SviParamsWad,
  sviImpliedVolWad,
  sviTotalVarianceWad,
  validateSviWad,
} from '../src/math/wad/sviWad.js'

/** Where the fixture lives, relative to this file. */
export const SVI_FIXTURE_PATH = fileURLToPath(
  new URL('../../test/fixtures/svi.json', import.meta.url),
)

const E18 = 10n ** 18n
const EVALUATIONS = 200
const SQRT_CASES = 40

/** The custom errors of `contracts/libraries/Svi.sol`, to encode the expected revert data. */
const SVI_ERRORS_ABI = parseAbi([
  'error TimeOutOfRange(uint256 timeSec)',
  'error LogMoneynessOutOfRange(int256 k)',
  'error LevelOutOfRange(int256 a)',
  'error RotationOutOfRange(int256 rho)',
  'error VertexOutOfRange(int256 m)',
  'error CurvatureOutOfRange(uint256 sigma)',
  'error WingTooSteep(uint256 b, int256 rho)',
  'error MinimumVarianceOutOfRange(int256 minVariance, uint256 lowerBound, uint256 upperBound)',
  'error NegativeTotalVariance(int256 k, int256 totalVariance)',
])

/** splitmix64: a deterministic 64-bit generator, so the fixture is the same on every machine. */
function generator(seed: bigint): (below: bigint) => bigint {
  const mask = (1n << 64n) - 1n
  let state = seed
  const next64 = (): bigint => {
    state = (state + 0x9e3779b97f4a7c15n) & mask
    let z = state
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask
    return z ^ (z >> 31n)
  }
  return (below) => ((next64() << 192n) | (next64() << 128n) | (next64() << 64n) | next64()) % below
}

type Smile = { params: SviParamsWad; timeSec: bigint }

/** A smile that passes `validate` by construction (same recipe as `test/unit/Svi.t.sol`). */
function validSmile(random: (below: bigint) => bigint): Smile {
  // Times log-spread over [1 min, 5 y]: 60·2^(u), u ∈ [0, 21.3].
  const octave = B.minTimeSec << random(22n)
  const spread = octave + random(octave)
  const timeSec = spread > B.maxTimeSec ? B.maxTimeSec - random(B.maxTimeSec / 2n) : spread
  const rho = random(2n * 999n * 10n ** 15n + 1n) - 999n * 10n ** 15n
  const m = random(5n) === 0n ? random(16n * E18 + 1n) - 8n * E18 : random(2n * E18 + 1n) - E18
  const drawn = 10n ** (12n + random(7n)) + random(10n ** 18n)
  const sigma = drawn > B.maxSigma ? B.maxSigma : drawn
  const absRho = rho < 0n ? -rho : rho
  const bMax = (B.maxWingSlope * E18) / (E18 + absRho)
  const b = random(4n) === 0n ? bMax : random(bMax + 1n) / (1n + random(100n))
  // Minimum vol between 1 % and 500 %, as total variance vol²·T.
  const minVol = B.minVol + random(B.maxVol - B.minVol)
  let target = (minVol * minVol * timeSec) / (E18 * B.yearSec)
  const lower = (B.minVol * B.minVol * timeSec + E18 * B.yearSec - 1n) / (E18 * B.yearSec)
  if (target < lower) target = lower
  const cosine = sqrt((E18 - rho) * (E18 + rho))
  const a = target - (b * sigma * cosine) / (E18 * E18)
  const params = { a, b, rho, m, sigma }
  validateSviWad(params, timeSec)
  return { params, timeSec }
}

function logMoneyness(random: (below: bigint) => bigint, m: bigint): bigint {
  const choice = random(3n)
  if (choice === 0n) return random(16n * E18 + 1n) - 8n * E18
  const near = m + random(2n * E18 + 1n) - E18
  return near > 8n * E18 ? 8n * E18 : near < -8n * E18 ? -8n * E18 : near
}

type Revert = {
  fn: 'totalVariance' | 'impliedVol' | 'validate'
  params: SviParamsWad
  k: bigint
  timeSec: bigint
}

function revertData(c: Revert): Hex {
  try {
    if (c.fn === 'totalVariance') sviTotalVarianceWad(c.params, c.k)
    else if (c.fn === 'impliedVol') sviImpliedVolWad(c.params, c.k, c.timeSec)
    else validateSviWad(c.params, c.timeSec)
  } catch (error) {
    if (!(error instanceof SviValidationError)) throw error
    return encodeErrorResult({
      abi: SVI_ERRORS_ABI,
      errorName: error.onChainName,
      args: error.onChainArgs.map(BigInt),
    } as Parameters<typeof encodeErrorResult>[0])
  }
  throw new Error(`generateSviFixtures: ${c.fn} did not throw for ${JSON.stringify(c, replacer)}`)
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

/** Builds the fixture object; every number is a decimal string (JSON numbers lose wei). */
export function buildSviFixture(): Record<string, Record<string, string[]>> {
  const random = generator(0x5311en)

  const evaluations = {
    a: [],
    b: [],
    rho: [],
    m: [],
    sigma: [],
    k: [],
    timeSec: [],
    w: [],
    vol: [],
  }
  const push = (column: string[], value: bigint) => column.push(value.toString())
  for (let i = 0; i < EVALUATIONS; i++) {
    const { params, timeSec } = validSmile(random)
    const k = logMoneyness(random, params.m)
    const e = evaluations as Record<keyof typeof evaluations, string[]>
    push(e.a, params.a)
    push(e.b, params.b)
    push(e.rho, params.rho)
    push(e.m, params.m)
    push(e.sigma, params.sigma)
    push(e.k, k)
    push(e.timeSec, timeSec)
    push(e.w, sviTotalVarianceWad(params, k))
    push(e.vol, sviImpliedVolWad(params, k, timeSec))
  }

  const cases: Revert[] = []
  for (let i = 0; i < 4; i++) {
    const { params, timeSec } = validSmile(random)
    const k = logMoneyness(random, params.m)
    const beyond = 8n * E18 + 1n + random(E18)
    const slope = B.maxWingSlope + 1n + random(E18)
    cases.push(
      { fn: 'validate', params, k, timeSec: random(B.minTimeSec) },
      { fn: 'validate', params, k, timeSec: B.maxTimeSec + 1n + random(E18) },
      { fn: 'impliedVol', params, k, timeSec: random(B.minTimeSec) },
      { fn: 'totalVariance', params, k: i % 2 === 0 ? beyond : -beyond, timeSec },
      { fn: 'impliedVol', params, k: -beyond, timeSec },
      { fn: 'validate', params: { ...params, a: B.maxAbsA + 1n + random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, a: -B.maxAbsA - 1n - random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, rho: E18 + random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, rho: -E18 - random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, m: 8n * E18 + 1n + random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, sigma: 0n }, k, timeSec },
      { fn: 'validate', params: { ...params, sigma: B.maxSigma + 1n + random(E18) }, k, timeSec },
      { fn: 'validate', params: { ...params, b: B.maxWingSlope + 1n + random(E18) }, k, timeSec },
      // b under 2 but b·(1+|ρ|) over it.
      { fn: 'validate', params: { ...params, b: slope / 2n, rho: E18 / 2n }, k, timeSec },
      {
        fn: 'validate',
        params: { ...params, a: params.a - (1n + random(E18)) * 10n ** 14n },
        k,
        timeSec,
      },
      { fn: 'validate', params: { ...params, a: 26n * E18 }, k, timeSec: B.yearSec },
      { fn: 'impliedVol', params: { ...params, a: -5n * E18 - random(E18) }, k: params.m, timeSec },
    )
  }
  // Keep only the cases whose perturbation did break a rule (a lowered a may still be valid).
  const reverts = { fn: [], a: [], b: [], rho: [], m: [], sigma: [], k: [], timeSec: [], data: [] }
  const r = reverts as Record<keyof typeof reverts, string[]>
  for (const c of cases) {
    let data: Hex
    try {
      data = revertData(c)
    } catch {
      continue
    }
    r.fn.push(c.fn)
    push(r.a, c.params.a)
    push(r.b, c.params.b)
    push(r.rho, c.params.rho)
    push(r.m, c.params.m)
    push(r.sigma, c.params.sigma)
    push(r.k, c.k)
    push(r.timeSec, c.timeSec)
    r.data.push(data)
  }

  const roots = { x: [], sqrt: [], sqrtWad: [] }
  const s = roots as Record<keyof typeof roots, string[]>
  for (let i = 0; i < SQRT_CASES; i++) {
    const bits = BigInt((i * 7) % 257)
    const x = i === SQRT_CASES - 1 ? (1n << 256n) - 1n : random(1n << bits)
    push(s.x, x)
    push(s.sqrt, sqrt(x))
    push(s.sqrtWad, sqrtWad(x))
  }

  return { evaluations, reverts, roots } as Record<string, Record<string, string[]>>
}

/** The fixture file's exact text. */
export function sviFixtureText(): string {
  return `${JSON.stringify(buildSviFixture(), null, 2)}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SVI_FIXTURE_PATH, sviFixtureText())
  console.log(`wrote ${SVI_FIXTURE_PATH}`)
}
