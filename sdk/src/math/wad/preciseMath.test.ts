import { describe, expect, it } from 'vitest'
import { SmileError } from '../../errors/base.js'
import { LnOutOfRangeError } from '../../errors/blackScholes.js'
import { expNegPrecise, lnPrecise, PRECISE_ONE, sqrtInTimeRange } from './preciseMath.js'

describe('expNegPrecise', () => {
  it('matches e^-y to 3e-23 relative', () => {
    expect(expNegPrecise(0n)).toBe(PRECISE_ONE)
    expect(expNegPrecise(PRECISE_ONE)).toBe(367879441171442321595523770n)
    // e^-20 = 2.0611536224385578279659403801558e-9
    const e20 = expNegPrecise(20n * PRECISE_ONE)
    expect(e20 - 2061153622438557828n).toBeLessThanOrEqual(2n)
    expect(expNegPrecise(64n * PRECISE_ONE)).toBe(0n)
  })
})

describe('lnPrecise', () => {
  it('matches ln x to 1e-21', () => {
    expect(lnPrecise(PRECISE_ONE)).toBe(0n)
    // ln 2 = 0.693147180559945309417232121458...
    const ln2 = lnPrecise(2n * PRECISE_ONE) - 693147180559945309417232121n
    expect(ln2 >= -1_000_000n && ln2 <= 1_000_000n).toBe(true)
  })

  it('throws a typed error outside [1/8, 8)', () => {
    expect(() => lnPrecise(8n * PRECISE_ONE)).toThrow(LnOutOfRangeError)
    try {
      lnPrecise(PRECISE_ONE / 8n - 1n)
    } catch (error) {
      expect(error).toBeInstanceOf(SmileError)
      expect((error as LnOutOfRangeError).x).toBe(PRECISE_ONE / 8n - 1n)
    }
  })
})

describe('sqrtInTimeRange', () => {
  it('is the floor of the square root or one above', () => {
    for (const x of [1n << 160n, 10n ** 54n, 5n * 10n ** 54n + 12345n, (1n << 182n) - 1n]) {
      const z = sqrtInTimeRange(x)
      expect((z - 1n) * (z - 1n) <= x && (z + 1n) * (z + 1n) > x).toBe(true)
    }
  })

  it('rejects arguments outside its range', () => {
    expect(() => sqrtInTimeRange(1n << 182n)).toThrow(RangeError)
    expect(() => sqrtInTimeRange((1n << 160n) - 1n)).toThrow(RangeError)
  })
})
