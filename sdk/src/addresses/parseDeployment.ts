import { type Address, getAddress, isAddress } from 'viem'
import { InvalidDeploymentError } from './errors.js'

/** The contracts and accounts of one deployment, as `script/DeployProtocol.sol` names them. */
const ADDRESS_KEYS = [
  'market',
  'callVault',
  'putVault',
  'marginEngine',
  'spotRouter',
  'chainlinkAdapter',
  'twapAdapter',
  'settlementOracle',
  'volatilityOracle',
  'pricer',
  'coveredCallVault',
  'putSellingVault',
  'base',
  'quote',
  'chainlinkFeed',
  'uniswapPool',
  'owner',
  'guardian',
  'keeper',
] as const

/** The portfolio-margin market's contracts, as `DeployProtocol.serializePortfolio` names them. */
const PORTFOLIO_KEYS = ['market', 'callVault', 'putVault', 'engine'] as const

/**
 * The second market of a deployment, margined by a `PortfolioMarginEngine` (issue #16): its
 * market, its own call and put vaults, and the engine; over the same oracles and pricer as the
 * first market. The local devnet deploys it (`DeployLocal.s.sol`).
 *
 * @example
 * ```ts
 * import type { SmilePortfolioDeployment } from '@smile/sdk'
 *
 * declare const portfolio: SmilePortfolioDeployment
 * portfolio.engine // the PortfolioMarginEngine
 * ```
 */
export type SmilePortfolioDeployment = { [key in (typeof PORTFOLIO_KEYS)[number]]: Address }

/**
 * Where one Smile deployment lives: its chain, the block its deployment started at and the
 * address of every contract and role (checksummed). The fields of the `deployments/<chainId>.json`
 * file the deploy scripts write (`script/Deploy.s.sol`, `script/DeployLocal.s.sol`).
 *
 * @example
 * ```ts
 * import { type SmileDeployment, listExpiries } from '@smile/sdk'
 * import type { Client } from 'viem'
 *
 * declare const client: Client
 * declare const deployment: SmileDeployment
 * // Logs are searched from the deployment's first block, not from genesis.
 * await listExpiries(client, { market: deployment.market, fromBlock: deployment.startBlock })
 * ```
 */
export type SmileDeployment = { [key in (typeof ADDRESS_KEYS)[number]]: Address } & {
  chainId: number
  /** The block the deployment script started at: no Smile event is older. */
  startBlock: bigint
  /** The RPC URL deployed to: written by the local devnet (`pnpm devnet`) only. */
  rpcUrl?: string
  /** The portfolio-margin market, where one is deployed (the devnet's). */
  portfolio?: SmilePortfolioDeployment
}

/**
 * Reads a deployment file's JSON (`deployments/<chainId>.json`, parsed) into a typed, checksummed
 * {@link SmileDeployment}; the fields it does not know (the devnet's test accounts, say) are left
 * out.
 *
 * @throws InvalidDeploymentError when a field is missing or malformed (it names the field).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { parseDeployment } from '@smile/sdk'
 *
 * const devnet = parseDeployment(JSON.parse(readFileSync('deployments/31337.json', 'utf8')))
 * devnet.market // the devnet's OptionMarket
 * devnet.rpcUrl // where `pnpm devnet` runs it
 * ```
 */
export function parseDeployment(json: unknown): SmileDeployment {
  if (typeof json !== 'object' || json === null) throw new InvalidDeploymentError('an object')
  const record = json as Record<string, unknown>
  const { chainId, startBlock, rpcUrl, portfolio } = record
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0)
    throw new InvalidDeploymentError('chainId, a positive integer')
  if (
    !(typeof startBlock === 'number' && Number.isSafeInteger(startBlock) && startBlock >= 0) &&
    !(typeof startBlock === 'string' && /^\d+$/.test(startBlock))
  )
    throw new InvalidDeploymentError('startBlock, a block number')
  if (rpcUrl !== undefined && typeof rpcUrl !== 'string')
    throw new InvalidDeploymentError('rpcUrl, a URL')
  const addresses = {} as Record<(typeof ADDRESS_KEYS)[number], Address>
  for (const key of ADDRESS_KEYS) {
    const value = record[key]
    if (typeof value !== 'string' || !isAddress(value, { strict: false }))
      throw new InvalidDeploymentError(`${key}, an address`)
    addresses[key] = getAddress(value)
  }
  return {
    chainId,
    startBlock: BigInt(startBlock),
    ...addresses,
    ...(rpcUrl === undefined ? {} : { rpcUrl }),
    ...(portfolio === undefined ? {} : { portfolio: parsePortfolio(portfolio) }),
  }
}

/** The `portfolio` object of a deployment file, checksummed. */
function parsePortfolio(json: unknown): SmilePortfolioDeployment {
  if (typeof json !== 'object' || json === null)
    throw new InvalidDeploymentError('portfolio, an object')
  const record = json as Record<string, unknown>
  const addresses = {} as Record<(typeof PORTFOLIO_KEYS)[number], Address>
  for (const key of PORTFOLIO_KEYS) {
    const value = record[key]
    if (typeof value !== 'string' || !isAddress(value, { strict: false }))
      throw new InvalidDeploymentError(`portfolio.${key}, an address`)
    addresses[key] = getAddress(value)
  }
  return addresses
}
