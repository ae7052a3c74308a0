import {
  INVERSE_NORMAL_CENTRAL,
  INVERSE_NORMAL_SPLIT,
  INVERSE_NORMAL_TAIL,
  INVERSE_NORMAL_U_MAX,
  INVERSE_NORMAL_W_MAX,
  INVERSE_NORMAL_W_MIN,
} from './inverseNormalTable.js'
import {
  MILLS_OVERLAP,
  MILLS_PIECE_COEFFICIENTS,
  MILLS_PIECE_SCALES,
  MILLS_PIECE_TOPS,
  MILLS_SPLITS,
  MILLS_TAIL,
  MILLS_TAIL_COEFFICIENTS,
} from './millsRatioTable.js'

/** 1/√(2π). */
export const INV_SQRT_2PI = 0.3989422804014327
/** ln √(2π). */
export const LN_SQRT_2PI = 0.9189385332046728

/**
 * Largest argument the Mills-ratio table is used for: the first core piece is fitted up to
 * z = 1/2, with MILLS_OVERLAP beyond this for {@link millsRatioDifference}.
 */
export const MILLS_RATIO_MAX_ARGUMENT = 0.125

/** Coefficients per core piece: r₀, n₀ … n₇, q₁ … q₇. */
const STRIDE = 16
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
 * Rational (scripts/fitMillsRatio.ts): down to z = −12 on three wide pieces M = R(s)/(1 − z),
 * where R = (1 − z)·M stays within [0.98, 1.32] and is taken as r₀ + s·N(s)/Q(s) in the piece's
 * variable s ∈ [0, 1] (N of degree 7, Q of degree 7), so that the rational part is a correction
 * of at most a third of R and its rounding errors are damped; below, a polynomial in 1/z² for
 * |z|·M(z). Relative error below 5e-16 (fit below 5e-17, the rest float64 rounding).
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
  const s = ((MILLS_PIECE_TOPS[piece] as number) - z) * (MILLS_PIECE_SCALES[piece] as number)
  return pieceRatio(piece * STRIDE, s) / (1 - z)
}

/**
 * R(s) = r₀ + s·N(s)/Q(s) ≈ (1 − z)·M(z) of the piece whose coefficients start at `base`, by
 * Horner's scheme (all of Q's coefficients are positive, and N's of one sign but its negligible
 * top one, so no sum cancels). Apart from {@link millsRatio}, so that V8 inlines that into the
 * pricer within its budget.
 */
function pieceRatio(base: number, s: number): number {
  const c = MILLS_PIECE_COEFFICIENTS
  const n =
    (c[base + 1] as number) +
    s *
      ((c[base + 2] as number) +
        s *
          ((c[base + 3] as number) +
            s *
              ((c[base + 4] as number) +
                s *
                  ((c[base + 5] as number) +
                    s *
                      ((c[base + 6] as number) +
                        s * ((c[base + 7] as number) + s * (c[base + 8] as number)))))))
  const q =
    1 +
    s *
      ((c[base + 9] as number) +
        s *
          ((c[base + 10] as number) +
            s *
              ((c[base + 11] as number) +
                s *
                  ((c[base + 12] as number) +
                    s *
                      ((c[base + 13] as number) +
                        s * ((c[base + 14] as number) + s * (c[base + 15] as number)))))))
  return (c[base] as number) + (s * n) / q
}

/**
 * M(h + t) − M(h − t) for t ≥ 0 and h + t ≤ MILLS_RATIO_MAX_ARGUMENT, with relative precision
 * even where the two values nearly cancel (t ≪ |h|): relative error below 1e-15 measured for
 * t ≤ MILLS_OVERLAP. For t ≤ 1/16 and h ≥ −1 the Taylor series about h from M′ = 1 + z·M. Else,
 * when both arguments fall in the fitting interval of h's piece (always for t ≤ MILLS_OVERLAP),
 * with M = R/w, w = 1 − z: M₁ − M₂ = ((R₁ − R₂)·w₂ + 2t·R₂)/(w₁·w₂), where R₁ − R₂ =
 * T₁/Q₁ − T₂/Q₂ (T = s·N) is (s₁ − s₂)·(T[s₁, s₂]·Q₂ − T₂·Q[s₁, s₂])/(Q₁·Q₂) from the divided
 * differences of T and Q (no subtraction of close values; R₁ − R₂ is a small part of the sum).
 * In the tail the difference of g(v)/|z| is expanded in exact differences. Otherwise
 * t > MILLS_OVERLAP and the direct difference loses at most a factor M/(2t·M′) < |h| + 1 of
 * M's error. Each path evaluates M(h − t) on the way; it is stored in
 * `lower[0]` when `lower` is given.
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
  if (t <= TAYLOR_MAX_HALF_WIDTH && h >= TAYLOR_MIN_CENTRE) return taylorDifference(h, t, lower)
  const piece = pieceOf(h)
  const top = MILLS_PIECE_TOPS[piece] as number
  const scale = MILLS_PIECE_SCALES[piece] as number
  if (t <= MILLS_OVERLAP && upperArgument <= top && (top - lowerArgument) * scale <= 1) {
    return pieceDifference(piece, upperArgument, lowerArgument, t, lower)
  }
  const atLower = millsRatio(lowerArgument)
  if (lower !== undefined) lower[0] = atLower
  return millsRatio(upperArgument) - atLower
}

/** Largest t, and smallest h, for which {@link millsRatioDifference} sums the Taylor series. */
const TAYLOR_MAX_HALF_WIDTH = 1 / 16
const TAYLOR_MIN_CENTRE = -1

/**
 * The Taylor path of {@link millsRatioDifference}: M(h ± t) = Σ a_k·(±t)^k with a₀ = M(h) and,
 * from M′ = 1 + z·M, a₁ = 1 + h·a₀ and (k + 1)·a_(k+1) = h·a_k + a_(k−1); the difference is
 * 2t·(a₁ + a₃t² + a₅t⁴ + …). For h ≥ −1, 1 + h·M(h) ≥ 0.34 loses at most a factor 1.9 of
 * M(h)'s error; for t ≤ 1/16 the terms beyond a₁₃t¹² are below 1e-17 of the sum (a_k ≲ 1/k!!).
 */
function taylorDifference(h: number, t: number, lower: Float64Array | undefined): number {
  const t2 = t * t
  let previous = millsRatio(h)
  let current = 1 + h * previous
  let even = previous
  let odd = current
  let power = 1
  for (let k = 1; k < 13; k += 2) {
    const evenTerm = (h * current + previous) / (k + 1)
    const oddTerm = (h * evenTerm + current) / (k + 2)
    previous = evenTerm
    current = oddTerm
    power *= t2
    even += evenTerm * power
    odd += oddTerm * power
  }
  if (lower !== undefined) lower[0] = even - t * odd
  return 2 * t * odd
}

function pieceOf(z: number): number {
  return z > (MILLS_SPLITS[0] as number) ? 0 : z > (MILLS_SPLITS[1] as number) ? 1 : 2
}

/**
 * The in-piece path of {@link millsRatioDifference}: z₁ = h + t, z₂ = h − t. The divided
 * differences f[s₁, s₂] = (f(s₁) − f(s₂))/(s₁ − s₂) of N and Q come from the Horner recurrences
 * P_k = c_k + s₂·P_(k+1), F_k = s₁·F_(k+1) + P_(k+1); T[s₁, s₂] = s₁·N[s₁, s₂] + N(s₂).
 */
function pieceDifference(
  piece: number,
  z1: number,
  z2: number,
  t: number,
  lower: Float64Array | undefined,
): number {
  const c = MILLS_PIECE_COEFFICIENTS
  const base = piece * STRIDE
  const top = MILLS_PIECE_TOPS[piece] as number
  const scale = MILLS_PIECE_SCALES[piece] as number
  const s1 = (top - z1) * scale
  const s2 = (top - z2) * scale
  let n2 = c[base + 8] as number
  let nDifference = 0
  let q1 = c[base + 15] as number
  let q2 = q1
  let qDifference = 0
  for (let k = 6; k >= 0; k--) {
    nDifference = nDifference * s1 + n2
    n2 = n2 * s2 + (c[base + 1 + k] as number)
    const q = k === 0 ? 1 : (c[base + 8 + k] as number)
    qDifference = qDifference * s1 + q2
    q1 = q1 * s1 + q
    q2 = q2 * s2 + q
  }
  const t2 = s2 * n2
  const tDifference = s1 * nDifference + n2
  const r2 = (c[base] as number) + t2 / q2
  const span = 2 * t * scale
  const rDifference = (-span * (tDifference * q2 - t2 * qDifference)) / (q1 * q2)
  const w1 = 1 - z1
  const w2 = 1 - z2
  if (lower !== undefined) lower[0] = r2 / w2
  return (rDifference * w2 + 2 * t * r2) / (w1 * w2)
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
