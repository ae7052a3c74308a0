import type { Address, Client } from 'viem'
import { getBlock, getContractEvents, multicall } from 'viem/actions'
import { marginEngineAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'
import {
  type MarginHealth,
  type MarginPosition,
  marginHealth,
  marginReadErrorsAbi,
  toMarginPosition,
} from './fetchAccount.js'

export type FindLiquidatableAccountsParameters = {
  engine: Address
  /** First block to read the engine's events from: its deployment block (0 when omitted). */
  fromBlock?: bigint
  /** Block to judge the accounts at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * An account below maintenance margin, with what a keeper does about it: `liquidate` (collateral
 * covers the mark: take its shorts over with `planLiquidation` and `buildLiquidate`) or
 * `resolveBadDebt` (collateral below the mark: `buildResolveBadDebt`).
 *
 * @example
 * ```ts
 * import type { LiquidatableAccount } from '@smile/sdk'
 *
 * const line = (a: LiquidatableAccount) => `#${a.accountId} short ${a.shortfallAssets}: ${a.action}`
 * ```
 */
export type LiquidatableAccount = {
  accountId: bigint
  owner: Address
  isCall: boolean
  positions: readonly MarginPosition[]
  /** `marginOf` at the block, with health and status. */
  margin: MarginHealth
  /** mark + MM − collateral, token units (> 0). */
  shortfallAssets: bigint
  action: 'liquidate' | 'resolveBadDebt'
}

export type FindLiquidatableAccountsReturnType = {
  blockNumber: bigint
  timestamp: bigint
  /** Accounts that held positions at some point in the range (written to or took one over). */
  candidates: number
  /** The accounts below MM at the block, the largest shortfall first. */
  accounts: readonly LiquidatableAccount[]
}

/**
 * A keeper's scan: every account that ever held a position (from the engine's `OptionsWritten`
 * and `Liquidated` events since `fromBlock`) is read at one block — positions and `marginOf`, in
 * one batched `eth_call` — and those whose collateral is below mark + MM are returned, the largest
 * shortfall first. On a chain whose RPC limits `eth_getLogs` ranges, scan from a recent block and
 * keep the candidates between runs.
 *
 * @throws ContractRevertError with the oracles' errors when a price is invalid: no account can be
 * liquidated then either.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { findLiquidatableAccounts } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { accounts } = await findLiquidatableAccounts(client, {
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   fromBlock: 21_000_000n,
 * })
 * for (const account of accounts) console.log(account.accountId, account.shortfallAssets, account.action)
 * ```
 */
export async function findLiquidatableAccounts(
  client: Client,
  { engine, fromBlock = 0n, blockNumber }: FindLiquidatableAccountsParameters,
): Promise<FindLiquidatableAccountsReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const events = await getContractEvents(client, {
    address: engine,
    abi: marginEngineAbi,
    fromBlock,
    toBlock: block.number,
  })
  const ids = new Set<bigint>()
  for (const event of events) {
    if (event.eventName === 'OptionsWritten' && event.args.accountId !== undefined)
      ids.add(event.args.accountId)
    if (event.eventName === 'Liquidated' && event.args.liquidatorAccountId !== undefined)
      ids.add(event.args.liquidatorAccountId)
  }
  const candidates = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const contract = { address: engine, abi: marginEngineAbi } as const
  let results: readonly unknown[]
  try {
    results = await multicall(client, {
      contracts: candidates.flatMap((accountId) => [
        { ...contract, functionName: 'accountInfo', args: [accountId] } as const,
        { ...contract, functionName: 'positionsOf', args: [accountId] } as const,
        { ...contract, functionName: 'marginOf', args: [accountId] } as const,
      ]),
      allowFailure: false,
      blockNumber: block.number,
      ...multicallTarget(client),
    })
  } catch (error) {
    throw toContractRevertError(error, marginReadErrorsAbi())
  }
  const accounts = candidates.flatMap((accountId, i): LiquidatableAccount[] => {
    const [owner, isCall] = results[3 * i] as readonly [Address, boolean]
    const positions = results[3 * i + 1] as readonly { id: bigint; size: bigint }[]
    const margin = marginHealth(
      results[3 * i + 2] as {
        collateralAssets: bigint
        markAssets: bigint
        initialMarginAssets: bigint
        maintenanceMarginAssets: bigint
      },
    )
    if (margin.status !== 'liquidatable' && margin.status !== 'insolvent') return []
    return [
      {
        accountId,
        owner,
        isCall,
        positions: positions.map(toMarginPosition),
        margin,
        shortfallAssets: -margin.healthAssets,
        action: margin.status === 'insolvent' ? 'resolveBadDebt' : 'liquidate',
      },
    ]
  })
  accounts.sort((a, b) =>
    a.shortfallAssets === b.shortfallAssets
      ? Number(a.accountId - b.accountId)
      : a.shortfallAssets > b.shortfallAssets
        ? -1
        : 1,
  )
  return {
    blockNumber: block.number,
    timestamp: block.timestamp,
    candidates: candidates.length,
    accounts,
  }
}
