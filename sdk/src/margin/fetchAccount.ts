import type { Abi, Address, Client } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import { marginEngineAbi, optionPricerAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { decodeSeriesId, type Series } from '../math/wad/seriesId.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'

export type FetchAccountParameters = {
  /** The `MarginEngine`. */
  engine: Address
  /** The account (ids start at 1). */
  accountId: bigint
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * One short position of a margin account: `size` options (wad) of series `id`, decoded.
 *
 * @example
 * ```ts
 * import type { MarginPosition } from '@smile/sdk'
 *
 * const describe = ({ series, size }: MarginPosition) =>
 *   `${size} short ${series.isCall ? 'calls' : 'puts'} at ${series.strikeWad}, expiring ${series.expiry}`
 * ```
 */
export type MarginPosition = { id: bigint; series: Series; size: bigint }

/**
 * An account's margin in token units of its collateral, as `IMarginEngine.Margin`.
 *
 * @example
 * ```ts
 * import type { MarginFigures } from '@smile/sdk'
 *
 * const equity = (m: MarginFigures) => m.collateralAssets - m.markAssets
 * ```
 */
export type MarginFigures = {
  collateralAssets: bigint
  /** Mark of the shorts, rounded up. */
  markAssets: bigint
  initialMarginAssets: bigint
  maintenanceMarginAssets: bigint
}

/**
 * Where an account stands, from the engine's rules: `insolvent` when its collateral is below its
 * mark (its bad debt can be resolved, it cannot be liquidated), `liquidatable` below mark + MM,
 * `belowInitial` below mark + IM (it may not add risk or withdraw), `healthy` otherwise.
 *
 * @example
 * ```ts
 * import type { MarginStatus } from '@smile/sdk'
 *
 * const needsKeeper = (status: MarginStatus) => status === 'liquidatable' || status === 'insolvent'
 * ```
 */
export type MarginStatus = 'healthy' | 'belowInitial' | 'liquidatable' | 'insolvent'

/**
 * Margin figures with what follows from them, signed token units.
 *
 * @example
 * ```ts
 * import type { MarginHealth } from '@smile/sdk'
 *
 * const withdrawable = (m: MarginHealth) => (m.initialHealthAssets > 0n ? m.initialHealthAssets : 0n)
 * ```
 */
export type MarginHealth = MarginFigures & {
  /** Collateral − mark. */
  equityAssets: bigint
  /** Equity − MM: negative when the account can be liquidated. */
  healthAssets: bigint
  /** Equity − IM: what may be withdrawn when positive. */
  initialHealthAssets: bigint
  status: MarginStatus
}

export type FetchAccountReturnType = {
  engine: Address
  accountId: bigint
  owner: Address
  /** Collateralised in base, writing calls (true), or in quote, writing puts (false). */
  isCall: boolean
  positions: readonly MarginPosition[]
  /** `marginOf` at the block, with equity, health and status. */
  margin: MarginHealth
  blockNumber: bigint
  timestamp: bigint
}

/**
 * Every error reading an account can revert with: the engine's, the oracles' and the pricer's
 * (built on the error path only, see {@link oracleErrorsAbi}).
 */
export function marginReadErrorsAbi(): Abi {
  return [...marginEngineAbi, ...oracleErrorsAbi(), ...optionPricerAbi]
}

/**
 * Reads a margin account at one block in one batched `eth_call`: owner, side, positions (series
 * decoded) and the engine's own `marginOf` (collateral, mark, IM, MM), with equity, health and
 * status derived from them.
 *
 * @throws ContractRevertError `AccountNotFound` for an id never opened, or the oracles' errors
 * (`StalePrice`, `StaleSmile`, ...) when the account has positions and a price is invalid.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchAccount } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const account = await fetchAccount(client, {
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 * })
 * if (account.margin.status === 'liquidatable') console.log(account.margin.healthAssets)
 * ```
 */
export async function fetchAccount(
  client: Client,
  { engine, accountId, blockNumber }: FetchAccountParameters,
): Promise<FetchAccountReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const contract = { address: engine, abi: marginEngineAbi } as const
  try {
    const [[owner, isCall], positions, margin] = await multicall(client, {
      contracts: [
        { ...contract, functionName: 'accountInfo', args: [accountId] },
        { ...contract, functionName: 'positionsOf', args: [accountId] },
        { ...contract, functionName: 'marginOf', args: [accountId] },
      ],
      allowFailure: false,
      blockNumber: block.number,
      ...multicallTarget(client),
    })
    return {
      engine,
      accountId,
      owner,
      isCall,
      positions: positions.map(toMarginPosition),
      margin: marginHealth(margin),
      blockNumber: block.number,
      timestamp: block.timestamp,
    }
  } catch (error) {
    throw toContractRevertError(error, marginReadErrorsAbi())
  }
}

/** A position as `positionsOf` returns it, decoded. */
export function toMarginPosition({ id, size }: { id: bigint; size: bigint }): MarginPosition {
  return { id, series: decodeSeriesId(id), size }
}

/**
 * Equity, health and status of margin figures, by the engine's rules: liquidatable when
 * collateral < mark + MM but ≥ mark, insolvent below the mark.
 *
 * @example
 * ```ts
 * import { marginHealth } from '@smile/sdk'
 *
 * const health = marginHealth({
 *   collateralAssets: 1_000n,
 *   markAssets: 600n,
 *   initialMarginAssets: 500n,
 *   maintenanceMarginAssets: 400n,
 * })
 * health.status // 'belowInitial': it covers mark + MM (1,000) but not mark + IM (1,100)
 * ```
 */
export function marginHealth(figures: MarginFigures): MarginHealth {
  const { collateralAssets, markAssets, initialMarginAssets, maintenanceMarginAssets } = figures
  const equityAssets = collateralAssets - markAssets
  const healthAssets = equityAssets - maintenanceMarginAssets
  const initialHealthAssets = equityAssets - initialMarginAssets
  const status: MarginStatus =
    equityAssets < 0n
      ? 'insolvent'
      : healthAssets < 0n
        ? 'liquidatable'
        : initialHealthAssets < 0n
          ? 'belowInitial'
          : 'healthy'
  return {
    collateralAssets,
    markAssets,
    initialMarginAssets,
    maintenanceMarginAssets,
    equityAssets,
    healthAssets,
    initialHealthAssets,
    status,
  }
}
