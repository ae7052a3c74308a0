/**
 * `smile`, the integrators' command line (`pnpm smile …`):
 *
 *   smile quote --pair WETH/USDC --strike 3200 --expiry 2026-12-25 --type call --size 10
 *               [--side buy|sell] [--rpc-url URL] [--market ADDRESS] [--json]
 *
 * Quotes a trade through the SDK against any RPC (the local devnet by default, its market read from
 * `deployments/31337.json`): premium and fee to the wei of what the market charges at the latest
 * block, the smile's, effective and marginal volatility, and the Greeks of the fill.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Address, createPublicClient, erc20Abi, formatUnits, http, isAddress } from 'viem'
import {
  encodeSeriesId,
  fetchMarket,
  fetchTradeState,
  quoteBuy,
  quoteSell,
  SmileError,
  type TradeQuote,
} from '../../sdk/src/index.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const WAD = 10n ** 18n
/** Expiries are listed at 08:00 UTC. */
const EXPIRY_HOUR_UTC = 8
const DEFAULT_RPC_URL = 'http://127.0.0.1:8545'
const DEFAULT_DEPLOYMENT = 'deployments/31337.json'

/** A command line that cannot be run: unknown command, missing or malformed option. */
export class CliUsageError extends SmileError {
  override name = 'CliUsageError'
}

/** The options of `smile quote`, parsed and checked. */
export type QuoteArgs = {
  base: string
  quote: string
  strikeWad: bigint
  /** Expiry timestamp, seconds (08:00 UTC of the date given). */
  expiry: bigint
  isCall: boolean
  isBuy: boolean
  sizeWad: bigint
  rpcUrl: string
  market?: Address
  json: boolean
}

/** The quote as printed: amounts in token units and formatted, volatilities and Greeks as decimals. */
export type QuoteOutput = {
  market: Address
  series: { pair: string; expiry: string; strike: string; type: 'call' | 'put'; id: string }
  side: 'buy' | 'sell'
  size: string
  asset: string
  premium: string
  premiumAssets: string
  fee: string
  feeAssets: string
  vol: string
  effectiveVol: string
  marginalVol: string
  marginalVolAfter: string
  greeks: { delta: string; gamma: string; vega: string; theta: string }
  blockNumber: string
}

/** Parses `quote …` arguments; throws `CliUsageError` on anything missing or malformed. */
export function parseQuoteArgs(argv: readonly string[]): QuoteArgs {
  const [command, ...rest] = argv
  if (command !== 'quote')
    throw new CliUsageError(`unknown command ${command ?? '(none)'}; try: smile quote --help`)
  const options = new Map<string, string>()
  const flags = new Set<string>()
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i] as string
    if (!key.startsWith('--')) throw new CliUsageError(`unexpected argument ${key}`)
    if (key === '--json') flags.add('json')
    else {
      const value = rest[i + 1]
      if (value === undefined || value.startsWith('--'))
        throw new CliUsageError(`${key} needs a value`)
      options.set(key.slice(2), value)
      i++
    }
  }
  const required = (name: string) => {
    const value = options.get(name)
    if (value === undefined) throw new CliUsageError(`--${name} is required`)
    return value
  }
  const [base, quote] = required('pair').split('/')
  if (!base || !quote) throw new CliUsageError('--pair is BASE/QUOTE, e.g. WETH/USDC')
  const type = required('type')
  if (type !== 'call' && type !== 'put') throw new CliUsageError('--type is call or put')
  const side = options.get('side') ?? 'buy'
  if (side !== 'buy' && side !== 'sell') throw new CliUsageError('--side is buy or sell')
  const date = required('expiry')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new CliUsageError('--expiry is a date, YYYY-MM-DD')
  const market = options.get('market')
  if (market !== undefined && !isAddress(market)) throw new CliUsageError('--market is an address')
  return {
    base,
    quote,
    strikeWad: decimalToWad(required('strike'), 'strike'),
    expiry: BigInt(Date.parse(`${date}T00:00:00Z`) / 1000 + EXPIRY_HOUR_UTC * 3600),
    isCall: type === 'call',
    isBuy: side === 'buy',
    sizeWad: decimalToWad(options.get('size') ?? '1', 'size'),
    rpcUrl: options.get('rpc-url') ?? DEFAULT_RPC_URL,
    ...(market === undefined ? {} : { market }),
    json: flags.has('json'),
  }
}

/** Quotes `args` at the latest block of `args.rpcUrl`. */
export async function runQuote(args: QuoteArgs): Promise<QuoteOutput> {
  const client = createPublicClient({ transport: http(args.rpcUrl) })
  const market = args.market ?? devnetMarket()
  const config = await fetchMarket(client, { market })
  const [baseSymbol, quoteSymbol] = await Promise.all(
    [config.call.asset, config.put.asset].map((address) =>
      client.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
    ),
  )
  if (baseSymbol !== args.base || quoteSymbol !== args.quote)
    throw new CliUsageError(
      `market ${market} trades ${baseSymbol}/${quoteSymbol}, not ${args.base}/${args.quote}`,
    )
  const id = encodeSeriesId({ expiry: args.expiry, strikeWad: args.strikeWad, isCall: args.isCall })
  const state = await fetchTradeState(client, { market, id, config })
  const quote: TradeQuote = (args.isBuy ? quoteBuy : quoteSell)(state, { size: args.sizeWad })
  const side = args.isCall ? config.call : config.put
  const asset = (args.isCall ? baseSymbol : quoteSymbol) as string
  const wad = (x: bigint) => formatUnits(x, 18)
  return {
    market,
    series: {
      pair: `${args.base}/${args.quote}`,
      expiry: new Date(Number(args.expiry) * 1000).toISOString(),
      strike: wad(args.strikeWad),
      type: args.isCall ? 'call' : 'put',
      id: `0x${id.toString(16)}`,
    },
    side: args.isBuy ? 'buy' : 'sell',
    size: wad(args.sizeWad),
    asset,
    premium: formatUnits(quote.premiumAssets, side.decimals),
    premiumAssets: quote.premiumAssets.toString(),
    fee: formatUnits(quote.feeAssets, side.decimals),
    feeAssets: quote.feeAssets.toString(),
    vol: wad(quote.volWad),
    effectiveVol: wad(quote.effectiveVolWad),
    marginalVol: wad(quote.marginalVolWad),
    marginalVolAfter: wad(quote.marginalVolAfterWad),
    greeks: {
      delta: wad(quote.greeks.deltaWad),
      gamma: wad(quote.greeks.gammaWad),
      vega: wad(quote.greeks.vegaWad),
      theta: wad(quote.greeks.thetaWad),
    },
    blockNumber: state.blockNumber.toString(),
  }
}

/** The quote as lines for a person. */
export function formatQuote(q: QuoteOutput): string {
  const pct = (v: string) => `${(Number(v) * 100).toFixed(2)} %`
  return [
    `${q.side} ${q.size} ${q.series.pair} ${q.series.type} ${q.series.strike} expiring ${q.series.expiry}`,
    `  premium      ${q.premium} ${q.asset} (fee ${q.fee} ${q.asset} included)`,
    `  volatility   smile ${pct(q.vol)}, effective ${pct(q.effectiveVol)}, marginal ${pct(q.marginalVol)} -> ${pct(q.marginalVolAfter)}`,
    `  greeks       delta ${q.greeks.delta}, gamma ${q.greeks.gamma}, vega ${q.greeks.vega} ${q.asset}/vol, theta ${q.greeks.theta}/year`,
    `  market ${q.market}, block ${q.blockNumber}`,
  ].join('\n')
}

/** The market of the local devnet, from its addresses file. */
function devnetMarket(): Address {
  try {
    return JSON.parse(readFileSync(`${ROOT}${DEFAULT_DEPLOYMENT}`, 'utf8')).market
  } catch (error) {
    throw new CliUsageError(
      `no --market given and no devnet deployment at ${DEFAULT_DEPLOYMENT} (run pnpm devnet)`,
      {
        cause: error,
      },
    )
  }
}

/** A positive decimal string ("3200", "0.5") as wad, exactly; throws `CliUsageError` otherwise. */
function decimalToWad(text: string, name: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,18}))?$/.exec(text)
  if (match === null) throw new CliUsageError(`--${name} is a positive decimal number, got ${text}`)
  const value = BigInt(match[1] as string) * WAD + BigInt((match[2] ?? '').padEnd(18, '0'))
  if (value === 0n) throw new CliUsageError(`--${name} must be above 0`)
  return value
}

const USAGE = `usage: smile quote --pair WETH/USDC --strike 3200 --expiry 2026-12-25 --type call|put [--size 1]
                   [--side buy|sell] [--rpc-url ${DEFAULT_RPC_URL}] [--market ADDRESS] [--json]`

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.length === 0) return console.log(USAGE)
  try {
    const args = parseQuoteArgs(argv)
    const output = await runQuote(args)
    console.log(args.json ? JSON.stringify(output, null, 2) : formatQuote(output))
  } catch (error) {
    console.error(error instanceof CliUsageError ? `smile: ${error.message}\n${USAGE}` : error)
    process.exitCode = error instanceof CliUsageError ? 2 : 1
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
