import type { Address, Client } from 'viem'
import type { TradeState } from './fetchTradeState.js'
import { readState } from './quoteBuy.js'
import { maxTradeSize } from './quoteTrade.js'

/**
 * What sizing a fetched `TradeState` takes.
 *
 * @example
 * ```ts
 * import { type MaxBuySizeOptions, type TradeState, maxBuySize } from '@smile/sdk'
 *
 * declare const state: TradeState // from fetchTradeState
 * const options: MaxBuySizeOptions = { timestamp: state.timestamp + 12n } // the next block's
 * const { size } = maxBuySize(state, options) // options bought at that timestamp, at most
 * ```
 */
export type MaxBuySizeOptions = {
  /** block.timestamp to size at; the state's block when omitted (pass the next block's for a transaction). */
  timestamp?: bigint
}

/**
 * What sizing with a client reads: the market and series (required: the compiler rejects a client
 * call without them) and the block.
 */
export type MaxBuySizeParameters = MaxBuySizeOptions & {
  /** The `OptionMarket`. */
  market: Address
  /** The series, as `encodeSeriesId` makes it. */
  id: bigint
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type MaxBuySizeReturnType = {
  /** The largest size `buy` accepts now, options wad (1e18 = one option); 0 when it accepts none. */
  size: bigint
  /**
   * What one wei more meets: the `TradeRejectedError` naming the market's revert
   * (`UtilisationCapExceeded`, `InventoryCapExceeded`, `SizeTooLarge`, or, with `size` 0, a
   * refusal of any size such as `DeltaOutOfBounds` or `OutsideTradingWindow`), or the valuation's
   * domain error.
   */
  limit: Error
}

/**
 * The largest size `OptionMarket.buy` of series `id` accepts in a block with the state's books and
 * the given timestamp, exact to the wei (one option wad): the buy of `size` passes every check of
 * the market, the buy of `size + 1` reverts with `limit`. The premium limit and the buyer's balance
 * and allowance are the buyer's and are not counted.
 *
 * How: the checks that do not depend on the size (listing, window, delta bound, live list) pass
 * for every size or none; the uint128 open interest and the inventory cap refuse exactly the sizes
 * past a bound computed in closed form (E' = E + ⌊size·vega⌋ grows with the size, and the cap
 * refuses E' > max(cap, |E|)). That bound is quoted; if the utilisation cap refuses it, the largest
 * size below it that passes is found by bisection over exact quotes (`quoteBuy`'s mirror).
 * Monotonicity: the utilisation slack maxUtilisation·(held + premium) − 1e18·(locked + reserved)
 * changes by maxUtilisation·(marginal premium) − (maximum payoff) per option bought, which is
 * negative while the marginal premium (the option's value at the vol the inventory adds, plus the
 * fee) is below the maximum payoff divided by the cap — for every option but one priced, fees
 * included, at nearly its maximum payoff under a cap of nearly 100 %. Where that holds, every
 * larger size is refused too; where it does not, `size` still passes and `size + 1` is refused.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { encodeSeriesId, maxBuySize } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false })
 * const { size, limit } = await maxBuySize(client, {
 *   market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   id,
 * })
 * // `size` options can be bought now; one wei more reverts with `limit`.
 * ```
 */
export function maxBuySize(state: TradeState, options?: MaxBuySizeOptions): MaxBuySizeReturnType
export function maxBuySize(
  client: Client,
  parameters: MaxBuySizeParameters,
): Promise<MaxBuySizeReturnType>
export function maxBuySize(
  source: Client | TradeState,
  parameters: MaxBuySizeOptions | MaxBuySizeParameters = {},
): MaxBuySizeReturnType | Promise<MaxBuySizeReturnType> {
  if ('spotWad' in source) return maxTradeSize(source, parameters.timestamp, true)
  return readState(source, parameters as MaxBuySizeParameters).then((state) =>
    maxTradeSize(state, parameters.timestamp, true),
  )
}
