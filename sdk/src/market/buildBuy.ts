import { type Address, encodeFunctionData } from 'viem'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildBuyParameters = {
  market: Address
  /** The series' collateral asset (base for a call, quote for a put), which the premium is paid in. */
  asset: Address
  id: bigint
  /** Options, wad. */
  size: bigint
  /** Most premium the buy may charge, token units (e.g. the quote plus slippage): required. */
  maxPremiumAssets: bigint
  /** Latest block timestamp the buy may execute at, seconds: required. */
  deadline: bigint
}

export type BuildBuyReturnType = BuiltRequest

/**
 * Builds `market.buy(id, size, maxPremiumAssets, deadline)`, requiring an allowance of
 * `maxPremiumAssets` of the collateral asset to the market (which pulls the premium into the vault).
 *
 * @throws InvalidBuildArgumentError if `size` or `deadline` is not positive or the limit is negative.
 * @example
 * ```ts
 * import { buildBuy, encodeSeriesId } from '@smile/sdk'
 *
 * const request = buildBuy({
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   id: encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false }),
 *   size: 10n ** 18n,
 *   maxPremiumAssets: 150_000_000n,
 *   deadline: 1_767_000_000n,
 * })
 * ```
 */
export function buildBuy({
  market,
  asset,
  id,
  size,
  maxPremiumAssets,
  deadline,
}: BuildBuyParameters): BuildBuyReturnType {
  if (size <= 0n) throw new InvalidBuildArgumentError('size', size, 'must be positive')
  if (maxPremiumAssets < 0n)
    throw new InvalidBuildArgumentError(
      'maxPremiumAssets',
      maxPremiumAssets,
      'must not be negative',
    )
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
  const data = encodeFunctionData({
    abi: optionMarketAbi,
    functionName: 'buy',
    args: [id, size, maxPremiumAssets, deadline],
  })
  return buildRequest(market, data, [allowanceRequirement(asset, market, maxPremiumAssets)])
}
