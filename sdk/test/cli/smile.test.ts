import { describe, expect, it } from 'vitest'
import { CliUsageError, parseQuoteArgs } from '../../../script/cli/smile.js'

const BASE = [
  'quote',
  '--pair',
  'WETH/USDC',
  '--strike',
  '3200',
  '--expiry',
  '2026-12-25',
  '--type',
  'call',
]

describe('smile quote arguments', () => {
  it('parses a quote: strike and size as exact wad, the expiry at 08:00 UTC, buy by default', () => {
    expect(parseQuoteArgs([...BASE, '--size', '10.5', '--json'])).toEqual({
      base: 'WETH',
      quote: 'USDC',
      strikeWad: 3_200n * 10n ** 18n,
      expiry: BigInt(Date.UTC(2026, 11, 25, 8) / 1000),
      isCall: true,
      isBuy: true,
      sizeWad: 105n * 10n ** 17n,
      rpcUrl: 'http://127.0.0.1:8545',
      json: true,
    })
    const sell = parseQuoteArgs([
      ...BASE,
      '--side',
      'sell',
      '--market',
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    ])
    expect(sell).toMatchObject({
      isBuy: false,
      sizeWad: 10n ** 18n,
      market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    })
  })

  it.each([
    [['price'], /unknown command price/],
    [BASE.filter((a) => a !== '--pair' && a !== 'WETH/USDC'), /--pair is required/],
    [[...BASE.slice(0, 2), 'WETH', ...BASE.slice(3)], /--pair is BASE\/QUOTE/],
    [[...BASE.slice(0, 4), '3200.x', ...BASE.slice(5)], /--strike is a positive decimal/],
    [[...BASE.slice(0, 4), '0', ...BASE.slice(5)], /--strike must be above 0/],
    [[...BASE.slice(0, 6), '25/12/2026', ...BASE.slice(7)], /--expiry is a date/],
    [[...BASE.slice(0, 8), 'straddle'], /--type is call or put/],
    [[...BASE, '--side', 'short'], /--side is buy or sell/],
    [[...BASE, '--market', '0x1234'], /--market is an address/],
    [[...BASE, '--size'], /--size needs a value/],
    [[...BASE, 'extra'], /unexpected argument extra/],
  ])('refuses %j with a typed error', (argv, message) => {
    expect(() => parseQuoteArgs(argv)).toThrow(CliUsageError)
    expect(() => parseQuoteArgs(argv)).toThrow(message)
  })
})
