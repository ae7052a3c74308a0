import { type Address, encodeFunctionData, isAddressEqual } from 'viem'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { divUp } from '../math/wad/fixedPoint.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { maxProceedsWad } from '../math/wad/tradePricing.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import type { FetchMarketReturnType } from './fetchMarket.js'

export type BuildBuyParameters = {
  market: Address
  id: bigint
  /** Options, wad. */
  size: bigint
  /** Most premium the buy may charge, token units (e.g. the quote plus slippage): required. */
  maxPremiumAssets: bigint
  /** Latest block timestamp the buy may execute at, seconds: required. */
  deadline: bigint
} & (
  | {
      /** The series' collateral asset (base for a call, quote for a put), which the premium is paid in. */
      asset: Address
      /** The market as read by `fetchMarket`: the inputs are checked against it. */
      config?: FetchMarketReturnType
    }
  | {
      /** The series' collateral asset; taken from `config` when omitted. */
      asset?: Address
      /** The market as read by `fetchMarket`: the inputs are checked against it. */
      config: FetchMarketReturnType
    }
)

export type BuildBuyReturnType = BuiltRequest

/**
 * Builds `market.buy(id, size, maxPremiumAssets, deadline)`, requiring an allowance of
 * `maxPremiumAssets` of the collateral asset to the market (which pulls the premium into the vault).
 *
 * With `config` (the market as `fetchMarket` read it) the builder checks its inputs against the
 * chain before it builds an approval: `config` is `market`'s, `asset` (taken from `config` when
 * omitted) is the series' collateral — the base asset for a call, the quote asset for a put — and
 * `maxPremiumAssets` is in that token's units: at most ⌈size·(2·maxPayoff + 1)⌉ (twice the
 * maximum payoff per option, plus the largest fee floor the market allows, one whole unit), far
 * above any premium and far below a limit written with another token's decimals.
 *
 * @throws InvalidBuildArgumentError if `size` or `deadline` is not positive or the limit is
 * negative; with `config`, if it is another market's, if `asset` is not the series' collateral, or
 * if `maxPremiumAssets` exceeds that bound.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { buildBuy, encodeSeriesId, fetchMarket } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const market = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 * const request = buildBuy({
 *   market,
 *   config: await fetchMarket(client, { market }), // the put's asset (USDC) is taken from it
 *   id: encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false }),
 *   size: 10n ** 18n,
 *   maxPremiumAssets: 150_000_000n,
 *   deadline: 1_798_700_000n,
 * })
 * ```
 */
export function buildBuy(parameters: BuildBuyParameters): BuildBuyReturnType {
  const { market, id, size, maxPremiumAssets, deadline, config } = parameters
  if (size <= 0n) throw new InvalidBuildArgumentError('size', size, 'must be positive')
  if (maxPremiumAssets < 0n)
    throw new InvalidBuildArgumentError(
      'maxPremiumAssets',
      maxPremiumAssets,
      'must not be negative',
    )
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
  let asset = parameters.asset
  if (config !== undefined) {
    if (!isAddressEqual(config.market, market))
      throw new InvalidBuildArgumentError('config', config.market, `is not market ${market}'s`)
    const { isCall } = decodeSeriesId(id)
    const side = isCall ? config.call : config.put
    asset ??= side.asset
    if (!isAddressEqual(asset, side.asset))
      throw new InvalidBuildArgumentError(
        'asset',
        asset,
        `is not the ${isCall ? 'call' : 'put'} series' collateral ${side.asset}`,
      )
    const most = divUp(2n * maxProceedsWad(id, size) + size, side.scale)
    if (maxPremiumAssets > most)
      throw new InvalidBuildArgumentError(
        'maxPremiumAssets',
        maxPremiumAssets,
        `exceeds ${most}, the most a buy of ${size} options could cost in units of ${side.decimals} decimals`,
      )
  }
  if (asset === undefined) throw new TypeError('buildBuy needs `asset` or `config`')
  const data = encodeFunctionData({
    abi: optionMarketAbi,
    functionName: 'buy',
    args: [id, size, maxPremiumAssets, deadline],
  })
  return buildRequest(market, data, [allowanceRequirement(asset, market, maxPremiumAssets)])
}
