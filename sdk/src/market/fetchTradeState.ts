import type { Address, Client } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import { iSpotOracleAbi, iVolatilityOracleAbi, optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import type { TradePricingState } from '../math/wad/tradePricing.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { type FetchMarketReturnType, fetchMarket } from './fetchMarket.js'

export type FetchTradeStateParameters = {
  market: Address
  /** Series to be traded. */
  id: bigint
  /** The market's configuration when already fetched (saves one round trip). */
  config?: FetchMarketReturnType
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
}

/**
 * Reads the state a trade on series `id` is priced from — spot from the market's spot oracle, the
 * expiry's smile, the vault's inventory E, the risk and side parameters — all at one block, with
 * that block's timestamp. Quote it off-chain with `quoteBuy(state, ...)`/`quoteSell(state, ...)`.
 * For a quote of the next block (what a transaction sent now pays), pass the expected `timestamp`
 * to the quote.
 *
 * @throws ContractRevertError when the oracles refuse to price (`StalePrice`, `StaleSmile`, ...).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { mainnet } from 'viem/chains'
 * import { encodeSeriesId, fetchTradeState, quoteBuy } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: mainnet, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * const state = await fetchTradeState(client, { market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', id })
 * const { premiumAssets } = quoteBuy(state, { size: 10n ** 18n })
 * ```
 */
export async function fetchTradeState(
  client: Client,
  { market, id, config, blockNumber }: FetchTradeStateParameters,
): Promise<TradeState> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const at = { blockNumber: block.number }
  const marketConfig = config ?? (await fetchMarket(client, { market, ...at }))
  const { expiry, isCall } = decodeSeriesId(id)
  try {
    const [[spotWad], [smile], inventoryWad] = await multicall(client, {
      contracts: [
        { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spot' },
        {
          address: marketConfig.volatilityOracle,
          abi: iVolatilityOracleAbi,
          functionName: 'smile',
          args: [expiry],
        },
        {
          address: market,
          abi: optionMarketAbi,
          functionName: 'inventory',
          args: [isCall, expiry],
        },
      ],
      allowFailure: false,
      ...multicallTarget(client),
      ...at,
    })
    const side = isCall ? marketConfig.call : marketConfig.put
    return {
      id,
      config: marketConfig,
      blockNumber: block.number,
      timestamp: block.timestamp,
      risk: marketConfig.risk,
      side: side.params,
      scale: side.scale,
      spotWad,
      smile: { a: smile.a, b: smile.b, rho: smile.rho, m: smile.m, sigma: smile.sigma },
      inventoryWad,
    }
  } catch (error) {
    throw toContractRevertError(error, [...oracleErrorsAbi(), ...optionMarketAbi])
  }
}
