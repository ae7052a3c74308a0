import { describe, expect, it } from 'vitest'
import { Decimal } from '../../test/reference/blackScholes.js'
import { arithmeticMeanTick } from './arithmeticMeanTick.js'
import { InvalidTokenDecimalsError, InvalidTwapWindowError, TickOutOfRangeError } from './errors.js'
import { tickToPriceWad } from './tickToPriceWad.js'

describe('arithmeticMeanTick', () => {
  it('divides the accumulator change by the window', () => {
    expect(
      arithmeticMeanTick({ tickCumulatives: [1_000n, 1_000n + 600n * 42n], windowSec: 600 }),
    ).toBe(42)
  })

  it('rounds a negative mean toward minus infinity, an exact one not at all', () => {
    expect(arithmeticMeanTick({ tickCumulatives: [0n, -3_601n], windowSec: 1_800 })).toBe(-3)
    expect(arithmeticMeanTick({ tickCumulatives: [0n, -3_600n], windowSec: 1_800 })).toBe(-2)
    expect(arithmeticMeanTick({ tickCumulatives: [0n, 3_601n], windowSec: 1_800 })).toBe(2)
  })

  it('rejects a window that is not a positive whole number of seconds', () => {
    for (const windowSec of [0, -60, 1.5])
      expect(() => arithmeticMeanTick({ tickCumulatives: [0n, 0n], windowSec })).toThrow(
        InvalidTwapWindowError,
      )
  })
})

describe('tickToPriceWad', () => {
  const exactPrice = (
    tick: number,
    baseIsToken0: boolean,
    baseDecimals: number,
    quoteDecimals: number,
  ) => {
    const raw = new Decimal('1.0001').pow(baseIsToken0 ? tick : -tick)
    return raw.mul(new Decimal(10).pow(baseDecimals - quoteDecimals + 18))
  }

  it('is exactly one at tick zero with equal decimals', () => {
    for (const baseIsToken0 of [true, false])
      expect(tickToPriceWad({ tick: 0, baseIsToken0, baseDecimals: 18, quoteDecimals: 18 })).toBe(
        10n ** 18n,
      )
  })

  it('agrees with 1.0001^tick to the precision of the pool’s sqrt ratio', () => {
    const cases = [
      { tick: 196_256, baseIsToken0: false, baseDecimals: 18, quoteDecimals: 6 },
      { tick: -196_256, baseIsToken0: true, baseDecimals: 18, quoteDecimals: 6 },
      { tick: 12_345, baseIsToken0: true, baseDecimals: 8, quoteDecimals: 18 },
      { tick: -400_000, baseIsToken0: true, baseDecimals: 18, quoteDecimals: 18 },
      { tick: 1, baseIsToken0: false, baseDecimals: 6, quoteDecimals: 6 },
    ]
    for (const c of cases) {
      const actual = new Decimal(tickToPriceWad(c).toString())
      const expected = exactPrice(c.tick, c.baseIsToken0, c.baseDecimals, c.quoteDecimals)
      // Rounded down to the wei; TickMath's sqrt ratio itself is good to about 1e-29 relative.
      expect(actual.lte(expected)).toBe(true)
      expect(expected.minus(actual).lt(expected.mul('1e-20').plus(1))).toBe(true)
    }
  })

  it('reports a WETH/USDC tick as dollars per ether', () => {
    const price = tickToPriceWad({
      tick: -196_256,
      baseIsToken0: true,
      baseDecimals: 18,
      quoteDecimals: 6,
    })
    expect(price / 10n ** 18n).toBe(3000n)
  })

  it('rejects ticks and decimals out of range', () => {
    expect(() =>
      tickToPriceWad({ tick: 887_273, baseIsToken0: true, baseDecimals: 18, quoteDecimals: 6 }),
    ).toThrow(TickOutOfRangeError)
    expect(() =>
      tickToPriceWad({ tick: 0.5, baseIsToken0: true, baseDecimals: 18, quoteDecimals: 6 }),
    ).toThrow(TickOutOfRangeError)
    expect(() =>
      tickToPriceWad({ tick: 0, baseIsToken0: true, baseDecimals: 37, quoteDecimals: 6 }),
    ).toThrow(InvalidTokenDecimalsError)
  })
})
