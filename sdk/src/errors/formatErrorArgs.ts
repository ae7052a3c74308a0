import { formatUnits } from 'viem'
import { decodeSeriesId, isCanonicalSeriesId } from '../math/wad/seriesId.js'

/** Seconds since 1970 that read as dates: 2001-09-09 to 5138-11-16. */
const FIRST_TIMESTAMP = 1_000_000_000n
const LAST_TIMESTAMP = 100_000_000_000n
/** Argument names that hold a point in time (besides those ending in `At`). */
const TIMESTAMP_NAMES = new Set(['expiry', 'deadline', 'timestamp', 'windowStart', 'upSince'])
/** Argument names that hold a duration in seconds (besides those ending in `Sec`). */
const DURATION_NAMES = new Set(['heartbeat', 'maxAge', 'maxStaleness'])

/**
 * One revert argument in human units, by what its Solidity name says: a name ending in `Wad` as
 * a decimal (1e18 = 1), a timestamp (`expiry`, `deadline`, `…At`) as an ISO date, a duration
 * (`…Sec`, `heartbeat`) in days, hours, minutes or seconds, a series `id` (with a date for expiry)
 * as its side, strike and expiry; `undefined` when the name says nothing the raw value does not
 * already show.
 *
 * @example
 * ```ts
 * humanArg('deltaWad', 50_000_000_000_000_000n) // '0.05'
 * humanArg('updatedAt', 1_700_000_000n) // '2023-11-14T22:13:20.000Z'
 * humanArg('premiumAssets', 1_500n) // undefined
 * ```
 */
export function humanArg(name: string, value: unknown): string | undefined {
  if (typeof value !== 'bigint') return undefined
  if (name.endsWith('Wad')) return formatUnits(value, 18)
  if ((name.endsWith('At') || TIMESTAMP_NAMES.has(name)) && isTimestamp(value))
    return new Date(Number(value) * 1000).toISOString()
  if (name.endsWith('Sec') || DURATION_NAMES.has(name)) return duration(value)
  if (name === 'id' && isCanonicalSeriesId(value)) {
    const { expiry, strikeWad, isCall } = decodeSeriesId(value)
    if (!isTimestamp(expiry)) return undefined
    const date = new Date(Number(expiry) * 1000).toISOString()
    return `${isCall ? 'call' : 'put'}, strike ${formatUnits(strikeWad, 18)}, expiry ${date}`
  }
  return undefined
}

/** Seconds in the largest of days, hours and minutes that divides them, else in seconds. */
function duration(seconds: bigint): string {
  for (const [unit, length] of [
    ['d', 86_400n],
    ['h', 3_600n],
    ['min', 60n],
  ] as const)
    if (seconds !== 0n && seconds % length === 0n) return `${seconds / length} ${unit}`
  return `${seconds} s`
}

function isTimestamp(value: bigint): boolean {
  return value >= FIRST_TIMESTAMP && value < LAST_TIMESTAMP
}

/**
 * A decoded revert's arguments, with their ABI names (an unnamed one by its position): `short` is
 * `name: raw, …` for the error's short message, `meta` one line per argument, `name: raw` and
 * its human form where {@link humanArg} has one, for its `metaMessages`.
 *
 * @example
 * ```ts
 * formatErrorArgs(['deltaWad', 'minWad'], [0n, 50_000_000_000_000_000n]).meta
 * // ['deltaWad: 0 (0)', 'minWad: 50000000000000000 (0.05)']
 * ```
 */
export function formatErrorArgs(
  names: readonly (string | undefined)[],
  values: readonly unknown[],
): { short: string; meta: string[] } {
  const named = values.map((value, i) => {
    const name = names[i] || String(i)
    return { name, raw: String(value), human: humanArg(name, value) }
  })
  return {
    short: named.map(({ name, raw }) => `${name}: ${raw}`).join(', '),
    meta: named.map(({ name, raw, human }) =>
      human === undefined ? `${name}: ${raw}` : `${name}: ${raw} (${human})`,
    ),
  }
}
