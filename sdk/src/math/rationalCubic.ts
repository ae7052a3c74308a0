/**
 * Delbourgo–Gregory rational cubic interpolation (IMA J. Numer. Anal. 5, 1985): on [xl, xr]
 * with τ = (x − xl)/Δ, Δ = xr − xl, end values yl, yr and end slopes dl, dr,
 *
 *   R(τ) = [yr·τ³ + (r·yr − Δ·dr)·τ²(1−τ) + (r·yl + Δ·dl)·τ(1−τ)² + yl·(1−τ)³]
 *          / [1 + (r − 3)·τ(1−τ)],
 *
 * which matches the four end conditions for every r > −1 and is the cubic Hermite interpolant
 * at r = 3; large r pulls it towards the chord. The initial guesses of the implied-volatility
 * solver use it to interpolate s(β) or a transform of it between points where value, slope and
 * curvature are known.
 *
 * @example
 * ```ts
 * rationalCubic(0.5, 0, 1, 0, 1, 1, 1, 3) // 0.5 (a straight line stays straight)
 * ```
 */
export function rationalCubic(
  x: number,
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  r: number,
): number {
  const width = xr - xl
  const tau = (x - xl) / width
  const omt = 1 - tau
  const numerator =
    yr * tau * tau * tau +
    (r * yr - width * dr) * tau * tau * omt +
    (r * yl + width * dl) * tau * omt * omt +
    yl * omt * omt * omt
  return numerator / (1 + (r - 3) * tau * omt)
}

/**
 * The control parameter r for which R″(xl) equals `curvature`. Expanding R to second order in τ
 * at τ = 0 gives R″(xl)·Δ²/2 = r·(yr − yl − Δ·dl) − Δ·(dr − dl).
 *
 * @example
 * ```ts
 * rationalCubicParameterForLeftCurvature(0, 1, 0, 1, 0, 2, 2) // 3: the Hermite cubic x²
 * ```
 */
export function rationalCubicParameterForLeftCurvature(
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  curvature: number,
): number {
  const width = xr - xl
  return (0.5 * curvature * width * width + width * (dr - dl)) / (yr - yl - width * dl)
}

/**
 * The control parameter r for which R″(xr) equals `curvature`: by reflection,
 * R″(xr)·Δ²/2 = r·(Δ·dr − (yr − yl)) − Δ·(dr − dl).
 *
 * @example
 * ```ts
 * rationalCubicParameterForRightCurvature(0, 1, 0, 1, 0, 2, 2) // 3: the Hermite cubic x²
 * ```
 */
export function rationalCubicParameterForRightCurvature(
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  curvature: number,
): number {
  const width = xr - xl
  return (0.5 * curvature * width * width + width * (dr - dl)) / (width * dr - (yr - yl))
}

/**
 * Smallest r that keeps R monotone and convex (or concave) when the data are: with S the chord
 * slope, monotone for r ≥ (dl + dr)/S, convex for r ≥ (dr − dl)/(S − dl) and (dr − dl)/(dr − S)
 * (Delbourgo–Gregory). Returns the given r raised to that floor.
 *
 * @example
 * ```ts
 * shapePreservingParameter(0, 0, 1, 0, 1, 0, 2) // 2: convex data 0 → 1 with slopes 0 and 2
 * ```
 */
export function shapePreservingParameter(
  r: number,
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
): number {
  const chord = (yr - yl) / (xr - xl)
  let floor = 0
  if (chord !== 0 && dl * chord >= 0 && dr * chord >= 0) floor = (dl + dr) / chord
  const bend = dr - dl
  if ((dl - chord) * (dr - chord) < 0 && bend !== 0) {
    floor = Math.max(floor, bend / (chord - dl), bend / (dr - chord))
  }
  return Number.isFinite(r) && r > floor ? r : floor
}
