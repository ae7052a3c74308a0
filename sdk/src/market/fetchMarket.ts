import { type Address, type Client, erc20Abi } from 'viem'
import { multicall } from 'viem/actions'
import { collateralVaultAbi, optionMarketAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import type { RiskParamsWad, SideParamsWad } from '../math/wad/tradePricing.js'
import { multicallTarget } from '../oracle/batch.js'

export type FetchMarketParameters = {
  /** The `OptionMarket`. */
  market: Address
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * One side of the market: its vault, the vault's asset and the side's parameters.
 *
 * @example
 * ```ts
 * import type { MarketSide } from '@smile/sdk'
 *
 * // Token units of a side’s collateral as wad.
 * const toWadAmount = (side: MarketSide, assets: bigint) => assets * side.scale
 * ```
 */
export type MarketSide = {
  vault: Address
  asset: Address
  /** Decimals of the asset. */
  decimals: number
  /** 10^(18 − decimals): wad per token unit. */
  scale: bigint
  params: SideParamsWad
}

export type FetchMarketReturnType = {
  market: Address
  spotOracle: Address
  volatilityOracle: Address
  settlementOracle: Address
  risk: RiskParamsWad
  /** The base-asset vault that writes calls. */
  call: MarketSide
  /** The quote-asset vault that writes puts. */
  put: MarketSide
}

/**
 * Reads an `OptionMarket`'s configuration — its vaults and their assets, its oracles, its risk
 * and side parameters — in two batched `eth_call`s through Multicall3 at one block.
 *
 * @throws ContractRevertError when a call reverts.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchMarket } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const market = await fetchMarket(client, { market: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * market.call.vault // the call vault
 * ```
 */
export async function fetchMarket(
  client: Client,
  { market, blockNumber }: FetchMarketParameters,
): Promise<FetchMarketReturnType> {
  const contract = { address: market, abi: optionMarketAbi } as const
  const options = {
    allowFailure: false,
    ...multicallTarget(client),
    ...(blockNumber === undefined ? {} : { blockNumber }),
  } as const
  try {
    const [
      callVault,
      putVault,
      spotOracle,
      volatilityOracle,
      settlementOracle,
      risk,
      callSide,
      putSide,
    ] = await multicall(client, {
      ...options,
      contracts: [
        { ...contract, functionName: 'callVault' },
        { ...contract, functionName: 'putVault' },
        { ...contract, functionName: 'spotOracle' },
        { ...contract, functionName: 'volatilityOracle' },
        { ...contract, functionName: 'settlementOracle' },
        { ...contract, functionName: 'riskParams' },
        { ...contract, functionName: 'sideParams', args: [true] },
        { ...contract, functionName: 'sideParams', args: [false] },
      ],
    })
    const [callAsset, putAsset] = await multicall(client, {
      ...options,
      contracts: [
        { address: callVault, abi: collateralVaultAbi, functionName: 'asset' },
        { address: putVault, abi: collateralVaultAbi, functionName: 'asset' },
      ],
    })
    const [callDecimals, putDecimals] = await multicall(client, {
      ...options,
      contracts: [
        { address: callAsset, abi: erc20Abi, functionName: 'decimals' },
        { address: putAsset, abi: erc20Abi, functionName: 'decimals' },
      ],
    })
    const side = (vault: Address, asset: Address, decimals: number, params: SideParamsWad) => ({
      vault,
      asset,
      decimals,
      scale: 10n ** BigInt(18 - decimals),
      params: {
        vegaDepthWad: params.vegaDepthWad,
        maxInventoryWad: params.maxInventoryWad,
        minFeePerOptionWad: params.minFeePerOptionWad,
      },
    })
    return {
      market,
      spotOracle,
      volatilityOracle,
      settlementOracle,
      risk: {
        feeShareWad: risk.feeShareWad,
        vegaFeeWad: risk.vegaFeeWad,
        maxUtilisationWad: risk.maxUtilisationWad,
        minAbsDeltaWad: risk.minAbsDeltaWad,
        maxAbsDeltaWad: risk.maxAbsDeltaWad,
        minTimeToExpirySec: BigInt(risk.minTimeToExpirySec),
        maxTimeToExpirySec: BigInt(risk.maxTimeToExpirySec),
        rateWad: risk.rateWad,
      },
      call: side(callVault, callAsset, callDecimals, callSide),
      put: side(putVault, putAsset, putDecimals, putSide),
    }
  } catch (error) {
    throw toContractRevertError(error, optionMarketAbi)
  }
}
