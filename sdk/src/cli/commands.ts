import { erc20Abi, formatUnits } from 'viem'
import { multicall } from 'viem/actions'
import { type ListedExpiry, listExpiries } from '../discovery/listExpiries.js'
import { listSeries } from '../discovery/listSeries.js'
import { TradeRejectedError } from '../errors/market.js'
import { type FetchMarketReturnType, fetchMarket } from '../market/fetchMarket.js'
import { fetchTradeState } from '../market/fetchTradeState.js'
import { quoteBuy } from '../market/quoteBuy.js'
import { quoteSell } from '../market/quoteSell.js'
import type { TradeQuote } from '../market/quoteTrade.js'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import { WAD } from '../math/wad.js'
import { multicallTarget } from '../oracle/batch.js'
import { type CliCommand, CliError, type ExpirySpec } from './args.js'
import { type Connection, connect } from './connect.js'
import { formatDecimal, formatExpiry, formatPercent } from './format.js'

/**
 * What a command prints: `text` for a person, `json` (amounts as exact decimal strings) for
 * `--json`.
 *
 * @example
 * ```ts
 * import type { CommandOutput } from './commands.js'
 *
 * declare const output: CommandOutput
 * console.log(output.text)
 * ```
 */
export type CommandOutput = { text: string; json: unknown }

type Market = Connection & {
  config: FetchMarketReturnType
  symbols: { base: string; quote: string }
  expiries: readonly ListedExpiry[]
}

/**
 * `smile expiries`: the market's listed expiries with their status, trading window and
 * settlement price.
 *
 * @throws CliError when the RPC or the market cannot be reached.
 * @example
 * ```ts
 * const { text } = await runExpiries({ name: 'expiries', deploymentPath: 'deployments/31337.json', json: false })
 * ```
 */
export async function runExpiries(
  command: Extract<CliCommand, { name: 'expiries' }>,
): Promise<CommandOutput> {
  const m = await openMarket(command)
  const lines = m.expiries.map((e) => {
    const state =
      e.status === 'settled'
        ? `settled at ${formatDecimal(e.settledPriceWad, 18, 2)} ${m.symbols.quote} per ${m.symbols.base}`
        : e.status === 'expired'
          ? 'expired, not settled yet'
          : e.tradingOpen
            ? `trading until ${formatExpiry(e.tradingEndsAt)}`
            : m.timestamp < e.tradingStartsAt
              ? `trading opens ${formatExpiry(e.tradingStartsAt)}`
              : `trading closed ${formatExpiry(e.tradingEndsAt)}`
    return `  ${formatExpiry(e.expiry)}  ${e.status.padEnd(7)}  ${state}`
  })
  return {
    text: [header(m, 'expiries'), ...(lines.length === 0 ? ['  none listed'] : lines)].join('\n'),
    json: m.expiries.map((e) => ({
      expiry: e.expiry.toString(),
      date: new Date(Number(e.expiry) * 1000).toISOString(),
      status: e.status,
      tradingOpen: e.tradingOpen,
      tradingStartsAt: e.tradingStartsAt.toString(),
      tradingEndsAt: e.tradingEndsAt.toString(),
      settledPrice: formatUnits(e.settledPriceWad, 18),
    })),
  }
}

/**
 * `smile series [--expiry E]`: the series the market has traded, with open interest, written size
 * and status.
 *
 * @throws CliError when the RPC or the market cannot be reached, or `--expiry` names no listed
 * expiry (the message lists them).
 * @example
 * ```ts
 * const { json } = await runSeries({ name: 'series', deploymentPath: 'deployments/31337.json', json: true })
 * ```
 */
export async function runSeries(
  command: Extract<CliCommand, { name: 'series' }>,
): Promise<CommandOutput> {
  const m = await openMarket(command)
  const expiry = command.expiry === undefined ? undefined : resolveExpiry(command.expiry, m).expiry
  const series = await listSeries(m.client, {
    market: m.market,
    fromBlock: m.fromBlock,
    ...(expiry === undefined ? {} : { expiry }),
  })
  const options = (wad: bigint) => `${formatDecimal(wad, 18)} options`
  const lines = series.map(
    (s) =>
      `  ${formatExpiry(s.expiry)}  ${s.type.padEnd(4)}  ${formatDecimal(s.strikeWad, 18)} ${m.symbols.quote}  open interest ${options(s.openInterest)}  written ${options(s.written)}  ${s.status}  id 0x${s.id.toString(16)}`,
  )
  const none =
    expiry === undefined ? '  none traded yet' : `  none traded on ${formatExpiry(expiry)}`
  return {
    text: [header(m, 'series'), ...(lines.length === 0 ? [none] : lines)].join('\n'),
    json: series.map((s) => ({
      id: `0x${s.id.toString(16)}`,
      expiry: s.expiry.toString(),
      date: new Date(Number(s.expiry) * 1000).toISOString(),
      type: s.type,
      strike: formatUnits(s.strikeWad, 18),
      openInterest: formatUnits(s.openInterest, 18),
      written: formatUnits(s.written, 18),
      status: s.status,
    })),
  }
}

/**
 * The quote as printed with `--json`: amounts as exact decimal strings (and token units where
 * named `…Assets`), volatilities as fractions, Greeks of the whole fill in the units they are
 * named with.
 *
 * @example
 * ```ts
 * import type { QuoteOutput } from './commands.js'
 *
 * declare const quote: QuoteOutput
 * BigInt(quote.premiumAssets) // what the market charges, token units
 * ```
 */
export type QuoteOutput = {
  market: string
  series: { pair: string; expiry: string; strike: string; type: 'call' | 'put'; id: string }
  side: 'buy' | 'sell'
  /** Options. */
  size: string
  /** Symbol of the collateral the premium is paid in. */
  asset: string
  premium: string
  premiumAssets: string
  fee: string
  feeAssets: string
  vol: string
  effectiveVol: string
  marginalVol: string
  marginalVolAfter: string
  greeks: {
    /** Base per fill: the spot exposure, `size × delta`. */
    delta: string
    /** Base per quote unit of spot. */
    gamma: string
    /** Collateral per 1.0 of volatility (divide by 100 for a vol point). */
    vega: string
    /** Quote per year. */
    theta: string
  }
  blockNumber: string
}

/**
 * `smile quote`: the premium and fee the market charges (buy) or pays (sell) for `--size`
 * options at the latest block, to the wei, with the volatilities and Greeks of the fill.
 *
 * @throws CliError when the RPC or market cannot be reached, the pair does not match, the expiry
 * is not listed or not live (the message lists the live ones), or the market would refuse the
 * trade (delta bounds, trading window, inventory cap, stale oracle…).
 * @example
 * ```ts
 * const { json } = await runQuote({
 *   name: 'quote',
 *   strikeWad: 3_200n * 10n ** 18n,
 *   expiry: { kind: 'after', offsetSec: 86_400n, text: '+1d' },
 *   isCall: true,
 *   isBuy: true,
 *   sizeWad: 10n ** 18n,
 *   deploymentPath: 'deployments/31337.json',
 *   json: true,
 * })
 * json.premiumAssets // token units, as a decimal string
 * ```
 */
export async function runQuote(
  command: Extract<CliCommand, { name: 'quote' }>,
): Promise<CommandOutput & { json: QuoteOutput }> {
  const m = await openMarket(command)
  const pair = `${m.symbols.base}/${m.symbols.quote}`
  if (
    command.pair !== undefined &&
    (command.pair.base !== m.symbols.base || command.pair.quote !== m.symbols.quote)
  )
    throw new CliError(
      `market ${m.market} trades ${pair}, not ${command.pair.base}/${command.pair.quote}`,
    )
  const listed = resolveExpiry(command.expiry, m)
  if (listed.status !== 'live')
    throw new CliError(
      `expiry ${formatExpiry(listed.expiry)} is ${listed.status}; live expiries: ${liveList(m)}`,
    )
  const { isCall, isBuy, strikeWad, sizeWad: size } = command
  const id = encodeSeriesId({ expiry: listed.expiry, strikeWad, isCall })
  const state = await fetchTradeState(m.client, { market: m.market, id, config: m.config })
  const asset = isCall ? m.symbols.base : m.symbols.quote
  const decimals = (isCall ? m.config.call : m.config.put).decimals
  const strike = `${formatDecimal(strikeWad, 18)} ${m.symbols.quote}`
  let quote: TradeQuote
  try {
    quote = (isBuy ? quoteBuy : quoteSell)(state, { size })
  } catch (error) {
    if (error instanceof TradeRejectedError) throw rejected(error, { strike, listed, m })
    throw error
  }
  const json: QuoteOutput = {
    market: m.market,
    series: {
      pair,
      expiry: new Date(Number(listed.expiry) * 1000).toISOString(),
      strike: formatUnits(strikeWad, 18),
      type: isCall ? 'call' : 'put',
      id: `0x${id.toString(16)}`,
    },
    side: isBuy ? 'buy' : 'sell',
    size: formatUnits(size, 18),
    asset,
    premium: formatUnits(quote.premiumAssets, decimals),
    premiumAssets: quote.premiumAssets.toString(),
    fee: formatUnits(quote.feeAssets, decimals),
    feeAssets: quote.feeAssets.toString(),
    vol: formatUnits(quote.volWad, 18),
    effectiveVol: formatUnits(quote.effectiveVolWad, 18),
    marginalVol: formatUnits(quote.marginalVolWad, 18),
    marginalVolAfter: formatUnits(quote.marginalVolAfterWad, 18),
    greeks: {
      delta: formatUnits(quote.greeks.deltaWad, 18),
      gamma: formatUnits(quote.greeks.gammaWad, 18),
      vega: formatUnits(quote.greeks.vegaWad, 18),
      theta: formatUnits(quote.greeks.thetaWad, 18),
    },
    blockNumber: state.blockNumber.toString(),
  }
  const { deltaWad, gammaWad, vegaWad, thetaWad } = quote.greeks
  const perOption = (premiumAssets: bigint) => formatDecimal((premiumAssets * WAD) / size, decimals)
  const text = [
    `${json.side} ${formatDecimal(size, 18)} ${pair} ${json.series.type} ${strike} expiring ${formatExpiry(listed.expiry)}`,
    `  premium     ${formatDecimal(quote.premiumAssets, decimals)} ${asset} (${perOption(quote.premiumAssets)} ${asset} per option; fee ${formatDecimal(quote.feeAssets, decimals)} ${asset} included)`,
    `  volatility  smile ${formatPercent(quote.volWad)}, effective ${formatPercent(quote.effectiveVolWad)}, marginal ${formatPercent(quote.marginalVolWad)} -> ${formatPercent(quote.marginalVolAfterWad)}`,
    `  greeks      delta ${formatDecimal(deltaWad, 18)} ${m.symbols.base} (${formatDecimal((deltaWad * WAD) / size, 18)} per option), gamma ${formatDecimal(gammaWad, 18, 6)} ${m.symbols.base} per ${m.symbols.quote}, vega ${formatDecimal(vegaWad / 100n, 18)} ${asset} per vol point, theta ${formatDecimal(thetaWad / 365n, 18, 2)} ${m.symbols.quote} per day`,
    `  market ${m.market} on chain ${m.chainId}, block ${state.blockNumber}`,
  ].join('\n')
  return { text, json }
}

/** Connects, reads the market's configuration, its assets' symbols and its listed expiries. */
async function openMarket(command: CliCommand): Promise<Market> {
  const connection = await connect(command)
  const { client, market, fromBlock } = connection
  const [config, expiries] = await Promise.all([
    fetchMarket(client, { market }),
    listExpiries(client, { market, fromBlock }),
  ])
  const [base, quote] = await multicall(client, {
    contracts: [
      { address: config.call.asset, abi: erc20Abi, functionName: 'symbol' },
      { address: config.put.asset, abi: erc20Abi, functionName: 'symbol' },
    ],
    allowFailure: false,
    ...multicallTarget(client),
  })
  return { ...connection, config, symbols: { base, quote }, expiries }
}

/** The listed expiry `spec` names; throws a CliError listing the live ones when it names none. */
function resolveExpiry(spec: ExpirySpec, m: Market): ListedExpiry {
  if (spec.kind === 'at') {
    const listed = m.expiries.find((e) => e.expiry === spec.expiry)
    if (listed === undefined)
      throw new CliError(
        `expiry ${formatExpiry(spec.expiry)} (--expiry ${spec.text}) is not listed; live expiries: ${liveList(m)}`,
      )
    return listed
  }
  const target = m.timestamp + spec.offsetSec
  const listed = m.expiries.find((e) => e.status === 'live' && e.expiry >= target)
  if (listed === undefined)
    throw new CliError(
      `no live expiry at or after ${formatExpiry(target)} (--expiry ${spec.text} from the chain's time); live expiries: ${liveList(m)}`,
    )
  return listed
}

function liveList(m: Market): string {
  const live = m.expiries.filter((e) => e.status === 'live')
  return live.length === 0 ? 'none' : live.map((e) => formatExpiry(e.expiry)).join(', ')
}

function header(m: Market, what: string): string {
  return `${what} of market ${m.market} on chain ${m.chainId} at ${formatExpiry(m.timestamp)}:`
}

/** The market's refusal of a trade, as one line a person can act on. */
function rejected(
  error: TradeRejectedError,
  { strike, listed, m }: { strike: string; listed: ListedExpiry; m: Market },
): CliError {
  const [a, b, c] = error.args.map((x) => BigInt(x as bigint))
  const why = (() => {
    switch (error.errorName) {
      case 'StrikeNotListed':
        return `strike ${strike} is not listed: strikes have at most three significant digits`
      case 'DeltaOutOfBounds':
        return `the market opens only strikes with |delta| in ${formatDecimal(b ?? 0n, 18, 3)}-${formatDecimal(c ?? 0n, 18, 3)}; strike ${strike} has delta ${formatDecimal(a ?? 0n, 18, 3)}`
      case 'OutsideTradingWindow':
        return `expiry ${formatExpiry(listed.expiry)} trades only from ${formatExpiry(listed.expiry - (c ?? 0n))} to ${formatExpiry(listed.expiry - (b ?? 0n))}`
      case 'InventoryCapExceeded':
        return `the trade would take the vault's inventory beyond its cap; try a smaller --size`
      default:
        return error.message
    }
  })()
  return new CliError(`cannot quote on ${m.market}: ${why}`, { cause: error })
}
