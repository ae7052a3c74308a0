import { describe, expect, it } from 'vitest'
import { fromWad, toWad, WAD } from './wad.js'

describe('wad boundary', () => {
  it('converts exact decimals to the wei', () => {
    expect(toWad(1)).toBe(WAD)
    expect(toWad(0.8)).toBe(800000000000000000n)
    expect(toWad(-2.5)).toBe(-2500000000000000000n)
    expect(toWad(1e-18)).toBe(1n)
    expect(toWad(3200)).toBe(3200n * WAD)
  })

  it('round-trips floats within one ulp', () => {
    for (const x of [0.1, 1 / 3, Math.PI, 12345.678, 1e-6, 1e12]) {
      expect(Math.abs(fromWad(toWad(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * Number.EPSILON)
    }
  })

  it('rejects non-finite input', () => {
    expect(() => toWad(Number.NaN)).toThrow(RangeError)
    expect(() => toWad(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})
