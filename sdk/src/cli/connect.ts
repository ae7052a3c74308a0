import { existsSync, readFileSync } from 'node:fs'
import { type Address, type Client, createPublicClient, http } from 'viem'
import { getBlock, getChainId, getCode } from 'viem/actions'
import { addressBook } from '../addresses/addressBook.js'
import { parseDeployment, type SmileDeployment } from '../addresses/parseDeployment.js'
import { CliError, type CommonOptions, DEFAULT_DEPLOYMENT } from './args.js'

/** Where the CLI falls back to when neither `--rpc-url` nor a deployment file names an RPC. */
export const DEFAULT_RPC_URL = 'http://127.0.0.1:8545'

/**
 * A connection the commands read through: the client, the RPC URL it uses, the chain, the market
 * and the block its logs are searched from.
 *
 * @example
 * ```ts
 * import type { Connection } from './connect.js'
 *
 * declare const connection: Connection
 * connection.market // the OptionMarket the command reads
 * ```
 */
export type Connection = {
  client: Client
  rpcUrl: string
  chainId: number
  market: Address
  /** First block of the market's deployment when known (0 otherwise): where logs are searched from. */
  fromBlock: bigint
  /** Latest block's timestamp, seconds: the chain's "now". */
  timestamp: bigint
}

/**
 * Connects as the options say: the RPC (`--rpc-url`, else the deployment file's, else
 * http://127.0.0.1:8545), whose chain must answer; the market (`--market`, else the deployment
 * file's when it is of that chain, else the address book's), which must have code there.
 *
 * @throws CliError `cannot reach RPC at <url>`, `no Smile market known on chain <id>`, `no
 * contract at <market> on chain <id>`, or a deployment file given with `--deployment` that is
 * missing or malformed.
 * @example
 * ```ts
 * const { client, market } = await connect({ deploymentPath: 'deployments/31337.json', json: false })
 * ```
 */
export async function connect(options: CommonOptions): Promise<Connection> {
  const deployment = readDeploymentFile(options.deploymentPath)
  const rpcUrl = options.rpcUrl ?? deployment?.rpcUrl ?? DEFAULT_RPC_URL
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 15_000 }) })
  let chainId: number
  try {
    chainId = await getChainId(client)
  } catch (error) {
    throw new CliError(`cannot reach RPC at ${rpcUrl}`, { cause: error })
  }
  const known = [deployment, addressBook[chainId]].find((d) => d?.chainId === chainId)
  const market = options.market ?? known?.market
  if (market === undefined)
    throw new CliError(
      `no Smile market known on chain ${chainId} (RPC ${rpcUrl}): pass --market, or start the devnet with pnpm devnet`,
    )
  const [code, block] = await Promise.all([getCode(client, { address: market }), getBlock(client)])
  if (code === undefined || code === '0x')
    throw new CliError(`no contract at ${market} on chain ${chainId} (RPC ${rpcUrl})`)
  const fromBlock = known !== undefined && known.market === market ? known.startBlock : 0n
  return { client, rpcUrl, chainId, market, fromBlock, timestamp: block.timestamp }
}

/** The deployment file at `path`, or undefined when the default one does not exist. */
function readDeploymentFile(path: string): SmileDeployment | undefined {
  if (!existsSync(path)) {
    if (path === DEFAULT_DEPLOYMENT) return undefined
    throw new CliError(`no deployment file at ${path}`, { exitCode: 2 })
  }
  try {
    return parseDeployment(JSON.parse(readFileSync(path, 'utf8')))
  } catch (error) {
    throw new CliError(`${path} is not a deployment file: ${(error as Error).message}`, {
      exitCode: 2,
      cause: error,
    })
  }
}
