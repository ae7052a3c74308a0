/**
 * The portfolio SDK (`@smile/sdk/portfolio`) against the devnet's second market, margined by a
 * `PortfolioMarginEngine` (`script/DeployLocal.s.sol`, broadcast by forge to a fresh anvil). A
 * seeded PRNG draws books of up to 16 positions (longs and shorts, calls and puts, both listed
 * expiries, base and quote collateral); every trade, deposit and withdrawal is first predicted
 * by `whatIfPortfolioTrade` (premium from the market's exact quotes, at the next block's
 * timestamp) and then sent through the builders: the engine accepts exactly what was predicted to
 * pass, and refuses the rest with the predicted error. At every checkpoint (books built, levered,
 * spot moved up and down) `computePortfolioMargin` equals `marginOf` to the wei for every account,
 * strict and risk-reducing. Accounts below MM are liquidated as `planPortfolioLiquidation`
 * plans, and its figures equal the `Liquidated` event's.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { type Abi, type Address, decodeErrorResult, type Hex, parseAbi, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployLocal, readDeployment } from '../../../script/devnet.mjs'
import { crash, type Deployment } from '../../../script/scenario/run.js'
import { optionMarketAbi, optionPricerAbi } from '../../src/abi/generated.js'
import { portfolioMarginEngineAbi } from '../../src/abi/portfolio.js'
import { parseDeployment } from '../../src/addresses/parseDeployment.js'
import { type FetchMarketReturnType, fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { quoteSell } from '../../src/market/quoteSell.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { oracleErrorsAbi } from '../../src/oracle/oracleErrorsAbi.js'
import {
  buildPortfolioBuy,
  buildPortfolioClose,
  buildPortfolioDeposit,
  buildPortfolioLiquidate,
  buildPortfolioOpenAccount,
  buildPortfolioSell,
  buildPortfolioWithdraw,
  buildPortfolioWrite,
  computePortfolioMargin,
  fetchPortfolioState,
  PortfolioAccountHealthyError,
  PortfolioActionRevertError,
  type PortfolioState,
  PortfolioStateIncompleteError,
  type PortfolioTrade,
  planPortfolioLiquidation,
  whatIfPortfolioTrade,
} from '../../src/portfolio/index.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import type { BuiltRequest } from '../../src/wallet/request.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { makeTestClient, type TestClient, TX_GAS } from '../utils/testClient.js'

const OUT = 'deployments/31337.portfolio.json'
const ROOT = new URL('../../../', import.meta.url).pathname
const USDC = 10n ** 6n
const BOOKS = Number(process.env.PORTFOLIO_BOOKS ?? 50)
/** Where to write the unit tests' fixture (`test/fixtures/portfolioStates.json`) from this run, when set. */
const FIXTURE_OUT = process.env.PORTFOLIO_FIXTURE_OUT
const fixture: { margins: unknown[]; liquidations: unknown[] } = { margins: [], liquidations: [] }
const faucetAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function approve(address spender, uint256 amount) returns (bool)',
])
const errorsAbi: Abi = [
  ...portfolioMarginEngineAbi,
  ...optionMarketAbi,
  ...oracleErrorsAbi(),
  ...optionPricerAbi,
]

/** mulberry32: a small seeded PRNG, so that a failure replays. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}

type Devnet = Deployment & { keeper: Address }

describe('portfolio margin engine through the SDK on the devnet', () => {
  let anvil: Anvil
  let client: TestClient
  let d: Devnet
  let engine: Address
  let market: Address
  let config: FetchMarketReturnType
  let actors: Address[]
  let expiries: [bigint, bigint]
  /** Account id → owner. */
  const owners = new Map<bigint, Address>()
  const books: bigint[] = []
  const stats = {
    marginChecks: 0,
    predicted: { pass: 0, margin: 0, revert: 0 },
    marketRefused: 0,
    quoteRefused: 0,
    liquidations: 0,
  }
  const rng = prng(0x5311e)

  async function mint(asset: Address, to: Address, amount: bigint) {
    const hash = await client.writeContract({
      address: asset,
      abi: faucetAbi,
      functionName: 'mint',
      args: [to, amount],
      account: to,
      chain: null,
    })
    await client.waitForTransactionReceipt({ hash })
  }

  /** Sends `request` (its allowances first) at the next block, timestamp `at`; the receipt and, reverted, the error name. */
  async function send(request: BuiltRequest, from: Address, at?: bigint) {
    for (const requirement of request.requirements) {
      const hash = await client.sendTransaction({
        ...requirement.approve,
        account: from,
        chain: null,
      })
      await client.waitForTransactionReceipt({ hash })
    }
    if (at !== undefined) await client.setNextBlockTimestamp({ timestamp: at })
    const hash = await client.sendTransaction({
      to: request.to,
      data: request.data,
      account: from,
      gas: TX_GAS,
      chain: null,
    })
    const receipt = await client.waitForTransactionReceipt({ hash })
    if (receipt.status === 'success') return { receipt, error: undefined }
    const trace = (await client.request({
      method: 'debug_traceTransaction' as never,
      params: [hash, { tracer: 'callTracer' }] as never,
    })) as { output?: Hex }
    let error = 'unknown'
    try {
      error = decodeErrorResult({ abi: errorsAbi, data: trace.output ?? '0x' }).errorName
    } catch {}
    return { receipt, error }
  }

  async function nextTimestamp(): Promise<bigint> {
    const { timestamp } = await client.getBlock({ blockTag: 'latest' })
    return timestamp + 1n
  }

  async function stateOf(accountId: bigint, extra: readonly bigint[] = expiries) {
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
    return fetchPortfolioState(client, { engine, accountId, config, blockNumber, expiries: extra })
  }

  async function openAccount(owner: Address): Promise<bigint> {
    const { receipt } = await send(buildPortfolioOpenAccount({ engine }), owner)
    const [opened] = parseEventLogs({
      abi: portfolioMarginEngineAbi,
      logs: receipt.logs,
      eventName: 'AccountOpened',
    })
    const accountId = opened?.args.accountId ?? 0n
    owners.set(accountId, owner)
    return accountId
  }

  const ENGINE_ERRORS = new Set(
    portfolioMarginEngineAbi.filter((item) => item.type === 'error').map((item) => item.name),
  )

  /**
   * Predicts `trade` on `accountId` with `whatIfPortfolioTrade` at the next block, sends it and
   * checks the engine did what was predicted. Returns whether it was mined successfully.
   */
  async function act(accountId: bigint, trade: PortfolioTrade): Promise<boolean> {
    const owner = owners.get(accountId) as Address
    const state = await stateOf(accountId)
    const at = await nextTimestamp()
    const deadline = at + 600n
    let request: BuiltRequest
    let premiumAssets = 0n
    if ('assets' in trade) {
      request =
        trade.kind === 'deposit'
          ? buildPortfolioDeposit({
              engine,
              asset: trade.isBase ? d.base : d.quote,
              accountId,
              isBase: trade.isBase,
              assets: trade.assets,
            })
          : buildPortfolioWithdraw({
              engine,
              accountId,
              isBase: trade.isBase,
              assets: trade.assets,
              receiver: owner,
            })
    } else {
      const tradeState = await fetchTradeState(client, { market, id: trade.id, config })
      try {
        const isBuy = trade.kind === 'buy' || trade.kind === 'close'
        premiumAssets = (isBuy ? quoteBuy : quoteSell)(tradeState, {
          size: trade.size,
          timestamp: at,
        }).premiumAssets
      } catch {
        stats.quoteRefused++
        return false
      }
      const build = {
        buy: buildPortfolioBuy,
        sell: buildPortfolioSell,
        write: buildPortfolioWrite,
        close: buildPortfolioClose,
      }[trade.kind]
      request = build({
        engine,
        accountId,
        id: trade.id,
        size: trade.size,
        premiumLimitAssets: premiumAssets,
        deadline,
      })
    }
    let predicted: string
    try {
      const proposed: PortfolioTrade = 'assets' in trade ? trade : { ...trade, premiumAssets }
      const what = whatIfPortfolioTrade(state, proposed, { timestamp: at })
      predicted = what.passes ? 'pass' : 'BelowInitialMargin'
    } catch (error) {
      if (!(error instanceof PortfolioActionRevertError)) throw error
      predicted = error.reason
    }
    // Allowances are mined first: the trade's block is then a later one.
    const atTrade = request.requirements.length === 0 ? at : undefined
    if (atTrade === undefined && predicted !== 'pass' && predicted !== 'InsufficientCollateral')
      throw new Error(`a deposit predicted ${predicted}`)
    const { receipt, error } = await send(request, owner, atTrade)
    if (error === undefined) {
      expect(predicted, `${trade.kind} on ${accountId}`).toBe('pass')
      stats.predicted.pass++
      if (!('assets' in trade)) {
        const [changed] = parseEventLogs({
          abi: portfolioMarginEngineAbi,
          logs: receipt.logs,
          eventName: 'PositionChanged',
        })
        expect(changed?.args.premiumAssets).toBe(premiumAssets)
      }
      return true
    }
    if (!ENGINE_ERRORS.has(error as never) && error !== 'PremiumAboveMax') {
      // The market refused first (delta bounds, utilisation): its own checks, not the engine's.
      stats.marketRefused++
      return false
    }
    // A buy beyond the account's collateral is capped to it, and the market refuses the premium.
    const expected =
      predicted === 'InsufficientCollateral' && error === 'PremiumAboveMax' ? error : predicted
    expect(error, `${trade.kind} on ${accountId}`).toBe(expected)
    if (predicted === 'BelowInitialMargin') stats.predicted.margin++
    else stats.predicted.revert++
    return false
  }

  /** Every account: computePortfolioMargin equals marginOf, strict and risk-reducing, at the latest block. */
  async function expectMarginsEqualChain(accountIds: readonly bigint[]) {
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
    for (const accountId of accountIds) {
      const state = await fetchPortfolioState(client, { engine, accountId, config, blockNumber })
      for (const riskReducing of [false, true]) {
        let onChain: unknown
        try {
          onChain = await client.readContract({
            address: engine,
            abi: portfolioMarginEngineAbi,
            functionName: 'marginOf',
            args: [accountId, riskReducing],
            blockNumber,
          })
        } catch {
          // Degraded oracle: no strict spot, and the SDK says so.
          expect(riskReducing).toBe(false)
          expect(() => computePortfolioMargin(state)).toThrow(PortfolioStateIncompleteError)
          continue
        }
        const { healthWad, ...margin } = computePortfolioMargin(state, { riskReducing })
        expect(margin, `account ${accountId}, riskReducing ${riskReducing}`).toEqual(onChain)
        if (FIXTURE_OUT && fixture.margins.length < 12 && state.positions.length > 3)
          fixture.margins.push({ state, riskReducing, marginOf: onChain })
        expect(healthWad).toBe(margin.equityWad - margin.maintenanceMarginWad)
        stats.marginChecks++
      }
    }
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    const json = readDeployment({ DEPLOYMENT_OUT: OUT }) as Devnet
    const parsed = parseDeployment(json)
    if (parsed.portfolio === undefined) throw new Error('no portfolio market deployed')
    d = json
    engine = parsed.portfolio.engine
    market = parsed.portfolio.market
    client = makeTestClient(anvil.rpcUrl, { pollingInterval: 20 })
    actors = await client.getAddresses()
    expiries = [BigInt(d.expiries[0] ?? 0), BigInt(d.expiries[1] ?? 0)]
    config = await fetchMarket(client, { market })
    // The LP funds the portfolio market's vaults: they write the longs bought and pay the writers.
    for (const [vault, asset, assets] of [
      [parsed.portfolio.callVault, d.base, 400n * WAD],
      [parsed.portfolio.putVault, d.quote, 2_000_000n * USDC],
    ] as const)
      await sendRequest(client, {
        request: buildDeposit({ vault, asset, assets, receiver: d.lp }),
        account: d.lp,
      })
    // Every actor holds tokens for its deposits.
    for (const actor of actors.slice(5, 10)) {
      await mint(d.base, actor, 10_000n * WAD)
      await mint(d.quote, actor, 100_000_000n * USDC)
    }
  }, 600_000)

  afterAll(async () => {
    if (FIXTURE_OUT)
      writeFileSync(
        FIXTURE_OUT,
        `${JSON.stringify(fixture, (_, v) => (typeof v === 'bigint' ? `${v}n` : v), 2)}\n`,
      )
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('builds random books, every action as whatIfPortfolioTrade predicts', async () => {
    const [e0, e1] = expiries
    const series = [
      ...[2_850n, 2_900n, 2_950n, 3_000n, 3_050n, 3_100n, 3_150n].flatMap((k) => [
        encodeSeriesId({ expiry: e0, strikeWad: k * WAD, isCall: true }),
        encodeSeriesId({ expiry: e0, strikeWad: k * WAD, isCall: false }),
      ]),
      ...[2_700n, 2_800n, 2_900n, 3_000n, 3_100n, 3_200n, 3_300n].flatMap((k) => [
        encodeSeriesId({ expiry: e1, strikeWad: k * WAD, isCall: true }),
        encodeSeriesId({ expiry: e1, strikeWad: k * WAD, isCall: false }),
      ]),
    ]
    for (let b = 0; b < BOOKS; b++) {
      const owner = actors[5 + (b % 5)] as Address
      const accountId = await openAccount(owner)
      books.push(accountId)
      // Base, quote or both.
      const mix = rng.int(0, 2)
      if (mix !== 1)
        await act(accountId, { kind: 'deposit', isBase: true, assets: BigInt(rng.int(1, 8)) * WAD })
      if (mix !== 0)
        await act(accountId, {
          kind: 'deposit',
          isBase: false,
          assets: BigInt(rng.int(2_000, 30_000)) * USDC,
        })
      const oneExpiry = rng.next() < 0.4
      const legs = rng.int(1, 16)
      for (let k = 0; k < legs; k++) {
        const id = rng.pick(oneExpiry ? series.slice(0, 14) : series)
        const size = BigInt(rng.int(1, 30)) * 10n ** 17n
        await act(accountId, { kind: rng.next() < 0.45 ? 'buy' : 'write', id, size })
      }
    }
    await expectMarginsEqualChain(books)
    expect(stats.predicted.pass).toBeGreaterThan(BOOKS * 4)
  }, 120_000)

  /** The largest withdrawal of `isBase` collateral `whatIfPortfolioTrade` lets pass at `at`. */
  function maxWithdrawal(state: PortfolioState, isBase: boolean, at: bigint): bigint {
    const passes = (assets: bigint) =>
      assets === 0n ||
      whatIfPortfolioTrade(state, { kind: 'withdraw', isBase, assets }, { timestamp: at }).passes
    let low = 0n
    let high = isBase ? state.baseAssets : state.quoteAssets
    if (passes(high)) return high
    while (high - low > 1n) {
      const mid = (low + high) / 2n
      if (passes(mid)) low = mid
      else high = mid
    }
    return low
  }

  it('levers the books to IM: the largest withdrawal passes, one more unit does not', async () => {
    let boundaries = 0
    for (const accountId of books) {
      let state = await stateOf(accountId)
      if (state.positions.length === 0) continue
      // Quote first (all of it when the book allows), then base to the boundary.
      for (const isBase of [false, true]) {
        state = await stateOf(accountId)
        const held = isBase ? state.baseAssets : state.quoteAssets
        if (held === 0n) continue
        const assets = maxWithdrawal(state, isBase, await nextTimestamp())
        if (assets < held) {
          // One unit more is refused in the same block (the chain is then rolled back to try the
          // boundary itself at the same timestamp).
          const snapshot = await client.snapshot()
          const more = await act(accountId, { kind: 'withdraw', isBase, assets: assets + 1n })
          expect(more).toBe(false)
          await client.revert({ id: snapshot })
          boundaries++
        }
        if (assets > 0n)
          expect(await act(accountId, { kind: 'withdraw', isBase, assets })).toBe(true)
        if (assets < held) break
      }
      if (rng.next() < 0.3) {
        // Then sell or close part of a position: the engine checks a sell (a hedge), not a close.
        state = await stateOf(accountId)
        const position = rng.pick(state.positions)
        await act(accountId, {
          kind: position.isLong ? 'sell' : 'close',
          id: position.id,
          size: position.size / 2n + 1n,
        })
      }
    }
    expect(boundaries).toBeGreaterThan(20)
    await expectMarginsEqualChain(books)
  }, 120_000)

  /** Liquidates, as planned, every book below MM and above 0; checks one healthy book is refused. */
  async function liquidateAll(): Promise<number> {
    let done = 0
    let refused = false
    for (const accountId of books) {
      const state = await stateOf(accountId)
      if (state.positions.length === 0) continue
      const at = await nextTimestamp()
      const m = computePortfolioMargin(state, { riskReducing: true, timestamp: at })
      if (m.healthWad >= 0n && refused) continue
      if (m.equityWad < 0n) continue
      const liquidator = actors[9] as Address
      const liquidatorAccountId = await openAccount(liquidator)
      await send(
        buildPortfolioDeposit({
          engine,
          asset: d.quote,
          accountId: liquidatorAccountId,
          isBase: false,
          assets: 5_000_000n * USDC,
        }),
        liquidator,
      )
      const [mine, fresh] = await Promise.all([stateOf(liquidatorAccountId), stateOf(accountId)])
      const next = await nextTimestamp()
      if (m.healthWad >= 0n) {
        // A healthy book: the plan refuses it as the engine does.
        expect(() =>
          planPortfolioLiquidation(fresh, { liquidatorState: mine, timestamp: next }),
        ).toThrow(PortfolioAccountHealthyError)
        const ids = fresh.positions.map((p) => p.id)
        const sizes = fresh.positions.map((p) => p.size)
        const request = buildPortfolioLiquidate({
          engine,
          accountId,
          liquidatorAccountId,
          ids,
          sizes,
        })
        expect((await send(request, liquidator, next)).error).toBe('AccountHealthy')
        refused = true
        continue
      }
      let plan: ReturnType<typeof planPortfolioLiquidation>
      try {
        plan = planPortfolioLiquidation(fresh, { liquidatorState: mine, timestamp: next })
      } catch (error) {
        // A refusal the plan predicts: the engine refuses the same step.
        if (!(error instanceof Error)) throw error
        const ids = fresh.positions.map((p) => p.id)
        const sizes = fresh.positions.map((p) => p.size)
        const request = buildPortfolioLiquidate({
          engine,
          accountId,
          liquidatorAccountId,
          ids,
          sizes,
        })
        const { error: onChain } = await send(request, liquidator, next)
        expect(onChain, error.message).toBe(
          (error as { reason?: string }).reason ?? error.name.replace(/^Portfolio|Error$/g, ''),
        )
        continue
      }
      const request = buildPortfolioLiquidate({
        engine,
        accountId,
        liquidatorAccountId,
        ids: plan.ids,
        sizes: plan.sizes,
      })
      const { receipt, error } = await send(request, liquidator, next)
      expect(error, `liquidation of ${accountId}`).toBeUndefined()
      const [event] = parseEventLogs({
        abi: portfolioMarginEngineAbi,
        logs: receipt.logs,
        eventName: 'Liquidated',
      })
      expect(event?.args).toEqual({
        accountId,
        liquidatorAccountId,
        ids: plan.ids,
        sizes: plan.sizes,
        transferWad: plan.transferWad,
        bonusWad: plan.bonusWad,
        insuranceWad: plan.insuranceWad,
        healthBeforeWad: plan.healthBeforeWad,
        healthAfterWad: plan.healthAfterWad,
      })
      // Both accounts as planned.
      const [after, liquidatorAfter] = await Promise.all([
        stateOf(accountId),
        stateOf(liquidatorAccountId),
      ])
      for (const [s, planned] of [
        [after, plan.account],
        [liquidatorAfter, plan.liquidator],
      ] as const) {
        expect(s.baseAssets).toBe(planned.baseAssets)
        expect(s.quoteAssets).toBe(planned.quoteAssets)
        expect(s.positions.map(({ id, isLong, size }) => ({ id, isLong, size }))).toEqual(
          planned.positions.map(({ id, isLong, size }) => ({ id, isLong, size })),
        )
      }
      if (FIXTURE_OUT && fixture.liquidations.length < 3)
        fixture.liquidations.push({
          state: fresh,
          liquidatorState: mine,
          timestamp: next,
          event: event?.args,
        })
      done++
      stats.liquidations++
    }
    return done
  }

  it('after the spot falls, margins equal the chain and the books below MM are liquidated as planned', async () => {
    await crash(client, d, 2_800)
    await expectMarginsEqualChain(books)
    const done = await liquidateAll()
    await expectMarginsEqualChain(books)
    expect(done).toBeGreaterThan(0)
  }, 120_000)

  it('after the spot rises, the same', async () => {
    await crash(client, d, 3_150)
    await expectMarginsEqualChain(books)
    await liquidateAll()
    await expectMarginsEqualChain(books)
    console.log(JSON.stringify(stats))
    expect(stats.liquidations).toBeGreaterThan(2)
    expect(stats.predicted.margin).toBeGreaterThan(10)
  }, 120_000)
})
