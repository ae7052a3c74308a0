import { type Address, isAddress } from 'viem'
import { SmileError } from '../errors/base.js'
import { WAD } from '../math/wad.js'

/** Expiries are listed at 08:00 UTC. */
const EXPIRY_HOUR_UTC = 8
const UNIT_SECONDS = { h: 3_600, d: 86_400, w: 604_800 } as const

/**
 * A command line that cannot be run, or a request the chain cannot answer: one line saying what
 * is wrong and, where it helps, what exists (the CLI prints `smile: <message>` and exits non-zero).
 *
 * @example
 * ```ts
 * try {
 *   parseArgs(['quote', '--strike', '3200'])
 * } catch (error) {
 *   if (error instanceof CliError) console.error(`smile: ${error.message}`)
 * }
 * ```
 */
export class CliError extends SmileError {
  override name = 'CliError'
  /** 2 for a malformed command line, 1 for what the chain answered. */
  readonly exitCode: 1 | 2

  constructor(
    message: string,
    { exitCode = 1, cause }: { exitCode?: 1 | 2; cause?: unknown } = {},
  ) {
    super(message, cause === undefined ? undefined : { cause })
    this.exitCode = exitCode
  }
}

/**
 * What `--expiry` names: an exact timestamp (`2026-12-25` is that day's 08:00 UTC; `1767254400`
 * is itself) or, for `+2d`, the first listed expiry at or after the chain's time plus the offset.
 *
 * @example
 * ```ts
 * import type { ExpirySpec } from './args.js'
 * import { parseExpiry } from './args.js'
 *
 * const spec: ExpirySpec = parseExpiry('+2d') // { kind: 'after', offsetSec: 172800n, text: '+2d' }
 * ```
 */
export type ExpirySpec =
  | { kind: 'at'; expiry: bigint; text: string }
  | { kind: 'after'; offsetSec: bigint; text: string }

/**
 * Where to read: the RPC (`--rpc-url`, else the deployment file's `rpcUrl`, else
 * http://127.0.0.1:8545), the market (`--market`, else the deployment file's or the address book's
 * for the chain) and the deployment file (`--deployment`, default `deployments/31337.json`).
 *
 * @example
 * ```ts
 * import type { CommonOptions } from './args.js'
 *
 * const common: CommonOptions = { json: true, deploymentPath: 'deployments/31337.json' }
 * ```
 */
export type CommonOptions = {
  rpcUrl?: string
  market?: Address
  deploymentPath: string
  /** Print JSON instead of lines. */
  json: boolean
}

/**
 * A parsed command line.
 *
 * @example
 * ```ts
 * import type { CliCommand } from './args.js'
 * import { parseArgs } from './args.js'
 *
 * const command: CliCommand = parseArgs(['expiries', '--json'])
 * if (command.name === 'expiries') command.json // true
 * ```
 */
export type CliCommand =
  | ({ name: 'help' } & CommonOptions)
  | ({ name: 'expiries' } & CommonOptions)
  | ({ name: 'series'; expiry?: ExpirySpec } & CommonOptions)
  | ({
      name: 'quote'
      /** BASE/QUOTE symbols to check the market against, when given. */
      pair?: { base: string; quote: string }
      strikeWad: bigint
      expiry: ExpirySpec
      isCall: boolean
      isBuy: boolean
      /** Options, wad. */
      sizeWad: bigint
    } & CommonOptions)

/** The default deployment file: the local devnet's (`pnpm devnet`), relative to the working directory. */
export const DEFAULT_DEPLOYMENT = 'deployments/31337.json'

/** The options each command takes, beside the common ones. */
const OPTIONS = {
  quote: ['pair', 'strike', 'expiry', 'type', 'size', 'side'],
  series: ['expiry'],
  expiries: [],
  help: [],
} as const
const COMMON = ['rpc-url', 'market', 'deployment']

/**
 * Parses `smile <command> [--option value]… [--json]`.
 *
 * @throws CliError (exit code 2) naming the unknown command or option, the missing or malformed
 * value.
 * @example
 * ```ts
 * const quote = parseArgs(['quote', '--strike', '3200', '--expiry', '+2d', '--type', 'call'])
 * ```
 */
export function parseArgs(argv: readonly string[]): CliCommand {
  const [name = 'help', ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help')
    return { name: 'help', ...common(new Map(), false) }
  if (!(name in OPTIONS))
    throw usage(`unknown command ${name}; the commands are quote, expiries and series`)
  const command = name as keyof typeof OPTIONS
  const allowed = new Set<string>([...OPTIONS[command], ...COMMON])
  const options = new Map<string, string>()
  let json = false
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i] as string
    if (key === '--json') json = true
    else if (key === '--help' || key === '-h') return { name: 'help', ...common(new Map(), false) }
    else if (!key.startsWith('--')) throw usage(`unexpected argument ${key}`)
    else if (!allowed.has(key.slice(2)))
      throw usage(
        `smile ${command} has no option ${key}; it takes ${[...allowed].map((o) => `--${o}`).join(', ')}`,
      )
    else {
      const value = rest[i + 1]
      if (value === undefined || value.startsWith('--')) throw usage(`${key} needs a value`)
      options.set(key.slice(2), value)
      i++
    }
  }
  const base = common(options, json)
  const expiryText = options.get('expiry')
  if (command === 'expiries' || command === 'help') return { name: command, ...base }
  if (command === 'series')
    return {
      name: 'series',
      ...base,
      ...(expiryText === undefined ? {} : { expiry: parseExpiry(expiryText) }),
    }
  const required = (option: string) => {
    const value = options.get(option)
    if (value === undefined) throw usage(`--${option} is required`)
    return value
  }
  const pairText = options.get('pair')
  const [pairBase, pairQuote, ...more] = pairText?.split('/') ?? []
  if (pairText !== undefined && (!pairBase || !pairQuote || more.length > 0))
    throw usage(`--pair is BASE/QUOTE, e.g. WETH/USDC; got ${pairText}`)
  const type = required('type')
  if (type !== 'call' && type !== 'put') throw usage(`--type is call or put; got ${type}`)
  const side = options.get('side') ?? 'buy'
  if (side !== 'buy' && side !== 'sell') throw usage(`--side is buy or sell; got ${side}`)
  return {
    name: 'quote',
    ...base,
    ...(pairBase && pairQuote ? { pair: { base: pairBase, quote: pairQuote } } : {}),
    strikeWad: decimalToWad(required('strike'), 'strike'),
    expiry: parseExpiry(required('expiry')),
    isCall: type === 'call',
    isBuy: side === 'buy',
    sizeWad: decimalToWad(options.get('size') ?? '1', 'size'),
  }
}

/**
 * Reads `--expiry`: a date `YYYY-MM-DD` (its 08:00 UTC, the listing time), a unix timestamp in
 * seconds, or `+N` with a unit `h`, `d` or `w` (the first listed expiry at or after the chain's
 * latest block time plus N hours, days or weeks).
 *
 * @throws CliError (exit code 2) for anything else.
 * @example
 * ```ts
 * parseExpiry('2026-12-25') // { kind: 'at', expiry: 1798185600n, text: '2026-12-25' }
 * ```
 */
export function parseExpiry(text: string): ExpirySpec {
  const relative = /^\+(\d+)([hdw])$/.exec(text)
  if (relative !== null) {
    const unit = UNIT_SECONDS[relative[2] as keyof typeof UNIT_SECONDS]
    return { kind: 'after', offsetSec: BigInt(relative[1] as string) * BigInt(unit), text }
  }
  if (/^\d+$/.test(text)) return { kind: 'at', expiry: BigInt(text), text }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (date !== null) {
    const [year, month, day] = date.slice(1).map(Number) as [number, number, number]
    const ms = Date.UTC(year, month - 1, day, EXPIRY_HOUR_UTC)
    const back = new Date(ms)
    if (
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day
    )
      return { kind: 'at', expiry: BigInt(ms / 1000), text }
  }
  throw usage(
    `--expiry is a date (2026-12-25: 08:00 UTC that day), a unix timestamp or +2d (the first listed expiry 2 days or more ahead; units h, d, w); got ${text}`,
  )
}

function common(options: Map<string, string>, json: boolean): CommonOptions {
  const market = options.get('market')
  if (market !== undefined && !isAddress(market, { strict: false }))
    throw usage(`--market is an address; got ${market}`)
  const rpcUrl = options.get('rpc-url')
  if (rpcUrl !== undefined && !/^https?:\/\//.test(rpcUrl))
    throw usage(`--rpc-url is an http(s) URL; got ${rpcUrl}`)
  return {
    ...(rpcUrl === undefined ? {} : { rpcUrl }),
    ...(market === undefined ? {} : { market }),
    deploymentPath: options.get('deployment') ?? DEFAULT_DEPLOYMENT,
    json,
  }
}

/** A positive decimal string ("3200", "0.5") as wad, exactly. */
function decimalToWad(text: string, name: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,18}))?$/.exec(text)
  if (match === null) throw usage(`--${name} is a positive decimal number; got ${text}`)
  const value = BigInt(match[1] as string) * WAD + BigInt((match[2] ?? '').padEnd(18, '0'))
  if (value === 0n) throw usage(`--${name} must be above 0`)
  return value
}

function usage(message: string): CliError {
  return new CliError(message, { exitCode: 2 })
}
