/**
 * Where an expiry (and every series of it) stands at a block: `live` until its timestamp,
 * `expired` from then until the market settles it, `settled` once it has a settlement price.
 *
 * @example
 * ```ts
 * import type { ExpiryStatus, ListedSeries } from '@smile/sdk'
 *
 * const redeemable = (series: ListedSeries) => series.status === ('settled' satisfies ExpiryStatus)
 * ```
 */
export type ExpiryStatus = 'live' | 'expired' | 'settled'

/**
 * The {@link ExpiryStatus} of `expiry` (seconds) at `timestamp` (seconds), given the market's
 * `settledPrice(expiry)` (wad, 0 until settled).
 *
 * @example
 * ```ts
 * import { expiryStatus } from '@smile/sdk'
 *
 * expiryStatus(1_798_790_400n, 1_798_790_400n, 0n) // 'expired': due, not settled yet
 * ```
 */
export function expiryStatus(
  expiry: bigint,
  timestamp: bigint,
  settledPriceWad: bigint,
): ExpiryStatus {
  if (settledPriceWad !== 0n) return 'settled'
  return timestamp < expiry ? 'live' : 'expired'
}
