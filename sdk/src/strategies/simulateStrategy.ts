import { InvalidBuildArgumentError, TradeRejectedError } from '../errors/market.js'
import { abs, mulDiv, mulDivUp, mulWad, mulWadUp } from '../math/wad/fixedPoint.js'
import { payoffWad } from '../math/wad/optionValuation.js'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { priceTradeWad, type TradePricingState } from '../math/wad/tradePricing.js'

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
 *   startTimestamp: 1_767_254_400n,
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
  if (path.length < 2)
    throw new InvalidBuildArgumentError('path', BigInt(path.length), 'needs at least two points')
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  for (const point of path)
    if (point.spotWad <= 0n)
      throw new InvalidBuildArgumentError('path', point.spotWad, 'every spot must be positive')

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
