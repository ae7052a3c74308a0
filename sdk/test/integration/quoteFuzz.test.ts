/**
 * Quote equality at scale (docs/invariants.md invariant 7): seeded random (state, trade) pairs on anvil,
 * each compared between the SDK's exact quote (`quoteBuy` / `quoteSell` on `fetchTradeState`) and
 * what the market charges for the same state, to the wei — or, when one refuses the trade, that
 * both refuse it with the same custom error and arguments.
 *
 * The state moves between epochs: time advances (up to the closed window before the first
 * expiry), spot moves through the oracle stack (the Chainlink-style feed behind the spot adapter),
 * the smiles are re-posted with perturbed parameters, and real trades build inventory on three
 * expiries and both vaults. In each epoch most pairs are simulated (`eth_call` of `buy` / `sell`
 * at the epoch's block, whose return value is the premium charged); the rest are real trades,
 * quoted for the timestamp of the block that mines them and checked against their `Traded`
 * event. Sizes run from one wei of an option to past the inventory cap; a few ids are invalid.
 *
 * Seed: `QUOTE_FUZZ_SEED` (decimal) or the default below; it is printed with the tallies. anvil
 * starts at a fixed timestamp, so a seed replays the same run.
 */
import { type Address, erc20Abi, maxUint256, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { optionMarketAbi, volatilityOracleAbi } from '../../src/abi/generated.js'
import { ContractRevertError, toContractRevertError } from '../../src/errors/contractRevert.js'
import { TradeRejectedError } from '../../src/errors/market.js'
import { smileErrorsAbi } from '../../src/errors/smileErrorsAbi.js'
import { SviValidationError } from '../../src/errors/svi.js'
import { type FetchMarketReturnType, fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchTradeState, type TradeState } from '../../src/market/fetchTradeState.js'
import { maxBuySize } from '../../src/market/maxBuySize.js'
import { maxSellSize } from '../../src/market/maxSellSize.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { quoteSell } from '../../src/market/quoteSell.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import type { SviParamsWad } from '../../src/math/wad/sviWad.js'
import { WAD } from '../../src/math/wad.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import { deployMarket, type MarketDeployment, TEST_SMILE, testRisk } from '../utils/deployMarket.js'
import { makeTestClient, sendCall, type TestClient, TX_GAS } from '../utils/testClient.js'

const SEED = Number(process.env.QUOTE_FUZZ_SEED ?? 0x5311e)
const EPOCHS = 60
const SIMULATED_PER_EPOCH = 30
const TRADED_PER_EPOCH = 8
const MIN_PAIRS = 1_000
/** anvil's genesis timestamp: with the seed, it makes the whole run deterministic. */
const GENESIS = 1_800_000_000n

const DAY = 86_400n
const HOUR = 3_600n
const FEED_UNIT = 10n ** 8n
const SMILE = TEST_SMILE
const RISK = testRisk(3n * 10n ** 16n)
/** Shallow vega depths and tight caps, so that the inventory term and the cap weigh in. */
const CALL_SIDE = {
  vegaDepthWad: 10n ** 19n,
  maxInventoryWad: 5n * 10n ** 18n,
  minFeePerOptionWad: 10n ** 14n,
}
const PUT_SIDE = {
  vegaDepthWad: 30_000n * WAD,
  maxInventoryWad: 15_000n * WAD,
  minFeePerOptionWad: 3n * 10n ** 17n,
}
/** Vaults deep enough that the utilisation cap never binds here (the limits are fuzzed below). */
const LP_WETH = 10n ** 6n * WAD
const LP_USDC = 10n ** 10n * 10n ** 6n
/** Strikes the real trades use: at most 14 × 3 expiries = 42 live series per vault (cap 64). */
const TRADED_STRIKES = Array.from({ length: 14 }, (_, i) => 2_500n + 100n * BigInt(i))
/** Strikes the simulations use: wider (deltas out of bounds) with 3-significant-digit steps. */
const SIMULATED_STRIKES = [
  ...Array.from({ length: 33 }, (_, i) => 1_800n + 100n * BigInt(i)),
  2_950n,
  3_050n,
  3_150n,
]

/** mulberry32: a small deterministic generator of floats in [0, 1). */
function prng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let x = Math.imul(t ^ (t >>> 15), t | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Outcome =
  | { premiumAssets: bigint; feeAssets?: bigint; inventoryWad?: bigint }
  | { errorName: string; args: readonly unknown[] }

type Pair = { id: bigint; size: bigint; isBuy: boolean }

/** The SDK's refusal as (custom error name, arguments); an unexpected error is rethrown. */
function offChainRefusal(error: unknown): Outcome {
  if (error instanceof TradeRejectedError) return { errorName: error.errorName, args: error.args }
  // An oracle's refusal, kept by `fetchTradeState` and thrown where the trade reads the oracle.
  if (error instanceof ContractRevertError) return { errorName: error.errorName, args: error.args }
  if (error instanceof SviValidationError)
    return { errorName: error.onChainName, args: error.onChainArgs }
  throw error
}

/** The chain's refusal, decoded against every custom error of our ABIs. */
function onChainRefusal(error: unknown): Outcome {
  const decoded = toContractRevertError(error, smileErrorsAbi)
  if (decoded instanceof ContractRevertError)
    return { errorName: decoded.errorName, args: decoded.args }
  throw decoded
}

const show = (outcome: Outcome) =>
  'errorName' in outcome
    ? `${outcome.errorName}(${outcome.args.join(', ')})`
    : `${outcome.premiumAssets} (fee ${outcome.feeAssets}, E' ${outcome.inventoryWad})`

describe('quote equality at scale: fuzzed (state, trade) pairs on anvil', () => {
  let anvil: Anvil
  let client: TestClient
  let admin: Address
  let trader: Address
  let d: MarketDeployment
  let config: FetchMarketReturnType
  let expiries: bigint[]
  const smiles = new Map<bigint, SviParamsWad>()

  beforeAll(async () => {
    anvil = await startAnvil(['--timestamp', GENESIS.toString()])
    // Hundreds of transactions: a receipt missed on the first look is polled for again after 20 ms.
    client = makeTestClient(anvil.rpcUrl, { pollingInterval: 20 })
    const [adminAccount, lp, traderAccount] = (await client.getAddresses()) as [
      Address,
      Address,
      Address,
    ]
    admin = adminAccount
    trader = traderAccount
    const now = (await client.getBlock()).timestamp
    const first = (now / DAY) * DAY + 8n * HOUR + 7n * DAY
    expiries = [first, first + 21n * DAY, first + 84n * DAY]
    for (const expiry of expiries) smiles.set(expiry, SMILE)
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * FEED_UNIT,
      risk: RISK,
      callSide: CALL_SIDE,
      putSide: PUT_SIDE,
      smiles: expiries.map((expiry) => ({ expiry, params: SMILE })),
    })
    const token = forgeArtifact('TestERC20')
    const vault = forgeArtifact('CollateralVault')
    for (const [asset, vaultAddress, amount] of [
      [d.weth, d.callVault, LP_WETH],
      [d.usdc, d.putVault, LP_USDC],
    ] as const) {
      await sendCall(client, admin, asset, token.abi, 'mint', [lp, amount])
      await sendCall(client, lp, asset, erc20Abi, 'approve', [vaultAddress, amount])
      await sendCall(client, lp, vaultAddress, vault.abi, 'deposit', [amount, lp])
      await sendCall(client, admin, asset, token.abi, 'mint', [trader, amount])
      await sendCall(client, trader, asset, erc20Abi, 'approve', [d.market, maxUint256])
    }
    config = await fetchMarket(client, { market: d.market })
  }, 60_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('quotes off-chain what the market charges, or refuses what it refuses, for ≥ 1,000 pairs', async () => {
    const rng = prng(SEED)
    const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng()
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
    /** A size of about 10^e options·wad, e uniform in [lo, hi], with odd low digits. */
    const logUniform = (lo: number, hi: number): bigint => {
      const e = uniform(lo, hi)
      const whole = Math.floor(e)
      const mantissa = BigInt(Math.floor(10 ** (e - whole) * 1e15))
      const scaled =
        whole >= 15 ? mantissa * 10n ** BigInt(whole - 15) : mantissa / 10n ** BigInt(15 - whole)
      return scaled + BigInt(Math.floor(rng() * 1_000))
    }
    const scaleBy = (value: bigint, factor: number) =>
      (value * BigInt(Math.round(factor * 1e6))) / 1_000_000n

    /** Options the trader holds, per series (kept from the real trades' events). */
    const held = new Map<bigint, bigint>()
    let spotFeed = 3_000n * FEED_UNIT
    const tally = {
      pairs: 0,
      equal: 0,
      pricedEqual: 0,
      simulated: 0,
      traded: 0,
      buys: 0,
      sells: 0,
      refusedByBoth: new Map<string, number>(),
    }
    const mismatches: string[] = []

    function record(label: string, pair: Pair, offChain: Outcome, onChain: Outcome) {
      tally.pairs++
      if (pair.isBuy) tally.buys++
      else tally.sells++
      const same =
        'errorName' in offChain
          ? 'errorName' in onChain &&
            onChain.errorName === offChain.errorName &&
            onChain.args.length === offChain.args.length &&
            onChain.args.every((arg, i) => arg === offChain.args[i])
          : !('errorName' in onChain) &&
            onChain.premiumAssets === offChain.premiumAssets &&
            (onChain.feeAssets === undefined || onChain.feeAssets === offChain.feeAssets) &&
            (onChain.inventoryWad === undefined || onChain.inventoryWad === offChain.inventoryWad)
      if (same) {
        tally.equal++
        if (!('errorName' in offChain)) tally.pricedEqual++
        else
          tally.refusedByBoth.set(
            offChain.errorName,
            (tally.refusedByBoth.get(offChain.errorName) ?? 0) + 1,
          )
      } else {
        mismatches.push(
          `${label} ${pair.isBuy ? 'buy' : 'sell'} ${pair.size} of ${pair.id}: SDK ${show(offChain)}, chain ${show(onChain)}`,
        )
      }
    }

    const quote = (state: TradeState, pair: Pair, timestamp?: bigint): Outcome => {
      try {
        const q = (pair.isBuy ? quoteBuy : quoteSell)(state, {
          size: pair.size,
          ...(timestamp === undefined ? {} : { timestamp }),
        })
        return {
          premiumAssets: q.premiumAssets,
          feeAssets: q.feeAssets,
          inventoryWad: q.inventoryAfterWad,
        }
      } catch (error) {
        return offChainRefusal(error)
      }
    }

    /**
     * Advances time, moves spot through the feed and re-posts the smiles. The last three epochs
     * approach the first expiry: 20 hours before it (its last smile post), then twice inside the
     * closed window of its last hour, where its smile is still fresh but too close to re-post.
     */
    async function moveState(epoch: number) {
      const latest = await client.getBlock()
      const closing = expiries[0] as bigint
      const at =
        epoch === EPOCHS - 3
          ? closing - 20n * HOUR
          : epoch > EPOCHS - 3
            ? closing - 3_000n + BigInt(epoch - EPOCHS + 2) * 600n
            : latest.timestamp + BigInt(Math.floor(uniform(120, 3.5 * 3_600)))
      if (at <= latest.timestamp)
        throw new Error(`epoch ${epoch}: the schedule overran the first expiry`)
      spotFeed = scaleBy(spotFeed, Math.exp(uniform(-0.04, 0.04)))
      if (spotFeed < 2_300n * FEED_UNIT) spotFeed = 2_300n * FEED_UNIT
      if (spotFeed > 3_900n * FEED_UNIT) spotFeed = 3_900n * FEED_UNIT
      await client.setNextBlockTimestamp({ timestamp: at })
      await sendCall(client, admin, d.feed, forgeArtifact('MockAggregator').abi, 'pushAnswer', [
        spotFeed,
        at,
      ])
      for (const expiry of expiries) {
        if (expiry - at < 12n * HOUR) continue
        // Level and slope within ±15 % and ±10 % of the base smile (the oracle bounds each
        // update's variance change), skew a random walk kept in [−0.5, 0].
        const rho = (smiles.get(expiry) ?? SMILE).rho + scaleBy(10n ** 17n, uniform(-0.2, 0.2))
        const next: SviParamsWad = {
          a: scaleBy(SMILE.a, uniform(0.85, 1.15)),
          b: scaleBy(SMILE.b, uniform(0.9, 1.1)),
          rho: rho < -5n * 10n ** 17n ? -5n * 10n ** 17n : rho > 0n ? 0n : rho,
          m: scaleBy(10n ** 16n, uniform(-1, 1)),
          sigma: SMILE.sigma,
        }
        await sendCall(client, admin, d.volatilityOracle, volatilityOracleAbi, 'post', [
          expiry,
          next,
        ])
        smiles.set(expiry, next)
      }
      await client.mine({ blocks: 1 })
    }

    /**
     * A series of the listed grid, or now and then one the market refuses to list (its expiry not
     * at 08:00, its strike with four significant digits, or a non-canonical id); such an id is
     * quoted on the state of the listed series it was made from.
     */
    function randomSeries(strikes: readonly bigint[], allowInvalid: boolean) {
      const expiry = pick(expiries)
      const isCall = rng() < 0.5
      const listed = encodeSeriesId({ expiry, strikeWad: pick(strikes) * WAD, isCall })
      const roll = allowInvalid ? rng() : 1
      const id =
        roll < 0.02
          ? encodeSeriesId({ expiry: expiry + HOUR, strikeWad: 3_000n * WAD, isCall })
          : roll < 0.04
            ? encodeSeriesId({ expiry, strikeWad: 3_125n * WAD, isCall })
            : roll < 0.05
              ? listed | (1n << 200n)
              : listed
      return { id, listed }
    }

    /** The size of a buy that would take the inventory to about `fraction` of its cap. */
    function buySizeNearCap(state: TradeState, fraction: number): bigint | undefined {
      // A sale's quote has no delta bound: it sizes buys of strikes out of the delta bounds too.
      let vegaWad: bigint
      try {
        vegaWad = quoteSell(state, { size: WAD }).priced.quote.vegaWad
      } catch {
        return undefined
      }
      const room = state.side.maxInventoryWad - state.inventoryWad
      if (room <= 0n || vegaWad === 0n) return undefined
      return scaleBy((room * WAD) / vegaWad, fraction) + 1n
    }

    /** A size: dust, ordinary, near the inventory cap (either side of it), or degenerate. */
    function randomBuySize(state: TradeState, allowRefused: boolean): bigint {
      const roll = rng()
      if (allowRefused && roll < 0.01) return 0n
      if (allowRefused && roll < 0.02) return 1n << 128n
      if (roll < 0.2) return logUniform(0, 9)
      if (roll < 0.5) {
        const near = buySizeNearCap(state, allowRefused ? uniform(0.7, 1.3) : uniform(0.3, 0.9))
        if (near !== undefined) return near
      }
      return logUniform(14, 19.5)
    }

    function randomSell(state: TradeState): Pair | undefined {
      const position = held.get(state.id) ?? 0n
      if (position === 0n) return undefined
      const roll = rng()
      const size =
        roll < 0.2
          ? position
          : roll < 0.4
            ? 1n + (logUniform(0, 9) % position)
            : scaleBy(position, uniform(0.01, 1)) || 1n
      return { id: state.id, size, isBuy: false }
    }

    const heldIds = () => [...held].filter(([, size]) => size > 0n).map(([id]) => id)

    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      await moveState(epoch)
      const block = await client.getBlock({ blockTag: 'latest' })
      const states = new Map<bigint, Promise<TradeState>>()
      /** The state of listed series `listed` at the epoch's block, for a trade of series `id`. */
      const stateOf = async (listed: bigint, id = listed): Promise<TradeState> => {
        let state = states.get(listed)
        if (state === undefined) {
          state = fetchTradeState(client, {
            market: d.market,
            id: listed,
            config,
            blockNumber: block.number,
          })
          states.set(listed, state)
        }
        return { ...(await state), id }
      }

      // Simulated pairs: `eth_call` of the trade at the epoch's block.
      const simulated: (Pair & { listed: bigint })[] = []
      for (let i = 0; i < SIMULATED_PER_EPOCH; i++) {
        const sellable = heldIds()
        if (sellable.length > 0 && rng() < 0.35) {
          const listed = pick(sellable)
          const pair = randomSell(await stateOf(listed))
          if (pair !== undefined) {
            simulated.push({ ...pair, listed })
            continue
          }
        }
        const { id, listed } = randomSeries(SIMULATED_STRIKES, true)
        const size = randomBuySize(await stateOf(listed), true)
        simulated.push({ id, listed, size, isBuy: true })
      }
      await Promise.all(
        simulated.map(async (pair) => {
          const state = await stateOf(pair.listed, pair.id)
          const offChain = quote(state, pair)
          let onChain: Outcome
          try {
            const { result } = await client.simulateContract({
              account: trader,
              address: d.market,
              abi: optionMarketAbi,
              functionName: pair.isBuy ? 'buy' : 'sell',
              args: [pair.id, pair.size, pair.isBuy ? maxUint256 : 0n, block.timestamp + DAY],
              blockNumber: block.number,
            })
            onChain = { premiumAssets: result }
          } catch (error) {
            onChain = onChainRefusal(error)
          }
          tally.simulated++
          record(`epoch ${epoch} simulated`, pair, offChain, onChain)
        }),
      )

      // Real trades, one block each, quoted for the timestamp of the block that mines them.
      for (let i = 0; i < TRADED_PER_EPOCH; i++) {
        const sellable = heldIds()
        const sellId = sellable.length > 0 && rng() < 0.45 ? pick(sellable) : undefined
        const id = sellId ?? randomSeries(TRADED_STRIKES, false).id
        const state = await fetchTradeState(client, { market: d.market, id, config })
        const pair =
          sellId === undefined
            ? { id, size: randomBuySize(state, false), isBuy: true }
            : (randomSell(state) as Pair)
        const at = state.timestamp + 1n + BigInt(Math.floor(rng() * 30))
        const offChain = quote(state, pair, at)
        if ('errorName' in offChain) continue // refusals are compared by the simulations
        await client.setNextBlockTimestamp({ timestamp: at })
        const hash = await client.writeContract({
          account: trader,
          address: d.market,
          abi: optionMarketAbi,
          functionName: pair.isBuy ? 'buy' : 'sell',
          args: [pair.id, pair.size, pair.isBuy ? maxUint256 : 0n, at],
          gas: TX_GAS,
          chain: client.chain,
        })
        const receipt = await client.waitForTransactionReceipt({ hash })
        const [traded] = parseEventLogs({
          abi: optionMarketAbi,
          logs: receipt.logs,
          eventName: 'Traded',
        })
        const onChain: Outcome =
          receipt.status === 'success' && traded !== undefined
            ? {
                premiumAssets: traded.args.premiumAssets,
                feeAssets: traded.args.feeAssets,
                inventoryWad: traded.args.inventoryWad,
              }
            : { errorName: 'reverted on-chain', args: [hash] }
        if (receipt.status === 'success') {
          const position = held.get(pair.id) ?? 0n
          held.set(pair.id, pair.isBuy ? position + pair.size : position - pair.size)
        }
        tally.traded++
        record(`epoch ${epoch} traded`, pair, offChain, onChain)
      }
    }

    console.log(
      `quote fuzz, seed ${SEED}: ${tally.pairs} (state, trade) pairs compared, ${tally.equal} equal ` +
        `(${tally.pricedEqual} priced to the same wei, the rest refused by both) ` +
        `[${tally.simulated} simulated, ${tally.traded} traded; ${tally.buys} buys, ${tally.sells} sells]; ` +
        `refused by both: ${JSON.stringify(Object.fromEntries(tally.refusedByBoth))}`,
    )
    expect(mismatches).toEqual([])
    expect(tally.equal).toBe(tally.pairs)
    expect(tally.pairs).toBeGreaterThanOrEqual(MIN_PAIRS)
    // Not just refusals: at least 1,000 of the pairs are priced, to the same wei.
    expect(tally.pricedEqual).toBeGreaterThanOrEqual(MIN_PAIRS)
  }, 180_000)
})

/**
 * The books' limits: the same comparison on small vaults — empty, filled by real buys of exactly
 * `maxBuySize` to the utilisation cap, then capped below their use by a lower `maxUtilisation` —
 * with sizes drawn around `maxBuySize` / `maxSellSize`. At each limit the buy (sale) of the limit
 * passes on-chain and one wei more reverts with the error `maxBuySize` (`maxSellSize`) names.
 */
describe('quote equality at the limits: empty, nearly full and capped vaults', () => {
  let anvil: Anvil
  let client: TestClient
  let admin: Address
  let lp: Address
  let trader: Address
  let d: MarketDeployment
  let config: FetchMarketReturnType
  let expiries: bigint[]

  beforeAll(async () => {
    anvil = await startAnvil(['--timestamp', GENESIS.toString()])
    client = makeTestClient(anvil.rpcUrl, { pollingInterval: 20 })
    ;[admin, lp, trader] = (await client.getAddresses()) as [Address, Address, Address]
    const now = (await client.getBlock()).timestamp
    const first = (now / DAY) * DAY + 8n * HOUR + 7n * DAY
    expiries = [first, first + 21n * DAY]
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * FEED_UNIT,
      risk: RISK,
      callSide: CALL_SIDE,
      putSide: PUT_SIDE,
      smiles: expiries.map((expiry) => ({ expiry, params: SMILE })),
    })
    const token = forgeArtifact('TestERC20')
    for (const [asset, amount] of [
      [d.weth, LP_WETH],
      [d.usdc, LP_USDC],
    ] as const) {
      await sendCall(client, admin, asset, token.abi, 'mint', [trader, amount])
      await sendCall(client, trader, asset, erc20Abi, 'approve', [d.market, maxUint256])
      await sendCall(client, admin, asset, token.abi, 'mint', [lp, amount])
    }
    config = await fetchMarket(client, { market: d.market })
  }, 60_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('quotes or refuses as the chain does around maxBuySize and maxSellSize, and the limits are exact', async () => {
    const rng = prng(SEED ^ 0x11_417)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
    const tally = { pairs: 0, priced: 0, limits: 0, refused: new Map<string, number>() }
    const mismatches: string[] = []
    const vault = forgeArtifact('CollateralVault')

    /** Series bought by the fills: half the states' series, so that sales have positions. */
    const bought: bigint[] = []
    const series = () =>
      bought.length > 0 && rng() < 0.5
        ? pick(bought)
        : encodeSeriesId({
            expiry: pick(expiries),
            strikeWad: pick(TRADED_STRIKES) * WAD,
            isCall: rng() < 0.5,
          })

    /** The chain's outcome of `buy`/`sell` of `size` simulated at `blockNumber`. */
    async function onChain(pair: Pair, blockNumber: bigint, deadline: bigint): Promise<Outcome> {
      try {
        const { result } = await client.simulateContract({
          account: trader,
          address: d.market,
          abi: optionMarketAbi,
          functionName: pair.isBuy ? 'buy' : 'sell',
          args: [pair.id, pair.size, pair.isBuy ? maxUint256 : 0n, deadline],
          blockNumber,
        })
        return { premiumAssets: result }
      } catch (error) {
        return onChainRefusal(error)
      }
    }

    function offChain(state: TradeState, pair: Pair): Outcome {
      try {
        return { premiumAssets: (pair.isBuy ? quoteBuy : quoteSell)(state, pair).premiumAssets }
      } catch (error) {
        return offChainRefusal(error)
      }
    }

    function compare(label: string, pair: Pair, sdk: Outcome, chain: Outcome): boolean {
      tally.pairs++
      const same =
        'errorName' in sdk
          ? 'errorName' in chain &&
            chain.errorName === sdk.errorName &&
            chain.args.length === sdk.args.length &&
            chain.args.every((arg, i) => arg === sdk.args[i])
          : !('errorName' in chain) && chain.premiumAssets === sdk.premiumAssets
      if (!same)
        mismatches.push(
          `${label} ${pair.isBuy ? 'buy' : 'sell'} ${pair.size} of ${pair.id}: SDK ${show(sdk)}, chain ${show(chain)}`,
        )
      else if ('errorName' in sdk)
        tally.refused.set(sdk.errorName, (tally.refused.get(sdk.errorName) ?? 0) + 1)
      else tally.priced++
      return same
    }

    /** Sizes around a limit: it, one wei either side, ± a few per cent, and far off. */
    function sizesAround(limit: bigint): bigint[] {
      const jitter = () => BigInt(Math.floor(rng() * 1e6))
      const sizes = [limit, limit + 1n, limit - 1n, limit + 2n + jitter()]
      for (let i = 0; i < 4; i++)
        sizes.push((limit * BigInt(Math.round((0.9 + 0.2 * rng()) * 1e6))) / 1_000_000n)
      sizes.push(limit * 3n + 1n, 10n ** 12n + jitter(), 10n ** 18n + jitter())
      return sizes.filter((size) => size > 0n)
    }

    /** One state: pairs around both limits of `count` random series, and the limits' exactness. */
    async function checkState(label: string, count: number) {
      const block = await client.getBlock()
      const deadline = block.timestamp + DAY
      for (let i = 0; i < count; i++) {
        const id = series()
        const state = await fetchTradeState(client, {
          market: d.market,
          id,
          config,
          account: trader,
          blockNumber: block.number,
        })
        for (const isBuy of [true, false]) {
          const { size, limit } = (isBuy ? maxBuySize : maxSellSize)(state)
          for (const s of sizesAround(size)) {
            const pair = { id, size: s, isBuy }
            compare(label, pair, offChain(state, pair), await onChain(pair, block.number, deadline))
          }
          // The limit itself: `size` passes (unless 0), `size + 1` reverts with `limit`'s error.
          tally.limits++
          const next = { id, size: size + 1n, isBuy }
          const chainNext = await onChain(next, block.number, deadline)
          const expected = offChainRefusal(limit)
          const exact =
            compare(`${label} limit + 1`, next, expected, chainNext) &&
            (size === 0n ||
              !('errorName' in (await onChain({ id, size, isBuy }, block.number, deadline))))
          if (!exact) mismatches.push(`${label}: ${isBuy ? 'buy' : 'sell'} limit ${size} inexact`)
        }
      }
    }

    /** Real buys of exactly `maxBuySize` at the next block: fill a vault to its cap. */
    async function fill(isCall: boolean, buys: number) {
      for (let i = 0; i < buys; i++) {
        const id = encodeSeriesId({
          expiry: pick(expiries),
          strikeWad: pick(TRADED_STRIKES) * WAD,
          isCall,
        })
        const state = await fetchTradeState(client, { market: d.market, id, config })
        const at = state.timestamp + 1n + BigInt(Math.floor(rng() * 30))
        const { size } = maxBuySize(state, { timestamp: at })
        if (size === 0n) continue
        // Half the buys take all the room, half most of it: the next limits are dust or small.
        const bought = rng() < 0.5 ? size : (size * 9n) / 10n + 1n
        const quoted = quoteBuy(state, { size: bought, timestamp: at }).premiumAssets
        await client.setNextBlockTimestamp({ timestamp: at })
        const hash = await client.writeContract({
          account: trader,
          address: d.market,
          abi: optionMarketAbi,
          functionName: 'buy',
          args: [id, bought, maxUint256, at],
          gas: TX_GAS,
          chain: client.chain,
        })
        const receipt = await client.waitForTransactionReceipt({ hash })
        const [traded] = parseEventLogs({
          abi: optionMarketAbi,
          logs: receipt.logs,
          eventName: 'Traded',
        })
        compare(
          'filled',
          { id, size: bought, isBuy: true },
          { premiumAssets: quoted },
          traded === undefined
            ? { errorName: 'reverted on-chain', args: [hash] }
            : { premiumAssets: traded.args.premiumAssets },
        )
      }
    }

    async function deposit(wethAmount: bigint, usdcAmount: bigint) {
      for (const [asset, vaultAddress, amount] of [
        [d.weth, d.callVault, wethAmount],
        [d.usdc, d.putVault, usdcAmount],
      ] as const) {
        await sendCall(client, lp, asset, erc20Abi, 'approve', [vaultAddress, amount])
        await sendCall(client, lp, vaultAddress, vault.abi, 'deposit', [amount, lp])
      }
    }

    async function elapse(seconds: bigint) {
      const { timestamp } = await client.getBlock()
      await client.setNextBlockTimestamp({ timestamp: timestamp + seconds })
      await client.mine({ blocks: 1 })
    }

    await checkState('empty', 8)
    await deposit(10n * WAD, 30_000n * 10n ** 6n)
    await checkState('small', 8)
    for (let round = 0; round < 4; round++) {
      await fill(true, 3)
      await fill(false, 3)
      await checkState(`nearly full ${round}`, 5)
      await elapse(BigInt(600 + Math.floor(rng() * 3_000)))
    }
    // Capped: the cap lowered below the vaults' use, so every buy is refused; sales go on.
    await sendCall(client, admin, d.market, optionMarketAbi, 'setRiskParams', [
      {
        ...RISK,
        maxUtilisationWad: 10n ** 17n,
        minTimeToExpirySec: 3_600,
        maxTimeToExpirySec: 31_536_000,
      },
    ])
    config = await fetchMarket(client, { market: d.market })
    await checkState('capped', 6)
    await deposit(20n * WAD, 60_000n * 10n ** 6n)
    await checkState('capped, refilled', 8)
    // Deep: the cap restored on vaults far larger than the inventory cap allows to use.
    await sendCall(client, admin, d.market, optionMarketAbi, 'setRiskParams', [
      { ...RISK, minTimeToExpirySec: 3_600, maxTimeToExpirySec: 31_536_000 },
    ])
    config = await fetchMarket(client, { market: d.market })
    await deposit(LP_WETH / 2n, LP_USDC / 2n)
    for (let round = 0; round < 2; round++) {
      await checkState(`deep ${round}`, 8)
      await fill(true, 2)
      await fill(false, 2)
      await elapse(BigInt(600 + Math.floor(rng() * 3_000)))
    }

    // Stale oracles: the feed past its heartbeat (the spot refuses before anything else), then a
    // fresh feed but the smiles past their maximum age (refused after the listing checks).
    await elapse(DAY + 60n)
    await checkState('stale spot and smiles', 6)
    const { timestamp } = await client.getBlock()
    await sendCall(client, admin, d.feed, forgeArtifact('MockAggregator').abi, 'pushAnswer', [
      3_000n * FEED_UNIT,
      timestamp,
    ])
    await checkState('stale smiles', 6)

    console.log(
      `quote fuzz at the limits, seed ${SEED}: ${tally.pairs} pairs checked, ${mismatches.length} mismatches ` +
        `(${tally.priced} priced to the same wei, the rest refused by both); ${tally.limits} limits checked exact; ` +
        `refused by both: ${JSON.stringify(Object.fromEntries(tally.refused))}`,
    )
    if (mismatches.length > 0) console.log(mismatches.join('\n'))
    expect(mismatches).toEqual([])
    for (const reason of [
      'UtilisationCapExceeded',
      'InventoryCapExceeded',
      'InsufficientBalance',
      'StalePrice',
      'StaleSmile',
    ])
      expect(tally.refused.get(reason) ?? 0).toBeGreaterThan(0)
    expect(tally.priced).toBeGreaterThan(100)
  }, 180_000)
})
