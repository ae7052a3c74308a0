import type { Address, Client } from 'viem'
import { getBlock, getContractEvents, multicall } from 'viem/actions'
import { iVolatilityOracleAbi, optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'
import { type ExpiryStatus, expiryStatus } from './expiryStatus.js'

export type ListExpiriesParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** First block searched for smiles: the deployment's `startBlock` (0 when omitted). */
  fromBlock?: bigint
  /** Block to list at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * One listed expiry: an expiry the volatility keeper posted a smile for (a series trades only on
 * an expiry with a smile).
 *
 * @example
 * ```ts
 * import type { ListedExpiry } from '@smile/sdk'
 *
 * const label = (e: ListedExpiry) => `${new Date(Number(e.expiry) * 1000).toISOString()} ${e.status}`
 * ```
 */
export type ListedExpiry = {
  /** Expiry timestamp, seconds (08:00 UTC). */
  expiry: bigint
  status: ExpiryStatus
  /** Whether the block is inside the market's trading window for this expiry. */
  tradingOpen: boolean
  /** Trading starts at this timestamp, seconds: `expiry − maxTimeToExpirySec`. */
  tradingStartsAt: bigint
  /** Trading stops at this timestamp, seconds: `expiry − minTimeToExpirySec`. */
  tradingEndsAt: bigint
  /** Settlement price, wad of quote per base; 0 until settled. */
  settledPriceWad: bigint
}

export type ListExpiriesReturnType = readonly ListedExpiry[]

/**
 * The market's listed expiries, earliest first: every expiry its volatility oracle posted a smile
 * for (`SmilePosted` events since `fromBlock`), with its status at the block, its trading window
 * and settlement price. Three round trips: the block, one batched `eth_call` for the oracle and the
 * risk parameters, then the logs and settlement prices. On a chain whose RPC limits `eth_getLogs`
 * ranges, pass the deployment's `startBlock` (see `getAddresses`).
 *
 * @throws ContractRevertError when a read reverts (not a market, say).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listExpiries } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const expiries = await listExpiries(client, { market: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * const tradable = expiries.filter((e) => e.tradingOpen).map((e) => e.expiry)
 * ```
 */
export async function listExpiries(
  client: Client,
  { market, fromBlock = 0n, blockNumber }: ListExpiriesParameters,
): Promise<ListExpiriesReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const at = { blockNumber: block.number, ...multicallTarget(client) }
  const contract = { address: market, abi: optionMarketAbi } as const
  try {
    const [volatilityOracle, risk] = await multicall(client, {
      contracts: [
        { ...contract, functionName: 'volatilityOracle' },
        { ...contract, functionName: 'riskParams' },
      ],
      allowFailure: false,
      ...at,
    })
    const posted = await getContractEvents(client, {
      address: volatilityOracle,
      abi: iVolatilityOracleAbi,
      eventName: 'SmilePosted',
      fromBlock,
      toBlock: block.number,
    })
    const expiries = [...new Set(posted.flatMap((log) => log.args.expiry ?? []))].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    const settled = await multicall(client, {
      contracts: expiries.map(
        (expiry) => ({ ...contract, functionName: 'settledPrice', args: [expiry] }) as const,
      ),
      allowFailure: false,
      ...at,
    })
    const minTime = BigInt(risk.minTimeToExpirySec)
    const maxTime = BigInt(risk.maxTimeToExpirySec)
    return expiries.map((expiry, i) => {
      const settledPriceWad = settled[i] ?? 0n
      const timeLeft = expiry - block.timestamp
      return {
        expiry,
        status: expiryStatus(expiry, block.timestamp, settledPriceWad),
        tradingOpen: timeLeft >= minTime && timeLeft <= maxTime,
        tradingStartsAt: expiry - maxTime,
        tradingEndsAt: expiry - minTime,
        settledPriceWad,
      }
    })
  } catch (error) {
    throw toContractRevertError(error, optionMarketAbi)
  }
}
