/**
 * Compiled contracts for integration tests: our Forge artifacts (`out/`, built by `forge build`)
 * and the Uniswap v3 artifacts shipped in the npm package `@uniswap/v3-core`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

export type Artifact = { abi: Abi; bytecode: Hex }

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** A contract compiled by forge, e.g. `forgeArtifact('SpotOracleRouter')`. */
export function forgeArtifact(contract: string, file = `${contract}.sol`): Artifact {
  const json = JSON.parse(readFileSync(`${ROOT}out/${file}/${contract}.json`, 'utf8'))
  return { abi: json.abi, bytecode: json.bytecode.object }
}

/** A Uniswap v3 core contract as published on npm: `UniswapV3Factory` or `UniswapV3Pool`. */
export function uniswapArtifact(contract: 'UniswapV3Factory' | 'UniswapV3Pool'): Artifact {
  const path = `${ROOT}node_modules/@uniswap/v3-core/artifacts/contracts/${contract}.sol/${contract}.json`
  const json = JSON.parse(readFileSync(path, 'utf8'))
  return { abi: json.abi, bytecode: json.bytecode }
}
