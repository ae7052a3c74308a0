/**
 * The main job (`pnpm start`): starts anvil on a free loopback port, deploys the protocol with
 * `script/DeployLocal.s.sol`, runs the scenario through the SDK with its progress on stdout, writes
 * `reports/scenario.html` and stops anvil — on success, on error and on Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  deployLocal,
  readDeployment,
  scenarioClockStart,
  startAnvil,
  stopOnSignals,
} from '../devnet.mjs'
import { makeScenarioClient } from './client.js'
import { renderReport } from './report.js'
import { type Deployment, runScenario } from './run.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Where the report is written, relative to the root (ignored by git). */
export const REPORT_PATH = 'reports/scenario.html'

async function main(): Promise<void> {
  const started = Date.now()
  const anvil = await startAnvil(undefined, { timestamp: scenarioClockStart() })
  stopOnSignals(anvil.stop)
  try {
    console.log(`anvil on ${anvil.rpcUrl}; deploying the protocol (forge script)…`)
    await deployLocal(anvil.rpcUrl)
    const deployment = readDeployment() as Deployment
    const result = await runScenario({
      client: makeScenarioClient(anvil.rpcUrl),
      deployment,
      log: (line) => console.log(line),
    })
    mkdirSync(`${ROOT}reports`, { recursive: true })
    writeFileSync(`${ROOT}${REPORT_PATH}`, renderReport(result))
    console.log(
      `\nReport: ${REPORT_PATH}. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    )
  } finally {
    anvil.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
