import { describe, expect, it } from 'vitest'
import { SeriesFieldOverflowError } from '../../errors/market.js'
import { decodeSeriesId, encodeSeriesId, isCanonicalSeriesId } from './seriesId.js'

describe('SeriesId mirror', () => {
  it('packs strike in the low 128 bits, the call flag at bit 128 and the expiry from bit 129', () => {
    const id = encodeSeriesId({ expiry: 5n, strikeWad: 7n, isCall: true })
    expect(id).toBe((5n << 129n) | (1n << 128n) | 7n)
    expect(encodeSeriesId({ expiry: 5n, strikeWad: 7n, isCall: false })).toBe((5n << 129n) | 7n)
  })

  it('round-trips the extreme fields', () => {
    for (const series of [
      { expiry: (1n << 40n) - 1n, strikeWad: (1n << 128n) - 1n, isCall: true },
      { expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false },
      { expiry: 0n, strikeWad: 0n, isCall: false },
    ]) {
      const id = encodeSeriesId(series)
      expect(decodeSeriesId(id)).toEqual(series)
      expect(isCanonicalSeriesId(id)).toBe(true)
      expect(id < 1n << 169n).toBe(true)
    }
  })

  it('throws SeriesFieldOverflowError where the library reverts', () => {
    expect(() => encodeSeriesId({ expiry: 1n << 40n, strikeWad: 1n, isCall: true })).toThrow(
      SeriesFieldOverflowError,
    )
    expect(() => encodeSeriesId({ expiry: 1n, strikeWad: 1n << 128n, isCall: true })).toThrow(
      SeriesFieldOverflowError,
    )
  })

  it('ignores high bits when decoding but flags them as not canonical', () => {
    const id = encodeSeriesId({ expiry: 9n, strikeWad: 4n, isCall: true })
    const dirty = id | (1n << 200n)
    expect(decodeSeriesId(dirty)).toEqual(decodeSeriesId(id))
    expect(isCanonicalSeriesId(dirty)).toBe(false)
  })
})
