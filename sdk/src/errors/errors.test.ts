import { readFileSync } from 'node:fs'
import { BaseError, parseAbi } from 'viem'
import { describe, expect, it } from 'vitest'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import { SmileError } from './base.js'
import { formatErrorArgs, humanArg } from './formatErrorArgs.js'
import { TRADE_REJECTION_INPUTS, TradeRejectedError } from './market.js'
import { smileErrorsAbi } from './smileErrorsAbi.js'
import { version } from './version.js'

describe('SmileError', () => {
  it('is a viem BaseError: shortMessage, metaMessages, details, cause, walk()', () => {
    const cause = new BaseError('node failed', { details: 'connection refused' })
    const error = new SmileError('reading the market failed', {
      cause,
      metaMessages: ['market: 0x5FbDB2315678afecb367f032d93F642f64180aa3'],
    })
    expect(error).toBeInstanceOf(BaseError)
    expect(error).toMatchObject({
      name: 'SmileError',
      shortMessage: 'reading the market failed',
      details: 'connection refused',
      metaMessages: ['market: 0x5FbDB2315678afecb367f032d93F642f64180aa3'],
      version: `@smile/sdk@${version}`,
    })
    expect(error.cause).toBe(cause)
    expect(error.walk()).toBe(cause)
    expect(error.walk((e) => e instanceof SmileError)).toBe(error)
    expect(error.message).toBe(
      [
        'reading the market failed',
        '',
        'market: 0x5FbDB2315678afecb367f032d93F642f64180aa3',
        '',
        'Details: connection refused',
        `Version: @smile/sdk@${version}`,
      ].join('\n'),
    )
  })

  it('keeps a cause that is not an Error, and names its version as package.json does', () => {
    expect(new SmileError('failed', { cause: 42 }).cause).toBe(42)
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    )
    expect(version).toBe(manifest.version)
  })
})

describe('revert arguments in human units', () => {
  it('shows wad as decimals, timestamps as ISO dates, durations and series by their names', () => {
    expect(humanArg('deltaWad', -50_000_000_000_000_000n)).toBe('-0.05')
    expect(humanArg('maxPriceWad', 3_000n * 10n ** 18n)).toBe('3000')
    expect(humanArg('deadline', 1_767_254_400n)).toBe('2026-01-01T08:00:00.000Z')
    expect(humanArg('updatedAt', 1_700_000_000n)).toBe('2023-11-14T22:13:20.000Z')
    expect(humanArg('heartbeat', 86_400n)).toBe('1 d')
    expect(humanArg('maxAge', 90n)).toBe('90 s')
    expect(humanArg('timeSec', 300n)).toBe('5 min')
    const id = encodeSeriesId({
      expiry: 1_767_254_400n,
      strikeWad: 3_100n * 10n ** 18n,
      isCall: false,
    })
    expect(humanArg('id', id)).toBe('put, strike 3100, expiry 2026-01-01T08:00:00.000Z')
  })

  it('leaves alone what the name does not describe, and small numbers named like times', () => {
    expect(humanArg('premiumAssets', 1_500n)).toBeUndefined()
    expect(humanArg('accountId', 7n)).toBeUndefined()
    // Not a plausible timestamp: shown raw rather than as 1970.
    expect(humanArg('expiry', 0n)).toBeUndefined()
    expect(humanArg('id', 5n)).toBeUndefined()
    expect(humanArg('deltaWad', 'not a number')).toBeUndefined()
  })

  it('names the arguments from the ABI, an unnamed one by its position', () => {
    expect(formatErrorArgs(['deltaWad', '', 'maxWad'], [0n, 7n, 5n * 10n ** 16n])).toEqual({
      short: 'deltaWad: 0, 1: 7, maxWad: 50000000000000000',
      meta: ['deltaWad: 0 (0)', '1: 7', 'maxWad: 50000000000000000 (0.05)'],
    })
  })
})

describe('TradeRejectedError', () => {
  it('names its arguments as the ABIs do', () => {
    // Solady's SafeCastLib error, which the compiler leaves out of the market's ABI.
    const abi = [...smileErrorsAbi, ...parseAbi(['error Overflow()'])]
    for (const [name, inputs] of Object.entries(TRADE_REJECTION_INPUTS)) {
      const item = abi.find((i) => i.type === 'error' && i.name === name)
      expect(item && 'inputs' in item ? item.inputs.map((i) => i.name) : undefined, name).toEqual(
        inputs,
      )
    }
  })

  it('shows a delta bound in decimals, not raw wad', () => {
    const error = new TradeRejectedError('DeltaOutOfBounds', [
      0n,
      5n * 10n ** 16n,
      95n * 10n ** 16n,
    ])
    expect(error.shortMessage).toBe(
      'the market would revert with DeltaOutOfBounds(deltaWad: 0, minWad: 50000000000000000, maxWad: 950000000000000000)',
    )
    expect(error.metaMessages).toEqual([
      'deltaWad: 0 (0)',
      'minWad: 50000000000000000 (0.05)',
      'maxWad: 950000000000000000 (0.95)',
    ])
    expect(error.message).toContain('minWad: 50000000000000000 (0.05)')
  })
})
