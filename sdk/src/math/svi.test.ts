import { describe, expect, it } from 'vitest'
import {
  SviCurvatureOutOfRangeError,
  SviLevelOutOfRangeError,
  SviLogMoneynessOutOfRangeError,
  SviMinimumVarianceOutOfRangeError,
  SviNegativeTotalVarianceError,
  SviRotationOutOfRangeError,
  SviTimeOutOfRangeError,
  SviVertexOutOfRangeError,
  SviWingTooSteepError,
} from '../errors/svi.js'
import { type SviParams, sviImpliedVol, sviTotalVariance, validateSvi } from './svi.js'

const SKEWED: SviParams = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }
const DAYS_30 = 30 * 86_400

describe('sviTotalVariance', () => {
  it('matches 80-digit reference values', () => {
    // Same smile and points as test/unit/Svi.t.sol.
    expect(sviTotalVariance(SKEWED, 0)).toBeCloseTo(0.1454427190999916, 15)
    expect(sviTotalVariance(SKEWED, -1)).toBeCloseTo(0.663213595499958, 15)
    expect(sviTotalVariance(SKEWED, 2)).toBeCloseTo(0.500198926981712, 15)
  })

  it('is symmetric about m when rho = 0 and a + b·s at the vertex', () => {
    const p = { a: 0.04, b: 0.1, rho: 0, m: 0.25, sigma: 0.3 }
    expect(sviTotalVariance(p, 0.25)).toBeCloseTo(0.07, 16)
    expect(sviTotalVariance(p, 0.25 + 0.7)).toBe(sviTotalVariance(p, 0.25 - 0.7))
  })

  it('rejects |k| > 8 like the contract', () => {
    expect(() => sviTotalVariance(SKEWED, 8.000001)).toThrow(SviLogMoneynessOutOfRangeError)
    expect(() => sviTotalVariance(SKEWED, Number.NaN)).toThrow(SviLogMoneynessOutOfRangeError)
  })
})

describe('sviImpliedVol', () => {
  it('is sqrt(w / T)', () => {
    expect(sviImpliedVol({ a: 0.04, b: 0, rho: 0, m: 0, sigma: 1 }, 0, 31_536_000)).toBeCloseTo(
      0.2,
      15,
    )
    expect(sviImpliedVol(SKEWED, 0, DAYS_30)).toBeCloseTo(1.3302454970355024, 14)
  })

  it('throws instead of returning NaN', () => {
    const p = { a: -0.1, b: 0.1, rho: 0, m: 0, sigma: 0.2 }
    expect(() => sviImpliedVol(p, 0, DAYS_30)).toThrow(SviNegativeTotalVarianceError)
    expect(() => sviImpliedVol(SKEWED, 0, 59)).toThrow(SviTimeOutOfRangeError)
  })
})

describe('validateSvi', () => {
  it('accepts the boundaries the contract accepts', () => {
    validateSvi({ a: 0.5, b: 1.6, rho: -0.25, m: 0, sigma: 0.1 }, 31_536_000)
    validateSvi({ a: 0, b: 0.01, rho: 0, m: 8, sigma: 16 }, 5 * 31_536_000)
    validateSvi({ a: -0.1, b: 1, rho: 0.8, m: 0, sigma: 0.2 }, 31_536_000)
  })

  it('throws the error of the first rule broken, in the contract order', () => {
    const cases: [SviParams, number, new (...args: never[]) => Error][] = [
      [SKEWED, 59, SviTimeOutOfRangeError],
      [{ ...SKEWED, a: 126 }, DAYS_30, SviLevelOutOfRangeError],
      [{ ...SKEWED, rho: -1 }, DAYS_30, SviRotationOutOfRangeError],
      [{ ...SKEWED, m: 9 }, DAYS_30, SviVertexOutOfRangeError],
      [{ ...SKEWED, sigma: 0 }, DAYS_30, SviCurvatureOutOfRangeError],
      [{ ...SKEWED, b: 1.7, rho: 0.25 }, DAYS_30, SviWingTooSteepError],
      [{ ...SKEWED, b: -0.1 }, DAYS_30, SviWingTooSteepError],
      [{ ...SKEWED, a: -0.2 }, DAYS_30, SviMinimumVarianceOutOfRangeError],
      [{ a: 26, b: 0, rho: 0, m: 0, sigma: 1 }, 31_536_000, SviMinimumVarianceOutOfRangeError],
      [{ ...SKEWED, a: Number.NaN }, DAYS_30, SviLevelOutOfRangeError],
    ]
    for (const [params, timeSec, ErrorClass] of cases) {
      expect(() => validateSvi(params, timeSec)).toThrow(ErrorClass)
    }
  })

  it('carries the on-chain error name and arguments', () => {
    try {
      validateSvi({ ...SKEWED, b: 1.7, rho: 0.25 }, DAYS_30)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(SviWingTooSteepError)
      const e = error as SviWingTooSteepError
      expect(e.onChainName).toBe('WingTooSteep')
      expect(e.onChainArgs).toEqual([1.7, 0.25])
      expect(e.b).toBe(1.7)
    }
  })
})
