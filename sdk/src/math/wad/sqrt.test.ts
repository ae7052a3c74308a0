import { describe, expect, it } from 'vitest'
import { sqrt, sqrtWad } from './sqrt.js'

const MAX = (1n << 256n) - 1n

describe('sqrt (Solady FixedPointMathLib.sqrt)', () => {
  it('is the integer square root rounded down', () => {
    for (const [x, r] of [
      [0n, 0n],
      [1n, 1n],
      [2n, 1n],
      [3n, 1n],
      [4n, 2n],
      [15n, 3n],
      [16n, 4n],
      [10n ** 36n, 10n ** 18n],
      [MAX, (1n << 128n) - 1n],
    ] as const) {
      expect(sqrt(x)).toBe(r)
    }
  })

  it('brackets every input: r² ≤ x < (r + 1)²', () => {
    let x = 7n
    for (let i = 0; i < 2000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % MAX
      const r = sqrt(x >> BigInt(i % 256))
      const y = x >> BigInt(i % 256)
      expect(r * r <= y && y < (r + 1n) * (r + 1n)).toBe(true)
    }
  })

  it('rejects values that are not uint256', () => {
    expect(() => sqrt(-1n)).toThrow(RangeError)
    expect(() => sqrt(MAX + 1n)).toThrow(RangeError)
  })
})

describe('sqrtWad (Solady FixedPointMathLib.sqrtWad)', () => {
  it('takes square roots of wads', () => {
    expect(sqrtWad(4n * 10n ** 18n)).toBe(2n * 10n ** 18n)
    expect(sqrtWad(2n * 10n ** 18n)).toBe(1414213562373095048n)
    expect(sqrtWad(0n)).toBe(0n)
  })

  it('rounds down on its large-input path too', () => {
    for (const x of [MAX, MAX / 10n ** 18n + 1n, MAX / 3n, 1n << 200n]) {
      const z = sqrtWad(x)
      // floor(sqrt(x·1e18)): z² ≤ x·1e18 < (z + 1)².
      expect(z * z <= x * 10n ** 18n && x * 10n ** 18n < (z + 1n) * (z + 1n)).toBe(true)
    }
  })
})
