import { describe, expect, it } from 'vitest'
import { Decimal, referenceBlackScholes } from '../../test/reference/blackScholes.js'
import { InvalidPricingInputError, PriceOutOfBoundsError } from '../errors/pricing.js'
import { blackScholesPrice } from './blackScholes.js'
import {
  type ImpliedVolatilityParameters,
  impliedVolatility,
  LOWER_SCALE,
  normalisedImpliedVolatility,
} from './impliedVolatility.js'
import { normalisedBlack, normalisedBlackComplement } from './normalisedBlack.js'

/**
 * Distance of `vol` from the exact implied volatility of `option.price`, to first order
 * |P(vol) − price|/vega(vol) with P and vega from the 100-digit reference.
 */
function volError(option: ImpliedVolatilityParameters, vol: number): number {
  const exact = referenceBlackScholes({ ...option, vol })
  // toPrecision(100) is the float's exact binary value (Decimal(number) would round it to 17).
  const price = new Decimal(option.price.toPrecision(100))
  return exact.price.minus(price).div(exact.vega).abs().toNumber()
}

describe('impliedVolatility', () => {
  it('inverts the textbook price', () => {
    const option = { spot: 100, strike: 100, time: 1, rate: 0.05, type: 'call' } as const
    expect(impliedVolatility({ ...option, price: 10.450583572185565 })).toBeCloseTo(0.2, 15)
    expect(impliedVolatility({ ...option, price: 5.573526022256971, type: 'put' })).toBeCloseTo(
      0.2,
      15,
    )
  })

  it('recovers the volatility to 5e-12 (price ≥ 1e-8·spot) and 1e-13 (below) on a grid', () => {
    let worstAbove = 0
    let worstBelow = 0
    let count = 0
    for (const time of [1 / 525_600, 1 / 365, 0.25, 5]) {
      for (const vol of [0.01, 0.2, 1.5, 5]) {
        for (const ratio of [0.2, 0.8, 0.99, 1, 1.3, 5]) {
          for (const rate of [0, 0.2]) {
            const spot = 100 * ratio
            // The out-of-the-money side, whose price carries the whole volatility information.
            const type = Math.log(ratio) + rate * time > 0 ? 'put' : 'call'
            const price = referenceBlackScholes({
              spot,
              strike: 100,
              time,
              vol,
              rate,
              type,
            }).price.toNumber()
            if (!(price >= 1e-300)) continue
            const option = { spot, strike: 100, time, rate, price, type } as const
            // Near its supremum K·e^(−rT) a put's price is measured from that bound, which is
            // itself rounded: half an ulp of it over vega is an error floor no float input avoids.
            const exact = referenceBlackScholes({ ...option, vol })
            const bound = type === 'put' ? 100 * Math.exp(-rate * time) : 0
            const floor = (Number.EPSILON * bound) / exact.vega.toNumber()
            const error = volError(option, impliedVolatility(option)) - floor
            if (price >= 1e-8 * spot) worstAbove = Math.max(worstAbove, error)
            else worstBelow = Math.max(worstBelow, error)
            count++
          }
        }
      }
    }
    expect(count).toBeGreaterThan(100)
    expect(worstAbove).toBeLessThan(5e-12)
    expect(worstBelow).toBeLessThan(1e-13)
  })

  it('inverts in-the-money prices to the conditioning of price − intrinsic', () => {
    for (const [spot, type] of [
      [130, 'call'],
      [70, 'put'],
      [300, 'call'],
    ] as const) {
      for (const vol of [0.3, 1, 3]) {
        const market = { spot, strike: 100, time: 0.5, rate: 0.03, type } as const
        const price = blackScholesPrice({ ...market, vol })
        const option = { ...market, price }
        const vega = referenceBlackScholes({ ...market, vol }).vega.toNumber()
        // One ulp of the price moves the implied volatility by ulp/vega.
        expect(volError(option, impliedVolatility(option))).toBeLessThan(
          5e-12 + (4 * Number.EPSILON * price) / vega,
        )
      }
    }
  })

  it('solves prices down to 1e-300 and subnormal ones without failing', () => {
    for (const price of [1e-300, 1e-200, 1e-100, 1e-30, 1e-15]) {
      for (const strike of [50, 99, 101, 400]) {
        for (const time of [1 / 525_600, 0.1, 5]) {
          const type = strike > 100 ? 'call' : 'put'
          const option = { spot: 100, strike, time, price, type } as const
          const vol = impliedVolatility(option)
          expect(vol).toBeGreaterThan(0)
          expect(volError(option, vol)).toBeLessThan(1e-13)
        }
      }
    }
    const vol = impliedVolatility({ spot: 100, strike: 200, time: 1, price: 5e-324, type: 'call' })
    expect(vol).toBeGreaterThan(0)
    expect(vol).toBeLessThan(0.1)
  })

  it('throws PriceOutOfBoundsError at or below intrinsic value and at or above the maximum', () => {
    const call = { spot: 100, strike: 90, time: 1, type: 'call' } as const
    const put = { spot: 100, strike: 110, time: 1, rate: 0.05, type: 'put' } as const
    const discountedStrike = 110 * Math.exp(-0.05)
    const cases: [ImpliedVolatilityParameters, number, number][] = [
      [{ ...call, price: 5 }, 10, 100],
      [{ ...call, price: 10 }, 10, 100],
      [{ ...call, price: 100 }, 10, 100],
      [{ ...call, price: 150 }, 10, 100],
      [{ ...put, price: discountedStrike }, discountedStrike - 100, discountedStrike],
      [{ ...put, price: 1 }, discountedStrike - 100, discountedStrike],
    ]
    for (const [option, lower, upper] of cases) {
      expect(() => impliedVolatility(option)).toThrow(PriceOutOfBoundsError)
      try {
        impliedVolatility(option)
      } catch (error) {
        const bounds = error as PriceOutOfBoundsError
        expect(bounds.price).toBe(option.price)
        expect(bounds.lowerBound).toBeCloseTo(lower, 12)
        expect(bounds.upperBound).toBeCloseTo(upper, 12)
      }
    }
  })

  it('rejects invalid inputs with InvalidPricingInputError', () => {
    const valid = { spot: 100, strike: 100, time: 1, price: 5, type: 'call' } as const
    for (const [parameter, value] of [
      ['price', 0],
      ['price', Number.NaN],
      ['spot', -100],
      ['time', 0],
      ['rate', Number.POSITIVE_INFINITY],
      ['rate', 5],
    ] as const) {
      expect(() => impliedVolatility({ ...valid, [parameter]: value })).toThrow(
        InvalidPricingInputError,
      )
    }
  })
})

describe('normalisedImpliedVolatility', () => {
  it('inverts b(x, s) on all four branches, at the money included', () => {
    for (const x of [0, -1e-8, -0.05, -1, -6]) {
      for (const s of [1e-3, 0.05, 0.3, Math.sqrt(-2 * x), 1, 3, 8]) {
        const beta = normalisedBlack(x, s)
        if (!(beta > 1e-300)) continue
        // b carries a relative error ≈ (1 + h²)·ε, h = x/s, i.e. s to a few ulps.
        const complement = normalisedBlackComplement(x, s)
        const recovered = normalisedImpliedVolatility(beta, x, complement)
        expect(Math.abs(recovered - s)).toBeLessThan(4e-15 * s)
      }
    }
  })

  it('matches the reference total volatility where the problem is well conditioned', () => {
    const beta = new Decimal(normalisedBlack(-0.5, 0.4))
    expect(normalisedImpliedVolatility(beta.toNumber(), -0.5)).toBeCloseTo(0.4, 14)
  })
})

describe('the lower branch’s scale', () => {
  it('is the literal of 2π/(3√3)', () => {
    expect(LOWER_SCALE).toBe((2 * Math.PI) / (3 * Math.sqrt(3)))
  })
})
