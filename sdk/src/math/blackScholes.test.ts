import { describe, expect, it } from 'vitest'
import { Decimal, referenceBlackScholes } from '../../test/reference/blackScholes.js'
import { InvalidPricingInputError } from '../errors/pricing.js'
import { type BlackScholesParameters, blackScholes, blackScholesPrice } from './blackScholes.js'

const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const

function relative(actual: number, expected: Decimal, scale: Decimal = expected): number {
  return new Decimal(actual).minus(expected).div(scale).abs().toNumber()
}

/** The accuracy domain of the brief, with its corners: 1 minute – 5 years, 1 % – 500 % vol. */
function* grid(): Generator<BlackScholesParameters> {
  const times = [1 / 525_600, 1 / 8_760, 7 / 365, 0.25, 1, 5]
  const vols = [0.01, 0.15, 1, 5]
  const moneyness = [0.2, 0.7, 0.97, 1, 1.05, 1.6, 5]
  for (const time of times) {
    for (const vol of vols) {
      for (const ratio of moneyness) {
        for (const rate of [0, 0.2]) {
          yield { spot: 100 * ratio, strike: 100, time, vol, rate, type: 'call' }
          yield { spot: 100 * ratio, strike: 100, time, vol, rate, type: 'put' }
        }
      }
    }
  }
}

describe('blackScholesPrice', () => {
  it('gives the textbook values (Hull, Options, Futures and Other Derivatives, ex. 15.6)', () => {
    const option = { spot: 42, strike: 40, time: 0.5, vol: 0.2, rate: 0.1 }
    expect(blackScholesPrice({ ...option, type: 'call' })).toBeCloseTo(4.759422392871533, 13)
    expect(blackScholesPrice({ ...option, type: 'put' })).toBeCloseTo(0.8085993729000936, 13)
  })

  it('satisfies put-call parity C − P = S − K·e^(−rT)', () => {
    for (const option of grid()) {
      if (option.type === 'put') continue
      const call = blackScholesPrice(option)
      const put = blackScholesPrice({ ...option, type: 'put' })
      const forward = option.spot - option.strike * Math.exp(-(option.rate ?? 0) * option.time)
      expect(Math.abs(call - put - forward)).toBeLessThanOrEqual(
        4e-16 * (option.spot + option.strike),
      )
    }
  })

  it('is within 2e-12 of the 100-digit reference where price ≥ 1e-8·spot (median 2e-16)', () => {
    const errors: number[] = []
    for (const option of grid()) {
      const exact = referenceBlackScholes(option).price
      if (exact.lt(1e-8 * option.spot)) continue
      errors.push(relative(blackScholesPrice(option), exact))
    }
    errors.sort((a, b) => a - b)
    expect(errors.length).toBeGreaterThan(300)
    expect(errors.at(-1)).toBeLessThan(2e-12)
    expect(errors[errors.length >> 1]).toBeLessThanOrEqual(2e-16)
  })

  it('keeps relative precision deep out of the money and for minutes to expiry', () => {
    // Far out the price's conditioning in its own inputs, ≈ (1 + h²)·ε with h = ln(F/K)/(σ√T),
    // sets the bound: 1e-18 … 1e-131 to 1e-15 … 2e-13.
    const cases: BlackScholesParameters[] = [
      { spot: 100, strike: 160, time: 0.25, vol: 0.15, type: 'call' }, // ≈ 1e-18
      { spot: 100, strike: 101, time: 1 / 525_600, vol: 0.3, type: 'call' }, // ≈ 1e-59
      { spot: 100, strike: 20, time: 1, vol: 0.2, rate: 0.05, type: 'put' }, // ≈ 1e-66
      { spot: 100, strike: 100, time: 1 / 525_600, vol: 0.01, type: 'put' }, // ATM, s ≈ 1e-5
      { spot: 100, strike: 100.0001, time: 1 / 525_600, vol: 0.01, type: 'call' },
    ]
    for (const option of cases) {
      const totalVol = option.vol * Math.sqrt(option.time)
      const h =
        (Math.log(option.spot / option.strike) + (option.rate ?? 0) * option.time) / totalVol
      const exact = referenceBlackScholes(option).price
      expect(relative(blackScholesPrice(option), exact)).toBeLessThan(4e-16 * (1 + h * h))
    }
  })

  it('prices options on both sides of the density underflow: 0 out of the money, else intrinsic', () => {
    // φ(d) underflows from |d| ≈ 38.6, and far beyond (|d| = 1e4): the out-of-the-money value
    // is exactly 0 (its reference < 1e-320) and the in-the-money price the exact intrinsic value.
    for (const d of [38.5, 38.7, 38.9, 60, 1e4]) {
      for (const [spot, strike] of [
        [100, 20],
        [20, 100],
      ] as const) {
        const rate = 0.05
        const time = 0.5
        const x = Math.log(spot / strike) + rate * time
        const vol = Math.abs(x) / (d * Math.sqrt(time))
        const option = { spot, strike, time, vol, rate }
        const discountedStrike = new Decimal(strike).mul(Decimal.exp(-rate * time))
        const intrinsic = new Decimal(spot).minus(discountedStrike)
        const [itm, otm] = x > 0 ? (['call', 'put'] as const) : (['put', 'call'] as const)
        const itmPrice = blackScholesPrice({ ...option, type: itm })
        expect(relative(itmPrice, intrinsic.abs())).toBeLessThan(4e-16)
        expect(referenceBlackScholes({ ...option, type: otm }).price.lt(1e-320)).toBe(true)
        expect(blackScholesPrice({ ...option, type: otm })).toBe(0)
        const greeks = blackScholes({ ...option, type: itm })
        expect(greeks.price).toBe(itmPrice)
        expect(greeks.delta).toBe(x > 0 ? 1 : -1)
        expect(greeks.gamma).toBeLessThan(1e-300)
        expect(greeks.vega).toBeLessThan(1e-300)
        expect(relative(greeks.rho, discountedStrike.mul(x > 0 ? time : -time))).toBeLessThan(4e-16)
      }
    }
  })

  it('rejects non-finite and non-positive inputs with a typed error naming the input', () => {
    const valid: BlackScholesParameters = { spot: 100, strike: 90, time: 1, vol: 0.3, type: 'put' }
    const invalid: [keyof BlackScholesParameters, unknown][] = [
      ['spot', 0],
      ['spot', -1],
      ['strike', Number.NaN],
      ['time', 0],
      ['time', Number.POSITIVE_INFINITY],
      ['vol', -0.2],
      ['vol', 0],
      ['vol', 80],
      ['rate', Number.NaN],
      ['rate', 5],
      ['type', 'straddle'],
    ]
    for (const [parameter, value] of invalid) {
      const option = { ...valid, [parameter]: value } as BlackScholesParameters
      for (const price of [blackScholesPrice, blackScholes]) {
        expect(() => price(option)).toThrow(InvalidPricingInputError)
        try {
          price(option)
        } catch (error) {
          expect((error as InvalidPricingInputError).parameter).toBe(parameter)
        }
      }
    }
  })
})

describe('input check', () => {
  it('refuses a vol or rate given as a percentage, saying so, and takes the largest real ones', () => {
    const option: BlackScholesParameters = {
      spot: 100,
      strike: 100,
      time: 1,
      vol: 80,
      type: 'call',
    }
    for (const price of [blackScholesPrice, blackScholes]) {
      const error = (() => {
        try {
          price(option)
        } catch (caught) {
          return caught as InvalidPricingInputError
        }
      })()
      expect(error).toBeInstanceOf(InvalidPricingInputError)
      expect(error?.parameter).toBe('vol')
      expect(error?.metaMessages).toEqual(['vol 80 looks like a percentage; pass 0.8 for 80%'])
      expect(error?.message).toContain('vol 80 looks like a percentage; pass 0.8 for 80%')
      expect(() => price({ ...option, vol: 0.8, rate: 5 })).toThrow(
        'rate 5 looks like a percentage; pass 0.05 for 5%',
      )
      // The bounds themselves are accepted: 1,000 % vol, 100 % rate.
      expect(Number.isFinite(blackScholesPrice({ ...option, vol: 10, rate: 1 }))).toBe(true)
    }
  })

  it('prices valid inputs whose sum overflows, and names a non-number input', () => {
    // The fast check sums the inputs; a valid input beyond it takes the full check and is priced.
    const huge = { spot: 1.5e308, strike: 1.5e308, time: 1, vol: 0.2, type: 'call' } as const
    const unit = blackScholesPrice({ ...huge, spot: 1, strike: 1 })
    // The same price scaled, up to the rounding of the scaled density (one ulp).
    expect(Math.abs(blackScholesPrice(huge) / (unit * 1.5e308) - 1)).toBeLessThanOrEqual(2 ** -52)
    const delta = blackScholes({ ...huge, spot: 1, strike: 1 }).delta
    expect(Math.abs(blackScholes(huge).delta - delta)).toBeLessThan(2e-16)
    const text = { ...huge, spot: '100' } as unknown as BlackScholesParameters
    for (const price of [blackScholesPrice, blackScholes]) {
      expect(() => price(text)).toThrow(InvalidPricingInputError)
      try {
        price(text)
      } catch (error) {
        expect((error as InvalidPricingInputError).parameter).toBe('spot')
      }
    }
  })
})

describe('blackScholes', () => {
  it('gives the textbook Greeks (vega, rho per 1.00; theta per year)', () => {
    const call = blackScholes({
      spot: 42,
      strike: 40,
      time: 0.5,
      vol: 0.2,
      rate: 0.1,
      type: 'call',
    })
    expect(call.delta).toBeCloseTo(0.779131290942669, 14)
    expect(call.gamma).toBeCloseTo(0.04996267040591185, 15)
    expect(call.vega).toBeCloseTo(8.813415059602852, 13)
    expect(call.theta).toBeCloseTo(-4.559092194592627, 13)
    expect(call.rho).toBeCloseTo(13.982045913360281, 13)
    const put = blackScholes({ spot: 42, strike: 40, time: 0.5, vol: 0.2, rate: 0.1, type: 'put' })
    expect(put.delta).toBeCloseTo(-0.22086870905733105, 14)
    expect(put.theta).toBeCloseTo(-0.7541744965897705, 13)
    expect(put.rho).toBeCloseTo(-5.042542576653999, 13)
  })

  it('fills and returns a caller-provided object with the same values, untouched on error', () => {
    const out = { price: -1, delta: -1, gamma: -1, vega: -1, theta: -1, rho: -1 }
    for (const option of grid()) {
      const fresh = blackScholes(option)
      expect(blackScholes(option, out)).toBe(out)
      expect(out).toEqual(fresh)
    }
    const before = { ...out }
    const bad = { spot: 100, strike: 100, time: 1, vol: Number.NaN, type: 'call' } as const
    expect(() => blackScholes(bad, out)).toThrow(InvalidPricingInputError)
    expect(out).toEqual(before)
  })

  it('returns the same price as blackScholesPrice', () => {
    for (const option of grid()) expect(blackScholes(option).price).toBe(blackScholesPrice(option))
  })

  it('has every Greek within 1e-12 of the reference (theta relative to its larger term)', () => {
    let worst = 0
    for (const option of grid()) {
      const exact = referenceBlackScholes(option)
      if (exact.price.lt(1e-8 * option.spot)) continue
      const greeks = blackScholes(option)
      const rate = option.rate ?? 0
      for (const name of GREEKS) {
        // Theta = decay term ∓ rate term crosses zero for puts: measure it against the terms.
        const scale =
          name === 'theta'
            ? exact.vega
                .mul(option.vol / (2 * option.time))
                .plus(exact.rho.abs().mul(rate / option.time))
            : exact[name].abs()
        // Below the float range the value is 0 (e.g. gamma of a deep ITM option a minute out).
        if (scale.lt(1e-300)) continue
        worst = Math.max(worst, relative(greeks[name], exact[name], scale))
      }
    }
    expect(worst).toBeLessThan(1e-12)
  })
})
