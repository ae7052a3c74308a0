import { decodeSeriesId } from '../math/wad/seriesId.js'
import { addPosition, copyBook, credit, debit, reducePosition } from './book.js'
import { healthOf, type PortfolioAccountMargin } from './computePortfolioMargin.js'
import type { PortfolioState } from './state.js'

/**
 * A proposed account action: a trade of `size` options (wad) of series `id` — `buy` a long,
 * `sell` one, `write` a short, `close` one — with the premium the market would charge or pay
 * (`premiumAssets`, token units of the series' asset: base for a call, quote for a put; 0 when
 * omitted), or a `deposit`/`withdraw` of `assets` of the base (`isBase`) or quote collateral.
 *
 * @example
 * ```ts
 * import type { PortfolioTrade } from '@smile/sdk/portfolio'
 *
 * const withdraw: PortfolioTrade = { kind: 'withdraw', isBase: false, assets: 1_000n * 10n ** 6n }
 * ```
 */
export type PortfolioTrade =
  | {
      kind: 'buy' | 'sell' | 'write' | 'close'
      id: bigint
      size: bigint
      premiumAssets?: bigint
    }
  | { kind: 'deposit' | 'withdraw'; isBase: boolean; assets: bigint }

/**
 * What the engine would do with a {@link PortfolioTrade}.
 *
 * @example
 * ```ts
 * import type { WhatIfPortfolioTradeReturnType } from '@smile/sdk/portfolio'
 *
 * const verdict = (w: WhatIfPortfolioTradeReturnType) => (w.passes ? 'accepted' : 'BelowInitialMargin')
 * ```
 */
export type WhatIfPortfolioTradeReturnType = {
  /** The account after the action (collateral and positions, in the engine's order). */
  state: PortfolioState
  /** Its margin after, at the strict spot. */
  margin: PortfolioAccountMargin
  /** Whether the engine checks equity ≥ IM after this action (not for a deposit or a close, nor an action that leaves no position). */
  checked: boolean
  /** Whether the engine accepts it: unchecked, or equity ≥ IM after. */
  passes: boolean
}

/**
 * Predicts what `PortfolioMarginEngine` does with a proposed action on the account of `state`:
 * the same position and collateral changes in the same order (so the same refusals first), then
 * the margin after at the strict spot and whether the engine's IM check (`BelowInitialMargin`)
 * passes, at the state's block timestamp or `timestamp` (the block the action will be mined in).
 * The premium is the caller's (the market's `quoteBuy` for a buy or a close, `quoteSell` for a
 * sell or a write).
 *
 * @throws PortfolioActionRevertError where the engine reverts before its margin check
 * (`InvalidSize`, `PositionNotFound`, `OppositePosition`, `TooManyPositions`,
 * `InsufficientCollateral`, `CollateralTooLarge`).
 * @throws PortfolioStateIncompleteError without the strict spot, or the smile of a new series'
 * expiry (ask `fetchPortfolioState` for it with `expiries`).
 * @example
 * ```ts
 * import { type PortfolioState, whatIfPortfolioTrade } from '@smile/sdk/portfolio'
 *
 * declare const state: PortfolioState
 * declare const id: bigint
 * const { passes, margin } = whatIfPortfolioTrade(state, {
 *   kind: 'write',
 *   id,
 *   size: 10n ** 18n,
 *   premiumAssets: 50n * 10n ** 6n,
 * })
 * ```
 */
export function whatIfPortfolioTrade(
  state: PortfolioState,
  trade: PortfolioTrade,
  { timestamp = state.timestamp }: { timestamp?: bigint } = {},
): WhatIfPortfolioTradeReturnType {
  const a = copyBook(state.accountId, state)
  let checked: boolean
  if ('assets' in trade) {
    if (trade.kind === 'deposit') credit(a, trade.isBase, trade.assets)
    else debit(a, trade.isBase, trade.assets)
    checked = trade.kind === 'withdraw' && a.positions.length !== 0
  } else {
    const { id, size, premiumAssets = 0n } = trade
    const isBase = decodeSeriesId(id).isCall
    if (trade.kind === 'buy' || trade.kind === 'write') {
      addPosition(a, id, size, trade.kind === 'buy')
      if (trade.kind === 'buy') debit(a, isBase, premiumAssets)
      else credit(a, isBase, premiumAssets)
      checked = true
    } else {
      reducePosition(a, id, size, trade.kind === 'sell')
      if (trade.kind === 'sell') credit(a, isBase, premiumAssets)
      else debit(a, isBase, premiumAssets)
      checked = trade.kind === 'sell' && a.positions.length !== 0
    }
  }
  const after: PortfolioState = { ...state, ...a, accountId: state.accountId, timestamp }
  const margin = healthOf(after, after, false)
  return {
    state: after,
    margin,
    checked,
    passes: !checked || margin.equityWad >= margin.initialMarginWad,
  }
}
