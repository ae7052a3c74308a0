import { zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidQuoteStripError } from '../errors/market.js'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import { toWad, WAD } from '../math/wad.js'
import type { FetchMarketReturnType } from './fetchMarket.js'
import type { TradeState } from './fetchTradeState.js'
import { quoteBuy } from './quoteBuy.js'
import { quoteSell } from './quoteSell.js'
import { quoteStrip } from './quoteStrip.js'

const DAY = 86_400n
const TIMESTAMP = 1_767_000_000n
/** 08:00 UTC, 30 days and some hours after TIMESTAMP. */
const EXPIRY = (TIMESTAMP / DAY) * DAY + 8n * 3_600n + 30n * DAY
const RISK = {
  feeShareWad: 10n ** 16n,
  vegaFeeWad: 2n * 10n ** 15n,
  maxUtilisationWad: 9n * 10n ** 17n,
  // Every delta and inventory trades, so that every strike of the strip can be checked.
  minAbsDeltaWad: 0n,
  maxAbsDeltaWad: WAD,
  minTimeToExpirySec: 3_600n,
  maxTimeToExpirySec: 365n * DAY,
  rateWad: 3n * 10n ** 16n,
}
const CALL_SIDE = {
  vegaDepthWad: 10n ** 19n,
  maxInventoryWad: 10n ** 24n,
  minFeePerOptionWad: 10n ** 14n,
}
const PUT_SIDE = {
  vegaDepthWad: 30_000n * WAD,
  maxInventoryWad: 10n ** 30n,
  minFeePerOptionWad: 3n * 10n ** 17n,
}
const CONFIG: FetchMarketReturnType = {
  market: zeroAddress,
  spotOracle: zeroAddress,
  volatilityOracle: zeroAddress,
  settlementOracle: zeroAddress,
  risk: RISK,
  call: { vault: zeroAddress, asset: zeroAddress, decimals: 18, scale: 1n, params: CALL_SIDE },
  put: { vault: zeroAddress, asset: zeroAddress, decimals: 6, scale: 10n ** 12n, params: PUT_SIDE },
}

/** The state `fetchTradeState` would return for series (strike, side) of EXPIRY. */
function stateOf(strike: number, isCall: boolean): TradeState {
  const side = isCall ? CONFIG.call : CONFIG.put
  return {
    id: encodeSeriesId({ expiry: EXPIRY, strikeWad: toWad(strike), isCall }),
    config: CONFIG,
    blockNumber: 1n,
    timestamp: TIMESTAMP,
    risk: RISK,
    side: side.params,
    scale: side.scale,
    spotWad: 3_012_340_000_000_000_000_000n,
    smile: {
      a: 8n * 10n ** 15n,
      b: 5n * 10n ** 16n,
      rho: -3n * 10n ** 17n,
      m: 0n,
      sigma: 10n ** 17n,
    },
    // The call vault short 2.5 of vega (a quarter of its depth), the put vault long 4,000.
    inventoryWad: isCall ? 25n * 10n ** 17n : -4_000n * WAD,
  }
}

const states = { call: stateOf(3_000, true), put: stateOf(3_000, false) }
const SIZE = 2

/** |actual − expected| ≤ relative·|expected| + absolute. */
function expectClose(actual: number, expected: number, relative: number, absolute: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + absolute)
}

describe('quoteStrip', () => {
  const strip = quoteStrip(states, { strikes: { from: 1_500, to: 6_000, step: 100 }, size: SIZE })

  it('quotes every strike of the grid, ends included', () => {
    expect(strip.quotes.map((q) => q.strike)).toEqual(
      Array.from({ length: 46 }, (_, i) => 1_500 + 100 * i),
    )
    expect(strip).toMatchObject({
      expiry: EXPIRY,
      timeSec: Number(EXPIRY - TIMESTAMP),
      spot: 3_012.34,
    })
  })

  it('agrees with the exact bigint quotes (quoteBuy, quoteSell) on every strike and side', () => {
    let floorFees = 0
    for (const quote of strip.quotes)
      for (const isCall of [true, false]) {
        const side = isCall ? quote.call : quote.put
        const { decimals } = isCall ? CONFIG.call : CONFIG.put
        const unit = 10 ** decimals
        const size = BigInt(SIZE) * WAD
        const state = stateOf(quote.strike, isCall)
        const buy = quoteBuy(state, { size })
        const sell = quoteSell(state, { size })
        // σ, the marginal vol and delta: float64 against the wad mirror, to 1e-12.
        expectClose(quote.vol, Number(buy.volWad) / 1e18, 0, 1e-12)
        expectClose(side.marginalVol, Number(buy.marginalVolWad) / 1e18, 0, 1e-12)
        expectClose(side.delta, Number(buy.priced.quote.deltaWad) / 1e18, 0, 1e-12)
        expectClose(side.value, Number(buy.priced.quote.valueWad) / 1e18, 1e-10, 1e-15)
        // Premiums per option: 1e-9 relative, plus the token unit the market rounds to, per option.
        expectClose(side.buyPremium, Number(buy.premiumAssets) / unit / SIZE, 1e-9, 1 / unit)
        expectClose(side.sellPremium, Number(sell.premiumAssets) / unit / SIZE, 1e-9, 1 / unit)
        const feePerOption = Number(buy.feeAssets) / unit / SIZE
        const minFee = Number((isCall ? CALL_SIDE : PUT_SIDE).minFeePerOptionWad) / 1e18
        if (Math.abs(feePerOption - minFee) <= 1 / unit) floorFees += 1
      }
    // The fee floor is reached on the far strikes, so both branches of the fee are checked.
    expect(floorFees).toBeGreaterThan(0)
    expect(floorFees).toBeLessThan(2 * strip.quotes.length)
  })

  it('quotes a list of strikes, later timestamps and larger sizes consistently', () => {
    const later = quoteStrip(states, { strikes: [2_500, 3_500], timestamp: TIMESTAMP + 10n * DAY })
    expect(later.timeSec).toBe(Number(EXPIRY - TIMESTAMP - 10n * DAY))
    const state = stateOf(3_500, true)
    const exact = quoteBuy(state, { size: WAD, timestamp: TIMESTAMP + 10n * DAY })
    expectClose(
      later.quotes[1]?.call.buyPremium ?? 0,
      Number(exact.premiumAssets) / 1e18,
      1e-9,
      1e-18,
    )
    // The call vault is short vega: a bigger buy pays more per option, a bigger sell receives less.
    const [small, large] = [1, 50].map(
      (size) => quoteStrip(states, { strikes: [3_000], size }).quotes[0]?.call,
    )
    expect(large?.buyPremium).toBeGreaterThan(small?.buyPremium ?? Infinity)
    expect(large?.sellPremium).toBeLessThan(small?.sellPremium ?? -Infinity)
  })

  it('refuses states that are not a call and a put of one expiry, and grids that do not advance', () => {
    const other = {
      ...stateOf(3_000, false),
      id: encodeSeriesId({ expiry: EXPIRY + DAY, strikeWad: toWad(3_000), isCall: false }),
    }
    for (const bad of [
      () => quoteStrip({ call: states.put, put: states.call }, { strikes: [3_000] }),
      () => quoteStrip({ call: states.call, put: other }, { strikes: [3_000] }),
      () => quoteStrip(states, { strikes: { from: 3_000, to: 2_000, step: 100 } }),
      () => quoteStrip(states, { strikes: { from: 2_000, to: 3_000, step: 0 } }),
      () => quoteStrip(states, { strikes: [3_000], size: 0 }),
    ])
      expect(bad).toThrow(InvalidQuoteStripError)
  })
})
