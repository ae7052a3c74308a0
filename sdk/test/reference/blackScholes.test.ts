import { describe, expect, it } from 'vitest'
import {
  Decimal,
  referenceBlackScholes,
  referenceNormCdf,
  referenceNormPdf,
} from './blackScholes.js'

function relativeError(actual: Decimal, expected: string): number {
  return actual.minus(expected).div(expected).abs().toNumber()
}

describe('reference normal distribution', () => {
  it('matches published values in the centre and deep in both tails', () => {
    expect(referenceNormCdf(0).eq(0.5)).toBe(true)
    expect(relativeError(referenceNormCdf(1), '0.84134474606854293')).toBeLessThan(1e-16)
    expect(relativeError(referenceNormCdf(-6), '9.8658764503769814e-10')).toBeLessThan(1e-16)
    expect(relativeError(referenceNormCdf(-10), '7.6198530241605260e-24')).toBeLessThan(1e-16)
  })

  it('agrees with the asymptotic expansion of the tail far out', () => {
    // Q(x) = φ(x)/x · Σ (−1)^n (2n−1)!!/x^(2n); at x = 38 its terms shrink to 1e-300 and below.
    const x = new Decimal(38)
    let term = new Decimal(1)
    let sum = new Decimal(1)
    for (let n = 1; n < 60; n++) {
      term = term.mul(-(2 * n - 1)).div(x.mul(x))
      sum = sum.plus(term)
    }
    const asymptotic = referenceNormPdf(38).div(38).mul(sum)
    expect(referenceNormCdf(-38).div(asymptotic).minus(1).abs().lt('1e-80')).toBe(true)
  })

  it('is continuous where the series hands over to the continued fraction', () => {
    for (const x of ['-10', '10']) {
      const below = referenceNormCdf(new Decimal(x).minus('1e-40'))
      const above = referenceNormCdf(new Decimal(x).plus('1e-40'))
      expect(above.minus(below).div(referenceNormPdf(x)).minus('2e-40').abs().lt('1e-60')).toBe(
        true,
      )
    }
  })

  it('has tails that sum to one', () => {
    for (const x of ['0.3', '2.5', '5.9', '9.9', '10.1', '14']) {
      const sum = referenceNormCdf(x).plus(referenceNormCdf(new Decimal(x).neg()))
      expect(sum.minus(1).abs().lt('1e-90')).toBe(true)
    }
  })
})

describe('reference Black-Scholes', () => {
  it("prices Hull's textbook example", () => {
    const option = { spot: 42, strike: 40, time: 0.5, vol: 0.2, rate: 0.1 }
    const call = referenceBlackScholes({ ...option, type: 'call' })
    const put = referenceBlackScholes({ ...option, type: 'put' })
    expect(call.price.toFixed(4)).toBe('4.7594')
    expect(put.price.toFixed(4)).toBe('0.8086')
    expect(call.delta.toFixed(4)).toBe('0.7791')
  })

  it('satisfies put-call parity and matching Greeks to 80 digits', () => {
    const option = { spot: '3000', strike: '3500', time: '0.1', vol: '0.75', rate: '0.05' }
    const call = referenceBlackScholes({ ...option, type: 'call' })
    const put = referenceBlackScholes({ ...option, type: 'put' })
    const forwardValue = new Decimal(3000).minus(new Decimal(3500).mul(new Decimal('-0.005').exp()))
    expect(call.price.minus(put.price).minus(forwardValue).abs().lt('1e-80')).toBe(true)
    expect(call.delta.minus(put.delta).minus(1).abs().lt('1e-80')).toBe(true)
    expect(call.gamma.eq(put.gamma)).toBe(true)
    expect(call.vega.eq(put.vega)).toBe(true)
  })

  it('keeps relative precision for a deep out-of-the-money, short-dated call', () => {
    // One day, 20 % vol, strike at twice the spot: the price is about 1e-2000 of the spot.
    const call = referenceBlackScholes({
      spot: 1,
      strike: 2,
      time: 1 / 365,
      vol: 0.2,
      type: 'call',
    })
    expect(call.price.gt(0)).toBe(true)
    const Wide = Decimal.clone({ precision: 160 })
    const wide = new Wide(call.price)
    expect(wide.minus(call.price).abs().div(call.price).lt('1e-70')).toBe(true)
  })
})
