import { describe, expect, it } from 'vitest'
import { sqrtFloor } from './sqrt.js'

describe('sqrtFloor', () => {
  it('is the floor of the square root', () => {
    for (const x of [
      0n,
      1n,
      2n,
      3n,
      4n,
      15n,
      16n,
      17n,
      10n ** 54n,
      10n ** 62n + 12345n,
      2n ** 255n,
    ]) {
      const z = sqrtFloor(x)
      expect(z * z <= x && (z + 1n) * (z + 1n) > x).toBe(true)
    }
  })

  it('rejects negative input', () => {
    expect(() => sqrtFloor(-1n)).toThrow(RangeError)
  })
})
