import { describe, expect, it } from 'vitest'
import { TradeRejectedError } from '../../errors/market.js'
import { WAD } from '../wad.js'
import { encodeSeriesId } from './seriesId.js'
import { priceTradeWad, type TradePricingState, tradeFeeWad } from './tradePricing.js'

const DAY = 86_400n
const EXPIRY = 1_800_000_000n - (1_800_000_000n % DAY) + 8n * 3_600n
const STATE: TradePricingState = {
  risk: {
    feeShareWad: 10n ** 16n,
    vegaFeeWad: 2n * 10n ** 15n,
    maxUtilisationWad: 9n * 10n ** 17n,
    minAbsDeltaWad: 5n * 10n ** 16n,
    maxAbsDeltaWad: 95n * 10n ** 16n,
    minTimeToExpirySec: 3_600n,
    maxTimeToExpirySec: 365n * DAY,
    rateWad: 0n,
  },
  side: {
    vegaDepthWad: 3_000_000n * WAD,
    maxInventoryWad: 1_500_000n * WAD,
    minFeePerOptionWad: 3n * 10n ** 17n,
  },
  spotWad: 3_000n * WAD,
  smile: {
    a: 8n * 10n ** 15n,
    b: 5n * 10n ** 16n,
    rho: -3n * 10n ** 17n,
    m: 0n,
    sigma: 10n ** 17n,
  },
  inventoryWad: 0n,
  scale: 10n ** 12n,
  timestamp: EXPIRY - 7n * DAY,
}
const PUT = encodeSeriesId({ expiry: EXPIRY, strikeWad: 3_000n * WAD, isCall: false })

function rejection(f: () => unknown): TradeRejectedError | undefined {
  try {
    f()
  } catch (error) {
    if (error instanceof TradeRejectedError) return error
    throw error
  }
  return undefined
}

describe('trade pricing mirror', () => {
  it('a buy costs more than a sale of the same size pays, and moves E by ±q·v', () => {
    const buy = priceTradeWad(STATE, { id: PUT, size: WAD, isBuy: true })
    const sell = priceTradeWad(STATE, { id: PUT, size: WAD, isBuy: false })
    expect(buy.premiumAssets).toBeGreaterThan(sell.premiumAssets)
    expect(buy.inventoryAfterWad).toBe(buy.vegaTradedWad)
    expect(sell.inventoryAfterWad).toBe(-sell.vegaTradedWad)
    // Premium = ceil((q·P + ΔΦ + fee) / scale) on a buy.
    const wad = buy.valueWad + buy.chargeWad + buy.feeWad
    expect(buy.premiumAssets).toBe((wad + STATE.scale - 1n) / STATE.scale)
  })

  it('the fee has a floor per option', () => {
    const risk = { feeShareWad: 0n, vegaFeeWad: 0n }
    expect(tradeFeeWad(WAD, WAD, 2n * WAD, risk, { minFeePerOptionWad: 3n })).toBe(6n)
    expect(
      tradeFeeWad(
        10n * WAD,
        0n,
        WAD,
        { feeShareWad: 10n ** 16n, vegaFeeWad: 0n },
        { minFeePerOptionWad: 0n },
      ),
    ).toBe(10n ** 17n)
  })

  it('refuses what the market refuses, with its error name and arguments', () => {
    expect(
      rejection(() => priceTradeWad(STATE, { id: PUT, size: 0n, isBuy: true }))?.errorName,
    ).toBe('ZeroSize')
    const offGrid = encodeSeriesId({ expiry: EXPIRY + 1n, strikeWad: 3_000n * WAD, isCall: false })
    expect(
      rejection(() => priceTradeWad(STATE, { id: offGrid, size: WAD, isBuy: true }))?.args,
    ).toEqual([EXPIRY + 1n])
    const oddStrike = encodeSeriesId({ expiry: EXPIRY, strikeWad: 3_001n * WAD, isCall: false })
    expect(
      rejection(() => priceTradeWad(STATE, { id: oddStrike, size: WAD, isBuy: true }))?.errorName,
    ).toBe('StrikeNotListed')
    const late = { ...STATE, timestamp: EXPIRY - 60n }
    expect(rejection(() => priceTradeWad(late, { id: PUT, size: WAD, isBuy: true }))?.args).toEqual(
      [60n, 3_600n, 365n * DAY],
    )
    const farPut = encodeSeriesId({ expiry: EXPIRY, strikeWad: 2_000n * WAD, isCall: false })
    expect(
      rejection(() => priceTradeWad(STATE, { id: farPut, size: WAD, isBuy: true }))?.errorName,
    ).toBe('DeltaOutOfBounds')
    const capped = { ...STATE, side: { ...STATE.side, maxInventoryWad: 1n } }
    expect(
      rejection(() => priceTradeWad(capped, { id: PUT, size: WAD, isBuy: true }))?.errorName,
    ).toBe('InventoryCapExceeded')
    // As `buy`: the cap is checked inside `_price`, the delta bound after it (found by the quote fuzz).
    expect(
      rejection(() => priceTradeWad(capped, { id: farPut, size: WAD, isBuy: true }))?.errorName,
    ).toBe('InventoryCapExceeded')
    expect(
      rejection(() => priceTradeWad(STATE, { id: PUT | (1n << 200n), size: WAD, isBuy: true }))
        ?.errorName,
    ).toBe('NonCanonicalSeries')
  })

  it('in the oracle’s degraded mode a sale prices at the spot range’s end that favours the vault; a buy throws the spot’s refusal first', () => {
    const refusal = new Error('PriceDeviationTooHigh')
    const degraded: TradePricingState = {
      ...STATE,
      spotWad: 0n,
      spotRange: { lowWad: 2_950n * WAD, highWad: 3_050n * WAD },
      oracle: { spotError: refusal },
    }
    // A put is worth least to the seller at the high end: the sale is priced there.
    const sale = priceTradeWad(degraded, { id: PUT, size: WAD, isBuy: false })
    const atHigh = priceTradeWad(
      { ...STATE, spotWad: 3_050n * WAD },
      { id: PUT, size: WAD, isBuy: false },
    )
    expect(sale.premiumAssets).toBe(atHigh.premiumAssets)
    expect(() => priceTradeWad(degraded, { id: PUT, size: 0n, isBuy: true })).toThrow(refusal)
  })

  it('refuses a smile that went stale by the quoted timestamp, as the oracle does', () => {
    const posted = STATE.timestamp - 3_600n
    const state = { ...STATE, oracle: { smileUpdatedAt: posted, smileMaxStaleness: 86_400n } }
    expect(
      rejection(() => priceTradeWad(state, { id: PUT, size: WAD, isBuy: true })),
    ).toBeUndefined()
    const late = { ...state, timestamp: posted + 86_401n }
    expect(
      rejection(() => priceTradeWad(late, { id: PUT, size: WAD, isBuy: false })),
    ).toMatchObject({
      errorName: 'StaleSmile',
      args: [EXPIRY, posted, 86_400n],
    })
  })
})
