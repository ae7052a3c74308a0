import { type Address, type Client, erc20Abi, zeroAddress } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import { iSpotOracleAbi, iVolatilityOracleAbi, optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import type { TradeBookState, TradePricingState } from '../math/wad/tradePricing.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { type FetchMarketReturnType, fetchMarket } from './fetchMarket.js'

export type FetchTradeStateParameters = {
  market: Address
  /** Series to be traded. */
  id: bigint
  /** The market's configuration when already fetched (saves one round trip). */
  config?: FetchMarketReturnType
  /** The trader: its position in the series is read, so that a sale beyond it is refused. */
  account?: Address
  blockNumber?: bigint
}

/**
 * Everything a quote of one series needs, read at one block: the input of `quoteBuy`/`quoteSell`.
 *
 * @example
 * ```ts
 * import { type TradeState, quoteBuy, quoteSell } from '@smile/sdk'
 *
 * declare const state: TradeState // from fetchTradeState
 * const size = 10n ** 18n
 * const spreadAssets = quoteBuy(state, { size }).premiumAssets - quoteSell(state, { size }).premiumAssets
 * ```
 */
export type TradeState = TradePricingState & {
  id: bigint
  config: FetchMarketReturnType
  blockNumber: bigint
  /**
   * The vault's books and the series' entry in them, which `buy` checks after pricing (utilisation
   * cap, live list, open interest) and `sell` (the position): always read by `fetchTradeState`;
   * without it a quote checks only the pricing's own conditions.
   */
  book?: TradeBookState
}

/**
 * Reads the state a trade on series `id` is priced from — spot and spot range from the market's
 * spot oracle, the expiry's smile, the vault's inventory E, the risk and side parameters — and the
 * books it is checked against — the vault's balance, locked and reserved assets, the series' open
 * interest and live list, the `account`'s position when given — all at one block, with that
 * block's timestamp. Quote it off-chain with `quoteBuy(state, ...)`/`quoteSell(state, ...)`.
 * For a quote of the next block (what a transaction sent now pays), pass the expected `timestamp`
 * to the quote.
 *
 * The oracles' refusals (`StalePrice`, `StaleSmile`, the router's degraded mode, ...) do not throw
 * here: they are kept in `oracle` (the prices they would have given read 0), and a quote throws
 * each where the trade would revert with it — a buy on the strict `spot()`, a sale on `spotRange()`
 * (which the market's degraded mode still prices), after the listing checks for the smile.
 *
 * @throws ContractRevertError when a read of the market or the vault's asset reverts.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, fetchTradeState, quoteBuy } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const state = await fetchTradeState(client, { market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', id })
 * const { premiumAssets } = quoteBuy(state, { size: 10n ** 18n })
 * ```
 */
export async function fetchTradeState(
  client: Client,
  { market, id, config, account, blockNumber }: FetchTradeStateParameters,
): Promise<TradeState> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const at = { blockNumber: block.number }
  const marketConfig = config ?? (await fetchMarket(client, { market, ...at }))
  const { expiry, isCall } = decodeSeriesId(id)
  const side = isCall ? marketConfig.call : marketConfig.put
  const options = { ...multicallTarget(client), ...at }
  const decode = (error: unknown): Error => {
    const decoded = toContractRevertError(error, [...oracleErrorsAbi(), ...optionMarketAbi])
    return decoded instanceof Error ? decoded : new Error(String(decoded))
  }
  const [[spot, range, smile, maxStaleness], books] = await Promise.all([
    // The oracles may refuse: their refusals are kept for the quotes, which throw them where the
    // market would revert (see `OracleReadsWad`).
    multicall(client, {
      contracts: [
        { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spot' },
        { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spotRange' },
        {
          address: marketConfig.volatilityOracle,
          abi: iVolatilityOracleAbi,
          functionName: 'smile',
          args: [expiry],
        },
        {
          address: marketConfig.volatilityOracle,
          abi: iVolatilityOracleAbi,
          functionName: 'maxStaleness',
        },
      ],
      allowFailure: true,
      ...options,
    }),
    multicall(client, {
      contracts: [
        {
          address: market,
          abi: optionMarketAbi,
          functionName: 'inventory',
          args: [isCall, expiry],
        },
        { address: side.asset, abi: erc20Abi, functionName: 'balanceOf', args: [side.vault] },
        { address: market, abi: optionMarketAbi, functionName: 'lockedAssets', args: [isCall] },
        { address: market, abi: optionMarketAbi, functionName: 'reservedAssets', args: [isCall] },
        { address: market, abi: optionMarketAbi, functionName: 'openInterest', args: [id] },
        { address: market, abi: optionMarketAbi, functionName: 'liveSeries', args: [isCall] },
        {
          address: market,
          abi: optionMarketAbi,
          functionName: 'balanceOf',
          args: [account ?? zeroAddress, id],
        },
      ],
      allowFailure: false,
      ...options,
    }).catch((error: unknown) => {
      throw decode(error)
    }),
  ])
  const [inventoryWad, heldAssets, lockedAssets, reservedAssets, openInterest, live, position] =
    books
  const params = smile.status === 'success' ? smile.result[0] : undefined
  return {
    id,
    config: marketConfig,
    blockNumber: block.number,
    timestamp: block.timestamp,
    risk: marketConfig.risk,
    side: side.params,
    scale: side.scale,
    spotWad: spot.status === 'success' ? spot.result[0] : 0n,
    smile: {
      a: params?.a ?? 0n,
      b: params?.b ?? 0n,
      rho: params?.rho ?? 0n,
      m: params?.m ?? 0n,
      sigma: params?.sigma ?? 0n,
    },
    inventoryWad,
    spotRange:
      range.status === 'success'
        ? { lowWad: range.result[0], highWad: range.result[1] }
        : { lowWad: 0n, highWad: 0n },
    oracle: {
      ...(spot.status === 'failure' ? { spotError: decode(spot.error) } : {}),
      ...(range.status === 'failure' ? { spotRangeError: decode(range.error) } : {}),
      ...(smile.status === 'failure'
        ? { smileError: decode(smile.error) }
        : { smileUpdatedAt: smile.result[1] }),
      ...(maxStaleness.status === 'success' ? { smileMaxStaleness: maxStaleness.result } : {}),
    },
    book: {
      heldAssets,
      lockedAssets,
      reservedAssets,
      openInterest,
      isLive: live.includes(id),
      liveCount: BigInt(live.length),
      ...(account === undefined ? {} : { position }),
    },
  }
}
