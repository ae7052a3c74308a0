import type { Address, Client, ContractFunctionParameters } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import {
  iSpotOracleAbi,
  iVolatilityOracleAbi,
  marginEngineAbi,
  optionMarketAbi,
} from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { type FetchMarketReturnType, fetchMarket } from '../market/fetchMarket.js'
import { MIN_TIME_SEC } from '../math/wad/blackScholesWad.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { multicallTarget } from '../oracle/batch.js'
import { type MarginPosition, marginReadErrorsAbi, toMarginPosition } from './fetchAccount.js'

/**
 * The engine's margin parameters, wad (`IMarginEngine.MarginParams`).
 *
 * @example
 * ```ts
 * import type { MarginParamsWad } from '@smile/sdk'
 *
 * const devnet: MarginParamsWad = {
 *   spotShockWad: 2n * 10n ** 17n, // x = 20 %
 *   volShockWad: 3n * 10n ** 17n, // y = 30 %
 *   floorShareWad: 10n ** 16n, // 1 % of the maximum payoff
 *   maintenanceRatioWad: 8n * 10n ** 17n, // MM = 80 % of IM
 *   liquidationDiscountWad: 5n * 10n ** 16n,
 *   insuranceShareWad: 2n * 10n ** 17n,
 * }
 * ```
 */
export type MarginParamsWad = {
  spotShockWad: bigint
  volShockWad: bigint
  floorShareWad: bigint
  maintenanceRatioWad: bigint
  liquidationDiscountWad: bigint
  insuranceShareWad: bigint
}

/**
 * Everything the engine reads to margin one account, at one block: the input of `computeMargin`.
 *
 * @example
 * ```ts
 * import { type MarginState, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState // from fetchMarginState
 * const crashed = computeMargin(state, { spotWad: (state.spotWad * 6n) / 10n }) // what a 40 % crash does
 * ```
 */
export type MarginState = {
  engine: Address
  market: Address
  accountId: bigint
  owner: Address
  isCall: boolean
  /** Collateral held, token units. */
  collateralAssets: bigint
  positions: readonly MarginPosition[]
  params: MarginParamsWad
  /** 10^(18 − decimals) of the account's collateral: wad per token unit. */
  scale: bigint
  /** The market's spot oracle's price, wad. */
  spotWad: bigint
  /** The market's rate, wad per year. */
  rateWad: bigint
  /** The smile of every position's expiry still more than a minute away at the block. */
  smiles: readonly { expiry: bigint; smile: SviParamsWad }[]
  /** The market's settlement price of every position's expiry (0: not settled). */
  settledPrices: readonly { expiry: bigint; priceWad: bigint }[]
  blockNumber: bigint
  timestamp: bigint
}

export type FetchMarginStateParameters = {
  engine: Address
  accountId: bigint
  /** The engine's market's configuration when already fetched (saves three round trips). */
  config?: FetchMarketReturnType
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * Reads what a margin check of account `accountId` reads — the account, the margin parameters,
 * the spot, the rate, the smiles of the positions' expiries and their settlement prices — at one
 * block, in batched `eth_call`s. `computeMargin(state)` then reproduces the engine's `marginOf`
 * to the wei, or evaluates the account at another spot or time.
 *
 * @throws ContractRevertError `AccountNotFound`, or the oracles' errors when a price or a smile is
 * invalid (the engine's margin checks stop on them too).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { computeMargin, fetchMarginState } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const state = await fetchMarginState(client, {
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   accountId: 1n,
 * })
 * const { initialMarginAssets, healthAssets } = computeMargin(state)
 * ```
 */
export async function fetchMarginState(
  client: Client,
  { engine, accountId, config, blockNumber }: FetchMarginStateParameters,
): Promise<MarginState> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const options = {
    allowFailure: false,
    blockNumber: block.number,
    ...multicallTarget(client),
  } as const
  const contract = { address: engine, abi: marginEngineAbi } as const
  try {
    const [market, [owner, isCall], positions, margin, params] = await multicall(client, {
      ...options,
      contracts: [
        { ...contract, functionName: 'market' },
        { ...contract, functionName: 'accountInfo', args: [accountId] },
        { ...contract, functionName: 'positionsOf', args: [accountId] },
        { ...contract, functionName: 'marginOf', args: [accountId] },
        { ...contract, functionName: 'marginParams' },
      ],
    })
    const marketConfig =
      config ?? (await fetchMarket(client, { market, blockNumber: block.number }))
    const expiries = [...new Set(positions.map(({ id }) => decodeSeriesId(id).expiry))]
    const live = expiries.filter((expiry) => expiry >= block.timestamp + MIN_TIME_SEC)
    // One batch of mixed calls: its results are typed back below, in the order they were asked.
    const reads: readonly ContractFunctionParameters[] = [
      { address: marketConfig.spotOracle, abi: iSpotOracleAbi, functionName: 'spot' },
      { address: market, abi: optionMarketAbi, functionName: 'riskParams' },
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
    const [spot, risk, ...rest] = (await multicall(client, { ...options, contracts: reads })) as [
      readonly [bigint, bigint],
      { rateWad: bigint },
      ...unknown[],
    ]
    const [spotWad] = spot
    const smiles = live.map((expiry, i) => {
      const [{ a, b, rho, m, sigma }] = rest[i] as readonly [SviParamsWad, bigint]
      return { expiry, smile: { a, b, rho, m, sigma } }
    })
    const settledPrices = expiries.map((expiry, i) => ({
      expiry,
      priceWad: rest[live.length + i] as bigint,
    }))
    return {
      engine,
      market,
      accountId,
      owner,
      isCall,
      collateralAssets: margin.collateralAssets,
      positions: positions.map(toMarginPosition),
      params: {
        spotShockWad: params.spotShockWad,
        volShockWad: params.volShockWad,
        floorShareWad: params.floorShareWad,
        maintenanceRatioWad: params.maintenanceRatioWad,
        liquidationDiscountWad: params.liquidationDiscountWad,
        insuranceShareWad: params.insuranceShareWad,
      },
      scale: isCall ? marketConfig.call.scale : marketConfig.put.scale,
      spotWad,
      rateWad: risk.rateWad,
      smiles,
      settledPrices,
      blockNumber: block.number,
      timestamp: block.timestamp,
    }
  } catch (error) {
    throw toContractRevertError(error, marginReadErrorsAbi())
  }
}
