import type { Abi, Address, Client, ContractFunctionParameters } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import {
  iSpotOracleAbi,
  iVolatilityOracleAbi,
  optionMarketAbi,
  optionPricerAbi,
} from '../abi/generated.js'
import { portfolioMarginEngineAbi } from '../abi/portfolio.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { type FetchMarketReturnType, fetchMarket } from '../market/fetchMarket.js'
import { MIN_TIME_SEC } from '../math/wad/blackScholesWad.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import type { PortfolioState } from './state.js'

export type FetchPortfolioStateParameters = {
  /** The `PortfolioMarginEngine`. */
  engine: Address
  /** The account (ids start at 1). */
  accountId: bigint
  /** Expiries to read smiles and settlement prices of besides the positions' (a what-if's new series). */
  expiries?: readonly bigint[]
  /** The engine's market's configuration when already fetched (saves its round trips). */
  config?: FetchMarketReturnType
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/** The errors a portfolio read can revert with: the engine's, the oracles', the pricer's. */
function readErrorsAbi(): Abi {
  return [...portfolioMarginEngineAbi, ...oracleErrorsAbi(), ...optionPricerAbi]
}

/**
 * Reads what a margin check of portfolio account `accountId` reads — its collateral and
 * positions, the engine's parameters, the strict spot (none in degraded mode) and the price range,
 * the rate, the smiles of the positions' expiries (a minute away or more) and their settlement
 * prices — at one block, in two batched `eth_call`s after the market's configuration (pass
 * `config` to skip it). `computePortfolioMargin(state)` then reproduces `marginOf` to the wei.
 *
 * @throws ContractRevertError `AccountNotFound`, or the oracles' errors when a range or a smile
 * is invalid (the engine's margin reads stop on them too).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { computePortfolioMargin, fetchPortfolioState } from '@smile/sdk/portfolio'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const state = await fetchPortfolioState(client, {
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 * })
 * const { healthWad } = computePortfolioMargin(state, { riskReducing: true })
 * ```
 */
export async function fetchPortfolioState(
  client: Client,
  { engine, accountId, expiries: extra = [], config, blockNumber }: FetchPortfolioStateParameters,
): Promise<PortfolioState> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const options = { blockNumber: block.number, ...multicallTarget(client) } as const
  const contract = { address: engine, abi: portfolioMarginEngineAbi } as const
  try {
    const [market, owner, positions, margin, params] = await multicall(client, {
      ...options,
      allowFailure: false,
      contracts: [
        { ...contract, functionName: 'market' },
        { ...contract, functionName: 'ownerOf', args: [accountId] },
        { ...contract, functionName: 'positionsOf', args: [accountId] },
        // The collateral: `marginOf` is the engine's only reader of it (at the range's worse end,
        // which needs no strict spot).
        { ...contract, functionName: 'marginOf', args: [accountId, true] },
        { ...contract, functionName: 'portfolioParams' },
      ],
    })
    const marketConfig =
      config ?? (await fetchMarket(client, { market, blockNumber: block.number }))
    const expiries = [
      ...new Set([...positions.map(({ id }) => decodeSeriesId(id).expiry), ...extra]),
    ]
    const live = expiries.filter((expiry) => expiry >= block.timestamp + MIN_TIME_SEC)
    const reads: readonly ContractFunctionParameters[] = [
      { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spot' },
      { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spotRange' },
      { address: market, abi: optionMarketAbi, functionName: 'rateWad' },
      ...live.map((expiry) => ({
        address: marketConfig.volatilityOracle,
        abi: iVolatilityOracleAbi,
        functionName: 'smile',
        args: [expiry],
      })),
      ...expiries.map((expiry) => ({
        address: market,
        abi: optionMarketAbi,
        functionName: 'settledPrice',
        args: [expiry],
      })),
    ]
    const [spot, ...rest] = await multicall(client, {
      ...options,
      allowFailure: true,
      contracts: reads,
    })
    // The strict spot may be missing (degraded mode); any other read must succeed.
    const results = rest.map((r) => {
      if (r.status === 'failure') throw r.error
      return r.result
    })
    const [range, rateWad, ...values] = results as [
      readonly [bigint, bigint, bigint],
      bigint,
      ...unknown[],
    ]
    return {
      engine,
      market,
      accountId,
      owner,
      baseAssets: margin.baseAssets,
      quoteAssets: margin.quoteAssets,
      positions: positions.map(({ id, isLong, size }) => ({
        id,
        series: decodeSeriesId(id),
        isLong,
        size,
      })),
      params: { ...params },
      baseScale: marketConfig.call.scale,
      quoteScale: marketConfig.put.scale,
      spotWad:
        spot?.status === 'success' ? (spot.result as readonly [bigint, bigint])[0] : undefined,
      lowWad: range[0],
      highWad: range[1],
      rateWad,
      smiles: live.map((expiry, i) => {
        const [{ a, b, rho, m, sigma }] = values[i] as readonly [SviParamsWad, bigint]
        return { expiry, smile: { a, b, rho, m, sigma } }
      }),
      settledPrices: expiries.map((expiry, i) => ({
        expiry,
        priceWad: values[live.length + i] as bigint,
      })),
      blockNumber: block.number,
      timestamp: block.timestamp,
    }
  } catch (error) {
    throw toContractRevertError(error, readErrorsAbi())
  }
}
