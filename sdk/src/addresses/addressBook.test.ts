import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderAddressBook } from '../../scripts/generateAddressBook.js'
import { addressBook } from './addressBook.js'
import { UnknownChainError } from './errors.js'
import { getAddresses } from './getAddresses.js'
import { parseDeployment } from './parseDeployment.js'

const ADDRESS = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
const FILE = Object.fromEntries([
  ['chainId', 8453],
  ['startBlock', 123],
  ...[
    'market',
    'callVault',
    'putVault',
    'marginEngine',
    'spotRouter',
    'chainlinkAdapter',
    'twapAdapter',
    'settlementOracle',
    'volatilityOracle',
    'pricer',
    'coveredCallVault',
    'putSellingVault',
    'base',
    'quote',
    'chainlinkFeed',
    'uniswapPool',
    'owner',
    'guardian',
    'keeper',
  ].map((key) => [key, ADDRESS]),
  ['lp', ADDRESS],
])

describe('address book', () => {
  it('is current with the deployments/ folder', () => {
    const committed = readFileSync(new URL('./addressBook.ts', import.meta.url), 'utf8')
    expect(committed).toBe(renderAddressBook())
  })

  it('parses a deployment file: checksummed, startBlock a bigint, unknown fields dropped', () => {
    const deployment = parseDeployment(FILE)
    expect(deployment.chainId).toBe(8453)
    expect(deployment.startBlock).toBe(123n)
    expect(deployment.market).toBe('0x5FbDB2315678afecb367f032d93F642f64180aa3')
    expect('lp' in deployment).toBe(false)
    expect(getAddresses(8453, { 8453: deployment })).toBe(deployment)
  })

  it('parses the portfolio market when the file has one', () => {
    const portfolio = { market: ADDRESS, callVault: ADDRESS, putVault: ADDRESS, engine: ADDRESS }
    expect(parseDeployment({ ...FILE, portfolio }).portfolio?.engine).toBe(
      '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    )
    expect(() => parseDeployment({ ...FILE, portfolio: { ...portfolio, engine: 1 } })).toThrow(
      /portfolio.engine, an address/,
    )
    expect(() => parseDeployment({ ...FILE, portfolio: 'x' })).toThrow(/portfolio, an object/)
  })

  it.each([
    [null, /an object/],
    [{ ...FILE, chainId: '1' }, /chainId, a positive integer/],
    [{ ...FILE, startBlock: -1 }, /startBlock, a block number/],
    [{ ...FILE, putVault: undefined }, /putVault, an address/],
    [{ ...FILE, rpcUrl: 8545 }, /rpcUrl, a URL/],
  ])('refuses %j naming the field', (json, message) => {
    expect(() => parseDeployment(json)).toThrow(message)
  })

  it('names the chains it has when asked for another', () => {
    const known = Object.keys(addressBook).map(Number)
    const error = (() => {
      try {
        getAddresses(999_999)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(UnknownChainError)
    expect((error as UnknownChainError).knownChainIds).toEqual(known)
  })
})
