import { type Address, encodeFunctionData, isAddressEqual } from 'viem'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { maxProceedsWad } from '../math/wad/tradePricing.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import type { FetchMarketReturnType } from './fetchMarket.js'

export type BuildSellParameters = {
  market: Address
  id: bigint
  /** Options, wad (burned from the sender's position). */
  size: bigint
  /** Least premium the sale may pay, token units (e.g. the quote minus slippage): required. */
  minPremiumAssets: bigint
  /** Latest block timestamp the sale may execute at, seconds: required. */
  deadline: bigint
  /** The market as read by `fetchMarket`: the inputs are checked against it. */
  config?: FetchMarketReturnType
}

export type BuildSellReturnType = BuiltRequest

/**
 * Builds `market.sell(id, size, minPremiumAssets, deadline)`; no allowance is needed (the market
 * burns the sender's position tokens itself).
 *
 * With `config` (the market as `fetchMarket` read it) the builder checks `config` is `market`'s
 * and that `minPremiumAssets` is in the series' collateral units and can be met: a sale pays at
 * most the maximum payoff it releases, ⌊size·maxPayoff⌋ (`maxProceedsWad`), in token units.
 *
 * @throws InvalidBuildArgumentError if `size` or `deadline` is not positive or the limit is
 * negative; with `config`, if it is another market's or `minPremiumAssets` exceeds what the sale
 * can pay.
 * @example
 * ```ts
 * import { buildSell, encodeSeriesId } from '@smile/sdk'
 *
 * const request = buildSell({
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id: encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false }),
 *   size: 10n ** 18n,
 *   minPremiumAssets: 90_000_000n,
 *   deadline: 1_798_700_000n,
 * })
 * ```
 */
export function buildSell({
  market,
  id,
  size,
  minPremiumAssets,
  deadline,
  config,
}: BuildSellParameters): BuildSellReturnType {
  if (size <= 0n) throw new InvalidBuildArgumentError('size', size, 'must be positive')
  if (minPremiumAssets < 0n)
    throw new InvalidBuildArgumentError(
      'minPremiumAssets',
      minPremiumAssets,
      'must not be negative',
    )
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
  if (config !== undefined) {
    if (!isAddressEqual(config.market, market))
      throw new InvalidBuildArgumentError('config', config.market, `is not market ${market}'s`)
    const side = decodeSeriesId(id).isCall ? config.call : config.put
    const most = maxProceedsWad(id, size) / side.scale
    if (minPremiumAssets > most)
      throw new InvalidBuildArgumentError(
        'minPremiumAssets',
        minPremiumAssets,
        `exceeds ${most}, the most a sale of ${size} options pays in units of ${side.decimals} decimals`,
      )
  }
  const data = encodeFunctionData({
    abi: optionMarketAbi,
    functionName: 'sell',
    args: [id, size, minPremiumAssets, deadline],
  })
  return buildRequest(market, data, [])
}
