import { type Address, type Client, type ContractFunctionParameters, erc20Abi } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import {
  collateralVaultAbi,
  iSpotOracleAbi,
  iVolatilityOracleAbi,
  optionMarketAbi,
} from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { type FetchMarketReturnType, fetchMarket, type MarketSide } from '../market/fetchMarket.js'
import type { TradeState } from '../market/fetchTradeState.js'
import { optionMarkWad, payoffWad } from '../math/wad/optionValuation.js'
import { decodeSeriesId, type Series } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { vaultSharesToAssets } from '../vault/exitMath.js'
import { type ExpiryStatus, expiryStatus } from './expiryStatus.js'

/** What the snapshot reads of each vault, in this order (after spot, before the expiries). */
const VAULT_READS = [
  'totalAssets',
  'totalSupply',
  'decimals',
  'marks',
  'freeAssets',
  'paused',
] as const

export type FetchMarketSnapshotParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** The series to include: ids from `listSeries` (or `encodeSeriesId`). */
  ids: readonly bigint[]
  /** The market's configuration (`fetchMarket`); read first when omitted (two more round trips). */
  config?: FetchMarketReturnType
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * One collateral vault in a snapshot, token units of its asset.
 *
 * @example
 * ```ts
 * import type { SnapshotVault } from '@smile/sdk'
 *
 * const utilisation = (v: SnapshotVault) => Number(v.encumberedAssets) / Number(v.heldAssets)
 * ```
 */
export type SnapshotVault = MarketSide & {
  /** NAV: held + longs − mark. */
  totalAssets: bigint
  /** Shares outstanding. */
  totalSupply: bigint
  /** Assets one whole share is worth at the NAV. */
  sharePrice: bigint
  /** Assets the vault holds. */
  heldAssets: bigint
  /** Mark of the options it is short plus the payoffs it owes holders (rounded up). */
  markAssets: bigint
  /** Locked for the options it is short plus reserved for payoffs. */
  encumberedAssets: bigint
  /** Mark of the options margin accounts wrote to it plus the payoffs they owe it. */
  longAssets: bigint
  /** Held − encumbered: what LPs' exits and new sales can use. */
  freeAssets: bigint
  paused: boolean
}

/**
 * One expiry in a snapshot.
 *
 * @example
 * ```ts
 * import type { SnapshotExpiry } from '@smile/sdk'
 *
 * const quotable = (e: SnapshotExpiry) => e.status === 'live' && e.smile !== undefined
 * ```
 */
export type SnapshotExpiry = {
  /** Expiry timestamp, seconds. */
  expiry: bigint
  status: ExpiryStatus
  /** Settlement price, wad; 0 until settled. */
  settledPriceWad: bigint
  /** The smile the market prices with; undefined when its oracle refuses it (expired, stale). */
  smile?: SviParamsWad
  /** When the smile was posted, seconds (with `smile`). */
  smileUpdatedAt?: bigint
  /** E: each vault's net short vega for the expiry, signed wad of collateral per 1.0 of vol. */
  inventoryWad: { call: bigint; put: bigint }
}

/**
 * One series in a snapshot: its book, its mark, and when it can be quoted the state `quoteBuy` /
 * `quoteSell` take (no further read).
 *
 * @example
 * ```ts
 * import { type SnapshotSeries, quoteBuy } from '@smile/sdk'
 *
 * const ask = (s: SnapshotSeries) => s.state && quoteBuy(s.state, { size: 10n ** 18n }).premiumAssets
 * ```
 */
export type SnapshotSeries = Series & {
  id: bigint
  type: 'call' | 'put'
  /** Options outstanding that the vault is short, wad. */
  openInterest: bigint
  /** Options written by margin accounts that the vault is long, wad. */
  written: bigint
  status: ExpiryStatus
  /**
   * Value of one option as the vault marks it (`optionMarkWad`), wad of collateral: on the smile
   * while live, the intrinsic value at spot once expired, the payoff once settled; undefined for a
   * live series whose smile the oracle refuses.
   */
  markWad?: bigint
  /** What a quote of the series at the snapshot's block needs; only for a live series with a smile. */
  state?: TradeState
}

export type FetchMarketSnapshotReturnType = {
  market: Address
  config: FetchMarketReturnType
  blockNumber: bigint
  timestamp: bigint
  /** Spot from the market's spot oracle, wad of quote per base, and its observation time (seconds). */
  spot: { priceWad: bigint; updatedAt: bigint }
  vaults: { call: SnapshotVault; put: SnapshotVault }
  /** The expiries of the series asked for, earliest first. */
  expiries: readonly SnapshotExpiry[]
  /** The series asked for, in the order given. */
  series: readonly SnapshotSeries[]
}

/**
 * What a board of the market shows, in ONE batched `eth_call` pinned to one block (after the
 * block's header): spot, both vaults' NAV, supply, marks, locked and free assets, and for the
 * series given (from `listSeries`) their expiry's smile, inventory and settlement price, open
 * interest and written size; from those, each series' mark and, while it trades, the `TradeState`
 * that `quoteBuy`/`quoteSell` price to the wei. Pass `config` (`fetchMarket`) to keep it to that
 * one call on every refresh.
 *
 * @throws ContractRevertError when a read other than a smile reverts: an oracle that refuses to
 * price spot (`StalePrice`, ...) or to mark the vaults.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchMarket, fetchMarketSnapshot, listSeries, quoteBuy } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const market = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 * const [config, listed] = await Promise.all([fetchMarket(client, { market }), listSeries(client, { market })])
 * const ids = listed.filter((s) => s.status === 'live').map((s) => s.id)
 * const snapshot = await fetchMarketSnapshot(client, { market, ids, config }) // one eth_call
 * for (const s of snapshot.series)
 *   if (s.state) console.log(s.type, s.strikeWad, quoteBuy(s.state, { size: 10n ** 18n }).premiumAssets)
 * ```
 */
export async function fetchMarketSnapshot(
  client: Client,
  { market, ids, config, blockNumber }: FetchMarketSnapshotParameters,
): Promise<FetchMarketSnapshotReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const marketConfig = config ?? (await fetchMarket(client, { market, blockNumber: block.number }))
  const series = ids.map((id) => ({ id, ...decodeSeriesId(id) }))
  const expiries = [...new Set(series.map((s) => s.expiry))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  const contract = { address: market, abi: optionMarketAbi } as const
  const vaultReads = (vault: Address) =>
    VAULT_READS.map(
      (functionName) => ({ address: vault, abi: collateralVaultAbi, functionName }) as const,
    )
  // Reads of several contracts with several ABIs: typed one by one, decoded by position below.
  const contracts: readonly ContractFunctionParameters[] = [
    { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spot' } as const,
    ...vaultReads(marketConfig.call.vault),
    ...vaultReads(marketConfig.put.vault),
    ...expiries.flatMap((expiry) => [
      {
        address: marketConfig.volatilityOracle,
        abi: iVolatilityOracleAbi,
        functionName: 'smile',
        args: [expiry],
      } as const,
      { ...contract, functionName: 'inventory', args: [true, expiry] } as const,
      { ...contract, functionName: 'inventory', args: [false, expiry] } as const,
      { ...contract, functionName: 'settledPrice', args: [expiry] } as const,
    ]),
    ...series.flatMap(({ id }) => [
      { ...contract, functionName: 'openInterest', args: [id] } as const,
      { ...contract, functionName: 'written', args: [id] } as const,
    ]),
    // What the quotes check after pricing, as `fetchTradeState` reads it.
    { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spotRange' } as const,
    {
      address: marketConfig.volatilityOracle,
      abi: iVolatilityOracleAbi,
      functionName: 'maxStaleness',
    } as const,
    ...[marketConfig.call, marketConfig.put].flatMap((side, i) => [
      {
        address: side.asset,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [side.vault],
      } as const,
      { ...contract, functionName: 'lockedAssets', args: [i === 0] } as const,
      { ...contract, functionName: 'reservedAssets', args: [i === 0] } as const,
      { ...contract, functionName: 'liveSeries', args: [i === 0] } as const,
    ]),
  ]
  const results = await multicall(client, {
    contracts,
    allowFailure: true,
    blockNumber: block.number,
    ...multicallTarget(client),
  })
  /** The i-th result; a revert is thrown unless `optional`, which makes it undefined. */
  const read = <T>(i: number, optional = false): T | undefined => {
    const result = results[i]
    if (result?.status === 'success') return result.result as T
    if (optional) return undefined
    throw toContractRevertError(result?.error, [
      ...oracleErrorsAbi(),
      ...optionMarketAbi,
      ...collateralVaultAbi,
    ])
  }
  const required = <T>(i: number): T => read<T>(i) as T

  const [priceWad, updatedAt] = required<readonly [bigint, bigint]>(0)
  const vault = (side: MarketSide, first: number): SnapshotVault => {
    const totalAssets = required<bigint>(first)
    const totalSupply = required<bigint>(first + 1)
    const marks = required<{ held: bigint; mark: bigint; encumbered: bigint; longs: bigint }>(
      first + 3,
    )
    return {
      ...side,
      totalAssets,
      totalSupply,
      sharePrice: vaultSharesToAssets(
        10n ** BigInt(required<number>(first + 2)),
        totalAssets,
        totalSupply,
      ),
      heldAssets: marks.held,
      markAssets: marks.mark,
      encumberedAssets: marks.encumbered,
      longAssets: marks.longs,
      freeAssets: required<bigint>(first + 4),
      paused: required<boolean>(first + 5),
    }
  }
  const firstExpiry = 1 + 2 * VAULT_READS.length
  const snapshotExpiries = expiries.map((expiry, i): SnapshotExpiry => {
    const at = firstExpiry + 4 * i
    const smile = read<readonly [SviParamsWad, bigint]>(at, true)
    const settledPriceWad = required<bigint>(at + 3)
    return {
      expiry,
      status: expiryStatus(expiry, block.timestamp, settledPriceWad),
      settledPriceWad,
      ...(smile === undefined
        ? {}
        : {
            smile: {
              a: smile[0].a,
              b: smile[0].b,
              rho: smile[0].rho,
              m: smile[0].m,
              sigma: smile[0].sigma,
            },
            smileUpdatedAt: smile[1],
          }),
      inventoryWad: { call: required<bigint>(at + 1), put: required<bigint>(at + 2) },
    }
  })
  const firstSeries = firstExpiry + 4 * expiries.length
  const firstBook = firstSeries + 2 * series.length
  const [lowWad, highWad] = required<readonly [bigint, bigint]>(firstBook)
  const smileMaxStaleness = required<bigint>(firstBook + 1)
  const sideBook = (isCall: boolean) => {
    const at = firstBook + 2 + (isCall ? 0 : 4)
    return {
      heldAssets: required<bigint>(at),
      lockedAssets: required<bigint>(at + 1),
      reservedAssets: required<bigint>(at + 2),
      live: required<readonly bigint[]>(at + 3),
    }
  }
  const books = { call: sideBook(true), put: sideBook(false) }
  const snapshotSeries = series.map((s, i): SnapshotSeries => {
    const e = snapshotExpiries.find(({ expiry }) => expiry === s.expiry) as SnapshotExpiry
    const side = s.isCall ? marketConfig.call : marketConfig.put
    const timeSec = s.expiry > block.timestamp ? s.expiry - block.timestamp : 0n
    const book = {
      ...s,
      type: s.isCall ? ('call' as const) : ('put' as const),
      openInterest: required<bigint>(firstSeries + 2 * i),
      written: required<bigint>(firstSeries + 2 * i + 1),
      status: e.status,
    }
    if (e.status === 'settled')
      return { ...book, markWad: payoffWad(e.settledPriceWad, s.strikeWad, s.isCall, false) }
    if (e.status === 'expired')
      return { ...book, markWad: payoffWad(priceWad, s.strikeWad, s.isCall, true) }
    if (e.smile === undefined) return book
    const rateWad = marketConfig.risk.rateWad
    const sideBooks = s.isCall ? books.call : books.put
    const state: TradeState = {
      id: s.id,
      config: marketConfig,
      blockNumber: block.number,
      timestamp: block.timestamp,
      risk: marketConfig.risk,
      side: side.params,
      scale: side.scale,
      spotWad: priceWad,
      smile: e.smile,
      inventoryWad: s.isCall ? e.inventoryWad.call : e.inventoryWad.put,
      spotRange: { lowWad, highWad },
      oracle: {
        ...(e.smileUpdatedAt === undefined ? {} : { smileUpdatedAt: e.smileUpdatedAt }),
        smileMaxStaleness,
      },
      book: {
        heldAssets: sideBooks.heldAssets,
        lockedAssets: sideBooks.lockedAssets,
        reservedAssets: sideBooks.reservedAssets,
        openInterest: book.openInterest,
        isLive: sideBooks.live.includes(s.id),
        liveCount: BigInt(sideBooks.live.length),
      },
    }
    const markWad = optionMarkWad({
      smile: e.smile,
      spotWad: priceWad,
      strikeWad: s.strikeWad,
      timeSec,
      rateWad,
      isCall: s.isCall,
    })
    return { ...book, markWad, state }
  })
  return {
    market,
    config: marketConfig,
    blockNumber: block.number,
    timestamp: block.timestamp,
    spot: { priceWad, updatedAt },
    vaults: {
      call: vault(marketConfig.call, 1),
      put: vault(marketConfig.put, 1 + VAULT_READS.length),
    },
    expiries: snapshotExpiries,
    series: snapshotSeries,
  }
}
