import { describe, expect, it } from 'vitest'
import {
  Decimal,
  referenceNormCdf,
  referenceNormPdf,
} from '../../../test/reference/blackScholes.js'
import { normCdfPrecise, normPdfPrecise, upperTailPrecise } from './normalWad.js'
import { PRECISE_ONE } from './preciseMath.js'

const ONE = new Decimal(PRECISE_ONE.toString())

describe('normCdfPrecise', () => {
  it('is within 1e-20 absolute and 1e-12 relative (or 2e-27) of the 100-digit reference', () => {
    for (let i = -1200; i <= 1200; i += 7) {
      const x = (BigInt(i) * PRECISE_ONE) / 100n + 123456789n
      const exact = referenceNormCdf(new Decimal(x.toString()).div(ONE)).mul(ONE)
      const tail = Decimal.min(exact, ONE.minus(exact))
      const error = new Decimal(normCdfPrecise(x).toString()).minus(exact).abs()
      const bound = Decimal.max(2, Decimal.min('1e7', tail.mul('1e-12')))
      expect(error.lte(bound), `x = ${x}`).toBe(true)
    }
  })

  it('adds up to one with its mirror image away from 0', () => {
    const x = 1234567890123456789012345678n
    expect(normCdfPrecise(x) + normCdfPrecise(-x)).toBe(PRECISE_ONE)
  })

  it('is 0 only where the tail is below the unit of the fixed point', () => {
    expect(upperTailPrecise(11n * PRECISE_ONE)).toBe(0n)
    expect(upperTailPrecise((105n * PRECISE_ONE) / 10n) > 0n).toBe(true)
    expect(() => upperTailPrecise(-1n)).toThrow(RangeError)
  })
})

describe('normPdfPrecise', () => {
  it('is within 3e-23 relative of the reference', () => {
    for (const x of [-11n, -3n, 0n, 1n, 7n]) {
      const exact = referenceNormPdf(x.toString()).mul(ONE)
      const actual = new Decimal(normPdfPrecise(x * PRECISE_ONE).toString())
      expect(actual.minus(exact).abs().lte(exact.mul('3e-23').plus(2))).toBe(true)
    }
    expect(normPdfPrecise(12n * PRECISE_ONE)).toBe(0n)
  })
})
