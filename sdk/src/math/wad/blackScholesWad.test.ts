import { describe, expect, it } from 'vitest'
import {
  MoneynessOutOfRangeError,
  RateOutOfRangeError,
  SpotOutOfRangeError,
  StrikeOutOfRangeError,
  TimeOutOfRangeError,
  VolatilityOutOfRangeError,
} from '../../errors/blackScholes.js'
import {
  blackScholesGreeksWad,
  blackScholesPriceAndDeltaWad,
  blackScholesWad,
} from './blackScholesWad.js'

const WAD = 10n ** 18n
// Hull's example 15.6: S = 42, K = 40, r = 10%, σ = 20%, T = 0.5.
const hull = {
  spot: 42n * WAD,
  strike: 40n * WAD,
  timeSec: 15_768_000n,
  vol: WAD / 5n,
  rate: WAD / 10n,
} as const

describe('blackScholesWad', () => {
  it("prices Hull's example to the wei (exact: 4.7594223928715332196 and 0.8085993729000935833)", () => {
    expect(blackScholesWad({ ...hull, type: 'call' })).toBe(4759422392871533219n)
    expect(blackScholesWad({ ...hull, type: 'put' })).toBe(808599372900093583n)
  })

  it('gives the same price and delta through every entry point', () => {
    for (const type of ['call', 'put'] as const) {
      const greeks = blackScholesGreeksWad({ ...hull, type })
      const { price, delta } = blackScholesPriceAndDeltaWad({ ...hull, type })
      expect(price).toBe(greeks.price)
      expect(delta).toBe(greeks.delta)
      expect(blackScholesWad({ ...hull, type })).toBe(greeks.price)
    }
  })

  it("computes Hull's Greeks", () => {
    const call = blackScholesGreeksWad({ ...hull, type: 'call' })
    expect(call.delta).toBe(779131290942668940n)
    expect(call.rho).toBe(13982045913360281139n)
    const put = blackScholesGreeksWad({ ...hull, type: 'put' })
    expect(put.gamma).toBe(call.gamma)
    expect(put.vega).toBe(call.vega)
    // Both deltas are rounded toward zero: they differ by one wad within 1 wei.
    expect(WAD - (call.delta - put.delta)).toBeLessThanOrEqual(1n)
  })

  it('defaults the rate to 0', () => {
    const { rate: _, ...withoutRate } = hull
    expect(blackScholesWad({ ...withoutRate, type: 'call' })).toBe(
      blackScholesWad({ ...hull, rate: 0n, type: 'call' }),
    )
  })

  it('throws the typed error of each domain bound, carrying the offending values', () => {
    const call = { ...hull, type: 'call' } as const
    expect(() => blackScholesWad({ ...call, timeSec: 59n })).toThrow(TimeOutOfRangeError)
    expect(() => blackScholesWad({ ...call, timeSec: 5n * 31_536_000n + 1n })).toThrow(
      TimeOutOfRangeError,
    )
    expect(() => blackScholesWad({ ...call, vol: WAD / 100n - 1n })).toThrow(
      VolatilityOutOfRangeError,
    )
    expect(() => blackScholesWad({ ...call, rate: WAD / 5n + 1n })).toThrow(RateOutOfRangeError)
    expect(() => blackScholesWad({ ...call, rate: -1n })).toThrow(RateOutOfRangeError)
    expect(() => blackScholesWad({ ...call, spot: 10n ** 12n - 1n })).toThrow(SpotOutOfRangeError)
    expect(() => blackScholesWad({ ...call, strike: 10n ** 30n + 1n })).toThrow(
      StrikeOutOfRangeError,
    )
    try {
      blackScholesWad({ ...call, spot: 5n * WAD + 1n, strike: WAD })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MoneynessOutOfRangeError)
      expect((error as MoneynessOutOfRangeError).spot).toBe(5n * WAD + 1n)
      expect((error as MoneynessOutOfRangeError).strike).toBe(WAD)
    }
  })
})
