import {
  INVERSE_NORMAL_CENTRAL,
  INVERSE_NORMAL_SPLIT,
  INVERSE_NORMAL_TAIL,
  INVERSE_NORMAL_U_MAX,
  INVERSE_NORMAL_W_MAX,
  INVERSE_NORMAL_W_MIN,
} from './inverseNormalTable.js'
import {
  MILLS_DEGREE,
  MILLS_PIECE_COEFFICIENTS,
  MILLS_PIECE_DEGREES,
  MILLS_PIECE_HALF_SPAN,
  MILLS_PIECE_WIDTH,
  MILLS_PIECES,
  MILLS_TAIL,
  MILLS_TAIL_COEFFICIENTS,
} from './millsRatioTable.js'

/** 1/√(2π). */
export const INV_SQRT_2PI = 0.3989422804014327
/** ln √(2π). */
export const LN_SQRT_2PI = 0.9189385332046728

/**
 * Largest argument the Mills-ratio table accepts: the upper edge of the first core piece's
 * fitting interval (its centre −WIDTH/2 plus the half-span).
 */
export const MILLS_RATIO_MAX_ARGUMENT = MILLS_PIECE_HALF_SPAN - MILLS_PIECE_WIDTH / 2

const STRIDE = MILLS_DEGREE + 1
const INV_HALF_SPAN = 1 / MILLS_PIECE_HALF_SPAN
const INV_WIDTH = 1 / MILLS_PIECE_WIDTH
const TAIL_SCALE = 2 * MILLS_TAIL * MILLS_TAIL
const TAIL_DEGREE = MILLS_TAIL_COEFFICIENTS.length - 1

/**
 * Standard normal density φ(x) = e^(−x²/2)/√(2π), to a few ulps also far in the tails: x² is
 * split as a² + δ with a = fround(x) (24 bits, so a² is exact) and δ = (x − a)(x + a) tiny, and
 * e^(−δ/2) taken from its Taylor series (|δ/2| < 2^-24·x² < 1e-4 where φ is a float).
 *
 * @example
 * ```ts
 * normalPdf(0) // 0.3989422804014327
 * ```
 */
export function normalPdf(x: number): number {
  // Beyond x² = 1500, e^(−x²/2) < e^(−749) is below the smallest subnormal: no exponential.
  if (x * x > PDF_UNDERFLOW) return 0
  const a = Math.fround(x)
  const d = 0.5 * (x - a) * (x + a)
  return INV_SQRT_2PI * Math.exp(-0.5 * a * a) * (1 - d * (1 - d * (0.5 - d * ONE_SIXTH)))
}

const ONE_SIXTH = 1 / 6
const PDF_UNDERFLOW = 1500

/**
 * Standard normal distribution Φ(x) with full relative precision in both tails: Φ(x) = φ(x)·M(x)
 * for x ≤ 0 and 1 − φ(x)·M(−x) above, M the Mills ratio. Relative error below 1e-15 wherever
 * Φ(x) is a normal float (x ≥ −37.5); 0 below the float range.
 *
 * @example
 * ```ts
 * normalCdf(-10) // 7.619853024160525e-24
 * ```
 */
export function normalCdf(x: number): number {
  if (x <= 0) return normalPdf(x) * millsRatio(x)
  return 1 - normalPdf(x) * millsRatio(-x)
}

/**
 * Mills ratio of the lower tail M(z) = Φ(z)/φ(z) = ∫₀^∞ e^(zv − v²/2) dv, for
 * z ≤ MILLS_RATIO_MAX_ARGUMENT (beyond it M grows like e^(z²/2) and Φ is used directly).
 * Piecewise polynomial (scripts/fitMillsRatio.ts): on pieces of width 1/4 down to z = −12, each
 * of its own degree (≤ 14 near 0, fewer further out), then a polynomial in 1/z² for |z|·M(z);
 * relative error a few float64 ulps.
 *
 * @example
 * ```ts
 * millsRatio(0) // 1.2533141373155003 (√(π/2) = 1.25331413731550025…)
 * ```
 */
export function millsRatio(z: number): number {
  if (z < -MILLS_TAIL) {
    const v = TAIL_SCALE / (z * z) - 1
    return -tailPolynomial(v) / z
  }
  const piece = pieceOf(z)
  return piecePolynomial(piece * STRIDE, (z - pieceCentre(piece)) * INV_HALF_SPAN)
}

/**
 * A piece's polynomial at u ∈ [−1, 1] from all MILLS_DEGREE + 1 = 15 coefficients at `base`
 * (those above the piece's degree are 0), by Estrin's scheme: pairs c_k + c_(k+1)·u joined with
 * u², u⁴, u⁸ in a tree of depth 4, where Horner (even and odd chains) takes 7 dependent steps
 * and a loop whose length depends on the piece. The terms fall off geometrically (|c_k| ≲
 * 0.2^k·c₀), so c₀ is added last to the sum of the others: one rounding at full size, the
 * others' relative to a value ≲ c₀/4 (about 0.6 ulp in all; Horner's last two steps round at
 * full size). Measured on the bench: +7 % random prices, +10 % where the price is not 0.
 */
function piecePolynomial(base: number, u: number): number {
  const c = MILLS_PIECE_COEFFICIENTS
  const u2 = u * u
  const u4 = u2 * u2
  const low =
    (c[base + 1] as number) * u +
    ((c[base + 2] as number) + (c[base + 3] as number) * u) * u2 +
    ((c[base + 4] as number) +
      (c[base + 5] as number) * u +
      ((c[base + 6] as number) + (c[base + 7] as number) * u) * u2) *
      u4
  const high =
    (c[base + 8] as number) +
    (c[base + 9] as number) * u +
    ((c[base + 10] as number) + (c[base + 11] as number) * u) * u2 +
    ((c[base + 12] as number) + (c[base + 13] as number) * u + (c[base + 14] as number) * u2) * u4
  return (c[base] as number) + (low + high * (u4 * u4))
}

/**
 * M(h + t) − M(h − t) for t ≥ 0 and h + t ≤ MILLS_RATIO_MAX_ARGUMENT, with relative precision
 * even where the two values nearly cancel (t ≪ |h|): when both arguments fall in one fitted
 * piece the polynomial's divided difference is evaluated (no subtraction of close values), in
 * the tail the difference of g(v)/|z| is expanded in exact differences. Otherwise 2t exceeds
 * the piece overlap and the direct difference loses at most a factor (|h| + 1.25)/(2t) < 60.
 * Each path evaluates M(h − t) on the way; it is stored in `lower[0]` when `lower` is given.
 *
 * @example
 * ```ts
 * millsRatioDifference(-3, 1e-9) // 1.7245820773938025e-10 = 2e-9·M′(−3) to an ulp
 * ```
 */
export function millsRatioDifference(h: number, t: number, lower?: Float64Array): number {
  const upperArgument = h + t
  const lowerArgument = h - t
  if (upperArgument <= -MILLS_TAIL) {
    return tailDifference(h, t, -upperArgument, -lowerArgument, lower)
  }
  const piece = pieceOf(h)
  const centre = pieceCentre(piece)
  if (
    lowerArgument >= centre - MILLS_PIECE_HALF_SPAN &&
    upperArgument <= centre + MILLS_PIECE_HALF_SPAN
  ) {
    const u1 = (upperArgument - centre) * INV_HALF_SPAN
    const u2 = (lowerArgument - centre) * INV_HALF_SPAN
    return pieceDifference(piece, u1, u2, 2 * t * INV_HALF_SPAN, lower)
  }
  const atLower = millsRatio(lowerArgument)
  if (lower !== undefined) lower[0] = atLower
  return millsRatio(upperArgument) - atLower
}

function pieceOf(z: number): number {
  const piece = Math.floor(-z * INV_WIDTH)
  return piece < 0 ? 0 : piece >= MILLS_PIECES ? MILLS_PIECES - 1 : piece
}

function pieceCentre(piece: number): number {
  return -(piece + 0.5) * MILLS_PIECE_WIDTH
}

/**
 * p(u1) − p(u2) = (u1 − u2)·Q without subtracting the two values; `span` is the exact u1 − u2.
 * With p(u) = E(u²) + u·O(u²): Q = (u1 + u2)·(E[v1, v2] + u1·O[v1, v2]) + O(v2), v = u², where
 * the divided differences f[v1, v2] = (f(v1) − f(v2))/(v1 − v2) of E and O come from the Horner
 * recurrences P_k = c_k + v·P_{k+1}, F_k = v1·F_{k+1} + P_{k+1}(v2). The first-derivative term
 * O(v2) ≈ c₁ dominates the sum, so it does not cancel.
 */
function pieceDifference(
  piece: number,
  u1: number,
  u2: number,
  span: number,
  lower: Float64Array | undefined,
): number {
  const base = piece * STRIDE
  const top = base + (MILLS_PIECE_DEGREES[piece] as number)
  const v1 = u1 * u1
  const v2 = u2 * u2
  let evenAt2 = MILLS_PIECE_COEFFICIENTS[top] as number
  let oddAt2 = MILLS_PIECE_COEFFICIENTS[top - 1] as number
  let evenDifference = 0
  let oddDifference = 0
  for (let k = top - 2; k > base; k -= 2) {
    evenDifference = evenDifference * v1 + evenAt2
    oddDifference = oddDifference * v1 + oddAt2
    evenAt2 = evenAt2 * v2 + (MILLS_PIECE_COEFFICIENTS[k] as number)
    oddAt2 = oddAt2 * v2 + (MILLS_PIECE_COEFFICIENTS[k - 1] as number)
  }
  evenDifference = evenDifference * v1 + evenAt2
  if (lower !== undefined) {
    lower[0] = evenAt2 * v2 + (MILLS_PIECE_COEFFICIENTS[base] as number) + u2 * oddAt2
  }
  return span * ((u1 + u2) * (evenDifference + u1 * oddDifference) + oddAt2)
}

function tailPolynomial(v: number): number {
  let p = MILLS_TAIL_COEFFICIENTS[TAIL_DEGREE] as number
  for (let k = TAIL_DEGREE - 1; k >= 0; k--) p = p * v + (MILLS_TAIL_COEFFICIENTS[k] as number)
  return p
}

/**
 * M(−a1) − M(−a2) with a2 = a1 + 2t, a1 ≥ MILLS_TAIL, M(−a) = g(v)/a:
 * g(v1)/a1 − g(v2)/a2 = (g(v1) − g(v2))/a1 + g(v2)·2t/(a1·a2), where
 * v1 − v2 = TAIL_SCALE·(a2 − a1)(a2 + a1)/(a1·a2)² = TAIL_SCALE·2t·(−2h)/(a1·a2)².
 */
function tailDifference(
  h: number,
  t: number,
  a1: number,
  a2: number,
  lower: Float64Array | undefined,
): number {
  const v1 = TAIL_SCALE / (a1 * a1) - 1
  const v2 = TAIL_SCALE / (a2 * a2) - 1
  const product = a1 * a2
  let p2 = MILLS_TAIL_COEFFICIENTS[TAIL_DEGREE] as number
  let q = 0
  for (let k = TAIL_DEGREE - 1; k >= 0; k--) {
    q = q * v1 + p2
    p2 = p2 * v2 + (MILLS_TAIL_COEFFICIENTS[k] as number)
  }
  if (lower !== undefined) lower[0] = p2 / a2
  const span = (TAIL_SCALE * 4 * t * -h) / (product * product)
  return (span * q) / a1 + (p2 * 2 * t) / product
}

/**
 * Inverse of the standard normal distribution for p ∈ (0, 1), with relative precision in the
 * lower tail down to the smallest subnormal. Start from the series of Φ⁻¹ about 1/2 (p ≥ 0.15)
 * or from the tail asymptote z² ≈ L − ln L − ln 2π, L = −2·ln p; then Halley steps on
 * ln Φ(z) = ln p, whose derivatives are 1/M(z) and −(z + 1/M(z))/M(z), until a step is below
 * `relativeStep`·|z|: cubic convergence leaves an error of order relativeStep³·|z|, 1e-18 by
 * default (two or three steps); a starting guess that is refined anyway can ask for less.
 *
 * @example
 * ```ts
 * inverseNormalCdf(0.975) // 1.9599639845400538
 * ```
 */
export function inverseNormalCdf(p: number, relativeStep = 1e-6): number {
  if (p > 0.5) return -inverseNormalCdf(1 - p, relativeStep)
  const lnP = Math.log(p)
  let z: number
  if (p >= 0.15) {
    const q = p - 0.5
    const q2 = q * q
    z = SQRT_2PI * q * (1 + q2 * (CENTRAL_3 + q2 * (CENTRAL_5 + q2 * CENTRAL_7)))
  } else {
    const l = -2 * lnP
    z = -Math.sqrt(l - Math.log(l) - 2 * LN_SQRT_2PI)
  }
  for (let i = 0; i < INVERSE_MAX_STEPS; i++) {
    const m = millsRatio(z)
    const g = -0.5 * z * z - LN_SQRT_2PI + Math.log(m) - lnP
    // g′ = 1/m, g″ = −(z + 1/m)/m; Halley: Δ = −2·g·g′/(2·g′² − g·g″) = −2gm/(2 + g(zm + 1)).
    const step = (-2 * g * m) / (2 + g * (z * m + 1))
    z += step
    // Cubic convergence: after a step below δ·|z| the error left is of order δ³·|z|.
    if (Math.abs(step) <= relativeStep * Math.abs(z)) break
  }
  return z
}

const SQRT_2PI = 2.5066282746310002
/**
 * Taylor coefficients of Φ⁻¹(1/2 + q)/(√(2π)·q) in q²: π/3, 7π²/30, 127π³/630, as literals (a
 * module-level `Math.PI` expression is kept by bundlers; normal.test.ts recomputes them).
 */
export const CENTRAL_3 = 1.0471975511965976
export const CENTRAL_5 = 2.3029076935875166
export const CENTRAL_7 = 6.250471648250915
/** Halley steps needed from the worst starting point (p ≈ 0.15, tail start) plus one. */
const INVERSE_MAX_STEPS = 8

/**
 * Φ⁻¹(p) for 0 < p ≤ 1/2 to a relative error below 5e-7, without iterations: one polynomial
 * (scripts/fitInverseNormal.ts) in (p − 1/2)² for p ≥ 0.15, else in w = 1/√(−2 ln p) for
 * Φ⁻¹(p)·w, down to the smallest subnormal p. For the implied-volatility solver's initial
 * guesses, whose own error is larger and which the Householder steps refine; use
 * {@link inverseNormalCdf} where Φ⁻¹ itself is wanted.
 *
 * @example
 * ```ts
 * inverseNormalCdfEstimate(0.025) // -1.9599640981272404 (Φ⁻¹(0.025) = −1.959963984540054)
 * ```
 */
export function inverseNormalCdfEstimate(p: number): number {
  if (p >= INVERSE_NORMAL_SPLIT) {
    const q = p - 0.5
    return q * polynomial(INVERSE_NORMAL_CENTRAL, q * q * CENTRAL_SCALE - 1)
  }
  return inverseNormalTailEstimate(Math.log(p))
}

/** ln of the p below which {@link inverseNormalTailEstimate} applies. */
export const LN_INVERSE_NORMAL_SPLIT = /* @__PURE__ */ Math.log(INVERSE_NORMAL_SPLIT)

/**
 * The tail of {@link inverseNormalCdfEstimate} from ln p, for ln p < LN_INVERSE_NORMAL_SPLIT
 * (p < 0.15): a caller that has the logarithm (of a power of p, say) skips forming p.
 *
 * @example
 * ```ts
 * inverseNormalTailEstimate(Math.log(0.025)) // -1.9599640981272404
 * ```
 */
export function inverseNormalTailEstimate(lnP: number): number {
  const root = Math.sqrt(-2 * lnP)
  return (
    root * polynomial(INVERSE_NORMAL_TAIL, (1 / root - INVERSE_NORMAL_W_MIN) * TAIL_SCALE_W - 1)
  )
}

const CENTRAL_SCALE = 2 / INVERSE_NORMAL_U_MAX
const TAIL_SCALE_W = 2 / (INVERSE_NORMAL_W_MAX - INVERSE_NORMAL_W_MIN)

/** Σ c_k·y^k by Horner's scheme, coefficients lowest first. */
function polynomial(coefficients: Float64Array, y: number): number {
  let sum = coefficients[coefficients.length - 1] as number
  for (let k = coefficients.length - 2; k >= 0; k--) sum = sum * y + (coefficients[k] as number)
  return sum
}
