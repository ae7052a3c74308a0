import { SeriesFieldOverflowError } from '../../errors/market.js'

/** Bit of the call flag in a series id; the strike occupies the 128 bits below it. */
const CALL_BIT = 128n
/** First bit of the expiry (40 bits). */
const EXPIRY_SHIFT = 129n
const EXPIRY_BITS = 40n
/** Every canonical id is below 2^169. */
const ID_BITS = EXPIRY_SHIFT + EXPIRY_BITS

/**
 * One option series, decoded from its `SeriesId` (also its ERC-6909 token id).
 *
 * @example
 * ```ts
 * import { type Series, decodeSeriesId, encodeSeriesId } from '@smile/sdk'
 *
 * const series: Series = { expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false }
 * decodeSeriesId(encodeSeriesId(series)) // the same series
 * ```
 */
export type Series = {
  /** Expiry timestamp, seconds. */
  expiry: bigint
  /** Strike, wad of quote per base. */
  strikeWad: bigint
  isCall: boolean
}

/**
 * `SeriesIdLib.encode`: the id of a series, expiry << 129 | isCall << 128 | strike.
 *
 * @throws SeriesFieldOverflowError if strikeWad ≥ 2^128 or expiry ≥ 2^40 (or either is negative).
 * @example
 * ```ts
 * import { encodeSeriesId } from '@smile/sdk'
 *
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * ```
 */
export function encodeSeriesId({ expiry, strikeWad, isCall }: Series): bigint {
  if (strikeWad < 0n || expiry < 0n || strikeWad >> CALL_BIT !== 0n || expiry >> EXPIRY_BITS !== 0n)
    throw new SeriesFieldOverflowError(expiry, strikeWad)
  return (expiry << EXPIRY_SHIFT) | ((isCall ? 1n : 0n) << CALL_BIT) | strikeWad
}

/**
 * `SeriesIdLib.expiry/strike/isCall`: the fields of an id (bits above the expiry are ignored, as
 * on chain; see {@link isCanonicalSeriesId}).
 *
 * @example
 * ```ts
 * import { decodeSeriesId, encodeSeriesId } from '@smile/sdk'
 *
 * const series = { expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false }
 * decodeSeriesId(encodeSeriesId(series)) // equals series
 * ```
 */
export function decodeSeriesId(id: bigint): Series {
  return {
    expiry: (id >> EXPIRY_SHIFT) & ((1n << EXPIRY_BITS) - 1n),
    strikeWad: id & ((1n << CALL_BIT) - 1n),
    isCall: ((id >> CALL_BIT) & 1n) === 1n,
  }
}

/**
 * `SeriesIdLib.isCanonical`: every bit above the expiry is zero.
 *
 * @example
 * ```ts
 * import { isCanonicalSeriesId } from '@smile/sdk'
 *
 * isCanonicalSeriesId(1n << 200n) // false
 * ```
 */
export function isCanonicalSeriesId(id: bigint): boolean {
  return id >= 0n && id >> ID_BITS === 0n
}
