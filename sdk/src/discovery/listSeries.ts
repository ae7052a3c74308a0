import type { Address, Client } from 'viem'
import { getBlock, getContractEvents, multicall } from 'viem/actions'
import { optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { decodeSeriesId, type Series } from '../math/wad/seriesId.js'
import { multicallTarget } from '../oracle/batch.js'
import { type ExpiryStatus, expiryStatus } from './expiryStatus.js'

export type ListSeriesParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** Only the series of this expiry (seconds); every expiry when omitted. */
  expiry?: bigint
  /** First block searched for trades: the deployment's `startBlock` (0 when omitted). */
  fromBlock?: bigint
  /** Block to list at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * One series the market has traded, with its book at the block.
 *
 * @example
 * ```ts
 * import type { ListedSeries } from '@smile/sdk'
 *
 * const label = (s: ListedSeries) => `${s.type} ${s.strikeWad / 10n ** 18n}: OI ${s.openInterest}`
 * ```
 */
export type ListedSeries = Series & {
  /** The series id (its ERC-6909 token id). */
  id: bigint
  type: 'call' | 'put'
  /** Options outstanding that the vault is short, wad. */
  openInterest: bigint
  /** Options written by margin accounts that the vault is long, wad (0 once settled). */
  written: bigint
  status: ExpiryStatus
  /** Settlement price of the expiry, wad; 0 until settled. */
  settledPriceWad: bigint
}

export type ListSeriesReturnType = readonly ListedSeries[]

/**
 * Every series the market has traded (a `Traded` event since `fromBlock`, a buy, sale, write or
 * buy-back) or holds live (`liveSeries` of both vaults), with open interest, written size, status
 * and settlement price at one block; by expiry, calls before puts, then by strike. A series exists
 * on chain once traded: any strike of three significant digits on a listed expiry can be quoted
 * (see `listExpiries`). Three round trips: the block, then the logs and live lists, then one
 * batched `eth_call` for the books.
 *
 * @throws ContractRevertError when a read reverts (not a market, say).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { listSeries } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const series = await listSeries(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   expiry: 1_798_790_400n,
 * })
 * const open = series.filter((s) => s.status === 'live' && s.openInterest > 0n)
 * ```
 */
export async function listSeries(
  client: Client,
  { market, expiry, fromBlock = 0n, blockNumber }: ListSeriesParameters,
): Promise<ListSeriesReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const at = { blockNumber: block.number, ...multicallTarget(client) }
  const contract = { address: market, abi: optionMarketAbi } as const
  try {
    const [traded, live] = await Promise.all([
      getContractEvents(client, {
        address: market,
        abi: optionMarketAbi,
        eventName: 'Traded',
        fromBlock,
        toBlock: block.number,
      }),
      multicall(client, {
        contracts: [
          { ...contract, functionName: 'liveSeries', args: [true] },
          { ...contract, functionName: 'liveSeries', args: [false] },
        ],
        allowFailure: false,
        ...at,
      }),
    ])
    const ids = [...new Set([...traded.flatMap((log) => log.args.id ?? []), ...live.flat()])]
      .map((id) => ({ id, ...decodeSeriesId(id) }))
      .filter((series) => expiry === undefined || series.expiry === expiry)
      .sort(
        (a, b) =>
          compare(a.expiry, b.expiry) ||
          Number(b.isCall) - Number(a.isCall) ||
          compare(a.strikeWad, b.strikeWad),
      )
    const books = await multicall(client, {
      contracts: ids.flatMap(({ id, expiry }) => [
        { ...contract, functionName: 'openInterest', args: [id] } as const,
        { ...contract, functionName: 'written', args: [id] } as const,
        { ...contract, functionName: 'settledPrice', args: [expiry] } as const,
      ]),
      allowFailure: false,
      ...at,
    })
    return ids.map((series, i) => {
      const settledPriceWad = books[3 * i + 2] ?? 0n
      return {
        ...series,
        type: series.isCall ? 'call' : 'put',
        openInterest: books[3 * i] ?? 0n,
        written: books[3 * i + 1] ?? 0n,
        status: expiryStatus(series.expiry, block.timestamp, settledPriceWad),
        settledPriceWad,
      }
    })
  } catch (error) {
    throw toContractRevertError(error, optionMarketAbi)
  }
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}
