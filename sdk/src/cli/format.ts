import { formatUnits } from 'viem'

/**
 * `value` (an integer with `decimals` decimals: wad is 18, USDC 6) as a decimal for a person:
 * rounded to at most `digits` fraction digits, trailing zeros dropped, thousands grouped.
 *
 * @example
 * ```ts
 * formatDecimal(1_234_567_891n, 6) // '1,234.5679'
 * formatDecimal(3_200n * 10n ** 18n, 18, 0) // '3,200'
 * ```
 */
export function formatDecimal(value: bigint, decimals: number, digits = 4): string {
  const negative = value < 0n
  const magnitude = negative ? -value : value
  const unit = 10n ** BigInt(Math.max(decimals - digits, 0))
  // Round half up at the last digit kept, then format the exact result.
  const rounded = decimals > digits ? ((magnitude + unit / 2n) / unit) * unit : magnitude
  const [whole = '0', fraction = ''] = formatUnits(rounded, decimals).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const kept = fraction.slice(0, digits).replace(/0+$/, '')
  const text = kept === '' ? grouped : `${grouped}.${kept}`
  return negative && text !== '0' ? `-${text}` : text
}

/**
 * A wad fraction as a percentage with two decimals: `0.8214e18` → `82.14 %`.
 *
 * @example
 * ```ts
 * formatPercent(821_400_000_000_000_000n) // '82.14 %'
 * ```
 */
export function formatPercent(wad: bigint): string {
  return `${formatDecimal(wad * 100n, 18, 2)} %`
}

/**
 * An expiry (seconds) as its UTC date and time: `2026-12-25 08:00 UTC`.
 *
 * @example
 * ```ts
 * formatExpiry(1_798_185_600n) // '2026-12-25 08:00 UTC'
 * ```
 */
export function formatExpiry(expiry: bigint): string {
  return `${new Date(Number(expiry) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
