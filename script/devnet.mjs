#!/usr/bin/env node
/**
 * Local devnet: starts the npm-installed anvil on loopback port 8545 when it is free (else on a free port),
 * deploys the protocol with `script/DeployLocal.s.sol` from anvil's first default account, prints the deployed
 * addresses and keeps anvil running until Ctrl-C. anvil is stopped on exit, on SIGINT/SIGTERM and on any error.
 *
 * Usage: `pnpm devnet` (env: `DEVNET_PORT` to pick the port, `DEVNET_EXIT=1` to stop after deploying);
 * `pnpm devnet --rpc-url <url>` deploys to an anvil that is already running and exits. The addresses are
 * written to `deployments/31337.json`, or to `DEPLOYMENT_OUT` (a path under `deployments/`), with the RPC URL
 * deployed to as `rpcUrl` (the `smile` CLI's default RPC; `parseDeployment` in the SDK reads the file).
 */
import { spawn } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIN = `${ROOT}node_modules/.bin/`
/** anvil's first default account (mnemonic `test … junk`), public knowledge: devnet only. */
const ANVIL_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const STARTUP_TIMEOUT_MS = 20_000
/** The port `pnpm devnet` prefers: the usual local RPC port, the `smile` CLI's fallback. */
const DEVNET_DEFAULT_PORT = 8545
/** Bytes of code a devnet contract may have: the portfolio margin engine's ~26 KB are above EIP-170's 24 KB. */
export const DEVNET_CODE_SIZE_LIMIT = 65_536

/** Listens on `port` of 127.0.0.1 (0: any) and resolves the port that was bound, once released. */
function bindPort(port) {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const bound = server.address().port
      server.close(() => resolve(bound))
    })
  })
}

const freePort = () => bindPort(0)

/** `port` when it can be bound on 127.0.0.1, else a free port. */
const portOrFree = (port) => bindPort(port).catch(() => freePort())

async function waitUntilReady(rpcUrl, child) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}`)
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`anvil did not answer on ${rpcUrl} within ${STARTUP_TIMEOUT_MS} ms`)
}

/** Where DeployLocal writes the addresses (its `deploymentPath()`), relative to the root. */
const deploymentOut = (env = {}) =>
  env.DEPLOYMENT_OUT ?? process.env.DEPLOYMENT_OUT ?? 'deployments/31337.json'

/**
 * Runs `forge script script/DeployLocal.s.sol` against `rpcUrl` (through tools/foundry.mjs, which keeps forge's
 * exit code); resolves when it exited 0 and wrote the addresses file during this run, to which it adds `rpcUrl`.
 */
export function deployLocal(rpcUrl, env = {}) {
  const startedMs = Date.now()
  const args = [
    'script',
    'script/DeployLocal.s.sol',
    '--rpc-url',
    rpcUrl,
    '--broadcast',
    '--private-key',
    ANVIL_KEY_0,
    '--non-interactive',
    // The portfolio margin engine is above EIP-170's 24 KB (its market is the devnet's second).
    '--disable-code-size-limit',
  ]
  return new Promise((resolve, reject) => {
    const forge = spawn(process.execPath, [`${ROOT}tools/foundry.mjs`, 'forge', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    })
    forge.once('error', reject)
    forge.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`forge script exited with code ${code}`))
      const written = statSync(`${ROOT}${deploymentOut(env)}`, { throwIfNoEntry: false })
      if (written === undefined || written.mtimeMs < startedMs - 1_000) {
        return reject(
          new Error(`forge script did not write ${deploymentOut(env)}; see its output above`),
        )
      }
      const path = `${ROOT}${deploymentOut(env)}`
      writeFileSync(path, `${JSON.stringify({ ...readDeployment(env), rpcUrl }, null, 2)}\n`)
      resolve()
    })
  })
}

/**
 * Starts the npm-installed anvil on 127.0.0.1 (`port`, or a free one) with a fresh chain, contracts up to
 * `DEVNET_CODE_SIZE_LIMIT` bytes, and resolves once it
 * answers; its clock starts at `timestamp` (seconds) when given, else at the wall clock. `stop()` ends it; it is
 * also called when the process exits.
 */
export async function startAnvil(port, { timestamp } = {}) {
  const chosen = port ?? (await freePort())
  const rpcUrl = `http://127.0.0.1:${chosen}`
  const clock = timestamp === undefined ? [] : ['--timestamp', String(timestamp)]
  // DEVNET_CODE_SIZE_LIMIT: the portfolio margin engine (~26 KB) is above EIP-170's 24 KB.
  const limit = ['--code-size-limit', String(DEVNET_CODE_SIZE_LIMIT)]
  const args = ['--host', '127.0.0.1', '--port', String(chosen), ...limit, ...clock]
  const child = spawn(`${BIN}anvil`, args, {
    stdio: 'ignore',
  })
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM')
  }
  process.once('exit', stop)
  try {
    await waitUntilReady(rpcUrl, child)
  } catch (error) {
    stop()
    throw error
  }
  return { rpcUrl, child, stop }
}

/**
 * Noon UTC of the current day, in seconds: where the scenario's chain clock starts, so that its times of day are
 * the same on every run. DeployLocal posts smiles for the expiry a strategy round started at the deployment ends on
 * (the first 08:00 UTC a day ahead); a round started later takes the next day's once an 08:00 UTC passes a day
 * after the deployment, and finds no smile there (a wall-clock chain deployed at 07:59 UTC, a round a minute
 * later). From noon that is 20 hours away.
 */
export function scenarioClockStart(nowMs = Date.now()) {
  const now = Math.floor(nowMs / 1000)
  return now - (now % 86_400) + 43_200
}

/** The addresses file DeployLocal wrote (see `deployLocal`), parsed. */
export function readDeployment(env = {}) {
  return JSON.parse(readFileSync(`${ROOT}${deploymentOut(env)}`, 'utf8'))
}

/** Stops anvil and exits with 130 on Ctrl-C or SIGTERM. */
export function stopOnSignals(stop) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop()
      process.exit(130)
    })
  }
}

function printDeployment(rpcUrl) {
  const deployment = readDeployment()
  console.log(
    `\nSmile devnet on ${rpcUrl} (chain ${deployment.chainId}), addresses in ${deploymentOut()}`,
  )
  console.table(deployment)
}

async function main() {
  const rpcFlag = process.argv.indexOf('--rpc-url')
  if (rpcFlag !== -1) {
    const rpcUrl = process.argv[rpcFlag + 1]
    await deployLocal(rpcUrl)
    return printDeployment(rpcUrl)
  }
  const anvil = await startAnvil(
    process.env.DEVNET_PORT
      ? Number(process.env.DEVNET_PORT)
      : await portOrFree(DEVNET_DEFAULT_PORT),
  )
  stopOnSignals(anvil.stop)
  try {
    await deployLocal(anvil.rpcUrl)
    printDeployment(anvil.rpcUrl)
    if (process.env.DEVNET_EXIT === '1') return anvil.stop()
    console.log('anvil keeps running; Ctrl-C stops it.')
    await new Promise((resolve) => anvil.child.once('exit', resolve))
  } catch (error) {
    anvil.stop()
    console.error(error)
    process.exitCode = 1
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
