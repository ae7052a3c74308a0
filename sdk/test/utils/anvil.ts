/**
 * Starts the npm-installed anvil on a free loopback port for integration tests, and stops it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ANVIL_BIN = fileURLToPath(new URL('../../../node_modules/.bin/anvil', import.meta.url))
const STARTUP_TIMEOUT_MS = 20_000

export type Anvil = {
  rpcUrl: `http://${string}`
  stop: () => Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      server.close(() => resolve(address.port))
    })
  })
}

async function waitUntilReady(rpcUrl: string, child: ChildProcess): Promise<void> {
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

/**
 * Starts anvil on 127.0.0.1 with a fresh chain; `stop()` ends it. Contracts may have up to 64 KiB
 * of code unless `args` set `--code-size-limit`: the devnet's portfolio margin engine is above
 * EIP-170's 24 KB.
 */
export async function startAnvil(args: readonly string[] = []): Promise<Anvil> {
  const port = await freePort()
  const limit = args.includes('--code-size-limit') ? [] : ['--code-size-limit', '65536']
  const child = spawn(
    ANVIL_BIN,
    ['--host', '127.0.0.1', '--port', String(port), ...limit, ...args],
    {
      stdio: 'ignore',
    },
  )
  const rpcUrl = `http://127.0.0.1:${port}` as const
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  try {
    await waitUntilReady(rpcUrl, child)
  } catch (error) {
    await stop()
    throw error
  }
  return { rpcUrl, stop }
}
