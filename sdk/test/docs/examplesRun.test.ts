/**
 * The examples in `examples/` run as users run them: a process of their own against the devnet
 * (`script/DeployLocal.s.sol` on anvil, its clock at noon UTC so the listed expiries are live),
 * configured only by `SMILE_DEPLOYMENT` (the RPC URL is the one the deployment file records).
 * Each must exit 0, and what it claims to have done must be on the chain.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Address, createPublicClient, erc20Abi, http } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type DevnetAnvil,
  deployLocal,
  readDeployment,
  scenarioClockStart,
  startAnvil,
} from '../../../script/devnet.mjs'
import { collateralVaultAbi } from '../../src/abi/generated.js'
import { fetchPosition } from '../../src/market/fetchPosition.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SDK = fileURLToPath(new URL('../../', import.meta.url))
const OUT = 'deployments/31337.examples.json'
const WAD = 10n ** 18n

type Deployment = {
  market: Address
  callVault: Address
  putVault: Address
  base: Address
  lp: Address
  trader: Address
}

/** Runs `examples/<name>.ts` with tsx and the examples' tsconfig; returns its last stdout line, parsed. */
function runExample(name: string): Record<string, unknown> {
  const { RPC_URL: _ignored, ...env } = process.env
  const result = spawnSync(
    process.execPath,
    [
      `${SDK}node_modules/tsx/dist/cli.mjs`,
      '--tsconfig',
      'examples/tsconfig.json',
      `examples/${name}.ts`,
    ],
    {
      cwd: SDK,
      encoding: 'utf8',
      env: { ...env, SMILE_DEPLOYMENT: `${ROOT}${OUT}` },
      timeout: 120_000,
    },
  )
  expect(result.stderr, `${name} wrote to stderr`).toBe('')
  expect(result.status, `${name} exited with ${result.status}`).toBe(0)
  const lines = result.stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1] ?? '{}')
}

describe('examples/ on the devnet', () => {
  let anvil: DevnetAnvil
  let d: Deployment
  let client: ReturnType<typeof createPublicClient>

  beforeAll(async () => {
    anvil = await startAnvil(undefined, { timestamp: scenarioClockStart() })
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    d = readDeployment({ DEPLOYMENT_OUT: OUT }) as Deployment
    client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) })
  }, 240_000)

  afterAll(() => {
    anvil?.stop()
    rmSync(`${ROOT}${OUT}`, { force: true })
  })

  it('provideLiquidity deposits into both vaults and gets their shares', async () => {
    const out = runExample('provideLiquidity')
    for (const [vault, key] of [
      [d.callVault, 'callShares'],
      [d.putVault, 'putShares'],
    ] as const) {
      const shares = await client.readContract({
        address: vault,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [d.lp],
      })
      expect(shares).toBeGreaterThan(0n)
      expect(BigInt(out[key] as string)).toBe(shares)
    }
  }, 180_000)

  it('buyACall buys one call at the strike nearest the spot, within its slippage bound', async () => {
    const balance = () =>
      client.readContract({
        address: d.base,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [d.trader],
      })
    const before = await balance()
    const out = runExample('buyACall')
    const paid = before - (await balance())
    expect(out.status).toBe('success')
    const id = encodeSeriesId({
      expiry: BigInt(out.expiry as number),
      strikeWad: BigInt(out.strike as number) * WAD,
      isCall: true,
    })
    expect(await fetchPosition(client, { market: d.market, owner: d.trader, id })).toBe(WAD)
    const quoted = BigInt(out.quotedPremiumAssets as string)
    expect(paid).toBeGreaterThan(0n)
    expect(paid * 100n).toBeLessThanOrEqual(quoted * 101n)
  }, 180_000)

  it('lpExit requests the exit of half the put shares, pending for the exit notice', async () => {
    const out = runExample('lpExit')
    const shares = BigInt(out.shares as string)
    expect(shares).toBeGreaterThan(0n)
    expect(out.status).toBe('pending')
    const notice = await client.readContract({
      address: d.putVault,
      abi: collateralVaultAbi,
      functionName: 'exitNotice',
    })
    expect(BigInt(out.secondsLeft as number)).toBe(notice)
    const pending = await client.readContract({
      address: d.putVault,
      abi: collateralVaultAbi,
      functionName: 'pendingRedeemRequest',
      args: [0n, d.lp],
    })
    expect(pending).toBe(shares)
  }, 180_000)
})
