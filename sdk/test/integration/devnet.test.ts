/**
 * The devnet deployment (`script/devnet.mjs --rpc-url`, i.e. `script/DeployLocal.s.sol` broadcast by forge)
 * against a fresh anvil: the addresses file is complete and the deployed system answers reads.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Address, createPublicClient, getAddress, http, isAddress, parseAbi } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { iVolatilityOracleAbi, spotOracleRouterAbi } from '../../src/abi/generated.js'
import { readSpot } from '../../src/oracle/readSpot.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const OUT = 'deployments/31337.vitest.json'
const ADDRESS_KEYS = [
  'owner',
  'guardian',
  'keeper',
  'base',
  'quote',
  'chainlinkFeed',
  'uniswapPool',
  'uniswapFactory',
  'poolActor',
  'chainlinkAdapter',
  'twapAdapter',
  'spotRouter',
  'settlementOracle',
  'volatilityOracle',
  'pricer',
  'callVault',
  'putVault',
  'market',
  'marginEngine',
  'coveredCallVault',
  'putSellingVault',
  'lp',
  'trader',
] as const
const marketAbi = parseAbi([
  'function callVault() view returns (address)',
  'function putVault() view returns (address)',
  'function spotOracle() view returns (address)',
])
const erc20Abi = parseAbi(['function balanceOf(address) view returns (uint256)'])

type Deployment = Record<(typeof ADDRESS_KEYS)[number], Address> & {
  chainId: number
  expiries: number[]
}

function runDevnetDeploy(rpcUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['script/devnet.mjs', '--rpc-url', rpcUrl], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, DEPLOYMENT_OUT: OUT },
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`devnet deploy exited with ${code}`)),
    )
  })
}

describe('devnet deployment', () => {
  let anvil: Anvil
  let deployment: Deployment
  const client = () => createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) })

  beforeAll(async () => {
    anvil = await startAnvil()
    await runDevnetDeploy(anvil.rpcUrl)
    deployment = JSON.parse(readFileSync(`${ROOT}${OUT}`, 'utf8'))
    // About 6 s once forge's cache is warm (`pnpm test` builds it first); a cold cache compiles the
    // script first, which takes minutes under solc-js.
  }, 300_000)

  afterAll(async () => {
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('writes every address, distinct and with code where a contract is expected', async () => {
    expect(deployment.chainId).toBe(31337)
    for (const key of ADDRESS_KEYS) expect(isAddress(deployment[key]), key).toBe(true)
    const contracts = ADDRESS_KEYS.filter(
      (key) => !['owner', 'guardian', 'keeper', 'lp', 'trader'].includes(key),
    )
    expect(new Set(contracts.map((key) => deployment[key])).size).toBe(contracts.length)
    for (const key of contracts) {
      const code = await client().getCode({ address: deployment[key] })
      expect(code?.length ?? 0, key).toBeGreaterThan(2)
    }
  })

  it('prices spot at 3,000 through the router', async () => {
    const { priceWad } = await readSpot(client(), { oracle: deployment.spotRouter })
    expect(priceWad).toBe(3_000n * 10n ** 18n)
    const primary = await client().readContract({
      address: deployment.spotRouter,
      abi: spotOracleRouterAbi,
      functionName: 'primary',
    })
    expect(getAddress(primary)).toBe(getAddress(deployment.chainlinkAdapter))
  })

  it('wires the market to the vaults and the router', async () => {
    const read = (functionName: 'callVault' | 'putVault' | 'spotOracle') =>
      client().readContract({ address: deployment.market, abi: marketAbi, functionName })
    expect(getAddress(await read('callVault'))).toBe(getAddress(deployment.callVault))
    expect(getAddress(await read('putVault'))).toBe(getAddress(deployment.putVault))
    expect(getAddress(await read('spotOracle'))).toBe(getAddress(deployment.spotRouter))
  })

  it('has smiles posted for both listed expiries and funded accounts', async () => {
    expect(deployment.expiries).toHaveLength(2)
    for (const expiry of deployment.expiries) {
      expect(expiry % 86_400).toBe(8 * 3_600)
      const [params, updatedAt] = await client().readContract({
        address: deployment.volatilityOracle,
        abi: iVolatilityOracleAbi,
        functionName: 'smile',
        args: [BigInt(expiry)],
      })
      expect(params.b).toBeGreaterThan(0n)
      expect(updatedAt).toBeGreaterThan(0n)
    }
    const balance = await client().readContract({
      address: deployment.quote,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [deployment.trader],
    })
    expect(balance).toBe(3_000_000n * 10n ** 6n)
  })
})
