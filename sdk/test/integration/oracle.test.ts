import { TickMath } from '@uniswap/v3-sdk'
import { type Abi, type Address, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  settlementOracleAbi,
  uniswapV3TwapAdapterAbi,
  volatilityOracleAbi,
} from '../../src/abi/generated.js'
import { ContractRevertError } from '../../src/errors/contractRevert.js'
import { toWad } from '../../src/math/wad.js'
import { InvalidExpiryError } from '../../src/oracle/errors.js'
import { readSettlement } from '../../src/oracle/readSettlement.js'
import { readSmile } from '../../src/oracle/readSmile.js'
import { readSpot } from '../../src/oracle/readSpot.js'
import { readPoolTwap } from '../../src/uniswap/readPoolTwap.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { type Artifact, forgeArtifact, uniswapArtifact } from '../utils/artifacts.js'
import { deployArtifact, makeTestClient, sendCall, type TestClient } from '../utils/testClient.js'

const FEE_MEDIUM = 3_000
const FULL_RANGE = [-887_220, 887_220] as const
const LIQUIDITY = 10n ** 17n
const TWAP_WINDOW = 600
const HEARTBEAT = 3_600n
const MAX_SMILE_STALENESS = 3_600n
const FEED_DECIMALS = 8
const FEED_ANSWER = 3_000n * 10n ** 8n
/** Ticks the pool is swapped to, relative to its initial tick, and the seconds spent before each. */
const PATH = [
  { offset: 120, waitSec: 200 },
  { offset: -240, waitSec: 150 },
  { offset: 60, waitSec: 300 },
] as const
const FINAL_WAIT_SEC = 233

function sqrtPriceAtTick(tick: number): bigint {
  return BigInt(TickMath.getSqrtRatioAtTick(tick).toString())
}

/** Floor of a bigint division, as Uniswap rounds a mean tick (toward −∞). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

describe('oracle reads against the oracle contracts on anvil', () => {
  let anvil: Anvil
  let client: TestClient
  let deployer: Address
  let weth: Address
  let usdc: Address
  let pool: Address
  let feed: Address
  let chainlinkAdapter: Address
  let router: Address
  let volatilityOracle: Address
  let settlementOracle: Address
  /** One adapter per token order: the base is the pool's token0, then its token1. */
  const twapAdapters: { base: Address; quote: Address; address: Address }[] = []
  /** The pool tick from each timestamp on (the tick path the TWAP averages). */
  const tickPath: { from: bigint; tick: number }[] = []
  /** The smile posted by the smile test, which the staleness test reads again. */
  let smile: { expiry: bigint; postedAt: bigint }

  const deploy = (artifact: Artifact, args: readonly unknown[] = []) =>
    deployArtifact(client, deployer, artifact, args)
  /** Sends a transaction and returns the timestamp of the block that mined it. */
  const send = (address: Address, abi: Abi, functionName: string, args: readonly unknown[]) =>
    sendCall(client, deployer, address, abi, functionName, args)

  async function wait(seconds: number): Promise<bigint> {
    await client.increaseTime({ seconds })
    await client.mine({ blocks: 1 })
    return (await client.getBlock()).timestamp
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    client = makeTestClient(anvil.rpcUrl)
    const [account] = await client.getAddresses()
    if (account === undefined) throw new Error('anvil has no unlocked account')
    deployer = account

    const token = forgeArtifact('TestERC20')
    weth = await deploy(token, ['Wrapped Ether', 'WETH', 18])
    usdc = await deploy(token, ['USD Coin', 'USDC', 6])
    const factoryArtifact = uniswapArtifact('UniswapV3Factory')
    const poolAbi = uniswapArtifact('UniswapV3Pool').abi
    const factory = await deploy(factoryArtifact)
    await send(factory, factoryArtifact.abi, 'createPool', [weth, usdc, FEE_MEDIUM])
    pool = (await client.readContract({
      address: factory,
      abi: factoryArtifact.abi,
      functionName: 'getPool',
      args: [weth, usdc, FEE_MEDIUM],
    })) as Address
    // 3,000 USDC per WETH: raw token1/token0 is 3e-9 (WETH token0) or 1/3e-9 (USDC token0).
    const wethIsToken0 = BigInt(weth) < BigInt(usdc)
    const initialTick = wethIsToken0 ? -196_256 : 196_256
    tickPath.push({
      from: await send(pool, poolAbi, 'initialize', [sqrtPriceAtTick(initialTick)]),
      tick: initialTick,
    })
    await send(pool, poolAbi, 'increaseObservationCardinalityNext', [16])
    const actorArtifact = forgeArtifact('PoolActor')
    const actor = await deploy(actorArtifact)
    await send(actor, actorArtifact.abi, 'mint', [pool, ...FULL_RANGE, LIQUIDITY])

    for (const { offset, waitSec } of PATH) {
      await client.increaseTime({ seconds: waitSec })
      const tick = initialTick + offset
      const at = await send(actor, actorArtifact.abi, 'swapToPrice', [pool, sqrtPriceAtTick(tick)])
      tickPath.push({ from: at, tick })
    }

    const [token0, token1] = wethIsToken0 ? [weth, usdc] : [usdc, weth]
    const twapArtifact = forgeArtifact('UniswapV3TwapAdapter')
    for (const [base, quote] of [
      [token0, token1],
      [token1, token0],
    ] as const) {
      const address = await deploy(twapArtifact, [
        deployer,
        pool,
        base,
        quote,
        BigInt(TWAP_WINDOW),
        2,
        0n,
        1n,
        10n ** 36n,
      ])
      twapAdapters.push({ base, quote, address })
    }

    const feedArtifact = forgeArtifact('MockAggregator')
    feed = await deploy(feedArtifact, [FEED_DECIMALS])
    const now = (await client.getBlock()).timestamp
    await send(feed, feedArtifact.abi, 'pushAnswer', [FEED_ANSWER, now])
    chainlinkAdapter = await deploy(forgeArtifact('ChainlinkSpotAdapter'), [
      deployer,
      feed,
      '0x0000000000000000000000000000000000000000',
      HEARTBEAT,
      60n,
      1n,
      10n ** 36n,
    ])
    const wethUsdcTwap = twapAdapters.find((adapter) => adapter.base === weth)?.address
    router = await deploy(forgeArtifact('SpotOracleRouter'), [
      deployer,
      chainlinkAdapter,
      wethUsdcTwap,
      toWad(0.05),
      toWad(0.2),
      3_600n,
    ])
    volatilityOracle = await deploy(forgeArtifact('VolatilityOracle'), [
      deployer,
      MAX_SMILE_STALENESS,
    ])
    await send(volatilityOracle, volatilityOracleAbi, 'setKeeper', [deployer, true])
    settlementOracle = await deploy(forgeArtifact('SettlementOracle'), [
      chainlinkAdapter,
      router,
      60n,
      600n,
      86_400n,
    ])
    // Let the last tick stand a while, so that the window ends after the last swap.
    await wait(FINAL_WAIT_SEC)
  })

  afterAll(async () => {
    await anvil?.stop()
  })

  it('reads the TWAP off-chain exactly as the adapter prices it, to the wei, for both token orders', async () => {
    // Not viem's cached block number (waitForTransactionReceipt leaves one from the last swap).
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
    const { timestamp } = await client.getBlock({ blockNumber })

    // The mean tick from the swaps' own timestamps: Σ tick·dt over the window, floored.
    const windowStart = timestamp - BigInt(TWAP_WINDOW)
    let weighted = 0n
    tickPath.forEach(({ from, tick }, i) => {
      const until = tickPath[i + 1]?.from ?? timestamp
      const start = from > windowStart ? from : windowStart
      if (until > start) weighted += BigInt(tick) * (until - start)
    })
    const expectedMeanTick = Number(floorDiv(weighted, BigInt(TWAP_WINDOW)))
    // The window spans three different ticks, so its mean is none of them.
    expect(tickPath.filter(({ from }) => from > windowStart)).toHaveLength(2)
    expect(tickPath.map(({ tick }) => tick)).not.toContain(expectedMeanTick)

    const decimals = { [getAddress(weth)]: 18, [getAddress(usdc)]: 6 }
    for (const { base, quote, address } of twapAdapters) {
      const offChain = await readPoolTwap(client, {
        pool,
        base,
        baseDecimals: decimals[getAddress(base)] ?? 0,
        quoteDecimals: decimals[getAddress(quote)] ?? 0,
        windowSec: TWAP_WINDOW,
        blockNumber,
      })
      const [onChainPrice, updatedAt] = await client.readContract({
        address,
        abi: uniswapV3TwapAdapterAbi,
        functionName: 'spot',
        blockNumber,
      })
      const [onChainMeanTick] = await client.readContract({
        address,
        abi: uniswapV3TwapAdapterAbi,
        functionName: 'consult',
        args: [timestamp],
        blockNumber,
      })
      expect(offChain.meanTick).toBe(expectedMeanTick)
      expect(onChainMeanTick).toBe(expectedMeanTick)
      expect(offChain.priceWad).toBe(onChainPrice)
      expect(updatedAt).toBe(timestamp)
      // The same price through the SDK's ISpotOracle read.
      expect(await readSpot(client, { oracle: address, blockNumber })).toEqual({
        priceWad: onChainPrice,
        updatedAt: timestamp,
      })
    }
    // Sanity of the units: WETH is about 3,000 USDC, and USDC about 1/3,000 WETH.
    const [wethInUsdc, usdcInWeth] = await Promise.all(
      [weth, usdc].map(async (base) => {
        const adapter = twapAdapters.find((a) => a.base === base)?.address
        if (adapter === undefined) throw new Error('adapter missing')
        return (await readSpot(client, { oracle: adapter, blockNumber })).priceWad
      }),
    )
    expect(wethInUsdc).toBeGreaterThan(toWad(2_900))
    expect(wethInUsdc).toBeLessThan(toWad(3_100))
    expect(usdcInWeth).toBeGreaterThan(toWad(1 / 3_100))
    expect(usdcInWeth).toBeLessThan(toWad(1 / 2_900))
  })

  it('reads spot through the router: the primary (Chainlink) price while the TWAP agrees', async () => {
    const viaRouter = await readSpot(client, { oracle: router })
    const viaAdapter = await readSpot(client, { oracle: chainlinkAdapter })
    expect(viaRouter.priceWad).toBe(FEED_ANSWER * 10n ** 10n)
    expect(viaRouter).toEqual(viaAdapter)
  })

  it('reads back a posted SVI smile, in wad and as floats', async () => {
    const now = (await client.getBlock()).timestamp
    const expiry = now + 30n * 86_400n
    const params = { a: 0.01, b: 0.05, rho: -0.3, m: 0.02, sigma: 0.1 }
    const paramsWad = {
      a: toWad(params.a),
      b: toWad(params.b),
      rho: toWad(params.rho),
      m: toWad(params.m),
      sigma: toWad(params.sigma),
    }
    const postedAt = await send(volatilityOracle, volatilityOracleAbi, 'post', [expiry, paramsWad])
    smile = { expiry, postedAt }

    expect(await readSmile(client, { volatilityOracle, expiry })).toEqual({
      paramsWad,
      params,
      updatedAt: postedAt,
      staleAfter: postedAt + MAX_SMILE_STALENESS,
    })

    const unset = await readSmile(client, { volatilityOracle, expiry: expiry + 1n }).catch(
      (error: unknown) => error,
    )
    expect(unset).toBeInstanceOf(ContractRevertError)
    expect(unset).toMatchObject({ errorName: 'SmileNotSet', args: [expiry + 1n] })
    await expect(readSmile(client, { volatilityOracle, expiry: 0n })).rejects.toThrow(
      InvalidExpiryError,
    )
  })

  it('reads an expiry unsettled, then fixed from the first feed round after it', async () => {
    const expiry = (await client.getBlock()).timestamp + 120n
    const before = await readSettlement(client, { settlementOracle, expiry })
    expect(before).toEqual({
      isSettled: false,
      primaryOpensAt: expiry + 60n,
      latestObservationAt: expiry + 600n,
      fallbackOpensAt: expiry + 86_400n,
    })

    const observedAt = await wait(150)
    const feedArtifact = forgeArtifact('MockAggregator')
    await send(feed, feedArtifact.abi, 'pushAnswer', [3_012n * 10n ** 8n, observedAt])
    const roundId = (await client.readContract({
      address: feed,
      abi: feedArtifact.abi,
      functionName: 'latestRoundId',
    })) as bigint
    await wait(60)
    await send(settlementOracle, settlementOracleAbi, 'settle', [expiry, roundId])

    const after = await readSettlement(client, { settlementOracle, expiry })
    expect(after).toEqual({
      isSettled: true,
      priceWad: toWad(3_012),
      observedAt,
      viaFallback: false,
      primaryOpensAt: expiry + 60n,
      latestObservationAt: expiry + 600n,
      fallbackOpensAt: expiry + 86_400n,
    })
  })

  it('throws the oracles’ refusals as typed errors once the feed and the smile are stale', async () => {
    const [, , , feedUpdatedAt] = (await client.readContract({
      address: feed,
      abi: forgeArtifact('MockAggregator').abi,
      functionName: 'latestRoundData',
    })) as readonly [bigint, bigint, bigint, bigint, bigint]
    await wait(Number(HEARTBEAT) + 1)

    const direct = await readSpot(client, { oracle: chainlinkAdapter }).catch((e: unknown) => e)
    expect(direct).toBeInstanceOf(ContractRevertError)
    expect(direct).toMatchObject({ errorName: 'StalePrice', args: [feedUpdatedAt, HEARTBEAT] })

    // The router refuses to price on the TWAP alone and wraps the adapter's reason.
    const routed = await readSpot(client, { oracle: router }).catch((e: unknown) => e)
    expect(routed).toBeInstanceOf(ContractRevertError)
    if (!(routed instanceof ContractRevertError)) return
    expect(routed.errorName).toBe('PrimaryUnavailable')
    expect(routed.reasons).toHaveLength(1)
    expect(routed.reasons[0]).toMatchObject({
      errorName: 'StalePrice',
      args: [feedUpdatedAt, HEARTBEAT],
    })
    expect(routed.args[0]).toBe(routed.reasons[0]?.data)

    const stale = await readSmile(client, { volatilityOracle, expiry: smile.expiry }).catch(
      (e: unknown) => e,
    )
    expect(stale).toBeInstanceOf(ContractRevertError)
    expect(stale).toMatchObject({
      errorName: 'StaleSmile',
      args: [smile.expiry, smile.postedAt, MAX_SMILE_STALENESS],
    })
  })
})
