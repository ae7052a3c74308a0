/**
 * Generates `src/math/millsRatioTable.ts`: the piecewise polynomial approximation of the
 * normal Mills ratio M(z) = Φ(z)/φ(z) used by the float64 pricer.
 *
 *   pnpm exec tsx scripts/fitMillsRatio.ts > src/math/millsRatioTable.ts
 *   pnpm exec biome format --write src/math/millsRatioTable.ts      (about 30 s in all)
 *
 * Method: on each piece the 100-digit reference M is interpolated at Chebyshev nodes, the
 * Chebyshev series is truncated where its tail falls below 1e-19 of the smallest value on the
 * piece, and converted (in 100-digit arithmetic) to monomials in the piece's local variable, so
 * that rounding the coefficients to float64 is the only error left. Fitting well below the
 * float64 epsilon also makes the polynomial's divided differences accurate, which the
 * cancellation-free Black formula relies on.
 *
 * - Core pieces: z ∈ [−(i+1)·W, −i·W], i = 0 … PIECES − 1, fitted on the piece widened by
 *   OVERLAP on both sides, in u = (z − centre)/HALF_SPAN ∈ [−1, 1].
 * - Tail z < −TAIL: M(z) = g(v)/|z| with g smooth in 1/z², v = 2·TAIL²/z² − 1 ∈ [−1, 1].
 */
import { Decimal, referenceNormCdf, referenceNormPdf } from '../test/reference/blackScholes.js'

const WIDTH = 0.25
const OVERLAP = 0.125
const HALF_SPAN = WIDTH / 2 + OVERLAP
const PIECES = 48
const TAIL = PIECES * WIDTH
const NODES = 40
const TOLERANCE = new Decimal('1e-19')

const PI = Decimal.acos(-1)

function at(values: Decimal[], index: number): Decimal {
  const value = values[index]
  if (value === undefined) throw new RangeError(`index ${index} outside 0..${values.length - 1}`)
  return value
}

function mills(z: Decimal): Decimal {
  return referenceNormCdf(z).div(referenceNormPdf(z))
}

/** Chebyshev coefficients of f on [−1, 1] from NODES interpolation nodes. */
function chebyshev(f: (u: Decimal) => Decimal): Decimal[] {
  const values: Decimal[] = []
  for (let j = 0; j < NODES; j++) {
    values.push(
      f(
        PI.mul(j + 0.5)
          .div(NODES)
          .cos(),
      ),
    )
  }
  const coefficients: Decimal[] = []
  for (let k = 0; k < NODES; k++) {
    let sum = new Decimal(0)
    for (let j = 0; j < NODES; j++) {
      sum = sum.plus(
        at(values, j).mul(
          PI.mul(k)
            .mul(j + 0.5)
            .div(NODES)
            .cos(),
        ),
      )
    }
    coefficients.push(sum.mul(k === 0 ? 1 : 2).div(NODES))
  }
  return coefficients
}

/** Lowest degree whose discarded Chebyshev tail is below TOLERANCE · scale. */
function degreeFor(coefficients: Decimal[], scale: Decimal): number {
  let tail = new Decimal(0)
  for (let n = coefficients.length - 1; n > 0; n--) {
    tail = tail.plus(at(coefficients, n).abs())
    if (tail.gt(TOLERANCE.mul(scale))) return n
  }
  return 0
}

/** Monomial coefficients of Σ_{k ≤ degree} a_k T_k(u). */
function toMonomials(coefficients: Decimal[], degree: number): Decimal[] {
  const zero = () => Array.from({ length: degree + 1 }, () => new Decimal(0))
  const result = zero()
  let previous = zero()
  let current = zero()
  previous[0] = new Decimal(1)
  current[1 % (degree + 1)] = new Decimal(degree === 0 ? 0 : 1)
  for (let k = 0; k <= degree; k++) {
    const basis = k === 0 ? previous : current
    for (let n = 0; n <= degree; n++)
      result[n] = at(result, n).plus(at(coefficients, k).mul(at(basis, n)))
    if (k >= 1) {
      const next = zero()
      for (let n = 0; n < degree; n++) next[n + 1] = at(current, n).mul(2)
      for (let n = 0; n <= degree; n++) next[n] = at(next, n).minus(at(previous, n))
      previous = current
      current = next
    }
  }
  return result
}

const coreSeries = Array.from({ length: PIECES }, (_, i) => {
  const centre = new Decimal(-(i + 0.5) * WIDTH)
  const coefficients = chebyshev((u) => mills(centre.plus(u.mul(HALF_SPAN))))
  return { coefficients, degree: degreeFor(coefficients, mills(centre.minus(HALF_SPAN))) }
})
// Even, so that the evaluation can split into even and odd halves of equal length; at least 2,
// so that each half has a coefficient. Each piece keeps its own degree (the far pieces need
// about half of the central ones), padded with zeros to the common stride.
const pieceDegrees = coreSeries.map((piece) => Math.max(2, 2 * Math.ceil(piece.degree / 2)))
const degree = Math.max(...pieceDegrees)
const core = coreSeries.flatMap((piece, i) => {
  const own = pieceDegrees[i] as number
  const monomials = toMonomials(piece.coefficients, own).map((c) => c.toNumber())
  return [...monomials, ...Array.from({ length: degree - own }, () => 0)]
})

const tailSeries = chebyshev((v) => {
  // v = 2·TAIL²/z² − 1, so |z| = TAIL·sqrt(2/(v + 1)).
  const a = new Decimal(TAIL).mul(new Decimal(2).div(v.plus(1)).sqrt())
  return a.mul(mills(a.neg()))
})
const tailDegree = degreeFor(tailSeries, new Decimal(1))
const tail = toMonomials(tailSeries, tailDegree).map((c) => c.toNumber())

function list(values: number[]): string {
  return values.map((v) => `  ${v},`).join('\n')
}

process.stderr.write(
  `piece degrees ${coreSeries.map((p) => p.degree).join(' ')}; tail ${tailDegree}\n`,
)
process.stdout.write(`// Generated by scripts/fitMillsRatio.ts — do not edit by hand.

/** Width of a core piece of the Mills-ratio table, in z. */
export const MILLS_PIECE_WIDTH = ${WIDTH}
/** Half-span of the interval each core piece is fitted on (its width plus the overlap). */
export const MILLS_PIECE_HALF_SPAN = ${HALF_SPAN}
/** Number of core pieces; they cover z ∈ [−MILLS_TAIL, 0]. */
export const MILLS_PIECES = ${PIECES}
/** Below z = −MILLS_TAIL the tail polynomial in 1/z² takes over. */
export const MILLS_TAIL = ${TAIL}
/** Largest degree of a core piece (stride MILLS_DEGREE + 1 in MILLS_PIECE_COEFFICIENTS). */
export const MILLS_DEGREE = ${degree}
/** Degree of each core piece, even: its coefficients above it in the stride are 0. */
export const MILLS_PIECE_DEGREES = new Uint8Array([${pieceDegrees.join(', ')}])

/** Monomial coefficients, lowest first, of each core piece in u = (z − centre)/half-span. */
export const MILLS_PIECE_COEFFICIENTS = new Float64Array([
${list(core)}
])

/** Monomial coefficients, lowest first, of |z|·M(z) in v = 2·MILLS_TAIL²/z² − 1. */
export const MILLS_TAIL_COEFFICIENTS = new Float64Array([
${list(tail)}
])
`)
