import { SviCalibrationError, SviTimeOutOfRangeError } from '../errors/svi.js'
import type { SviParams } from './svi.js'
import { sviImpliedVol, validateSvi } from './svi.js'
import { SVI_BOUNDS } from './sviBounds.js'
import type { SviParamsWad } from './wad/sviWad.js'
import { validateSviWad } from './wad/sviWad.js'
import { toWad } from './wad.js'

/**
 * One market quote: its log-moneyness k = ln(K/F) (or a strike with the call's `forward`) and vol.
 *
 * @example
 * ```ts
 * import { type SviQuote, calibrateSvi } from '@smile/sdk'
 *
 * const quotes: SviQuote[] = [
 *   { k: -0.2, vol: 0.72 },
 *   { k: 0, vol: 0.65 },
 *   { strike: 3_600, vol: 0.69, weight: 0.5 },
 * ]
 * const { params } = calibrateSvi({ quotes, timeSec: 30 * 86_400, forward: 3_000 })
 * ```
 */
export type SviQuote = {
  /** Log-moneyness ln(K/F); give it or `strike`. */
  k?: number
  /** Strike, converted with `forward` when `k` is absent. */
  strike?: number
  /** Annualised implied vol quoted, e.g. 0.65. */
  vol: number
  /** Relative weight (default 1), e.g. from the quote's spread or open interest. */
  weight?: number
}

export type CalibrateSviParameters = {
  quotes: readonly SviQuote[]
  /** Time to expiry in seconds, inside [60 s, 5 y]. */
  timeSec: number
  /** Forward price, needed only for quotes given by strike. */
  forward?: number
}

export type CalibrateSviReturnType = {
  /** Fitted parameters; they pass `validateSvi`. */
  params: SviParams
  /** The same in wad (each field rounded half up to the wei); they pass `validateSviWad`. */
  paramsWad: SviParamsWad
  /** Root mean square of (fitted vol − quoted vol) over the quotes, unweighted. */
  rmsVolError: number
  /** Largest |fitted vol − quoted vol| over the quotes. */
  maxVolError: number
}

/** Safety margins inside the on-chain bounds, so that rounding to wad can never cross one. */
const MAX_ABS_RHO_FIT = 0.999
const WING_SLOPE_FIT = SVI_BOUNDS.maxWingSlope * (1 - 1e-9)
const MIN_SIGMA_FIT = 1e-3
/** Knots of the chord under sqrt(1−ρ²) that keeps the minimum-variance constraint linear. */
const RHO_KNOTS = [
  -MAX_ABS_RHO_FIT,
  -0.97,
  -0.9,
  -0.8,
  -0.65,
  -0.45,
  -0.2,
  0,
  0.2,
  0.45,
  0.65,
  0.8,
  0.9,
  0.97,
  MAX_ABS_RHO_FIT,
]
const GRID_STEPS = 12
const NELDER_MEAD_ITERATIONS = 300
const NELDER_MEAD_STARTS = 3

type Point = { k: number; w: number; weight: number }
type Fit = { sse: number; a: number; d: number; c: number }

/**
 * Calibrates a raw SVI smile for one expiry to implied-vol quotes by weighted least squares in total
 * variance, with every rule of `Svi.validate` enforced.
 *
 * Method (quasi-explicit, Zeliade 2009): with y = (k−m)/s and (c, d) = (b·s, ρ·b·s), total variance
 * w = a + d·y + c·sqrt(y² + 1) is linear in (a, d, c). For fixed (m, s) the best (a, d, c) solves a
 * 3-variable quadratic program under linear constraints — |d| ≤ 0.999·c, c + |d| ≤ 2s (Lee), and
 * a + c·h(d/c) ≥ (1 %)²·T where h is a chord interpolant below sqrt(1−ρ²), so the true minimum
 * variance is at least the bound — solved exactly by enumerating active sets (the first KKT point
 * of a convex QP is its optimum). The outer 2-D problem in (m, log s) starts on a grid and is
 * refined by Nelder-Mead from the best grid points. Weights are `weight / (2·vol·T)²`, so the
 * objective is, to first order, the weighted sum of squared vol errors.
 *
 * @throws SviTimeOutOfRangeError if timeSec is outside [60 s, 5 y].
 * @throws SviCalibrationError for fewer than 3 distinct log-moneyness values, a quote out of the
 *   domain (|k| > 8, vol or weight not positive and finite, a strike without a forward), or a fit
 *   whose minimum vol exceeds 500 %.
 * @example
 * ```ts
 * const quotes = [-0.4, -0.2, 0, 0.2, 0.4].map((k) => ({
 *   k,
 *   vol: sviImpliedVol({ a: 0.004, b: 0.02, rho: -0.4, m: 0.02, sigma: 0.08 }, k, 2_592_000),
 * }))
 * const { params, rmsVolError } = calibrateSvi({ quotes, timeSec: 2_592_000 })
 * ```
 */
export function calibrateSvi(parameters: CalibrateSviParameters): CalibrateSviReturnType {
  const { timeSec } = parameters
  if (!(timeSec >= SVI_BOUNDS.minTimeSec && timeSec <= SVI_BOUNDS.maxTimeSec)) {
    throw new SviTimeOutOfRangeError(timeSec)
  }
  const years = timeSec / SVI_BOUNDS.yearSec
  const points = toPoints(parameters, years)
  const distinct = new Set(points.map((p) => p.k)).size
  if (distinct < 3)
    throw new SviCalibrationError(`${distinct} distinct log-moneyness values, need 3`)

  // Rounded away from the on-chain bound by a relative 1e-6 and an absolute 1e-15.
  const minVariance = SVI_BOUNDS.minVol ** 2 * years * (1 + 1e-6) + 1e-15
  const ks = points.map((p) => p.k)
  const kLow = Math.min(...ks)
  const kHigh = Math.max(...ks)
  const span = Math.max(kHigh - kLow, 0.05)
  const mLow = Math.max(-SVI_BOUNDS.maxAbsM, kLow - span)
  const mHigh = Math.min(SVI_BOUNDS.maxAbsM, kHigh + span)
  const uLow = Math.log(MIN_SIGMA_FIT)
  const uHigh = Math.log(Math.min(SVI_BOUNDS.maxSigma, 4 * span))
  const clampMu = (x: readonly number[]): [number, number] => [
    Math.min(mHigh, Math.max(mLow, x[0] ?? 0)),
    Math.min(uHigh, Math.max(uLow, x[1] ?? 0)),
  ]
  const objective = (x: readonly number[]): number => {
    const [m, u] = clampMu(x)
    return fitInner(points, m, Math.exp(u), minVariance).sse
  }

  const starts: { x: [number, number]; f: number }[] = []
  for (let i = 0; i <= GRID_STEPS; i++) {
    for (let j = 0; j <= GRID_STEPS; j++) {
      const x: [number, number] = [
        mLow + ((mHigh - mLow) * i) / GRID_STEPS,
        uLow + ((uHigh - uLow) * j) / GRID_STEPS,
      ]
      starts.push({ x, f: objective(x) })
    }
  }
  starts.sort((p, q) => p.f - q.f)
  let best = starts[0] as { x: [number, number]; f: number }
  const steps = [(mHigh - mLow) / GRID_STEPS, (uHigh - uLow) / GRID_STEPS] as const
  for (const start of starts.slice(0, NELDER_MEAD_STARTS)) {
    const refined = nelderMead(objective, start.x, steps)
    if (refined.f < best.f) best = refined
  }

  const [m, u] = clampMu(best.x)
  const sigma = Math.exp(u)
  const { a, d, c } = fitInner(points, m, sigma, minVariance)
  const params = repair({ a, b: c / sigma, rho: c > 0 ? d / c : 0, m, sigma }, minVariance)
  const paramsWad: SviParamsWad = {
    a: toWad(params.a),
    b: toWad(params.b),
    rho: toWad(params.rho),
    m: toWad(params.m),
    sigma: toWad(params.sigma),
  }
  try {
    validateSvi(params, timeSec)
    validateSviWad(paramsWad, BigInt(Math.round(timeSec)))
  } catch (cause) {
    throw new SviCalibrationError('the best admissible fit is outside the SVI bounds', undefined, {
      cause,
    })
  }

  let sumSquares = 0
  let maxVolError = 0
  for (const [index, quote] of parameters.quotes.entries()) {
    const error = Math.abs(sviImpliedVol(params, points[index]?.k ?? 0, timeSec) - quote.vol)
    sumSquares += error * error
    maxVolError = Math.max(maxVolError, error)
  }
  return {
    params,
    paramsWad,
    rmsVolError: Math.sqrt(sumSquares / parameters.quotes.length),
    maxVolError,
  }
}

/**
 * Moves a fit that the active-set tolerances left a few ulps outside a constraint back inside:
 * clamps ρ, scales b under the wing bound, and lifts a to the minimum-variance bound. Each change
 * is of the order of the solver's 1e-12 relative tolerance.
 */
function repair(params: SviParams, minVariance: number): SviParams {
  const rho = Math.min(MAX_ABS_RHO_FIT, Math.max(-MAX_ABS_RHO_FIT, params.rho))
  const b = Math.max(0, Math.min(params.b, WING_SLOPE_FIT / (1 + Math.abs(rho))))
  const lift = minVariance - (params.a + b * params.sigma * Math.sqrt((1 - rho) * (1 + rho)))
  return { ...params, a: lift > 0 ? params.a + lift : params.a, b, rho }
}

function toPoints(parameters: CalibrateSviParameters, years: number): Point[] {
  return parameters.quotes.map((quote, index) => {
    let k = quote.k
    if (k === undefined) {
      const { forward } = parameters
      if (
        quote.strike === undefined ||
        forward === undefined ||
        !(quote.strike > 0 && forward > 0)
      ) {
        throw new SviCalibrationError('needs k, or a positive strike and forward', index)
      }
      k = Math.log(quote.strike / forward)
    }
    if (!(Math.abs(k) <= SVI_BOUNDS.maxAbsLogMoneyness)) {
      throw new SviCalibrationError(`log-moneyness ${k} is outside [-8, 8]`, index)
    }
    const weight = quote.weight ?? 1
    if (!(quote.vol > 0 && Number.isFinite(quote.vol))) {
      throw new SviCalibrationError(`vol ${quote.vol} is not positive and finite`, index)
    }
    if (!(weight > 0 && Number.isFinite(weight))) {
      throw new SviCalibrationError(`weight ${weight} is not positive and finite`, index)
    }
    const w = quote.vol * quote.vol * years
    return { k, w, weight: weight / (2 * quote.vol * years) ** 2 }
  })
}

/**
 * Best (a, d, c) for fixed (m, s): minimises Σ ω·(a + d·y + c·z − w)² under G·x ≥ h. Enumerates
 * active sets by size; the first whose equality-constrained solution is feasible with non-negative
 * multipliers satisfies the KKT conditions of this convex program and is therefore optimal.
 */
function fitInner(points: readonly Point[], m: number, sigma: number, minVariance: number): Fit {
  const A = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ]
  const g = [0, 0, 0]
  let constant = 0
  for (const { k, w, weight } of points) {
    const y = (k - m) / sigma
    const f = [1, y, Math.hypot(y, 1)]
    for (let i = 0; i < 3; i++) {
      g[i] = (g[i] ?? 0) + weight * (f[i] ?? 0) * w
      for (let j = 0; j < 3; j++) {
        const row = A[i] as number[]
        row[j] = (row[j] ?? 0) + weight * (f[i] ?? 0) * (f[j] ?? 0)
      }
    }
    constant += weight * w * w
  }
  // A tiny ridge keeps A invertible when the features are nearly collinear (all |y| large).
  const trace = (A[0]?.[0] ?? 0) + (A[1]?.[1] ?? 0) + (A[2]?.[2] ?? 0)
  for (let i = 0; i < 3; i++) (A[i] as number[])[i] = (A[i]?.[i] ?? 0) + trace * 1e-13

  const G: number[][] = [
    [0, -1, MAX_ABS_RHO_FIT],
    [0, 1, MAX_ABS_RHO_FIT],
    [0, -1, -1],
    [0, 1, -1],
  ]
  const h: number[] = [0, 0, -WING_SLOPE_FIT * sigma, -WING_SLOPE_FIT * sigma]
  for (let j = 0; j + 1 < RHO_KNOTS.length; j++) {
    const r0 = RHO_KNOTS[j] ?? 0
    const r1 = RHO_KNOTS[j + 1] ?? 0
    const g0 = Math.sqrt(1 - r0 * r0)
    const slope = (Math.sqrt(1 - r1 * r1) - g0) / (r1 - r0)
    G.push([1, slope, g0 - slope * r0])
    h.push(minVariance)
  }

  const sse = (x: readonly number[]): number => {
    let value = constant
    for (let i = 0; i < 3; i++) {
      value -= 2 * (g[i] ?? 0) * (x[i] ?? 0)
      for (let j = 0; j < 3; j++) value += (x[i] ?? 0) * (A[i]?.[j] ?? 0) * (x[j] ?? 0)
    }
    return Math.max(value, 0)
  }
  const multiplierTolerance = 1e-10 * Math.max(...g.map(Math.abs))
  for (const active of subsets(G.length, 3)) {
    const solution = solveKkt(A, g, G, h, active)
    if (solution === undefined) continue
    const { x, multipliers } = solution
    if (multipliers.some((mu) => mu < -multiplierTolerance)) continue
    // Feasible up to rounding relative to the terms of each constraint; `repair` absorbs the rest.
    const feasible = G.every((row, i) => {
      const size = row.reduce(
        (sum, gij, j) => sum + Math.abs(gij * (x[j] ?? 0)),
        Math.abs(h[i] ?? 0),
      )
      return dot(row, x) >= (h[i] ?? 0) - 1e-12 * size
    })
    if (feasible) return { sse: sse(x), a: x[0] ?? 0, d: x[1] ?? 0, c: x[2] ?? 0 }
  }
  // Unreachable for a convex QP with a non-empty feasible set (a = 1, d = c = 0 is feasible).
  return { sse: Number.POSITIVE_INFINITY, a: 0, d: 0, c: 0 }
}

/** Solves A·x − G_Sᵀ·μ = g, G_S·x = h_S; undefined when the system is singular. */
function solveKkt(
  A: readonly (readonly number[])[],
  g: readonly number[],
  G: readonly (readonly number[])[],
  h: readonly number[],
  active: readonly number[],
): { x: number[]; multipliers: number[] } | undefined {
  const n = 3 + active.length
  const M: number[][] = []
  for (let i = 0; i < 3; i++) {
    M.push([...(A[i] as number[]), ...active.map((row) => -(G[row]?.[i] ?? 0)), g[i] ?? 0])
  }
  for (const row of active) {
    M.push([...(G[row] as number[]), ...active.map(() => 0), h[row] ?? 0])
  }
  const solution = gaussianElimination(M, n)
  if (solution === undefined) return undefined
  return { x: solution.slice(0, 3), multipliers: solution.slice(3) }
}

/** Gaussian elimination with partial pivoting on an n × (n+1) augmented matrix. */
function gaussianElimination(M: number[][], n: number): number[] | undefined {
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(M[row]?.[col] ?? 0) > Math.abs(M[pivot]?.[col] ?? 0)) pivot = row
    }
    const pivotRow = M[pivot] as number[]
    const pivotValue = pivotRow[col] ?? 0
    if (Math.abs(pivotValue) < 1e-300) return undefined
    M[pivot] = M[col] as number[]
    M[col] = pivotRow
    for (let row = col + 1; row < n; row++) {
      const target = M[row] as number[]
      const factor = (target[col] ?? 0) / pivotValue
      for (let j = col; j <= n; j++) target[j] = (target[j] ?? 0) - factor * (pivotRow[j] ?? 0)
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let row = n - 1; row >= 0; row--) {
    const r = M[row] as number[]
    let value = r[n] ?? 0
    for (let j = row + 1; j < n; j++) value -= (r[j] ?? 0) * (x[j] ?? 0)
    x[row] = value / (r[row] ?? 1)
  }
  return x.every(Number.isFinite) ? x : undefined
}

/** Every subset of {0, …, n−1} with at most `maxSize` elements, smallest first. */
function* subsets(n: number, maxSize: number): Generator<number[]> {
  for (let size = 0; size <= maxSize; size++) yield* combinations(n, size, 0)
}

function* combinations(n: number, size: number, from: number): Generator<number[]> {
  if (size === 0) {
    yield []
    return
  }
  for (let i = from; i <= n - size; i++) {
    for (const rest of combinations(n, size - 1, i + 1)) yield [i, ...rest]
  }
}

function dot(u: readonly number[], v: readonly number[]): number {
  return u.reduce((sum, ui, i) => sum + ui * (v[i] ?? 0), 0)
}

/** Nelder-Mead on two variables from `start` with initial steps `steps`. */
function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly [number, number],
  steps: readonly [number, number],
): { x: [number, number]; f: number } {
  let simplex = [
    [start[0], start[1]],
    [start[0] + steps[0], start[1]],
    [start[0], start[1] + steps[1]],
  ].map((x) => ({ x, f: f(x) }))
  for (let iteration = 0; iteration < NELDER_MEAD_ITERATIONS; iteration++) {
    simplex.sort((p, q) => p.f - q.f)
    const [best, middle, worst] = simplex as [
      { x: number[]; f: number },
      { x: number[]; f: number },
      { x: number[]; f: number },
    ]
    if (Math.abs(worst.f - best.f) <= 1e-14 * (Math.abs(best.f) + 1e-30)) break
    const centroid = [0, 1].map((i) => ((best.x[i] ?? 0) + (middle.x[i] ?? 0)) / 2)
    const along = (t: number) => centroid.map((ci, i) => ci + t * (ci - (worst.x[i] ?? 0)))
    const reflected = along(1)
    const fr = f(reflected)
    if (fr < best.f) {
      const expanded = along(2)
      const fe = f(expanded)
      simplex = [best, middle, fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr }]
    } else if (fr < middle.f) {
      simplex = [best, middle, { x: reflected, f: fr }]
    } else {
      const contracted = fr < worst.f ? along(0.5) : along(-0.5)
      const fc = f(contracted)
      if (fc < Math.min(fr, worst.f)) {
        simplex = [best, middle, { x: contracted, f: fc }]
      } else {
        simplex = simplex.map((p, i) =>
          i === 0 ? p : ((x) => ({ x, f: f(x) }))(p.x.map((xi, j) => ((best.x[j] ?? 0) + xi) / 2)),
        )
      }
    }
  }
  simplex.sort((p, q) => p.f - q.f)
  const top = simplex[0] as { x: number[]; f: number }
  return { x: [top.x[0] ?? 0, top.x[1] ?? 0], f: top.f }
}
