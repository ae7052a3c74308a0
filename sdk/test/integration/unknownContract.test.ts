/**
 * Reads pointed at an address that is not the Smile contract they expect — an account with no
 * code, and a token — throw `UnknownContractError` with the address and the function called, from
 * every read family (market, series, trade state and quote, vault, margin account, oracle), since
 * they share one error path (`toContractRevertError`).
 */
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SmileError } from '../../src/errors/base.js'
import { UnknownContractError } from '../../src/errors/unknownContract.js'
import { fetchAccount } from '../../src/margin/fetchAccount.js'
import { fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchSeries } from '../../src/market/fetchSeries.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { readSpot } from '../../src/oracle/readSpot.js'
import { fetchVault } from '../../src/vault/fetchVault.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import { deployArtifact, makeTestClient, type TestClient } from '../utils/testClient.js'

let anvil: Anvil
let client: TestClient
let token: Address
/** An account of anvil's: no code. */
let account: Address

const id = encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })

beforeAll(async () => {
  anvil = await startAnvil()
  client = makeTestClient(anvil.rpcUrl)
  const [deployer, other] = await client.getAddresses()
  if (deployer === undefined || other === undefined) throw new Error('anvil has no accounts')
  account = other
  token = await deployArtifact(client, deployer, forgeArtifact('TestERC20'), ['Token', 'TKN', 18])
}, 60_000)

afterAll(async () => {
  await anvil?.stop()
})

const reads: [string, (address: Address) => Promise<unknown>][] = [
  ['fetchMarket', (market) => fetchMarket(client, { market })],
  ['fetchSeries', (market) => fetchSeries(client, { market, id })],
  ['quoteBuy', (market) => quoteBuy(client, { market, id, size: 10n ** 18n })],
  ['fetchVault', (vault) => fetchVault(client, { vault })],
  ['fetchAccount', (engine) => fetchAccount(client, { engine, accountId: 1n })],
  ['readSpot', (oracle) => readSpot(client, { oracle })],
]

describe('a read of an address that is not the contract expected', () => {
  it.each(reads)('%s throws UnknownContractError for an address without code', async (_, read) => {
    const error = await read(account).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownContractError)
    expect(error).toBeInstanceOf(SmileError)
    const { address, reason, functionName, shortMessage, metaMessages } =
      error as UnknownContractError
    expect(address.toLowerCase()).toBe(account.toLowerCase())
    expect(reason).toBe('no-data')
    expect(shortMessage).toContain(`${functionName}() returned no data`)
    expect(metaMessages).toContain(`expected: a Smile contract with ${functionName}()`)
  })

  it.each(reads)('%s throws UnknownContractError for a token', async (_, read) => {
    const error = await read(token).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownContractError)
    const { address, reason } = error as UnknownContractError
    expect(address.toLowerCase()).toBe(token.toLowerCase())
    // The token has no such function and no fallback: an empty revert.
    expect(reason).toBe('reverted')
  })
})
