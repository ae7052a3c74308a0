import { describe, expect, it } from 'vitest'
import { optionMarkWad, optionQuoteWad, payoffWad } from './optionValuation.js'

const WAD = 10n ** 18n
const SMILE = {
  a: 8n * 10n ** 15n,
  b: 5n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: 10n ** 17n,
}
const WEEK = 604_800n

describe('optionMarkWad', () => {
  it('equals the buy-side quote inside the domain, for calls and puts, with a rate', () => {
    for (const isCall of [true, false])
      for (const strike of [2_400n, 2_900n, 3_000n, 3_100n, 3_600n]) {
        const parameters = {
          smile: SMILE,
          spotWad: 3_000n * WAD,
          strikeWad: strike * WAD,
          timeSec: WEEK,
          rateWad: 3n * 10n ** 16n,
          isCall,
        }
        const mark = optionMarkWad(parameters)
        expect(mark).toBe(optionQuoteWad(parameters, true).valueWad)
        expect(mark).toBeGreaterThanOrEqual(payoffWad(3_000n * WAD, strike * WAD, isCall, true))
      }
  })

  it('marks at intrinsic value, rounded up, outside the domain instead of throwing', () => {
    const base = { smile: SMILE, rateWad: 0n, timeSec: WEEK }
    // Under a minute to expiry.
    expect(
      optionMarkWad({
        ...base,
        spotWad: 3_000n * WAD,
        strikeWad: 2_900n * WAD,
        timeSec: 59n,
        isCall: false,
      }),
    ).toBe(0n)
    expect(
      optionMarkWad({
        ...base,
        spotWad: 3_000n * WAD,
        strikeWad: 2_900n * WAD,
        timeSec: 0n,
        isCall: true,
      }),
    ).toBe(33_333_333_333_333_334n) // ceil(100 / 3,000)
    // Spot/strike beyond 5.
    expect(
      optionMarkWad({ ...base, spotWad: 3_100n * WAD, strikeWad: 600n * WAD, isCall: true }),
    ).toBe(payoffWad(3_100n * WAD, 600n * WAD, true, true))
    expect(
      optionMarkWad({ ...base, spotWad: 500n * WAD, strikeWad: 2_600n * WAD, isCall: false }),
    ).toBe(2_100n * WAD)
  })
})
