#!/usr/bin/env node
// Runs a Foundry binary (forge, anvil) from its npm platform package and exits with ITS exit code.
// The npm wrappers (`@foundry-rs/forge/bin.mjs`) spawn the binary but exit 0 whatever it returns,
// so a failing `forge test` would pass CI through them.
//   node tools/foundry.mjs forge test ...
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const [tool, ...args] = process.argv.slice(2)
if (tool !== 'forge' && tool !== 'anvil') {
  console.error('usage: node tools/foundry.mjs forge|anvil [args...]')
  process.exit(2)
}
const arch = process.arch === 'x64' ? 'amd64' : process.arch
const platformPackage = `@foundry-rs/${tool}-${process.platform}-${arch}`
const binary = `${tool}${process.platform === 'win32' ? '.exe' : ''}`
// The platform package is a dependency of the wrapper package, not of the project (pnpm is strict).
const requireFromWrapper = createRequire(
  createRequire(import.meta.url).resolve(`@foundry-rs/${tool}/package.json`),
)
const path = requireFromWrapper.resolve(`${platformPackage}/bin/${binary}`)
const result = spawnSync(path, args, { stdio: 'inherit' })
if (result.error) throw result.error
if (result.signal) process.kill(process.pid, result.signal)
process.exit(result.status ?? 1)
