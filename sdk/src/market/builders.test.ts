import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { optionMarketAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import { buildBuy } from './buildBuy.js'
import { buildRedeemPosition } from './buildRedeemPosition.js'
import { buildSell } from './buildSell.js'
import { buildSettle } from './buildSettle.js'

const MARKET = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const HOLDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const ID = encodeSeriesId({ expiry: 1_767_254_400n, strikeWad: 3_000n * 10n ** 18n, isCall: false })

describe('market builders', () => {
  it('buildBuy encodes buy() and requires the premium limit as allowance to the market', () => {
    const request = buildBuy({
      market: MARKET,
      asset: USDC,
      id: ID,
      size: 10n ** 18n,
      maxPremiumAssets: 150n,
      deadline: 99n,
    })
    expect(Object.isFrozen(request)).toBe(true)
    expect(request).toMatchObject({ to: MARKET, value: 0n })
    expect(decodeFunctionData({ abi: optionMarketAbi, data: request.data })).toEqual({
      functionName: 'buy',
      args: [ID, 10n ** 18n, 150n, 99n],
    })
    const [requirement] = request.requirements
    expect(requirement).toMatchObject({
      type: 'erc20Allowance',
      token: USDC,
      spender: MARKET,
      amount: 150n,
    })
    expect(
      decodeFunctionData({ abi: erc20Abi, data: requirement?.approve.data ?? '0x' }).args,
    ).toEqual([MARKET, 150n])
  })

  it('buildSell, buildSettle and buildRedeemPosition encode their calls without requirements', () => {
    const sell = buildSell({
      market: MARKET,
      id: ID,
      size: 5n,
      minPremiumAssets: 1n,
      deadline: 99n,
    })
    expect(decodeFunctionData({ abi: optionMarketAbi, data: sell.data }).args).toEqual([
      ID,
      5n,
      1n,
      99n,
    ])
    const settle = buildSettle({ market: MARKET, expiry: 1_767_254_400n })
    expect(decodeFunctionData({ abi: optionMarketAbi, data: settle.data })).toEqual({
      functionName: 'settle',
      args: [1_767_254_400n],
    })
    const redeem = buildRedeemPosition({ market: MARKET, id: ID, size: 5n, receiver: HOLDER })
    expect(decodeFunctionData({ abi: optionMarketAbi, data: redeem.data }).args).toEqual([
      ID,
      5n,
      HOLDER,
    ])
    for (const request of [sell, settle, redeem]) expect(request.requirements).toEqual([])
  })

  it('refuses a zero size, a negative limit or a missing deadline', () => {
    expect(() =>
      buildBuy({
        market: MARKET,
        asset: USDC,
        id: ID,
        size: 0n,
        maxPremiumAssets: 1n,
        deadline: 9n,
      }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() =>
      buildSell({ market: MARKET, id: ID, size: 1n, minPremiumAssets: -1n, deadline: 9n }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() =>
      buildSell({ market: MARKET, id: ID, size: 1n, minPremiumAssets: 0n, deadline: 0n }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() =>
      buildRedeemPosition({ market: MARKET, id: ID, size: 0n, receiver: HOLDER }),
    ).toThrow(InvalidBuildArgumentError)
  })
})
