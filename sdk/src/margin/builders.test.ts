import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { marginEngineAbi } from '../abi/generated.js'
import { SmileError } from '../errors/base.js'
import { MarginCollateralMismatchError, SelfLiquidationError } from '../errors/margin.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { encodeSeriesId } from '../math/wad/seriesId.js'
import { buildClose } from './buildClose.js'
import { buildLiquidate } from './buildLiquidate.js'
import { buildMarginDeposit } from './buildMarginDeposit.js'
import { buildMarginWithdraw } from './buildMarginWithdraw.js'
import { buildOpenAccount } from './buildOpenAccount.js'
import { buildResolveBadDebt } from './buildResolveBadDebt.js'
import { buildSettleAccount } from './buildSettleAccount.js'
import { buildWrite } from './buildWrite.js'
import { MAX_POSITION_SIZE } from './validate.js'

const ENGINE = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const OWNER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PUT = encodeSeriesId({
  expiry: 1_767_254_400n,
  strikeWad: 2_900n * 10n ** 18n,
  isCall: false,
})
const SIZE = 10n ** 19n

const decode = (data: `0x${string}`) => decodeFunctionData({ abi: marginEngineAbi, data })

/** The typed error `build` throws (fails the test when it throws none). */
function thrown(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  throw new Error('expected the builder to throw')
}

describe('margin builders', () => {
  it('buildMarginDeposit encodes deposit() and requires the allowance to the engine', () => {
    const request = buildMarginDeposit({ engine: ENGINE, asset: USDC, accountId: 3n, assets: 500n })
    expect(Object.isFrozen(request)).toBe(true)
    expect(Object.isFrozen(request.requirements)).toBe(true)
    expect(request).toMatchObject({ to: ENGINE, value: 0n })
    expect(decode(request.data)).toEqual({ functionName: 'deposit', args: [3n, 500n] })
    const [requirement] = request.requirements
    expect(requirement).toMatchObject({ token: USDC, spender: ENGINE, amount: 500n })
    expect(
      decodeFunctionData({ abi: erc20Abi, data: requirement?.approve.data ?? '0x' }).args,
    ).toEqual([ENGINE, 500n])
  })

  it('encodes every other margin call with no requirement', () => {
    const requests = {
      openAccount: buildOpenAccount({ engine: ENGINE, isCall: true }),
      withdraw: buildMarginWithdraw({ engine: ENGINE, accountId: 3n, assets: 7n, receiver: OWNER }),
      write: buildWrite({
        engine: ENGINE,
        accountId: 3n,
        id: PUT,
        size: SIZE,
        minPremiumAssets: 11n,
        deadline: 99n,
        accountIsCall: false,
      }),
      close: buildClose({
        engine: ENGINE,
        accountId: 3n,
        id: PUT,
        size: SIZE,
        maxPremiumAssets: 12n,
        deadline: 99n,
      }),
      liquidate: buildLiquidate({
        engine: ENGINE,
        accountId: 3n,
        id: PUT,
        size: SIZE,
        liquidatorAccountId: 4n,
      }),
      settleAccount: buildSettleAccount({ engine: ENGINE, accountId: 3n }),
      resolveBadDebt: buildResolveBadDebt({ engine: ENGINE, accountId: 3n }),
    }
    const args = Object.fromEntries(
      Object.entries(requests).map(([name, request]) => {
        expect(request.requirements).toEqual([])
        expect(request.to).toBe(ENGINE)
        const decoded = decode(request.data)
        expect(decoded.functionName).toBe(name)
        return [name, decoded.args]
      }),
    )
    expect(args).toEqual({
      openAccount: [true],
      withdraw: [3n, 7n, OWNER],
      write: [3n, PUT, SIZE, 11n, 99n],
      close: [3n, PUT, SIZE, 12n, 99n],
      liquidate: [3n, PUT, SIZE, 4n],
      settleAccount: [3n],
      resolveBadDebt: [3n],
    })
  })

  it('refuses what the engine would refuse, with typed errors', () => {
    const trade = { engine: ENGINE, accountId: 3n, id: PUT, size: SIZE, deadline: 99n }
    const cases: [() => unknown, string][] = [
      [
        () => buildMarginDeposit({ engine: ENGINE, asset: USDC, accountId: 0n, assets: 1n }),
        'accountId',
      ],
      [
        () => buildMarginDeposit({ engine: ENGINE, asset: USDC, accountId: 1n, assets: 0n }),
        'assets',
      ],
      [
        () => buildMarginWithdraw({ engine: ENGINE, accountId: 1n, assets: -1n, receiver: OWNER }),
        'assets',
      ],
      [() => buildWrite({ ...trade, size: 0n, minPremiumAssets: 0n }), 'size'],
      [() => buildWrite({ ...trade, size: MAX_POSITION_SIZE + 1n, minPremiumAssets: 0n }), 'size'],
      [() => buildWrite({ ...trade, minPremiumAssets: -1n }), 'minPremiumAssets'],
      [() => buildWrite({ ...trade, minPremiumAssets: 0n, deadline: 0n }), 'deadline'],
      [() => buildWrite({ ...trade, id: PUT | (1n << 200n), minPremiumAssets: 0n }), 'id'],
      [() => buildClose({ ...trade, maxPremiumAssets: -5n }), 'maxPremiumAssets'],
      [() => buildClose({ ...trade, maxPremiumAssets: 5n, deadline: -1n }), 'deadline'],
      [() => buildLiquidate({ ...trade, liquidatorAccountId: 0n }), 'liquidatorAccountId'],
      [() => buildSettleAccount({ engine: ENGINE, accountId: -2n }), 'accountId'],
      [() => buildResolveBadDebt({ engine: ENGINE, accountId: 0n }), 'accountId'],
    ]
    for (const [build, argument] of cases) {
      const error = thrown(build)
      expect(error).toBeInstanceOf(InvalidBuildArgumentError)
      expect(error).toBeInstanceOf(SmileError)
      expect((error as InvalidBuildArgumentError).argument).toBe(argument)
    }
    // The largest size the engine stores still builds.
    expect(
      decode(buildClose({ ...trade, size: MAX_POSITION_SIZE, maxPremiumAssets: 1n }).data).args,
    ).toContain(MAX_POSITION_SIZE)
  })

  it('refuses a self-liquidation and a series of the other collateral', () => {
    const self = thrown(() =>
      buildLiquidate({
        engine: ENGINE,
        accountId: 5n,
        id: PUT,
        size: SIZE,
        liquidatorAccountId: 5n,
      }),
    )
    expect(self).toBeInstanceOf(SelfLiquidationError)
    expect((self as SelfLiquidationError).accountId).toBe(5n)
    const mismatch = thrown(() =>
      buildWrite({
        engine: ENGINE,
        accountId: 5n,
        id: PUT,
        size: SIZE,
        minPremiumAssets: 0n,
        deadline: 99n,
        accountIsCall: true,
      }),
    )
    expect(mismatch).toBeInstanceOf(MarginCollateralMismatchError)
    expect(mismatch).toMatchObject({ accountId: 5n, id: PUT, accountIsCall: true })
  })
})
