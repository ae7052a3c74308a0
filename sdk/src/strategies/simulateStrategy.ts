import {
  InvalidBuildArgumentError,
  TradeRejectedError,
  type TradeRejectionName,
} from '../errors/market.js'
import { abs, divUp, mulDiv, mulDivUp, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { maxPayoffWad, optionMarkWad, payoffWad } from '../math/wad/optionValuation.js'
import { decodeSeriesId, encodeSeriesId } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import {
  type PricedTradeWad,
  priceTradeWad,
  type TradePricingState,
} from '../math/wad/tradePricing.js'

const WAD = 10n ** 18n
const DAY = 86_400n
/** `StrategyMath.EXPIRY_TIME_OF_DAY`: listed expiries are at 08:00 UTC. */
const EXPIRY_TIME_OF_DAY = 8n * 3_600n
/** `StrategyMath.STRIKE_SIGNIFICANT_DIGITS`. */
const STRIKE_SIGNIFICANT_DIGITS = 3
/** `OptionWritingVault.MAX_MONEYNESS`, `MIN_ROUND_DURATION`, `MAX_ROUND_DURATION`, `ENGINE_ROUNDING_ASSETS`. */
const MAX_MONEYNESS = 5n * 10n ** 17n
const MIN_ROUND_DURATION = DAY
const MAX_ROUND_DURATION = 91n * DAY
const ENGINE_ROUNDING_ASSETS = 2n
/** `SpreadVault.MIN_SPREAD_WIDTH`, `MAX_SPREAD_WIDTH`, `MAX_HEDGE_BUDGET`. */
const MIN_SPREAD_WIDTH = 10n ** 16n
const MAX_SPREAD_WIDTH = 5n * 10n ** 17n
const MAX_HEDGE_BUDGET = 10n ** 17n
/** `StrategyVault.DEFAULT_PREMIUM_DISCOUNT`, `PREMIUM_ROUNDING_ASSETS`. */
const DEFAULT_PREMIUM_DISCOUNT = 2n * 10n ** 17n
const PREMIUM_ROUNDING_ASSETS = 4n

/**
 * An option-writing strategy's rule, as `CoveredCallVault` / `PutSellingVault` are configured.
 *
 * @example
 * ```ts
 * import type { StrategyRule } from '@smile/sdk'
 *
 * // Weekly covered calls 10 % out of the money.
 * const rule: StrategyRule = { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 604_800n }
 * ```
 */
export type StrategyRule = {
  /** Covered calls (collateral in base) or cash-secured puts (collateral in quote). */
  isCall: boolean
  /** m: the strike is spot·(1 + m) for calls, spot·(1 − m) for puts, snapped away from the money. */
  moneynessWad: bigint
  /** Target round length; each round's expiry is the first listed one at least this far ahead. */
  roundDurationSec: bigint
}

/**
 * One point of the price path: the spot a round starts at, which is also the previous round's
 * settlement price.
 *
 * @example
 * ```ts
 * import type { StrategyPathPoint } from '@smile/sdk'
 *
 * const path: StrategyPathPoint[] = [3_000n, 3_150n, 2_900n].map((s) => ({ spotWad: s * 10n ** 18n }))
 * ```
 */
export type StrategyPathPoint = {
  spotWad: bigint
  /** The smile the round's expiry is priced on; the pricing state's when omitted. */
  smile?: SviParamsWad
  /** The vault's inventory E of the round's expiry before the write; 0 when omitted. */
  inventoryWad?: bigint
}

export type SimulateStrategyParameters = {
  rule: StrategyRule
  /**
   * The market's pricing parameters (risk, side, smile, scale of the strategy's collateral): a
   * `TradeState` from `fetchTradeState` on a series of the strategy's side will do. Its spot,
   * timestamp and inventory are replaced by the path's.
   */
  pricing: Omit<TradePricingState, 'spotWad' | 'timestamp' | 'inventoryWad'>
  /** The strategy's NAV when the first round starts, token units of its collateral. */
  assets: bigint
  /** block.timestamp of the first round's start, seconds. */
  startTimestamp: bigint
  /** Spot at each round boundary: `path[i]` starts round i and settles round i − 1. At least two points. */
  path: readonly StrategyPathPoint[]
}

/**
 * One simulated round: what the strategy wrote, received and paid, and its NAV around it.
 *
 * @example
 * ```ts
 * import type { SimulatedRound } from '@smile/sdk'
 *
 * declare const round: SimulatedRound
 * const returnWad = ((round.navAfterAssets - round.navBeforeAssets) * 10n ** 18n) / round.navBeforeAssets
 * ```
 */
export type SimulatedRound = {
  round: number
  startTimestamp: bigint
  expiry: bigint
  strikeWad: bigint
  /** Options written, wad: the most the NAV covers in full. */
  size: bigint
  /** Premium the market pays for the write, token units (the market's sale price, to the wei). */
  premiumAssets: bigint
  settlementPriceWad: bigint
  /** What the margin account pays the vault at settlement, token units, rounded up. */
  owedAssets: bigint
  navBeforeAssets: bigint
  navAfterAssets: bigint
}

export type SimulateStrategyReturnType = readonly SimulatedRound[]

/**
 * Runs an option-writing strategy (`CoveredCallVault` or `PutSellingVault`) over a price path
 * with the protocol's own pricing, round by round, and returns its NAV after each round — for a
 * builder to evaluate a structure before deploying it. Each round does what the vault's
 * `startRound`/`closeRound` do: the first listed expiry `roundDurationSec` ahead, the strike by the
 * moneyness rule snapped to three significant digits away from the money, the largest size the NAV
 * covers in full (less the engine's two rounding units), written at the premium the market would pay
 * (`priceTradeWad` of a sale, the delta bounds of a buy), and settled at the next point's spot with
 * the engine's rounding. The next round starts at the expiry. Amounts are the vault's asset's units.
 *
 * @throws InvalidBuildArgumentError for a path of fewer than two points, a non-positive spot or
 * NAV, or a rule outside the vault's bounds.
 * @throws TradeRejectedError when the market would refuse the write (delta bounds, inventory cap,
 * expiry window) — the vault's round would revert the same way.
 * @example
 * ```ts
 * import { simulateStrategy, type TradeState } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState on a call series of the market
 * const rounds = simulateStrategy({
 *   rule: { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 7n * 86_400n },
 *   pricing: state,
 *   assets: 100n * 10n ** 18n,
 *   startTimestamp: 1_798_790_400n,
 *   path: [3_000n, 3_150n, 2_900n].map((spot) => ({ spotWad: spot * 10n ** 18n })),
 * })
 * for (const r of rounds) console.log(r.round, r.strikeWad, r.premiumAssets, r.navAfterAssets)
 * ```
 */
export function simulateStrategy({
  rule,
  pricing,
  assets,
  startTimestamp,
  path,
}: SimulateStrategyParameters): SimulateStrategyReturnType {
  checkRule(rule)
  checkPath(path, assets)

  const rounds: SimulatedRound[] = []
  let nav = assets
  let timestamp = startTimestamp
  for (let i = 0; i + 1 < path.length; i++) {
    const start = path[i] as StrategyPathPoint
    const settlementPriceWad = (path[i + 1] as StrategyPathPoint).spotWad
    const expiry = listedExpiryAtOrAfter(timestamp + rule.roundDurationSec)
    const strikeWad = otmStrike(start.spotWad, rule.moneynessWad, rule.isCall)
    const covered = nav > ENGINE_ROUNDING_ASSETS ? nav - ENGINE_ROUNDING_ASSETS : 0n
    const size = fullyCollateralisedSize(covered, pricing.scale, strikeWad, rule.isCall)
    let premiumAssets = 0n
    let owedAssets = 0n
    if (size !== 0n) {
      const priced = priceTradeWad(
        {
          ...pricing,
          smile: start.smile ?? pricing.smile,
          spotWad: start.spotWad,
          inventoryWad: start.inventoryWad ?? 0n,
          timestamp,
        },
        { id: encodeSeriesId({ expiry, strikeWad, isCall: rule.isCall }), size, isBuy: false },
      )
      // `MarginEngine.write` opens a position: the market checks a buy's delta bounds.
      const absDelta = abs(priced.quote.deltaWad)
      const { minAbsDeltaWad, maxAbsDeltaWad } = pricing.risk
      if (absDelta < minAbsDeltaWad || absDelta > maxAbsDeltaWad)
        throw new TradeRejectedError('DeltaOutOfBounds', [
          priced.quote.deltaWad,
          minAbsDeltaWad,
          maxAbsDeltaWad,
        ])
      premiumAssets = priced.premiumAssets
      owedAssets = mulDivUp(
        size,
        payoffWad(settlementPriceWad, strikeWad, rule.isCall, true),
        WAD * pricing.scale,
      )
    }
    const navAfterAssets = nav + premiumAssets - owedAssets
    rounds.push({
      round: i + 1,
      startTimestamp: timestamp,
      expiry,
      strikeWad,
      size,
      premiumAssets,
      settlementPriceWad,
      owedAssets,
      navBeforeAssets: nav,
      navAfterAssets,
    })
    nav = navAfterAssets
    timestamp = expiry
  }
  return rounds
}

/** A simulated path needs two points or more, every spot positive, and a positive start NAV. */
function checkPath(path: readonly StrategyPathPoint[], assets: bigint): void {
  if (path.length < 2)
    throw new InvalidBuildArgumentError('path', BigInt(path.length), 'needs at least two points')
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  for (const point of path)
    if (point.spotWad <= 0n)
      throw new InvalidBuildArgumentError('path', point.spotWad, 'every spot must be positive')
}

function checkRule({ moneynessWad, roundDurationSec }: StrategyRule): void {
  if (moneynessWad < 0n || moneynessWad > MAX_MONEYNESS)
    throw new InvalidBuildArgumentError('moneynessWad', moneynessWad, 'must be in [0, 0.5e18]')
  if (roundDurationSec < MIN_ROUND_DURATION || roundDurationSec > MAX_ROUND_DURATION)
    throw new InvalidBuildArgumentError(
      'roundDurationSec',
      roundDurationSec,
      'must be between one day and 91 days',
    )
}

/** `StrategyMath.listedExpiryAtOrAfter`: the first 08:00 UTC at or after `timestamp`. */
function listedExpiryAtOrAfter(timestamp: bigint): bigint {
  const sameDay = timestamp - (timestamp % DAY) + EXPIRY_TIME_OF_DAY
  return sameDay < timestamp ? sameDay + DAY : sameDay
}

/** `StrategyMath.snapStrike`: three significant digits, up or down. */
function snapStrike(strikeWad: bigint, roundUp: boolean): bigint {
  const digits = strikeWad.toString().length
  if (digits < STRIKE_SIGNIFICANT_DIGITS + 1) return strikeWad
  const unit = 10n ** BigInt(digits - STRIKE_SIGNIFICANT_DIGITS)
  const down = strikeWad - (strikeWad % unit)
  return roundUp && down !== strikeWad ? down + unit : down
}

/** `StrategyMath.otmStrike`. */
function otmStrike(spotWad: bigint, moneynessWad: bigint, isCall: boolean): bigint {
  return isCall
    ? snapStrike(mulWadUp(spotWad, WAD + moneynessWad), true)
    : snapStrike(mulWad(spotWad, WAD - moneynessWad), false)
}

/** `StrategyMath.fullyCollateralisedSize`. */
function fullyCollateralisedSize(
  assets: bigint,
  scale: bigint,
  strikeWad: bigint,
  isCall: boolean,
): bigint {
  return isCall ? assets * scale : mulDiv(assets * scale, WAD, strikeWad)
}

/**
 * A spread's rule, as `CallSpreadVault` / `PutSpreadVault` are configured: the short leg is the
 * writing vault's rule, the long leg is `spreadWidthWad` farther out of the money on the same
 * expiry and size, bought for at most `hedgeBudgetWad` of the NAV.
 *
 * @example
 * ```ts
 * import type { SpreadRule } from '@smile/sdk'
 *
 * // Weekly bear call spread: short calls 10 % out of the money, long calls 5 % above them.
 * const rule: SpreadRule = {
 *   isCall: true,
 *   moneynessWad: 10n ** 17n,
 *   roundDurationSec: 604_800n,
 *   spreadWidthWad: 5n * 10n ** 16n,
 *   hedgeBudgetWad: 2n * 10n ** 16n,
 * }
 * ```
 */
export type SpreadRule = StrategyRule & {
  /** w: K2 = K1·(1 + w) snapped up for calls, K1·(1 − w) snapped down for puts. */
  spreadWidthWad: bigint
  /** Most the long leg may cost, share of the NAV at the round start, wad. */
  hedgeBudgetWad: bigint
}

/**
 * The market's book of the strategy's side, read just before the round (for the utilisation cap
 * of a spread's long leg).
 *
 * @example
 * ```ts
 * import type { MarketBookState } from '@smile/sdk'
 *
 * // market.lockedAssets(true), market.reservedAssets(true), weth.balanceOf(callVault)
 * const book: MarketBookState = { lockedAssets: 0n, reservedAssets: 0n, heldAssets: 1_000n * 10n ** 18n }
 * ```
 */
export type MarketBookState = {
  /** `OptionMarket.lockedAssets(isCall)`, token units. */
  lockedAssets: bigint
  /** `OptionMarket.reservedAssets(isCall)`, token units. */
  reservedAssets: bigint
  /** The side's collateral vault's balance of its asset, token units. */
  heldAssets: bigint
  /** `OptionMarket.openInterest` of the long leg's series before the round, wad; 0 when omitted. */
  longOpenInterestWad?: bigint
}

/**
 * One leg of a planned round, priced to the wei as the market would trade it.
 *
 * @example
 * ```ts
 * import type { StrategyRoundLeg } from '@smile/sdk'
 *
 * declare const leg: StrategyRoundLeg
 * const perOptionWad = (leg.premiumAssets * 10n ** 18n) / leg.size
 * ```
 */
export type StrategyRoundLeg = {
  id: bigint
  strikeWad: bigint
  /** Options, wad. */
  size: bigint
  /** Received (short leg) or paid (long leg), token units. */
  premiumAssets: bigint
  /** The option's delta, signed wad, checked against the market's bounds. */
  deltaWad: bigint
  /** The market's inventory E of the expiry after the leg, signed wad. */
  inventoryAfterWad: bigint
  /** The pricer's mark of one option, wad of collateral, rounded up (the floor's fair value). */
  fairValueWad: bigint
}

/**
 * A round as `startRound` would open it: the legs, the net premium and the vault's floor.
 *
 * @example
 * ```ts
 * import type { PlannedStrategyRound } from '@smile/sdk'
 *
 * declare const round: PlannedStrategyRound
 * const slack = round.netPremiumAssets - round.floorAssets // room left to the floor
 * ```
 */
export type PlannedStrategyRound = {
  expiry: bigint
  short: StrategyRoundLeg | undefined
  /** Undefined for a single-leg rule (a writing vault). */
  long: StrategyRoundLeg | undefined
  /** Short premium less the long leg's cost, token units. */
  netPremiumAssets: bigint
  /** `StrategyMath.premiumFloorUp` of the legs, token units. */
  floorAssets: bigint
}

/**
 * Which part of a round the market or the vault refuses: the short leg (the writing vault's sale),
 * the long leg (a spread's purchase) or the net premium (a spread's floor).
 *
 * @example
 * ```ts
 * import type { StrategyRoundLegName } from '@smile/sdk'
 *
 * const leg: StrategyRoundLegName = 'long'
 * ```
 */
export type StrategyRoundLegName = 'short' | 'long' | 'net'

/**
 * A round that `startRound` would revert: the contract's error name and arguments (as
 * `TradeRejectedError`) and the leg that fails — `DeltaOutOfBounds`, `InventoryCapExceeded`,
 * `UtilisationCapExceeded`, `VaultCannotPayPremium`, `OutsideTradingWindow`, `PremiumAboveMax`
 * (the hedge budget) or `PremiumBelowFloor`.
 *
 * @example
 * ```ts
 * import { StrategyRoundRejectedError } from '@smile/sdk'
 *
 * const error = new StrategyRoundRejectedError('long', 'DeltaOutOfBounds', [4n * 10n ** 16n, 5n * 10n ** 16n, 95n * 10n ** 16n])
 * error.leg // 'long'
 * ```
 */
export class StrategyRoundRejectedError extends TradeRejectedError {
  override name = 'StrategyRoundRejectedError'
  readonly leg: StrategyRoundLegName

  constructor(
    leg: StrategyRoundLegName,
    errorName: TradeRejectionName,
    args: readonly (bigint | boolean)[],
    options?: { cause?: unknown },
  ) {
    super(errorName, args, options)
    this.leg = leg
  }
}

export type CheckStrategyRoundParameters = {
  rule: StrategyRule | SpreadRule
  /** The market's state now on the strategy's side: spot, timestamp, smile and inventory of the round's expiry. */
  pricing: TradePricingState
  /** The vault's NAV at the round start (after its queue), token units. */
  assets: bigint
  /** The side's book, for a spread's long leg (utilisation cap); the check is skipped when omitted. */
  book?: MarketBookState
  /** The vault's `maxPremiumDiscountWad` (a spread's on its net premium); 20 % when omitted. */
  maxPremiumDiscountWad?: bigint
  /** A spread's writing vault's own `maxPremiumDiscountWad` on the short leg; 20 % when omitted. */
  shortVaultMaxPremiumDiscountWad?: bigint
}

/** The round would start, or the reason it would revert. */
export type CheckStrategyRoundReturnType =
  | { ok: true; round: PlannedStrategyRound }
  | { ok: false; rejection: StrategyRoundRejectedError }

/**
 * Checks a round against the market's bounds before the keeper sends `startRound`: each leg's
 * delta within `[minAbsDeltaWad, maxAbsDeltaWad]`, the expiry's inventory within the side's cap, the
 * trading window, the market vault's utilisation cap after selling the long leg and its cash for
 * buying the short one, the hedge budget, and the vault's premium floor on the (net) premium. A
 * single-leg rule (`StrategyRule`) checks the writing vault's round; a `SpreadRule` checks both
 * legs in the order the contracts run them. Never throws for a refusal: the result carries a
 * `StrategyRoundRejectedError` with the leg at fault.
 *
 * @throws InvalidBuildArgumentError for a rule outside the vaults' bounds or a non-positive NAV.
 * @example
 * ```ts
 * import { checkStrategyRound, type TradeState } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState on a call series of the round's expiry
 * const check = checkStrategyRound({
 *   rule: { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 604_800n, spreadWidthWad: 5n * 10n ** 16n, hedgeBudgetWad: 2n * 10n ** 16n },
 *   pricing: state,
 *   assets: 100n * 10n ** 18n,
 * })
 * if (!check.ok) console.log(check.rejection.leg, check.rejection.errorName, check.rejection.args)
 * ```
 */
export function checkStrategyRound({
  rule,
  pricing,
  assets,
  book,
  maxPremiumDiscountWad = DEFAULT_PREMIUM_DISCOUNT,
  shortVaultMaxPremiumDiscountWad = DEFAULT_PREMIUM_DISCOUNT,
}: CheckStrategyRoundParameters): CheckStrategyRoundReturnType {
  checkRule(rule)
  if ('spreadWidthWad' in rule) checkSpreadRule(rule)
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  try {
    const discounts = {
      product: maxPremiumDiscountWad,
      shortVault: shortVaultMaxPremiumDiscountWad,
    }
    return { ok: true, round: planRound(rule, pricing, assets, book, discounts) }
  } catch (error) {
    if (error instanceof StrategyRoundRejectedError) return { ok: false, rejection: error }
    throw error
  }
}

/**
 * One simulated spread round: both legs, the net premium and the NAV around it.
 *
 * @example
 * ```ts
 * import type { SimulatedSpreadRound } from '@smile/sdk'
 *
 * declare const round: SimulatedSpreadRound
 * const capped = round.longPayoutAssets > 0n // the long leg paid: the loss was capped
 * ```
 */
export type SimulatedSpreadRound = PlannedStrategyRound & {
  round: number
  startTimestamp: bigint
  settlementPriceWad: bigint
  /** What the short leg's account pays at settlement, token units, rounded up. */
  owedAssets: bigint
  /** What the market pays for the long leg at settlement, token units, rounded down. */
  longPayoutAssets: bigint
  navBeforeAssets: bigint
  navAfterAssets: bigint
}

export type SimulateSpreadStrategyParameters = Omit<SimulateStrategyParameters, 'rule'> & {
  rule: SpreadRule
  /** The spread's `maxPremiumDiscountWad`, on its net premium; 20 % when omitted. */
  maxPremiumDiscountWad?: bigint
  /** The writing vault's own `maxPremiumDiscountWad` on the short leg; 20 % when omitted. */
  shortVaultMaxPremiumDiscountWad?: bigint
}

/**
 * Runs a spread (`CallSpreadVault` or `PutSpreadVault`) over a price path as `simulateStrategy`
 * runs a writing vault: each round deposits the NAV less the hedge budget into the writing vault,
 * writes its short leg (priced as the market's purchase), buys the long leg at K2 on the same expiry
 * and size (priced as the market's sale, after the short leg's inventory), checks the floor on the
 * net premium, and settles both legs at the next point's spot (the short leg's debt rounded up, the
 * long leg's payout rounded down). Amounts are the vault's asset's units, to a few units (the
 * writing vault's share rounding is not modelled).
 *
 * @throws InvalidBuildArgumentError as `simulateStrategy`, or for a width or budget out of bounds.
 * @throws StrategyRoundRejectedError where a round's start would revert, with the leg at fault.
 * @example
 * ```ts
 * import { simulateSpreadStrategy, type TradeState } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState on a call series of the market
 * const rounds = simulateSpreadStrategy({
 *   rule: { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 604_800n, spreadWidthWad: 5n * 10n ** 16n, hedgeBudgetWad: 2n * 10n ** 16n },
 *   pricing: state,
 *   assets: 100n * 10n ** 18n,
 *   startTimestamp: 1_798_790_400n,
 *   path: [3_000n, 3_600n].map((spot) => ({ spotWad: spot * 10n ** 18n })),
 * })
 * ```
 */
export function simulateSpreadStrategy({
  rule,
  pricing,
  assets,
  startTimestamp,
  path,
  maxPremiumDiscountWad = DEFAULT_PREMIUM_DISCOUNT,
  shortVaultMaxPremiumDiscountWad = DEFAULT_PREMIUM_DISCOUNT,
}: SimulateSpreadStrategyParameters): readonly SimulatedSpreadRound[] {
  checkRule(rule)
  checkSpreadRule(rule)
  checkPath(path, assets)

  const rounds: SimulatedSpreadRound[] = []
  let nav = assets
  let timestamp = startTimestamp
  for (let i = 0; i + 1 < path.length; i++) {
    const start = path[i] as StrategyPathPoint
    const settlementPriceWad = (path[i + 1] as StrategyPathPoint).spotWad
    const planned = planRound(
      rule,
      {
        ...pricing,
        smile: start.smile ?? pricing.smile,
        spotWad: start.spotWad,
        inventoryWad: start.inventoryWad ?? 0n,
        timestamp,
      },
      nav,
      undefined,
      { product: maxPremiumDiscountWad, shortVault: shortVaultMaxPremiumDiscountWad },
    )
    const { short, long } = planned
    const owedAssets =
      short === undefined
        ? 0n
        : mulDivUp(
            short.size,
            payoffWad(settlementPriceWad, short.strikeWad, rule.isCall, true),
            WAD * pricing.scale,
          )
    const longPayoutAssets =
      long === undefined
        ? 0n
        : mulDiv(
            long.size,
            payoffWad(settlementPriceWad, long.strikeWad, rule.isCall, false),
            WAD * pricing.scale,
          )
    const navAfterAssets =
      nav +
      (short?.premiumAssets ?? 0n) -
      owedAssets -
      (long?.premiumAssets ?? 0n) +
      longPayoutAssets
    rounds.push({
      ...planned,
      round: i + 1,
      startTimestamp: timestamp,
      settlementPriceWad,
      owedAssets,
      longPayoutAssets,
      navBeforeAssets: nav,
      navAfterAssets,
    })
    nav = navAfterAssets
    timestamp = planned.expiry
  }
  return rounds
}

function checkSpreadRule({ spreadWidthWad, hedgeBudgetWad }: SpreadRule): void {
  if (spreadWidthWad < MIN_SPREAD_WIDTH || spreadWidthWad > MAX_SPREAD_WIDTH)
    throw new InvalidBuildArgumentError(
      'spreadWidthWad',
      spreadWidthWad,
      'must be in [0.01e18, 0.5e18]',
    )
  if (hedgeBudgetWad < 0n || hedgeBudgetWad > MAX_HEDGE_BUDGET)
    throw new InvalidBuildArgumentError('hedgeBudgetWad', hedgeBudgetWad, 'must be in [0, 0.1e18]')
}

/**
 * The round `startRound` opens from `nav`, in the contracts' order: the writing vault's short leg
 * (the market's purchase: inventory cap, delta bounds, its cash, the writing vault's floor), then for
 * a spread the long leg (the market's sale: inventory cap, delta bounds, hedge budget, utilisation
 * cap) and the spread's floor on the net premium. Throws `StrategyRoundRejectedError` where it
 * would revert.
 */
function planRound(
  rule: StrategyRule | SpreadRule,
  pricing: TradePricingState,
  nav: bigint,
  book: MarketBookState | undefined,
  discountsWad: { product: bigint; shortVault: bigint },
): PlannedStrategyRound {
  const { isCall } = rule
  const { scale } = pricing
  const spread = 'spreadWidthWad' in rule ? rule : undefined
  const expiry = listedExpiryAtOrAfter(pricing.timestamp + rule.roundDurationSec)
  const budget = spread === undefined ? 0n : mulDiv(nav, spread.hedgeBudgetWad, WAD)
  const written = nav - budget
  const shortStrikeWad = otmStrike(pricing.spotWad, rule.moneynessWad, isCall)
  const covered = written > ENGINE_ROUNDING_ASSETS ? written - ENGINE_ROUNDING_ASSETS : 0n
  const size = fullyCollateralisedSize(covered, scale, shortStrikeWad, isCall)
  if (size === 0n)
    return { expiry, short: undefined, long: undefined, netPremiumAssets: 0n, floorAssets: 0n }

  const shortId = encodeSeriesId({ expiry, strikeWad: shortStrikeWad, isCall })
  const sold = onLeg('short', () => priceTradeWad(pricing, { id: shortId, size, isBuy: false }))
  checkDelta('short', sold, pricing)
  if (book !== undefined) {
    const encumbered = book.lockedAssets + book.reservedAssets
    if (book.heldAssets < sold.premiumAssets + encumbered)
      throw new StrategyRoundRejectedError('short', 'VaultCannotPayPremium', [
        sold.premiumAssets,
        book.heldAssets,
        encumbered,
      ])
  }
  const short = leg(shortId, shortStrikeWad, size, sold, pricing)
  const shortDiscountWad = spread === undefined ? discountsWad.product : discountsWad.shortVault
  const shortFloor = premiumFloorUp(size, short.fairValueWad, 0n, shortDiscountWad, scale)
  checkFloor('short', sold.premiumAssets, shortFloor)
  if (spread === undefined)
    return {
      expiry,
      short,
      long: undefined,
      netPremiumAssets: sold.premiumAssets,
      floorAssets: shortFloor,
    }

  const longStrikeWad = otmStrike(shortStrikeWad, spread.spreadWidthWad, isCall)
  const longId = encodeSeriesId({ expiry, strikeWad: longStrikeWad, isCall })
  const afterShort = { ...pricing, inventoryWad: sold.inventoryAfterWad }
  const bought = onLeg('long', () => priceTradeWad(afterShort, { id: longId, size, isBuy: true }))
  if (bought.premiumAssets > budget)
    throw new StrategyRoundRejectedError('long', 'PremiumAboveMax', [bought.premiumAssets, budget])
  if (book !== undefined) {
    const maxWad = maxPayoffWad(longStrikeWad, isCall)
    const before = book.longOpenInterestWad ?? 0n
    const locked =
      book.lockedAssets +
      mulDivUp(before + size, maxWad, WAD * scale) -
      mulDivUp(before, maxWad, WAD * scale)
    const encumbered = locked + book.reservedAssets
    const held = book.heldAssets - sold.premiumAssets + bought.premiumAssets
    if (encumbered * WAD > pricing.risk.maxUtilisationWad * held)
      throw new StrategyRoundRejectedError('long', 'UtilisationCapExceeded', [encumbered, held])
  }
  const long = leg(longId, longStrikeWad, size, bought, afterShort)
  const netPremiumAssets =
    sold.premiumAssets > bought.premiumAssets ? sold.premiumAssets - bought.premiumAssets : 0n
  const floorAssets = premiumFloorUp(
    size,
    short.fairValueWad,
    long.fairValueWad,
    discountsWad.product,
    scale,
  )
  checkFloor('net', netPremiumAssets, floorAssets)
  return { expiry, short, long, netPremiumAssets, floorAssets }
}

/** Runs `price`, naming the leg of the market's refusal. */
function onLeg(name: StrategyRoundLegName, price: () => PricedTradeWad): PricedTradeWad {
  try {
    return price()
  } catch (error) {
    if (error instanceof TradeRejectedError)
      throw new StrategyRoundRejectedError(name, error.errorName, error.args, { cause: error })
    throw error
  }
}

/** `OptionMarket._checkDelta` on a write (`priceTradeWad` checks it on a buy). */
function checkDelta(
  name: StrategyRoundLegName,
  priced: PricedTradeWad,
  pricing: TradePricingState,
) {
  const absDelta = abs(priced.quote.deltaWad)
  const { minAbsDeltaWad, maxAbsDeltaWad } = pricing.risk
  if (absDelta < minAbsDeltaWad || absDelta > maxAbsDeltaWad)
    throw new StrategyRoundRejectedError(name, 'DeltaOutOfBounds', [
      priced.quote.deltaWad,
      minAbsDeltaWad,
      maxAbsDeltaWad,
    ])
}

/** `StrategyVault._checkPremiumFloor`. */
function checkFloor(name: StrategyRoundLegName, premiumAssets: bigint, floorAssets: bigint): void {
  if (premiumAssets + PREMIUM_ROUNDING_ASSETS < floorAssets)
    throw new StrategyRoundRejectedError(name, 'PremiumBelowFloor', [premiumAssets, floorAssets])
}

function leg(
  id: bigint,
  strikeWad: bigint,
  size: bigint,
  priced: PricedTradeWad,
  pricing: TradePricingState,
): StrategyRoundLeg {
  return {
    id,
    strikeWad,
    size,
    premiumAssets: priced.premiumAssets,
    deltaWad: priced.quote.deltaWad,
    inventoryAfterWad: priced.inventoryAfterWad,
    fairValueWad: optionMarkWad({
      smile: pricing.smile,
      spotWad: pricing.spotWad,
      strikeWad,
      timeSec: priced.timeSec,
      rateWad: pricing.risk.rateWad,
      isCall: decodeSeriesId(id).isCall,
    }),
  }
}

/** `StrategyMath.premiumFloorUp`: sold·(1 − d) − bought·(1 + d), rounded up, 0 when not positive. */
function premiumFloorUp(
  size: bigint,
  soldMarkWad: bigint,
  boughtMarkWad: bigint,
  discountWad: bigint,
  scale: bigint,
): bigint {
  const soldWad = mulWadUp(size, soldMarkWad)
  const boughtWad = mulWad(size, boughtMarkWad)
  const costWad = boughtWad + mulWad(soldWad + boughtWad, discountWad)
  return soldWad > costWad ? divUp(soldWad - costWad, scale) : 0n
}
