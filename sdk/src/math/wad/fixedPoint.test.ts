import { describe, expect, it } from 'vitest'
import { WAD } from '../wad.js'
import { divUp, max, min, mulDiv, mulDivUp, mulWad, mulWadUp } from './fixedPoint.js'

describe('fixed-point helpers', () => {
  it('round as Solady: mulDiv and mulWad down, mulDivUp, mulWadUp and divUp up', () => {
    expect(mulDiv(7n, 3n, 2n)).toBe(10n)
    expect(mulDivUp(7n, 3n, 2n)).toBe(11n)
    expect(mulDivUp(0n, 3n, 2n)).toBe(0n)
    expect(mulWad(WAD + 1n, 3n)).toBe(3n)
    expect(mulWadUp(WAD + 1n, 3n)).toBe(4n)
    expect(divUp(10n, 5n)).toBe(2n)
    expect(divUp(11n, 5n)).toBe(3n)
    expect(divUp(0n, 5n)).toBe(0n)
    expect(max(-1n, 2n)).toBe(2n)
    expect(min(-1n, 2n)).toBe(-1n)
  })
})
