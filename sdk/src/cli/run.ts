import { BaseError } from 'viem'
import { ContractRevertError } from '../errors/contractRevert.js'
import { CliError, DEFAULT_DEPLOYMENT, parseArgs } from './args.js'
import { runExpiries, runQuote, runSeries } from './commands.js'
import { DEFAULT_RPC_URL } from './connect.js'

/** `smile --help`. */
export const USAGE = `usage: smile <command> [options] [--json]

  smile quote --strike 3200 --expiry 2026-12-25 --type call|put [--size 1] [--side buy|sell] [--pair WETH/USDC]
      the premium, fee, volatilities and Greeks of a trade at the latest block, to the wei
  smile expiries
      the listed expiries (those with a smile), their status and trading window
  smile series [--expiry E]
      the series traded, with open interest, written size and status

  --expiry      2026-12-25 (08:00 UTC that day), a unix timestamp, or +2d / +12h / +1w: the first
                listed expiry at or after the chain's time plus that
  --rpc-url     the RPC (default: the deployment file's rpcUrl, else ${DEFAULT_RPC_URL})
  --market      the OptionMarket (default: the deployment file's, else the address book's for the chain)
  --deployment  a deployment file (default: ${DEFAULT_DEPLOYMENT}, written by pnpm devnet)
  --json        print JSON, amounts as exact decimal strings`

/**
 * Where the CLI writes: standard output and standard error, one call per line.
 *
 * @example
 * ```ts
 * import type { CliIo } from './run.js'
 *
 * const lines: string[] = []
 * const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) }
 * ```
 */
export type CliIo = { out: (line: string) => void; err: (line: string) => void }

/**
 * Runs `smile <argv>`: prints the command's output, or ONE line `smile: <what is wrong>` on
 * standard error, and resolves the exit code (0, 1 when the chain or the RPC says no, 2 for a
 * malformed command line).
 *
 * @example
 * ```ts
 * const code = await runCli(['expiries', '--json'])
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { out: console.log, err: console.error },
): Promise<number> {
  try {
    const command = parseArgs(argv)
    if (command.name === 'help') {
      io.out(USAGE)
      return 0
    }
    const output =
      command.name === 'quote'
        ? await runQuote(command)
        : command.name === 'series'
          ? await runSeries(command)
          : await runExpiries(command)
    io.out(command.json ? JSON.stringify(output.json, null, 2) : output.text)
    return 0
  } catch (error) {
    io.err(`smile: ${describeError(error)}`)
    return error instanceof CliError ? error.exitCode : 1
  }
}

/** One line for any error: what the CLI, the contract or viem said, never a stack or calldata. */
function describeError(error: unknown): string {
  if (error instanceof CliError) return error.shortMessage
  if (error instanceof ContractRevertError) return `the chain refused: ${error.shortMessage}`
  if (error instanceof BaseError) return error.shortMessage
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}
