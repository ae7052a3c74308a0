/**
 * The `smile` CLI: its arguments and units, then the commands against the devnet deployment on a
 * fresh anvil — run in process through `runCli` (what the bin runs) and, for the failures, as the
 * process `pnpm smile` starts, which must print ONE line on standard error and exit non-zero.
 */
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { type Address, erc20Abi } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployLocal, readDeployment } from '../../../script/devnet.mjs'
import { optionMarketAbi } from '../../src/abi/generated.js'
import { type CliCommand, CliError, parseArgs, parseExpiry } from '../../src/cli/args.js'
import type { QuoteOutput } from '../../src/cli/commands.js'
import { formatDecimal, formatExpiry, formatPercent } from '../../src/cli/format.js'
import { runCli } from '../../src/cli/run.js'
import { listExpiries } from '../../src/discovery/listExpiries.js'
import { buildBuy } from '../../src/market/buildBuy.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { makeTestClient, type TestClient } from '../utils/testClient.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const OUT = 'deployments/31337.cli.json'
const DEPLOYMENT = ['--deployment', `${ROOT}${OUT}`]
const QUOTE = ['quote', '--pair', 'WETH/USDC', '--strike', '3200', '--type', 'call']

/** Runs the CLI in process; its output lines and exit code. */
async function smile(argv: readonly string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Runs `node --import tsx sdk/src/cli/smile.ts` (the root's `pnpm smile`) as a process. */
function smileProcess(argv: readonly string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'sdk/src/cli/smile.ts', ...argv],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        resolve({ code: error?.code ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

describe('smile arguments', () => {
  it('parses a quote: strike and size exact wad, the date at 08:00 UTC, buy by default', () => {
    expect(parseArgs([...QUOTE, '--expiry', '2026-12-25', '--size', '10.5', '--json'])).toEqual({
      name: 'quote',
      pair: { base: 'WETH', quote: 'USDC' },
      strikeWad: 3_200n * WAD,
      expiry: { kind: 'at', expiry: BigInt(Date.UTC(2026, 11, 25, 8) / 1000), text: '2026-12-25' },
      isCall: true,
      isBuy: true,
      sizeWad: 105n * 10n ** 17n,
      deploymentPath: 'deployments/31337.json',
      json: true,
    })
    const sell = parseArgs([
      'quote',
      '--strike',
      '0.0451',
      '--expiry',
      '+2d',
      '--type',
      'put',
      '--side',
      'sell',
      '--market',
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      '--rpc-url',
      'http://127.0.0.1:9',
    ])
    expect(sell).toMatchObject({
      strikeWad: 451n * 10n ** 14n,
      expiry: { kind: 'after', offsetSec: 2n * 86_400n },
      isCall: false,
      isBuy: false,
      sizeWad: WAD,
      market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      rpcUrl: 'http://127.0.0.1:9',
    })
    expect(parseArgs(['series', '--expiry', '1767254400'])).toMatchObject({
      name: 'series',
      expiry: { kind: 'at', expiry: 1_767_254_400n },
    })
    expect(parseArgs([]).name).toBe('help')
    expect(parseArgs(['expiries', '--help']).name).toBe('help')
  })

  it('reads --expiry as a date, a timestamp or an offset in hours, days or weeks', () => {
    expect(parseExpiry('2026-12-25')).toMatchObject({ expiry: 1_798_185_600n })
    expect(parseExpiry('1798185600')).toMatchObject({ kind: 'at', expiry: 1_798_185_600n })
    expect(parseExpiry('+12h')).toMatchObject({ kind: 'after', offsetSec: 43_200n })
    expect(parseExpiry('+1w')).toMatchObject({ kind: 'after', offsetSec: 604_800n })
  })

  it.each([
    [['price'], 'unknown command price; the commands are quote, expiries and series'],
    [['quote', '--strike', '3200', '--type', 'call'], '--expiry is required'],
    [
      [...QUOTE.slice(0, 1), '--pair', 'WETH', '--expiry', '+1d', ...QUOTE.slice(3)],
      /--pair is BASE\/QUOTE/,
    ],
    [
      ['quote', '--strike', '3200.x', '--expiry', '+1d', '--type', 'call'],
      /--strike is a positive decimal number; got 3200.x/,
    ],
    [['quote', '--strike', '0', '--expiry', '+1d', '--type', 'call'], '--strike must be above 0'],
    [[...QUOTE, '--expiry', '25/12/2026'], /--expiry is a date .*; got 25\/12\/2026/],
    [[...QUOTE, '--expiry', '2026-02-30'], /got 2026-02-30/],
    [[...QUOTE, '--expiry', '+2y'], /got \+2y/],
    [
      ['quote', '--strike', '1', '--expiry', '+1d', '--type', 'straddle'],
      '--type is call or put; got straddle',
    ],
    [[...QUOTE, '--expiry', '+1d', '--side', 'short'], '--side is buy or sell; got short'],
    [['expiries', '--market', '0x1234'], '--market is an address; got 0x1234'],
    [
      ['expiries', '--rpc-url', 'localhost:8545'],
      /--rpc-url is an http\(s\) URL; got localhost:8545/,
    ],
    [[...QUOTE, '--size'], '--size needs a value'],
    [['series', 'extra'], 'unexpected argument extra'],
    [['expiries', '--strike', '3200'], /smile expiries has no option --strike; it takes --rpc-url/],
  ] as [string[], string | RegExp][])('refuses %j with one line', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(CliError)
    expect(() => parseArgs(argv)).toThrow(message)
  })

  it('formats amounts for a person: rounded, grouped, no 18-decimal floats', () => {
    expect(formatDecimal(1_234_567_891n, 6)).toBe('1,234.5679')
    expect(formatDecimal(3_200n * WAD, 18)).toBe('3,200')
    expect(formatDecimal(-27_249_999_999_999_999n, 18)).toBe('-0.0272')
    expect(formatDecimal(5n, 18)).toBe('0')
    expect(formatPercent(821_449_999_999_999_999n)).toBe('82.14 %')
    expect(formatExpiry(1_798_185_600n)).toBe('2026-12-25 08:00 UTC')
  })
})

describe('smile against the devnet', () => {
  let anvil: Anvil
  let client: TestClient
  let d: {
    market: Address
    callVault: Address
    putVault: Address
    base: Address
    quote: Address
    lp: Address
    trader: Address
    expiries: number[]
  }
  let e0: bigint
  let e1: bigint

  beforeAll(async () => {
    anvil = await startAnvil()
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    d = readDeployment({ DEPLOYMENT_OUT: OUT }) as typeof d
    client = makeTestClient(anvil.rpcUrl)
    e0 = BigInt(d.expiries[0] ?? 0)
    e1 = BigInt(d.expiries[1] ?? 0)
    // An LP funds the call vault: an empty vault cannot lock a call's payoff, and the quote says so.
    await sendRequest(client, {
      request: buildDeposit({
        vault: d.callVault,
        asset: d.base,
        assets: 50n * WAD,
        receiver: d.lp,
      }),
      account: d.lp,
    })
  }, 600_000)

  afterAll(async () => {
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('lists the expiries, reading the RPC and the market from the deployment file', async () => {
    const { code, out, err } = await smile(['expiries', ...DEPLOYMENT])
    expect({ code, err }).toEqual({ code: 0, err: '' })
    const lines = out.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^expiries of market ${d.market} on chain 31337 at `))
    expect(lines.slice(1)).toEqual([
      `  ${formatExpiry(e0)}  live     trading until ${formatExpiry(e0 - 3_600n)}`,
      `  ${formatExpiry(e1)}  live     trading until ${formatExpiry(e1 - 3_600n)}`,
    ])
    const json = JSON.parse((await smile(['expiries', '--json', ...DEPLOYMENT])).out)
    const listed = await listExpiries(client, { market: d.market })
    expect(json).toEqual(
      listed.map((e) => ({
        expiry: e.expiry.toString(),
        date: new Date(Number(e.expiry) * 1000).toISOString(),
        status: 'live',
        tradingOpen: true,
        tradingStartsAt: (e.expiry - 365n * 86_400n).toString(),
        tradingEndsAt: e.tradingEndsAt.toString(),
        settledPrice: '0',
      })),
    )
  })

  it('quotes what the market charges at that block, to the wei, in human units', async () => {
    const { code, out, err } = await smile([
      ...QUOTE,
      '--expiry',
      '+2d',
      '--size',
      '10',
      '--json',
      ...DEPLOYMENT,
    ])
    expect({ code, err }).toEqual({ code: 0, err: '' })
    const quote: QuoteOutput = JSON.parse(out)
    // +2d: the first listed expiry at or after two days from the chain's time, the second one.
    const id = encodeSeriesId({ expiry: e1, strikeWad: 3_200n * WAD, isCall: true })
    const charged = await client.readContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'quoteBuy',
      args: [id, 10n * WAD],
      blockNumber: BigInt(quote.blockNumber),
    })
    expect(quote).toMatchObject({
      side: 'buy',
      size: '10',
      asset: 'WETH',
      premiumAssets: charged.toString(),
      series: { pair: 'WETH/USDC', type: 'call', strike: '3200', id: `0x${id.toString(16)}` },
    })
    expect(quote.series.expiry).toBe(new Date(Number(e1) * 1000).toISOString())
    expect(Number(quote.vol)).toBeGreaterThan(0.5)
    expect(Number(quote.greeks.delta)).toBeGreaterThan(0)

    const date = new Date(Number(e1) * 1000).toISOString().slice(0, 10)
    const text = (await smile([...QUOTE, '--expiry', date, '--size', '10', ...DEPLOYMENT])).out
    const lines = text.split('\n')
    expect(lines[0]).toBe(`buy 10 WETH/USDC call 3,200 USDC expiring ${formatExpiry(e1)}`)
    expect(lines[1]).toMatch(
      /^ {2}premium {5}0\.\d{1,4} WETH \(0\.\d{1,4} WETH per option; fee 0\.\d{1,4} WETH included\)$/,
    )
    expect(lines[2]).toMatch(
      /^ {2}volatility {2}smile \d+(\.\d\d?)? %, effective .* %, marginal .* % -> .* %$/,
    )
    expect(lines[3]).toMatch(
      /^ {2}greeks {6}delta [\d.]+ WETH \([\d.]+ per option\), gamma [\d.]+ WETH per USDC, vega [\d.]+ WETH per vol point, theta -[\d.,]+ USDC per day$/,
    )
    // No amount is printed with more than six decimals.
    expect(text).not.toMatch(/\d\.\d{7,}/)
    // The same quote from a unix timestamp.
    const byTimestamp = await smile([
      ...QUOTE,
      '--expiry',
      String(e1),
      '--size',
      '10',
      ...DEPLOYMENT,
    ])
    expect(byTimestamp.out.split('\n')[0]).toBe(lines[0])
  })

  it('lists the series traded, with their open interest', async () => {
    expect((await smile(['series', ...DEPLOYMENT])).out.split('\n')[1]).toBe('  none traded yet')
    // An LP funds the put vault, which locks the puts' maximum payoff.
    await sendRequest(client, {
      request: buildDeposit({
        vault: d.putVault,
        asset: d.quote,
        assets: 100_000n * 10n ** 6n,
        receiver: d.lp,
      }),
      account: d.lp,
    })
    const id = encodeSeriesId({ expiry: e0, strikeWad: 2_800n * WAD, isCall: false })
    const state = await fetchTradeState(client, { market: d.market, id })
    const { premiumAssets } = quoteBuy(state, { size: 3n * WAD })
    await sendRequest(client, {
      request: buildBuy({
        market: d.market,
        asset: d.quote,
        id,
        size: 3n * WAD,
        maxPremiumAssets: premiumAssets * 2n,
        deadline: state.timestamp + 600n,
      }),
      account: d.trader,
    })
    const { code, out } = await smile(['series', '--expiry', '+1h', ...DEPLOYMENT])
    expect(code).toBe(0)
    expect(out.split('\n').slice(1)).toEqual([
      `  ${formatExpiry(e0)}  put   2,800 USDC  open interest 3 options  written 0 options  live  id 0x${id.toString(16)}`,
    ])
    const none = await smile(['series', '--expiry', String(e1), ...DEPLOYMENT])
    expect(none.out.split('\n')[1]).toBe(`  none traded on ${formatExpiry(e1)}`)
    const balance = await client.readContract({
      address: d.quote,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [d.trader],
    })
    expect(balance).toBeLessThan(3_000_000n * 10n ** 6n)
  })

  it('names what is wrong, and what exists, in one line on stderr', async () => {
    const live = `live expiries: ${formatExpiry(e0)}, ${formatExpiry(e1)}`
    const unlisted = formatExpiry(e0 + 86_400n)
    const unlistedDate = unlisted.slice(0, 10)
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const cases: [string[], number, string][] = [
      [
        [...QUOTE, '--expiry', unlistedDate, ...DEPLOYMENT],
        1,
        `smile: expiry ${unlisted} (--expiry ${unlistedDate}) is not listed; ${live}`,
      ],
      [
        [...QUOTE, '--expiry', '+1d', '--rpc-url', `http://127.0.0.1:${port}`, ...DEPLOYMENT],
        1,
        `smile: cannot reach RPC at http://127.0.0.1:${port}`,
      ],
      [
        ['expiries', '--market', '0x000000000000000000000000000000000000dEaD', ...DEPLOYMENT],
        1,
        `smile: no contract at 0x000000000000000000000000000000000000dEaD on chain 31337 (RPC ${anvil.rpcUrl})`,
      ],
      [
        [...QUOTE.slice(0, 2), 'WBTC/USDC', ...QUOTE.slice(3), '--expiry', '+1d', ...DEPLOYMENT],
        1,
        `smile: market ${d.market} trades WETH/USDC, not WBTC/USDC`,
      ],
      [
        ['quote', '--strike', '9000', '--type', 'call', '--expiry', '+1d', ...DEPLOYMENT],
        1,
        `smile: cannot quote on ${d.market}: the market opens only strikes with |delta| in 0.05-0.95; strike 9,000 USDC has delta 0`,
      ],
      [
        ['quote', '--strike', '3210.5', '--type', 'call', '--expiry', '+1d', ...DEPLOYMENT],
        1,
        `smile: cannot quote on ${d.market}: strike 3,210.5 USDC is not listed: strikes have at most three significant digits`,
      ],
      [[...QUOTE, '--expiry', '+30d', ...DEPLOYMENT], 1, `smile: no live expiry at or after `],
      [
        ['expiries', '--deployment', 'deployments/none.json'],
        2,
        'smile: no deployment file at deployments/none.json',
      ],
      [['frob'], 2, 'smile: unknown command frob; the commands are quote, expiries and series'],
    ]
    for (const [argv, exitCode, line] of cases) {
      const { code, stdout, stderr } = await smileProcess(argv)
      expect({ argv, code, stdout }).toEqual({ argv, code: exitCode, stdout: '' })
      expect(stderr.endsWith('\n') && stderr.split('\n').length === 2, stderr).toBe(true)
      expect(stderr.startsWith(line), stderr).toBe(true)
    }
    // The relative expiry's message names the chain's date it looked from and what is live.
    const far = await smile([...QUOTE, '--expiry', '+30d', ...DEPLOYMENT])
    expect(far.err).toMatch(new RegExp(`\\(--expiry \\+30d from the chain's time\\); ${live}$`))
  })

  it('prints its usage for --help', async () => {
    const { code, out } = await smile(['--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/^usage: smile <command>/)
    expect(out).toContain('smile series [--expiry E]')
  })

  it('types the commands it parses', () => {
    const command: CliCommand = parseArgs(['expiries'])
    expect(command).toEqual({
      name: 'expiries',
      deploymentPath: 'deployments/31337.json',
      json: false,
    })
  })
})
