import { TickMath } from '@uniswap/v3-sdk'
import { describe, expect, it } from 'vitest'
import { TickOutOfRangeError } from './errors.js'
import { sqrtPriceAtTick } from './sqrtPriceAtTick.js'

const MIN_TICK = -887_272
const MAX_TICK = 887_272

/** The reference: `@uniswap/v3-sdk`'s TickMath (JSBI), itself tested against the pools' Solidity. */
const reference = (tick: number) => BigInt(TickMath.getSqrtRatioAtTick(tick).toString())

describe('sqrtPriceAtTick', () => {
  it('is 2^96 at tick 0 and the v3 SDK’s bounds at the extreme ticks', () => {
    expect(sqrtPriceAtTick(0)).toBe(1n << 96n)
    expect(sqrtPriceAtTick(MIN_TICK)).toBe(BigInt(TickMath.MIN_SQRT_RATIO.toString()))
    expect(sqrtPriceAtTick(MAX_TICK)).toBe(BigInt(TickMath.MAX_SQRT_RATIO.toString()))
  })

  it('equals the v3 SDK’s TickMath on every power of two, its neighbours and 20,000 spread ticks', () => {
    const ticks = new Set<number>([MIN_TICK, MIN_TICK + 1, MAX_TICK - 1])
    for (let bit = 0; bit < 20; bit++)
      for (const tick of [2 ** bit - 1, 2 ** bit, 2 ** bit + 1])
        if (tick <= MAX_TICK) for (const signed of [tick, -tick]) ticks.add(signed)
    // A fixed stride that is coprime with everything in sight covers the range without a seed.
    for (let tick = MIN_TICK; tick <= MAX_TICK; tick += 88_727) ticks.add(tick)
    for (let i = 0; i < 20_000; i++) ticks.add(MIN_TICK + ((i * 7_919_993) % (2 * MAX_TICK + 1)))
    for (const tick of ticks) expect(sqrtPriceAtTick(tick), `tick ${tick}`).toBe(reference(tick))
    expect(ticks.size).toBeGreaterThan(20_000)
  })

  it('rejects ticks out of range or not integers', () => {
    for (const tick of [MIN_TICK - 1, MAX_TICK + 1, 0.5, Number.NaN])
      expect(() => sqrtPriceAtTick(tick)).toThrow(TickOutOfRangeError)
  })
})
