/**
 * Chebyshev interpolation in 100-digit arithmetic, shared by the fitting scripts
 * (fitMillsRatio.ts, fitInverseNormal.ts): coefficients of the interpolant at Chebyshev nodes,
 * the degree where the series' tail falls below a tolerance, and the conversion to monomials,
 * so that rounding the coefficients to float64 is the only error left.
 */
import { Decimal } from '../test/reference/blackScholes.js'

const PI = Decimal.acos(-1)

/** The element at `index`, which must exist. */
export function at(values: Decimal[], index: number): Decimal {
  const value = values[index]
  if (value === undefined) throw new RangeError(`index ${index} outside 0..${values.length - 1}`)
  return value
}

/** Chebyshev coefficients of f on [−1, 1] from `nodes` interpolation nodes. */
export function chebyshev(f: (u: Decimal) => Decimal, nodes: number): Decimal[] {
  const values: Decimal[] = []
  for (let j = 0; j < nodes; j++) {
    values.push(
      f(
        PI.mul(j + 0.5)
          .div(nodes)
          .cos(),
      ),
    )
  }
  const coefficients: Decimal[] = []
  for (let k = 0; k < nodes; k++) {
    let sum = new Decimal(0)
    for (let j = 0; j < nodes; j++) {
      sum = sum.plus(
        at(values, j).mul(
          PI.mul(k)
            .mul(j + 0.5)
            .div(nodes)
            .cos(),
        ),
      )
    }
    coefficients.push(sum.mul(k === 0 ? 1 : 2).div(nodes))
  }
  return coefficients
}

/** Lowest degree whose discarded Chebyshev tail is below `tolerance`. */
export function degreeFor(coefficients: Decimal[], tolerance: Decimal): number {
  let tail = new Decimal(0)
  for (let n = coefficients.length - 1; n > 0; n--) {
    tail = tail.plus(at(coefficients, n).abs())
    if (tail.gt(tolerance)) return n
  }
  return 0
}

/** Monomial coefficients of Σ_{k ≤ degree} a_k T_k(u). */
export function toMonomials(coefficients: Decimal[], degree: number): Decimal[] {
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
