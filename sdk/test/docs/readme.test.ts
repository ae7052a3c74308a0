/**
 * The README's quick start runs: its ```ts block, with the RPC URL and market of a market deployed
 * here on anvil in place of the devnet's, is written beside this file, imported, and must leave the
 * trader holding the call it bought on the one expiry listed (which the block finds by itself).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Address, erc20Abi } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchPosition } from '../../src/market/fetchPosition.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import { deployMarket, type MarketDeployment } from '../utils/deployMarket.js'
import { makeTestClient, sendCall, type TestClient } from '../utils/testClient.js'

const README = fileURLToPath(new URL('../../README.md', import.meta.url))
const SCRIPT = fileURLToPath(new URL('./.readme-quickstart.ts', import.meta.url))
const DAY = 86_400n
const TRADER = mnemonicToAccount('test test test test test test test test test test test junk', {
  addressIndex: 4,
}).address

/** The README's first ```ts block. */
function quickStart(): string {
  const text = readFileSync(README, 'utf8')
  const start = text.indexOf('```ts\n')
  return text.slice(start + 6, text.indexOf('```', start + 6))
}

describe('README quick start', () => {
  let anvil: Anvil
  let client: TestClient
  let d: MarketDeployment
  let expiry: bigint

  beforeAll(async () => {
    // OptionMarket is above EIP-170's size limit as compiled now (see market.test.ts).
    anvil = await startAnvil(['--code-size-limit', '65536'])
    client = makeTestClient(anvil.rpcUrl)
    const [admin] = (await client.getAddresses()) as [Address]
    const now = (await client.getBlock()).timestamp
    expiry = (now / DAY) * DAY + 8n * 3_600n + 7n * DAY
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * 10n ** 8n,
      risk: {
        feeShareWad: 10n ** 16n,
        vegaFeeWad: 2n * 10n ** 15n,
        maxUtilisationWad: 9n * 10n ** 17n,
        minAbsDeltaWad: 5n * 10n ** 16n,
        maxAbsDeltaWad: 95n * 10n ** 16n,
        minTimeToExpirySec: 3_600n,
        maxTimeToExpirySec: 365n * DAY,
        rateWad: 3n * 10n ** 16n,
      },
      callSide: {
        vegaDepthWad: 10n ** 20n,
        maxInventoryWad: 5n * 10n ** 19n,
        minFeePerOptionWad: 10n ** 14n,
      },
      putSide: {
        vegaDepthWad: 30_000n * WAD,
        maxInventoryWad: 15_000n * WAD,
        minFeePerOptionWad: 10n ** 17n,
      },
      smiles: [
        {
          expiry,
          params: {
            a: 8n * 10n ** 15n,
            b: 5n * 10n ** 16n,
            rho: -3n * 10n ** 17n,
            m: 0n,
            sigma: 10n ** 17n,
          },
        },
      ],
    })
    // The devnet funds its trader with WETH; so does this deployment.
    await sendCall(client, admin, d.weth, forgeArtifact('TestERC20').abi, 'mint', [
      TRADER,
      100n * WAD,
    ])
  }, 60_000)

  afterAll(async () => {
    rmSync(SCRIPT, { force: true })
    await anvil?.stop()
  })

  it('deposits, quotes and buys one call on the market', async () => {
    const replaced = { rpcUrl: 0, market: 0 }
    const code = quickStart()
      .replace(/^const (rpcUrl|market) = .*$/gm, (_, name: keyof typeof replaced) => {
        replaced[name] += 1
        const value = { rpcUrl: `'${anvil.rpcUrl}'`, market: `'${d.market}'` }
        return `const ${name} = ${value[name]}`
      })
      .replace("from '@smile/sdk'", "from '../../src/index.js'")
    expect(replaced).toEqual({ rpcUrl: 1, market: 1 })
    writeFileSync(SCRIPT, `${code}\nexport {}\n`)
    await import(SCRIPT)
    const id = encodeSeriesId({ expiry, strikeWad: 3_100n * WAD, isCall: true })
    expect(await fetchPosition(client, { market: d.market, owner: TRADER, id })).toBe(WAD)
    const shares = await client.readContract({
      address: d.callVault,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [TRADER],
    })
    expect(shares).toBeGreaterThan(0n)
  })
})
