#!/usr/bin/env node
// Writes the @smile/contracts package's artifacts (contracts/artifacts/<Name>.json: ABI, bytecode,
// deployed bytecode) from what `forge build` left in out/, for every contract, interface and
// library compiled from contracts/. Run by the package's `prepack`; the artifacts are generated,
// never committed. Fails when out/ has none (run `pnpm forge build` first).
//   node tools/contractsArtifacts.mjs
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const OUT = `${ROOT}out`
const ARTIFACTS = `${ROOT}contracts/artifacts`

rmSync(ARTIFACTS, { recursive: true, force: true })
mkdirSync(ARTIFACTS)
let written = 0
for (const folder of readdirSync(OUT, { withFileTypes: true })) {
  if (!folder.isDirectory() || !folder.name.endsWith('.sol')) continue
  for (const file of readdirSync(`${OUT}/${folder.name}`)) {
    const artifact = JSON.parse(readFileSync(`${OUT}/${folder.name}/${file}`, 'utf8'))
    const target = artifact.metadata?.settings?.compilationTarget ?? {}
    const [[sourceName, contractName] = []] = Object.entries(target)
    if (!sourceName?.startsWith('contracts/') || `${contractName}.json` !== file) continue
    if (artifact.abi.length === 0 && artifact.bytecode.object === '0x') continue
    const packaged = {
      contractName,
      sourceName,
      abi: artifact.abi,
      bytecode: artifact.bytecode.object,
      deployedBytecode: artifact.deployedBytecode.object,
      linkReferences: artifact.bytecode.linkReferences,
    }
    writeFileSync(`${ARTIFACTS}/${contractName}.json`, `${JSON.stringify(packaged, null, 2)}\n`)
    written++
  }
}
if (written === 0) {
  console.error(
    'tools/contractsArtifacts.mjs: no artifacts of contracts/ in out/; run `pnpm forge build` first',
  )
  process.exit(1)
}
console.log(`contracts/artifacts: ${written} artifacts`)
