import type { Address } from 'viem'
import type { Series } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'

/**
 * One position of a portfolio account: `size` options (wad) of series `id` (decoded in `series`),
 * long or short (`IPortfolioMarginEngine.Position`).
 *
 * @example
 * ```ts
 * import type { PortfolioPosition } from '@smile/sdk/portfolio'
 *
 * const signed = ({ isLong, size }: PortfolioPosition) => (isLong ? size : -size)
 * ```
 */
export type PortfolioPosition = { id: bigint; series: Series; isLong: boolean; size: bigint }

/**
 * The portfolio engine's governed parameters (`IPortfolioMarginEngine.PortfolioParams`): wad
 * fractions but `spotIntervals` (a count) and `shockHorizonSec` (seconds).
 *
 * @example
 * ```ts
 * import type { PortfolioParamsWad } from '@smile/sdk/portfolio'
 *
 * const mmShare = (p: PortfolioParamsWad) => Number(p.maintenanceRatioWad) / 1e18 // 0.8 on the devnet
 * ```
 */
export type PortfolioParamsWad = {
  spotIntervals: bigint
  volShockWad: bigint
  shockMultiplierWad: bigint
  shockHorizonSec: bigint
  minSpotShockWad: bigint
  maxSpotShockWad: bigint
  floorShareWad: bigint
  maintenanceRatioWad: bigint
  baseHaircutWad: bigint
  quoteHaircutWad: bigint
  liquidationDiscountWad: bigint
  insuranceShareWad: bigint
}

/**
 * Everything the `PortfolioMarginEngine` reads to margin one account, at one block: the input of
 * `computePortfolioMargin`, `whatIfPortfolioTrade` and `planPortfolioLiquidation`.
 *
 * @example
 * ```ts
 * import { computePortfolioMargin, type PortfolioState } from '@smile/sdk/portfolio'
 *
 * declare const state: PortfolioState // from fetchPortfolioState
 * const crashed = computePortfolioMargin(state, { spotWad: (state.lowWad * 7n) / 10n })
 * ```
 */
export type PortfolioState = {
  engine: Address
  market: Address
  accountId: bigint
  owner: Address
  /** Base collateral, token units. */
  baseAssets: bigint
  /** Quote collateral, token units. */
  quoteAssets: bigint
  /** The positions, in the engine's order. */
  positions: readonly PortfolioPosition[]
  params: PortfolioParamsWad
  /** 10^(18 − decimals) of the base: wad per token unit. */
  baseScale: bigint
  /** 10^(18 − decimals) of the quote. */
  quoteScale: bigint
  /** The spot oracle's strict spot, wad; undefined when it has none (degraded mode). */
  spotWad: bigint | undefined
  /** The low end of the oracle's price range, wad. */
  lowWad: bigint
  /** The high end of the oracle's price range, wad. */
  highWad: bigint
  /** The market's rate, wad per year. */
  rateWad: bigint
  /** The smile of every expiry asked (the positions' and any other) still a minute away or more. */
  smiles: readonly { expiry: bigint; smile: SviParamsWad }[]
  /** The market's settlement price of every expiry asked (0: not settled). */
  settledPrices: readonly { expiry: bigint; priceWad: bigint }[]
  blockNumber: bigint
  timestamp: bigint
}
