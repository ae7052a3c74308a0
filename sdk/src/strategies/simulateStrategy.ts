import {
  InvalidBuildArgumentError,
  TradeRejectedError,
  type TradeRejectionName,
} from '../errors/market.js'
import { abs, divUp, min, mulDiv, mulDivUp, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { maxPayoffWad, optionMarkWad, payoffWad } from '../math/wad/optionValuation.js'
import { type SpotShockRuleWad, spotShockWad } from '../math/wad/portfolioRisk.js'
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
/** `SpreadVault.MIN_SPREAD_WIDTH`, `MAX_SPREAD_WIDTH`, `MAX_HEDGE_BUDGET` (its `MAX_MONEYNESS`,
 * round durations and `ENGINE_ROUNDING_ASSETS` are the writing vault's). */
const MIN_SPREAD_WIDTH = 10n ** 16n
const MAX_SPREAD_WIDTH = 5n * 10n ** 17n
const MAX_HEDGE_BUDGET = 5n * 10n ** 17n
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
 * A spread's rule, as `CallSpreadVault` / `PutSpreadVault` are configured: the short leg follows
 * the writing vaults' rule (moneyness from the spot, listed expiry), the long leg is
 * `spreadWidthWad` farther out of the money on the same expiry and size, bought for at most
 * `hedgeBudgetWad` of the NAV; both are held in one portfolio-margin account.
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
 *   hedgeBudgetWad: 3n * 10n ** 17n,
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
 * The portfolio margin engine's parameters a spread's account is sized by
 * (`IPortfolioMarginEngine.portfolioParams`): the per-short floor, the haircut of the spread's
 * asset (quote for puts, base for calls) and the spot-shock rule.
 *
 * @example
 * ```ts
 * import type { SpreadMarginParams } from '@smile/sdk'
 *
 * // The contracts' test engine: floor 1 %, base haircut 5 %, x = 4·σ_ATM·sqrt(1 day) in [5 %, 50 %].
 * const margin: SpreadMarginParams = {
 *   floorShareWad: 10n ** 16n,
 *   haircutWad: 5n * 10n ** 16n,
 *   shockRule: { multiplierWad: 4n * 10n ** 18n, horizonSec: 86_400n, minShockWad: 5n * 10n ** 16n, maxShockWad: 5n * 10n ** 17n },
 * }
 * ```
 */
export type SpreadMarginParams = {
  /** φ: the engine's floor per short, share of its maximum payoff, wad. */
  floorShareWad: bigint
  /** The engine's haircut of the spread's collateral asset, wad. */
  haircutWad: bigint
  /** k, h and the bounds of the engine's spot shock. */
  shockRule: SpotShockRuleWad
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
  /**
   * Collateral the round leaves in the margin account, token units: the whole NAV for a writing
   * vault (fully collateralised), size · `StrategyMath.spreadCollateralWadUp` (+ the engine's two
   * rounding units) for a spread: its maximum loss plus the floor.
   */
  postedAssets: bigint
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
 * (the hedge budget), `DebitSpread` (a spread's short leg paying no more than its long leg) or
 * `PremiumBelowFloor`.
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
  /** The portfolio engine's parameters a spread's account is sized by; required for a spread. */
  margin?: SpreadMarginParams
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
 * import { checkStrategyRound, type SpreadMarginParams, type TradeState } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState on a call series of the round's expiry
 * declare const margin: SpreadMarginParams // from the portfolio engine's portfolioParams()
 * const check = checkStrategyRound({
 *   rule: { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 604_800n, spreadWidthWad: 5n * 10n ** 16n, hedgeBudgetWad: 3n * 10n ** 17n },
 *   pricing: state,
 *   margin,
 *   assets: 10n * 10n ** 18n,
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
  margin,
}: CheckStrategyRoundParameters): CheckStrategyRoundReturnType {
  checkRule(rule)
  if ('spreadWidthWad' in rule) checkSpreadRule(rule, margin)
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  try {
    return {
      ok: true,
      round: planRound(rule, pricing, assets, book, maxPremiumDiscountWad, margin),
    }
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
  /** What the account owes for the short leg at settlement, token units, rounded up. */
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
  /** The portfolio engine's parameters the account is sized by. */
  margin: SpreadMarginParams
}

/**
 * Runs a spread (`CallSpreadVault` or `PutSpreadVault`) over a price path as `simulateStrategy`
 * runs a writing vault: each round sizes the spread so that the NAV less the hedge budget covers
 * the collateral per spread (`StrategyMath.spreadCollateralWadUp`: the maximum loss plus the
 * engine's floor, at its haircut and spot shock), buys the long leg at K2 in the account (priced
 * as the market's sale), writes the short leg at K1 on the same expiry and size (the market's
 * purchase, after the long leg's inventory), checks the floor on the net premium, and settles both
 * legs at the next point's spot (the short leg's debt rounded up, the long leg's payout rounded
 * down). Amounts are the vault's asset's units, to the wei of the contracts' arithmetic.
 *
 * @throws InvalidBuildArgumentError as `simulateStrategy`, or for a width or budget out of bounds.
 * @throws StrategyRoundRejectedError where a round's start would revert, with the leg at fault.
 * @example
 * ```ts
 * import { type SpreadMarginParams, simulateSpreadStrategy, type TradeState } from '@smile/sdk'
 *
 * declare const state: TradeState // fetchTradeState on a call series of the market
 * declare const margin: SpreadMarginParams // from the portfolio engine's portfolioParams()
 * const rounds = simulateSpreadStrategy({
 *   rule: { isCall: true, moneynessWad: 10n ** 17n, roundDurationSec: 604_800n, spreadWidthWad: 5n * 10n ** 16n, hedgeBudgetWad: 3n * 10n ** 17n },
 *   pricing: state,
 *   margin,
 *   assets: 10n * 10n ** 18n,
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
  margin,
}: SimulateSpreadStrategyParameters): readonly SimulatedSpreadRound[] {
  checkRule(rule)
  checkSpreadRule(rule, margin)
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
      maxPremiumDiscountWad,
      margin,
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

function checkSpreadRule(
  { spreadWidthWad, hedgeBudgetWad }: SpreadRule,
  margin: SpreadMarginParams | undefined,
): void {
  if (margin === undefined)
    throw new InvalidBuildArgumentError(
      'margin',
      'undefined',
      "a spread needs the engine's parameters",
    )
  if (spreadWidthWad < MIN_SPREAD_WIDTH || spreadWidthWad > MAX_SPREAD_WIDTH)
    throw new InvalidBuildArgumentError(
      'spreadWidthWad',
      spreadWidthWad,
      'must be in [0.01e18, 0.5e18]',
    )
  if (hedgeBudgetWad < 0n || hedgeBudgetWad > MAX_HEDGE_BUDGET)
    throw new InvalidBuildArgumentError('hedgeBudgetWad', hedgeBudgetWad, 'must be in [0, 0.5e18]')
}

/**
 * The round `startRound` opens from `nav`, in the contracts' order. A writing vault: its short leg
 * (the market's purchase: inventory cap, delta bounds, its cash, the floor). A spread: the size the
 * NAV less the budget covers at the collateral per spread, then the long leg (the market's sale:
 * inventory cap, delta bounds, hedge budget, utilisation cap), the short leg after it (the market's
 * purchase) and the floor on the net premium. Throws `StrategyRoundRejectedError` where it would
 * revert.
 */
function planRound(
  rule: StrategyRule | SpreadRule,
  pricing: TradePricingState,
  nav: bigint,
  book: MarketBookState | undefined,
  discountWad: bigint,
  margin?: SpreadMarginParams,
): PlannedStrategyRound {
  const { isCall } = rule
  const { scale } = pricing
  const expiry = listedExpiryAtOrAfter(pricing.timestamp + rule.roundDurationSec)
  const shortStrikeWad = otmStrike(pricing.spotWad, rule.moneynessWad, isCall)
  const shortId = encodeSeriesId({ expiry, strikeWad: shortStrikeWad, isCall })
  const none = {
    expiry,
    short: undefined,
    long: undefined,
    netPremiumAssets: 0n,
    floorAssets: 0n,
    postedAssets: 0n,
  }
  if (!('spreadWidthWad' in rule) || margin === undefined) {
    const covered = nav > ENGINE_ROUNDING_ASSETS ? nav - ENGINE_ROUNDING_ASSETS : 0n
    const size = fullyCollateralisedSize(covered, scale, shortStrikeWad, isCall)
    if (size === 0n) return none
    const sold = onLeg('short', () => priceTradeWad(pricing, { id: shortId, size, isBuy: false }))
    checkDelta('short', sold, pricing)
    if (book !== undefined) checkVaultCash(sold, book.heldAssets, book)
    const short = leg(shortId, shortStrikeWad, size, sold, pricing)
    const floorAssets = premiumFloorUp(size, short.fairValueWad, 0n, discountWad, scale)
    checkFloor('short', sold.premiumAssets, floorAssets)
    return { ...none, short, netPremiumAssets: sold.premiumAssets, floorAssets, postedAssets: nav }
  }

  const budget = mulDiv(nav, rule.hedgeBudgetWad, WAD)
  const longStrikeWad = otmStrike(shortStrikeWad, rule.spreadWidthWad, isCall)
  const longId = encodeSeriesId({ expiry, strikeWad: longStrikeWad, isCall })
  const perSpreadWad = spreadCollateralWadUp(
    isCall,
    pricing.spotWad,
    isCall ? spotShockWad(pricing.smile, expiry - pricing.timestamp, margin.shockRule) : 0n,
    shortStrikeWad,
    longStrikeWad,
    margin,
  )
  const reserved = 2n * ENGINE_ROUNDING_ASSETS
  const size = nav > reserved ? mulDiv((nav - reserved) * scale, WAD, perSpreadWad) : 0n
  if (size === 0n) return none
  const postedAssets = mulDivUp(size, perSpreadWad, WAD * scale) + ENGINE_ROUNDING_ASSETS

  // Bought from the posted collateral: the engine caps the budget at what the account holds.
  const maxLongAssets = min(budget, postedAssets)
  const bought = onLeg('long', () => priceTradeWad(pricing, { id: longId, size, isBuy: true }))
  if (bought.premiumAssets > maxLongAssets)
    throw new StrategyRoundRejectedError('long', 'PremiumAboveMax', [
      bought.premiumAssets,
      maxLongAssets,
    ])
  let lockedAfterLong = 0n
  if (book !== undefined) {
    const maxWad = maxPayoffWad(longStrikeWad, isCall)
    const before = book.longOpenInterestWad ?? 0n
    lockedAfterLong =
      book.lockedAssets +
      mulDivUp(before + size, maxWad, WAD * scale) -
      mulDivUp(before, maxWad, WAD * scale)
    const encumbered = lockedAfterLong + book.reservedAssets
    const held = book.heldAssets + bought.premiumAssets
    if (encumbered * WAD > pricing.risk.maxUtilisationWad * held)
      throw new StrategyRoundRejectedError('long', 'UtilisationCapExceeded', [encumbered, held])
  }
  const long = leg(longId, longStrikeWad, size, bought, pricing)
  const afterLong = { ...pricing, inventoryWad: bought.inventoryAfterWad }
  const sold = onLeg('short', () => priceTradeWad(afterLong, { id: shortId, size, isBuy: false }))
  checkDelta('short', sold, afterLong)
  if (book !== undefined)
    checkVaultCash(sold, book.heldAssets + bought.premiumAssets, {
      ...book,
      lockedAssets: lockedAfterLong,
    })
  const short = leg(shortId, shortStrikeWad, size, sold, afterLong)
  if (sold.premiumAssets <= bought.premiumAssets)
    throw new StrategyRoundRejectedError('net', 'DebitSpread', [
      sold.premiumAssets,
      bought.premiumAssets,
    ])
  const netPremiumAssets =
    sold.premiumAssets > bought.premiumAssets ? sold.premiumAssets - bought.premiumAssets : 0n
  const floorAssets = premiumFloorUp(
    size,
    short.fairValueWad,
    long.fairValueWad,
    discountWad,
    scale,
  )
  checkFloor('net', netPremiumAssets, floorAssets)
  return { expiry, short, long, netPremiumAssets, floorAssets, postedAssets }
}

/** The market vault must hold the short leg's premium on top of what it has encumbered. */
function checkVaultCash(sold: PricedTradeWad, heldAssets: bigint, book: MarketBookState): void {
  const encumbered = book.lockedAssets + book.reservedAssets
  if (heldAssets < sold.premiumAssets + encumbered)
    throw new StrategyRoundRejectedError('short', 'VaultCannotPayPremium', [
      sold.premiumAssets,
      heldAssets,
      encumbered,
    ])
}

/**
 * `StrategyMath.spreadCollateralWadUp`: collateral per spread, wad of the spread's asset per
 * option, rounded up. Put: (K1 − K2 + φ·K1 + a)/(1 − h); call: (K2 − K1 + φ·S + a)/(S·(1 − x)·(1 − h));
 * a = 4·S + 4 wei per spread (the engine's rounding allowance on two legs).
 */
function spreadCollateralWadUp(
  isCall: boolean,
  spotWad: bigint,
  shockWad: bigint,
  k1: bigint,
  k2: bigint,
  { floorShareWad, haircutWad }: SpreadMarginParams,
): bigint {
  const allowanceWad = (4n * spotWad) / WAD + 4n
  if (!isCall)
    return mulDivUp(k1 - k2 + mulWadUp(floorShareWad, k1) + allowanceWad, WAD, WAD - haircutWad)
  const callWad = k2 - k1 + mulWadUp(floorShareWad, spotWad) + allowanceWad
  return mulDivUp(callWad, WAD, mulWad(mulWad(spotWad, WAD - shockWad), WAD - haircutWad))
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
