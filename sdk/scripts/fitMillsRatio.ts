/**
 * Generates `src/math/millsRatioTable.ts`: the rational approximation of the normal Mills ratio
 * M(z) = Φ(z)/φ(z) used by the float64 pricer.
 *
 *   pnpm exec tsx scripts/fitMillsRatio.ts > src/math/millsRatioTable.ts
 *   pnpm exec biome format --write src/math/millsRatioTable.ts      (about 30 s in all)
 *
 * Method, after the rational Chebyshev approximations of erfc by W. J. Cody (1969): M is close to
 * −1/z for z → −∞, which a polynomial on a wide interval cannot follow but a rational function
 * can. On each of three wide pieces, in s = (top − z)/width ∈ [0, 1], R = (1 − z)·M, which stays
 * within [0.98, 1.32], is written r₀ + s·N(s)/Q(s): r₀ = R(0) rounded to float64, N of degree 7
 * and Q of degree 7 with Q(0) = 1 interpolating (R − r₀)/s at the 15 Chebyshev nodes of [0, 1]
 * (a linear system solved in 100-digit arithmetic). The rational part is at most a third of R, so
 * its rounding errors (coefficients and evaluation) are damped; the largest relative error of M
 * from the float64 coefficients, on a fine grid, is printed (below 5e-17).
 *
 * - Core pieces: used on z ∈ (−1.5, 0.125], (−4.5, −1.5], [−TAIL, −4.5]; each fitted on its
 *   interval widened by OVERLAP on both sides (the last by 2·OVERLAP below −TAIL), so that
 *   M(h ± t) for t ≤ OVERLAP share h's piece.
 * - Tail z < −TAIL: M(z) = g(v)/|z| with g smooth in 1/z², v = 2·TAIL²/z² − 1 ∈ [−1, 1], a
 *   Chebyshev polynomial truncated where its tail falls below 1e-19.
 */
import { Decimal, referenceNormCdf, referenceNormPdf } from '../test/reference/blackScholes.js'
import { at, chebyshev, degreeFor, toMonomials } from './chebyshev.js'

/** Where each core piece takes over going down in z, the last one down to −TAIL. */
const SPLITS = [-1.5, -4.5]
const OVERLAP = 0.5
const TAIL = 12
/** Upper end of the first piece's fitting interval. */
const TOP = 0.5
const N_DEGREE = 7
const Q_DEGREE = 7
const NODES = 40
const TOLERANCE = new Decimal('1e-19')
const PI = Decimal.acos(-1)

function mills(z: Decimal): Decimal {
  return referenceNormCdf(z).div(referenceNormPdf(z))
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (a and b are overwritten). */
function solve(a: Decimal[][], b: Decimal[]): Decimal[] {
  const row = (r: number) => a[r] as Decimal[]
  const n = b.length
  for (let c = 0; c < n; c++) {
    let pivot = c
    for (let r = c + 1; r < n; r++)
      if (
        at(row(r), c)
          .abs()
          .gt(at(row(pivot), c).abs())
      )
        pivot = r
    ;[a[c], a[pivot]] = [row(pivot), row(c)]
    ;[b[c], b[pivot]] = [at(b, pivot), at(b, c)]
    for (let r = c + 1; r < n; r++) {
      const f = at(row(r), c).div(at(row(c), c))
      for (let k = c; k < n; k++) row(r)[k] = at(row(r), k).minus(f.mul(at(row(c), k)))
      b[r] = at(b, r).minus(f.mul(at(b, c)))
    }
  }
  const x: Decimal[] = Array.from({ length: n }, () => new Decimal(0))
  for (let r = n - 1; r >= 0; r--) {
    let sum = at(b, r)
    for (let k = r + 1; k < n; k++) sum = sum.minus(at(row(r), k).mul(at(x, k)))
    x[r] = sum.div(at(row(r), r))
  }
  return x
}

function horner(coefficients: Decimal[], s: Decimal): Decimal {
  return coefficients.reduceRight((sum, c) => sum.mul(s).plus(c), new Decimal(0))
}

/**
 * R(s) = (x + 1)·M(z), x = −z = width·s − top, as r_0 + s·N(s)/Q(s), r_0 = R(0) rounded to
 * float64 and N/Q interpolating (R(s) − r_0)/s at the Chebyshev nodes of s ∈ [0, 1]; returns
 * r_0, n_0 … n_N, q_1 … q_Q and the largest relative error of M from the rounded coefficients.
 */
function fitPiece(top: number, width: number): { coefficients: number[]; error: number } {
  const r = (s: Decimal) => {
    const z = new Decimal(top).minus(s.mul(width))
    return mills(z).mul(new Decimal(1).minus(z))
  }
  const r0 = r(new Decimal(0)).toNumber()
  const g = (s: Decimal) => r(s).minus(r0).div(s)
  const count = N_DEGREE + Q_DEGREE + 1
  const nodes = Array.from({ length: count }, (_, j) =>
    PI.mul(j + 0.5)
      .div(count)
      .cos()
      .plus(1)
      .div(2),
  )
  const values = nodes.map(g)
  // n(s) − g·(q(s) − 1) = g at each node: unknowns n_0 … n_N, q_1 … q_Q.
  const matrix = nodes.map((s, j) => [
    ...Array.from({ length: N_DEGREE + 1 }, (_, k) => s.pow(k)),
    ...Array.from({ length: Q_DEGREE }, (_, k) =>
      at(values, j)
        .neg()
        .mul(s.pow(k + 1)),
    ),
  ])
  const solution = solve(matrix, values.slice()).map((c) => c.toNumber())
  const n = solution.slice(0, N_DEGREE + 1).map((c) => new Decimal(c))
  const q = [new Decimal(1), ...solution.slice(N_DEGREE + 1).map((c) => new Decimal(c))]
  let error = 0
  let minQ = Number.POSITIVE_INFINITY
  for (let i = 0; i <= 500; i++) {
    const s = new Decimal(i).div(500)
    const qs = horner(q, s)
    minQ = Math.min(minQ, qs.toNumber())
    const approx = s.mul(horner(n, s)).div(qs).plus(r0)
    error = Math.max(error, approx.div(r(s)).minus(1).abs().toNumber())
  }
  if (!(minQ > 0)) throw new Error(`Q has a zero on [0, 1] (top ${top})`)
  return { coefficients: [r0, ...solution], error }
}

const edges = [0.125, ...SPLITS, -TAIL]
const pieces = SPLITS.concat(-TAIL).map((_, i) => {
  const top = i === 0 ? TOP : (edges[i] as number) + OVERLAP
  // The last piece reaches 2·OVERLAP below −TAIL: M(h ± t) for h just below −TAIL and
  // 2t < 2·OVERLAP, the upper argument still on the piece, share it too.
  const bottom = (edges[i + 1] as number) - (i === SPLITS.length ? 2 : 1) * OVERLAP
  return { top, width: top - bottom, ...fitPiece(top, top - bottom) }
})

const tailSeries = chebyshev((v) => {
  // v = 2·TAIL²/z² − 1, so |z| = TAIL·sqrt(2/(v + 1)).
  const a = new Decimal(TAIL).mul(new Decimal(2).div(v.plus(1)).sqrt())
  return a.mul(mills(a.neg()))
}, NODES)
const tailDegree = degreeFor(tailSeries, TOLERANCE)
const tail = toMonomials(tailSeries, tailDegree).map((c) => c.toNumber())

function list(values: number[]): string {
  return values.map((v) => `  ${v},`).join('\n')
}

process.stderr.write(
  `piece errors ${pieces.map((p) => p.error.toExponential(2)).join(' ')}; tail degree ${tailDegree}\n`,
)
process.stdout.write(`// Generated by scripts/fitMillsRatio.ts — do not edit by hand.

/** Where the second and the third core piece of the Mills-ratio table take over, going down in z. */
export const MILLS_SPLITS = /* @__PURE__ */ new Float64Array([${SPLITS.join(', ')}])
/** Upper end of each core piece's fitting interval, where its variable s is 0. */
export const MILLS_PIECE_TOPS = /* @__PURE__ */ new Float64Array([${pieces.map((p) => p.top).join(', ')}])
/** 1/width of each core piece's fitting interval: s = (top − z)/width ∈ [0, 1] on it. */
export const MILLS_PIECE_SCALES = /* @__PURE__ */ new Float64Array([${pieces.map((p) => 1 / p.width).join(', ')}])
/** How far each core piece's fitting interval reaches past where the piece is used, both sides. */
export const MILLS_OVERLAP = ${OVERLAP}
/** Below z = −MILLS_TAIL the tail polynomial in 1/z² takes over. */
export const MILLS_TAIL = ${TAIL}
/**
 * Per core piece, 16 coefficients of (1 − z)·M(z) ≈ r₀ + s·N(s)/Q(s): r₀, then N's n₀ … n₇, then
 * Q's q₁ … q₇ (q₀ = 1), lowest first.
 */
export const MILLS_PIECE_COEFFICIENTS = /* @__PURE__ */ new Float64Array([
${list(pieces.flatMap((p) => p.coefficients))}
])

/** Monomial coefficients, lowest first, of |z|·M(z) in v = 2·MILLS_TAIL²/z² − 1. */
export const MILLS_TAIL_COEFFICIENTS = /* @__PURE__ */ new Float64Array([
${list(tail)}
])
`)
