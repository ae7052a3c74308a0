import { PortfolioActionRevertError } from '../errors/portfolio.js'
import { divUp, mulDivUp } from '../math/wad/fixedPoint.js'
import { decodeSeriesId } from '../math/wad/seriesId.js'
import { WAD } from '../math/wad.js'
import type { PortfolioBook } from './computePortfolioMargin.js'
import type { PortfolioPosition } from './state.js'

// Literals rather than bigint arithmetic: a bundler drops an unused literal (see portfolioRisk.ts).
/**
 * `PortfolioMarginEngine.MAX_POSITIONS`: series one account may hold (`PortfolioRisk.MAX_LEGS`).
 *
 * @example
 * ```ts
 * import { PORTFOLIO_MAX_POSITIONS } from '@smile/sdk/portfolio'
 *
 * PORTFOLIO_MAX_POSITIONS // 16
 * ```
 */
export const PORTFOLIO_MAX_POSITIONS = 16
/**
 * `PortfolioMarginEngine.MAX_POSITION_SIZE`: 2^86 − 1 wad of options.
 *
 * @example
 * ```ts
 * import { PORTFOLIO_MAX_POSITION_SIZE } from '@smile/sdk/portfolio'
 *
 * PORTFOLIO_MAX_POSITION_SIZE === 2n ** 86n - 1n // true
 * ```
 */
export const PORTFOLIO_MAX_POSITION_SIZE = 0x3f_ffff_ffff_ffff_ffff_ffffn
/**
 * `PortfolioMarginEngine.MAX_COLLATERAL`: 2^128 − 1 token units of one asset.
 *
 * @example
 * ```ts
 * import { PORTFOLIO_MAX_COLLATERAL } from '@smile/sdk/portfolio'
 *
 * PORTFOLIO_MAX_COLLATERAL === 2n ** 128n - 1n // true
 * ```
 */
export const PORTFOLIO_MAX_COLLATERAL = 0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffffn

/** A mutable copy of an account's collateral and positions, changed as the engine changes it. */
export type MutableBook = {
  accountId: bigint
  baseAssets: bigint
  quoteAssets: bigint
  positions: PortfolioPosition[]
}

export function copyBook(accountId: bigint, book: PortfolioBook): MutableBook {
  return {
    accountId,
    baseAssets: book.baseAssets,
    quoteAssets: book.quoteAssets,
    positions: [...book.positions],
  }
}

function revert(
  reason: ConstructorParameters<typeof PortfolioActionRevertError>[0],
  args: (bigint | boolean)[],
): never {
  throw new PortfolioActionRevertError(reason, args)
}

/** `_addPosition`. */
export function addPosition(a: MutableBook, id: bigint, size: bigint, isLong: boolean): void {
  if (size === 0n || size > PORTFOLIO_MAX_POSITION_SIZE) revert('InvalidSize', [size])
  const i = a.positions.findIndex((p) => p.id === id)
  const held = a.positions[i]
  if (held !== undefined) {
    if (held.isLong !== isLong) revert('OppositePosition', [a.accountId, id])
    const total = held.size + size
    if (total > PORTFOLIO_MAX_POSITION_SIZE) revert('InvalidSize', [total])
    a.positions[i] = { ...held, size: total }
    return
  }
  if (a.positions.length === PORTFOLIO_MAX_POSITIONS) revert('TooManyPositions', [a.accountId])
  a.positions.push({ id, series: decodeSeriesId(id), isLong, size })
}

/** `_reducePosition`: swap-and-pop when emptied, as the engine's `_removeAt`. */
export function reducePosition(a: MutableBook, id: bigint, size: bigint, isLong: boolean): void {
  if (size === 0n) revert('InvalidSize', [size])
  const i = a.positions.findIndex((p) => p.id === id && p.isLong === isLong)
  const held = a.positions[i]
  if (held === undefined) revert('PositionNotFound', [a.accountId, id, isLong])
  if (size > held.size) revert('InvalidSize', [size])
  if (size === held.size) {
    const last = a.positions.pop() as PortfolioPosition
    if (i !== a.positions.length) a.positions[i] = last
  } else a.positions[i] = { ...held, size: held.size - size }
}

/** `_sideHeld`. */
export function sideHeld(a: MutableBook, id: bigint): boolean {
  const held = a.positions.find((p) => p.id === id)
  if (held === undefined) return revert('PositionNotFound', [a.accountId, id, false])
  return held.isLong
}

/** `_credit`. */
export function credit(a: MutableBook, isBase: boolean, assets: bigint): void {
  const total = (isBase ? a.baseAssets : a.quoteAssets) + assets
  if (total > PORTFOLIO_MAX_COLLATERAL) revert('CollateralTooLarge', [a.accountId, total])
  if (isBase) a.baseAssets = total
  else a.quoteAssets = total
}

/** `_debit`. */
export function debit(a: MutableBook, isBase: boolean, assets: bigint): void {
  const held = isBase ? a.baseAssets : a.quoteAssets
  if (assets > held) revert('InsufficientCollateral', [a.accountId, isBase, held, assets])
  if (isBase) a.baseAssets = held - assets
  else a.quoteAssets = held - assets
}

/** `_takeValue`: quote first, then base at `spotWad`, each rounded up. Returns [base, quote]. */
export function takeValue(
  a: MutableBook,
  valueWad: bigint,
  spotWad: bigint,
  baseScale: bigint,
  quoteScale: bigint,
): [bigint, bigint] {
  const heldQuote = a.quoteAssets
  const quoteTaken = divUp(valueWad, quoteScale)
  if (quoteTaken <= heldQuote) {
    a.quoteAssets = heldQuote - quoteTaken
    return [0n, quoteTaken]
  }
  const restWad = valueWad - heldQuote * quoteScale
  const baseTaken = divUp(mulDivUp(restWad, WAD, spotWad), baseScale)
  const heldBase = a.baseAssets
  if (baseTaken > heldBase)
    revert('InsufficientCollateral', [a.accountId, true, heldBase, baseTaken])
  a.quoteAssets = 0n
  a.baseAssets = heldBase - baseTaken
  return [baseTaken, heldQuote]
}
