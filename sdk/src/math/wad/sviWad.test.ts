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
} from '../../errors/svi.js'
import { sviImpliedVol, sviTotalVariance } from '../svi.js'
import { fromWad, toWad } from '../wad.js'
import {
  type SviParamsWad,
  sviImpliedVolWad,
  sviTotalVarianceWad,
  validateSviWad,
} from './sviWad.js'

const E18 = 10n ** 18n
const SKEWED: SviParamsWad = {
  a: 4n * 10n ** 16n,
  b: 4n * 10n ** 17n,
  rho: -4n * 10n ** 17n,
  m: 10n ** 17n,
  sigma: 2n * 10n ** 17n,
}
const DAYS_30 = 2_592_000n

describe('sviTotalVarianceWad', () => {
  it('rounds up from the exact value by less than 2 wei', () => {
    // ceil(exact·1e18) from 80-digit decimals (as in test/unit/Svi.t.sol).
    for (const [k, ceil] of [
      [0n, 145442719099991588n],
      [-E18, 663213595499957940n],
      [2n * E18, 500198926981712008n],
    ] as const) {
      const w = sviTotalVarianceWad(SKEWED, k)
      expect(w >= ceil && w <= ceil + 1n).toBe(true)
    }
  })

  it('is exact where the square root is', () => {
    const p = {
      a: 4n * 10n ** 16n,
      b: 10n ** 17n,
      rho: 5n * 10n ** 17n,
      m: 0n,
      sigma: 3n * 10n ** 17n,
    }
    expect(sviTotalVarianceWad(p, 4n * 10n ** 17n)).toBe(11n * 10n ** 16n)
  })

  it('agrees with the float path to float precision', () => {
    const float = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }
    for (const k of [-7.5, -1, -0.1, 0, 0.3, 2, 7.9]) {
      const w = fromWad(sviTotalVarianceWad(SKEWED, toWad(k)))
      expect(w).toBeCloseTo(sviTotalVariance(float, k), 14)
      const vol = fromWad(sviImpliedVolWad(SKEWED, toWad(k), DAYS_30))
      expect(vol).toBeCloseTo(sviImpliedVol(float, k, 2_592_000), 12)
    }
  })

  it('throws where the contract reverts', () => {
    expect(() => sviTotalVarianceWad(SKEWED, 8n * E18 + 1n)).toThrow(SviLogMoneynessOutOfRangeError)
    // Parameters beyond validate's magnitudes: the contract checks them first (`_checkMagnitudes`),
    // with validate's errors, in its order.
    const far = { ...SKEWED, m: -(1n << 255n) }
    expect(() => sviTotalVarianceWad(far, 1n)).toThrow(SviVertexOutOfRangeError)
    expect(() => sviTotalVarianceWad({ ...SKEWED, b: 1n << 250n }, 0n)).toThrow(
      SviWingTooSteepError,
    )
    expect(() => sviTotalVarianceWad({ ...SKEWED, b: 2n * E18 + 1n, a: 126n * E18 }, 0n)).toThrow(
      SviLevelOutOfRangeError,
    )
    expect(() => sviTotalVarianceWad({ ...SKEWED, rho: E18 }, 0n)).toThrow(
      SviRotationOutOfRangeError,
    )
    expect(() => sviTotalVarianceWad({ ...SKEWED, sigma: 16n * E18 + 1n }, 0n)).toThrow(
      SviCurvatureOutOfRangeError,
    )
    // b at its bound still evaluates (validate's stricter b·(1+|ρ|) is not checked here).
    expect(sviTotalVarianceWad({ ...SKEWED, b: 2n * E18 }, 0n)).toBeGreaterThan(0n)
  })
})

describe('sviImpliedVolWad', () => {
  it('is exact on a flat smile', () => {
    const flat = { a: 4n * 10n ** 16n, b: 0n, rho: 0n, m: 0n, sigma: E18 }
    expect(sviImpliedVolWad(flat, 0n, 31_536_000n)).toBe(2n * 10n ** 17n)
  })

  it('throws where the contract reverts', () => {
    const negative = { a: -(10n ** 17n), b: 10n ** 17n, rho: 0n, m: 0n, sigma: 2n * 10n ** 17n }
    expect(() => sviImpliedVolWad(negative, 0n, DAYS_30)).toThrow(SviNegativeTotalVarianceError)
    expect(() => sviImpliedVolWad(SKEWED, 0n, 0n)).toThrow(SviTimeOutOfRangeError)
  })
})

describe('Solidity argument types', () => {
  it('refuses values the contract cannot receive', () => {
    expect(() => sviTotalVarianceWad({ ...SKEWED, b: -1n }, 0n)).toThrow(RangeError)
    expect(() => sviImpliedVolWad(SKEWED, 0n, 1n << 256n)).toThrow(RangeError)
    expect(() => validateSviWad({ ...SKEWED, m: 1n << 255n }, DAYS_30)).toThrow(RangeError)
  })
})

describe('validateSviWad', () => {
  it('accepts a wing slope of exactly 2 and rejects one wei more', () => {
    const p = {
      a: 5n * 10n ** 17n,
      b: 16n * 10n ** 17n,
      rho: -25n * 10n ** 16n,
      m: 0n,
      sigma: 10n ** 17n,
    }
    validateSviWad(p, 31_536_000n)
    expect(() => validateSviWad({ ...p, b: p.b + 1n }, 31_536_000n)).toThrow(SviWingTooSteepError)
  })

  it('rounds the vol floor up and reports it', () => {
    const p = { a: 10n ** 14n - 1n, b: 0n, rho: 0n, m: 0n, sigma: 1n }
    try {
      validateSviWad(p, 31_536_000n)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(SviMinimumVarianceOutOfRangeError)
      expect((error as SviMinimumVarianceOutOfRangeError).onChainArgs).toEqual([
        10n ** 14n - 1n,
        10n ** 14n,
        25n * E18,
      ])
    }
  })

  it('rejects |rho| = 1 and int256.min', () => {
    expect(() => validateSviWad({ ...SKEWED, rho: E18 }, DAYS_30)).toThrow(
      SviRotationOutOfRangeError,
    )
    expect(() => validateSviWad({ ...SKEWED, rho: -(1n << 255n) }, DAYS_30)).toThrow(
      SviRotationOutOfRangeError,
    )
  })
})
