/** Types of `devnet.mjs`, a plain Node module that `pnpm devnet` also runs on its own. */
import type { ChildProcess } from 'node:child_process'

/** A running anvil: its RPC URL, its process, and `stop()` (idempotent). */
export type DevnetAnvil = { rpcUrl: `http://${string}`; child: ChildProcess; stop: () => void }

/** Bytes of code a devnet contract may have (anvil's `--code-size-limit`): the portfolio margin engine is above EIP-170's 24 KB. */
export const DEVNET_CODE_SIZE_LIMIT: number
/** Starts anvil on 127.0.0.1 (`port`, or a free one), its clock at `timestamp` if given, and resolves once it answers. */
export function startAnvil(port?: number, options?: { timestamp?: number }): Promise<DevnetAnvil>
/** Noon UTC of the current day (seconds): where the scenario's chain clock starts, the same time of day on every run. */
export function scenarioClockStart(nowMs?: number): number
/** Deploys the devnet (`script/DeployLocal.s.sol`) to `rpcUrl`; resolves once the addresses file (with `rpcUrl`) is written. */
export function deployLocal(rpcUrl: string, env?: Record<string, string>): Promise<void>
/** The addresses file of the last deployment, parsed. */
export function readDeployment(env?: Record<string, string>): unknown
/** Stops anvil and exits with 130 on Ctrl-C or SIGTERM. */
export function stopOnSignals(stop: () => void): void
