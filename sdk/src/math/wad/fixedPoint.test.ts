import { describe, expect, it } from 'vitest'
import { WAD } from '../wad.js'
import { divUp, lnWad, max, min, mulDiv, mulDivUp, mulWad, mulWadUp } from './fixedPoint.js'

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

  it('lnWad is ln rounded toward −∞', () => {
    expect(lnWad(WAD)).toBe(0n)
    // ln 2 = 0.693147180559945309417...
    expect(lnWad(2n * WAD)).toBe(693_147_180_559_945_309n)
    expect(lnWad(WAD / 2n)).toBe(-693_147_180_559_945_310n)
    // ln 5 = 1.609437912434100374600...; ln 0.2 = −1.609437912434100374600...
    expect(lnWad(5n * WAD)).toBe(1_609_437_912_434_100_374n)
    expect(lnWad(WAD / 5n)).toBe(-1_609_437_912_434_100_375n)
    // ln 10 = 2.302585092994045684017...
    expect(lnWad(10n * WAD)).toBe(2_302_585_092_994_045_684n)
    expect(() => lnWad(0n)).toThrow(RangeError)
  })
})
