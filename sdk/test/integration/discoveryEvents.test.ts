/**
 * Discovery and events against the devnet deployment (`script/DeployLocal.s.sol` on a fresh
 * anvil): an LP deposits, a trader buys and sells, a margin writer opens, funds, writes, withdraws
 * and closes, the LP requests, cancels and claims an exit, spot crashes and the writer is
 * liquidated, the first expiry settles, the trader redeems and the writer's account settles — all
 * through the SDK's builders. Then `listExpiries`/`listSeries`/`fetchMarketSnapshot` must describe
 * the market as its own views do, the snapshot in one `eth_call`, and `getSmileEvents`/`getTrades`
 * must decode exactly what each transaction did (sizes from the arguments sent, premiums and
 * payouts from the balances that moved), while watchers started beforehand receive the live events.
 */
import { rmSync } from 'node:fs'
import {
  type Address,
  createPublicClient,
  erc20Abi,
  type Hash,
  http,
  parseAbi,
  parseEventLogs,
} from 'viem'
import { getContractEvents } from 'viem/actions'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployLocal, readDeployment } from '../../../script/devnet.mjs'
import { crash, type Deployment } from '../../../script/scenario/run.js'
import {
  collateralVaultAbi,
  marginEngineAbi,
  optionMarketAbi,
  settlementOracleAbi,
  volatilityOracleAbi,
} from '../../src/abi/generated.js'
import { UnknownChainError } from '../../src/addresses/errors.js'
import { getAddresses } from '../../src/addresses/getAddresses.js'
import { parseDeployment, type SmileDeployment } from '../../src/addresses/parseDeployment.js'
import { fetchMarketSnapshot } from '../../src/discovery/fetchMarketSnapshot.js'
import { listExpiries } from '../../src/discovery/listExpiries.js'
import { listSeries } from '../../src/discovery/listSeries.js'
import type { SmileEvent } from '../../src/events/decodeSmileEvents.js'
import { getSmileEvents } from '../../src/events/getSmileEvents.js'
import { getTrades, type TradeEvent } from '../../src/events/getTrades.js'
import { watchSmileEvents } from '../../src/events/watchSmileEvents.js'
import { watchTrades } from '../../src/events/watchTrades.js'
import { buildClose } from '../../src/margin/buildClose.js'
import { buildLiquidate } from '../../src/margin/buildLiquidate.js'
import { buildMarginDeposit } from '../../src/margin/buildMarginDeposit.js'
import { buildMarginWithdraw } from '../../src/margin/buildMarginWithdraw.js'
import { buildOpenAccount } from '../../src/margin/buildOpenAccount.js'
import { buildSettleAccount } from '../../src/margin/buildSettleAccount.js'
import { buildWrite } from '../../src/margin/buildWrite.js'
import { computeMargin } from '../../src/margin/computeMargin.js'
import { fetchAccount } from '../../src/margin/fetchAccount.js'
import { fetchMarginState } from '../../src/margin/fetchMarginState.js'
import { planLiquidation } from '../../src/margin/planLiquidation.js'
import { buildBuy } from '../../src/market/buildBuy.js'
import { buildRedeemPosition } from '../../src/market/buildRedeemPosition.js'
import { buildSell } from '../../src/market/buildSell.js'
import { buildSettle } from '../../src/market/buildSettle.js'
import { type FetchMarketReturnType, fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchSeries } from '../../src/market/fetchSeries.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { quoteSell } from '../../src/market/quoteSell.js'
import { decodeSeriesId, encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { buildCancelRedeemRequest } from '../../src/vault/buildCancelRedeemRequest.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { buildExitRequest } from '../../src/vault/buildExitRequest.js'
import { buildRedeem } from '../../src/vault/buildRedeem.js'
import { fetchVault } from '../../src/vault/fetchVault.js'
import type { BuiltRequest } from '../../src/wallet/request.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { makeTestClient, type TestClient } from '../utils/testClient.js'

const OUT = 'deployments/31337.discovery.json'
const ROOT = new URL('../../../', import.meta.url).pathname
const USDC = 10n ** 6n
const faucetAbi = parseAbi(['function mint(address to, uint256 amount)'])
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function pushAnswer(int256 answer, uint256 updatedAt) returns (uint80)',
])

type DevnetDeployment = Deployment & {
  volatilityOracle: Address
  expiries: number[]
  startBlock: number
}
/** What one transaction must have emitted, as decoded events without their log position. */
type Expected = { hash: Hash; events: Record<string, unknown>[] }

describe('discovery and events on the devnet', () => {
  let anvil: Anvil
  let client: TestClient
  let d: DevnetDeployment
  let deployment: SmileDeployment
  let config: FetchMarketReturnType
  let actors: Address[]
  let e0: bigint
  let e1: bigint
  let fromBlock: bigint
  const expected: Expected[] = []
  const watched: { trades: TradeEvent[]; events: SmileEvent[] } = { trades: [], events: [] }
  const unwatch: (() => void)[] = []
  const accounts = { writer: 0n, liquidator: 0n }
  const callId = () => encodeSeriesId({ expiry: e0, strikeWad: 3_200n * WAD, isCall: true })
  const put = (expiry: bigint, strike: bigint) =>
    encodeSeriesId({ expiry, strikeWad: strike * WAD, isCall: false })

  const balance = (token: Address, account: Address) =>
    client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account],
    })
  const send = async (request: BuiltRequest, account: Address) =>
    (await sendRequest(client, { request, account })).receipt

  async function buy(id: bigint, size: bigint) {
    const { isCall } = decodeSeriesId(id)
    const asset = isCall ? d.base : d.quote
    const state = await fetchTradeState(client, { market: d.market, id, config })
    const { premiumAssets } = quoteBuy(state, { size })
    const before = await balance(asset, d.trader)
    const receipt = await send(
      buildBuy({
        market: d.market,
        asset,
        id,
        size,
        maxPremiumAssets: (premiumAssets * 101n) / 100n,
        deadline: state.timestamp + 600n,
      }),
      d.trader,
    )
    const paid = before - (await balance(asset, d.trader))
    expect(paid).toBeGreaterThan(0n)
    expected.push({
      hash: receipt.transactionHash,
      events: [{ type: 'trade', trader: d.trader, id, isBuy: true, size, premiumAssets: paid }],
    })
  }

  async function openAccount(owner: Address, assets: bigint): Promise<bigint> {
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: d.quote,
        abi: faucetAbi,
        functionName: 'mint',
        args: [owner, assets],
        account: owner,
        chain: null,
      }),
    })
    const opened = await send(buildOpenAccount({ engine: d.marginEngine, isCall: false }), owner)
    const [event] = parseEventLogs({ abi: marginEngineAbi, logs: opened.logs })
    const accountId = event?.eventName === 'AccountOpened' ? event.args.accountId : 0n
    expect(accountId).toBeGreaterThan(0n)
    expected.push({
      hash: opened.transactionHash,
      events: [{ type: 'marginAccountOpened', accountId, owner, isCall: false }],
    })
    const deposit = await send(
      buildMarginDeposit({ engine: d.marginEngine, asset: d.quote, accountId, assets }),
      owner,
    )
    expected.push({
      hash: deposit.transactionHash,
      events: [{ type: 'marginDeposit', accountId, from: owner, assets }],
    })
    return accountId
  }

  async function collateralOf(accountId: bigint) {
    return (await fetchAccount(client, { engine: d.marginEngine, accountId })).margin
      .collateralAssets
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    d = readDeployment({ DEPLOYMENT_OUT: OUT }) as DevnetDeployment
    deployment = parseDeployment(d)
    client = makeTestClient(anvil.rpcUrl, { pollingInterval: 100 })
    actors = await client.getAddresses()
    e0 = BigInt(d.expiries[0] ?? 0)
    e1 = BigInt(d.expiries[1] ?? 0)
    config = await fetchMarket(client, { market: d.market })
    fromBlock = (await client.getBlockNumber({ cacheTime: 0 })) + 1n
    for (const [vault, asset, assets] of [
      [d.callVault, d.base, 400n * WAD],
      [d.putVault, d.quote, 2_000_000n * USDC],
    ] as const) {
      const receipt = await send(buildDeposit({ vault, asset, assets, receiver: d.lp }), d.lp)
      const shares = await client.readContract({
        address: vault,
        abi: collateralVaultAbi,
        functionName: 'balanceOf',
        args: [d.lp],
      })
      expected.push({
        hash: receipt.transactionHash,
        events: [{ type: 'lpDeposit', address: vault, sender: d.lp, owner: d.lp, assets, shares }],
      })
    }
  }, 600_000)

  afterAll(async () => {
    for (const stop of unwatch) stop()
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('reads the deployment file into a typed address book entry', () => {
    expect(deployment.chainId).toBe(31337)
    expect(deployment.rpcUrl).toBe(anvil.rpcUrl)
    expect(deployment.startBlock).toBe(BigInt(d.startBlock))
    expect(deployment.market).toBe(d.market)
    expect(getAddresses(31337, { 31337: deployment })).toBe(deployment)
    expect(() => getAddresses(31337)).toThrow(UnknownChainError)
    expect(() => parseDeployment({ ...d, market: '0x12' })).toThrow(/market, an address/)
  })

  it('lists both listed expiries, live and open, before anything trades', async () => {
    const expiries = await listExpiries(client, {
      market: d.market,
      fromBlock: deployment.startBlock,
    })
    expect(expiries).toEqual([
      {
        expiry: e0,
        status: 'live',
        tradingOpen: true,
        tradingStartsAt: e0 - 365n * 86_400n,
        tradingEndsAt: e0 - 3_600n,
        settledPriceWad: 0n,
      },
      {
        expiry: e1,
        status: 'live',
        tradingOpen: true,
        tradingStartsAt: e1 - 365n * 86_400n,
        tradingEndsAt: e1 - 3_600n,
        settledPriceWad: 0n,
      },
    ])
    expect(await listSeries(client, { market: d.market })).toEqual([])
  })

  it('watchers receive the trades as they happen', async () => {
    const seen = new Promise<void>((resolve, reject) => {
      unwatch.push(
        watchTrades(client, {
          market: d.market,
          pollingInterval: 100,
          onTrades: (trades) => {
            watched.trades.push(...trades)
            if (watched.trades.length >= 4) resolve()
          },
          onError: reject,
        }),
        watchSmileEvents(client, {
          address: [d.market, d.callVault, d.putVault, d.marginEngine],
          types: ['trade', 'lpDeposit'],
          pollingInterval: 100,
          onEvents: (events) => watched.events.push(...events),
          onError: reject,
        }),
      )
    })
    // Let the watchers install their filters before the first trade.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await buy(callId(), 5n * WAD)
    await buy(put(e0, 2_800n), 3n * WAD)
    await buy(put(e1, 2_800n), 10n * WAD)
    const state = await fetchTradeState(client, { market: d.market, id: callId(), config })
    const { premiumAssets } = quoteSell(state, { size: 2n * WAD })
    const before = await balance(d.base, d.trader)
    const sold = await send(
      buildSell({
        market: d.market,
        id: callId(),
        size: 2n * WAD,
        minPremiumAssets: (premiumAssets * 99n) / 100n,
        deadline: state.timestamp + 600n,
      }),
      d.trader,
    )
    const received = (await balance(d.base, d.trader)) - before
    expected.push({
      hash: sold.transactionHash,
      events: [
        {
          type: 'trade',
          trader: d.trader,
          id: callId(),
          isBuy: false,
          size: 2n * WAD,
          premiumAssets: received,
        },
      ],
    })
    await seen
    const trades = expected
      .slice(-4)
      .map(({ hash, events }) => ({ ...events[0], transactionHash: hash }))
    expect(watched.trades).toMatchObject(trades)
    expect(watched.trades[0]?.series).toEqual({ expiry: e0, strikeWad: 3_200n * WAD, isCall: true })
    // The generic watcher started as well: it sees the same trades, and no deposit since.
    await expect.poll(() => watched.events.length).toBe(4)
    expect(watched.events).toMatchObject(trades)
  })

  it('lists the traded series with their open interest, as the market reads them', async () => {
    const series = await listSeries(client, { market: d.market, fromBlock: deployment.startBlock })
    expect(
      series.map(({ id, type, openInterest, written, status }) => ({
        id,
        type,
        openInterest,
        written,
        status,
      })),
    ).toEqual([
      { id: callId(), type: 'call', openInterest: 3n * WAD, written: 0n, status: 'live' },
      { id: put(e0, 2_800n), type: 'put', openInterest: 3n * WAD, written: 0n, status: 'live' },
      { id: put(e1, 2_800n), type: 'put', openInterest: 10n * WAD, written: 0n, status: 'live' },
    ])
    for (const s of series) {
      const read = await fetchSeries(client, { market: d.market, id: s.id })
      expect(s.openInterest).toBe(read.openInterest)
      expect(s.strikeWad).toBe(read.strikeWad)
    }
    const ofE1 = await listSeries(client, { market: d.market, expiry: e1 })
    expect(ofE1.map((s) => s.id)).toEqual([put(e1, 2_800n)])
  })

  it('snapshots the board in one eth_call, each series quotable to the wei', async () => {
    const methods: string[] = []
    const counted = createPublicClient({
      chain: foundry,
      transport: http(anvil.rpcUrl, {
        onFetchRequest: async (request) => {
          const body = (await request.clone().json()) as { method: string } | { method: string }[]
          for (const call of [body].flat()) methods.push(call.method)
        },
      }),
    })
    const ids = (await listSeries(client, { market: d.market })).map((s) => s.id)
    const snapshot = await fetchMarketSnapshot(counted, { market: d.market, ids, config })
    expect(methods.filter((m) => m === 'eth_call')).toHaveLength(1)
    expect(methods).toHaveLength(2) // the block header, then the one eth_call

    const at = { blockNumber: snapshot.blockNumber }
    const [callVault, putVault] = await Promise.all(
      [d.callVault, d.putVault].map((vault) => fetchVault(client, { vault, ...at })),
    )
    for (const [mine, read] of [
      [snapshot.vaults.call, callVault],
      [snapshot.vaults.put, putVault],
    ] as const) {
      expect(mine.totalAssets).toBe(read?.totalAssets)
      expect(mine.totalSupply).toBe(read?.totalSupply)
      expect(mine.freeAssets).toBe(read?.freeAssets)
      expect(mine.sharePrice).toBe(read?.sharePrice)
      expect(mine.heldAssets - mine.markAssets).toBe(read?.exitValue)
    }
    const [markAssets] = await client.readContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'liabilities',
      args: [d.putVault],
      ...at,
    })
    expect(snapshot.vaults.put.markAssets).toBe(markAssets)
    expect(snapshot.expiries.map((e) => e.expiry)).toEqual([e0, e1])
    for (const s of snapshot.series) {
      const state = await fetchTradeState(client, { market: d.market, id: s.id, config, ...at })
      expect(s.state).toEqual(state)
      expect(s.openInterest).toBeGreaterThan(0n)
      expect(s.markWad).toBeGreaterThan(0n)
      if (s.state === undefined) throw new Error('no state')
      const onChain = await client.readContract({
        address: d.market,
        abi: optionMarketAbi,
        functionName: 'quoteBuy',
        args: [s.id, WAD],
        ...at,
      })
      expect(quoteBuy(s.state, { size: WAD }).premiumAssets).toBe(onChain)
    }
    // The put vault's mark is the sum of its series' marks, rounded up to token units.
    const putMarkWad = snapshot.series
      .filter((s) => !s.isCall)
      .reduce((sum, s) => sum + (s.openInterest * (s.markWad ?? 0n) + WAD - 1n) / WAD, 0n)
    expect(snapshot.vaults.put.markAssets).toBe((putMarkWad + 10n ** 12n - 1n) / 10n ** 12n)
    expect(snapshot.spot.priceWad).toBe(3_000n * WAD)
  })

  it('a margin writer opens, funds, writes, withdraws and closes', async () => {
    const writer = actors[5] as Address
    accounts.writer = await openAccount(writer, 100_000n * USDC)
    const id = put(e0, 2_900n)
    const state = await fetchTradeState(client, { market: d.market, id, config })
    const { premiumAssets } = quoteSell(state, { size: 20n * WAD })
    const before = await collateralOf(accounts.writer)
    const written = await send(
      buildWrite({
        engine: d.marginEngine,
        accountId: accounts.writer,
        id,
        size: 20n * WAD,
        minPremiumAssets: (premiumAssets * 99n) / 100n,
        deadline: state.timestamp + 600n,
      }),
      writer,
    )
    const credited = (await collateralOf(accounts.writer)) - before
    expected.push({
      hash: written.transactionHash,
      events: [
        {
          type: 'trade',
          trader: d.marginEngine,
          id,
          isBuy: false,
          size: 20n * WAD,
          premiumAssets: credited,
        },
        {
          type: 'marginWrite',
          accountId: accounts.writer,
          id,
          size: 20n * WAD,
          premiumAssets: credited,
        },
      ],
    })
    // Withdraw down to 30 % above initial margin, by the SDK's own figures.
    const margin = computeMargin(
      await fetchMarginState(client, {
        engine: d.marginEngine,
        accountId: accounts.writer,
        config,
      }),
    )
    const assets =
      margin.collateralAssets - margin.markAssets - (margin.initialMarginAssets * 130n) / 100n
    const withdrawn = await send(
      buildMarginWithdraw({
        engine: d.marginEngine,
        accountId: accounts.writer,
        assets,
        receiver: writer,
      }),
      writer,
    )
    expected.push({
      hash: withdrawn.transactionHash,
      events: [{ type: 'marginWithdraw', accountId: accounts.writer, receiver: writer, assets }],
    })
    const closeState = await fetchTradeState(client, { market: d.market, id, config })
    const cost = quoteBuy(closeState, { size: 2n * WAD }).premiumAssets
    const beforeClose = await collateralOf(accounts.writer)
    const closed = await send(
      buildClose({
        engine: d.marginEngine,
        accountId: accounts.writer,
        id,
        size: 2n * WAD,
        maxPremiumAssets: (cost * 101n) / 100n,
        deadline: closeState.timestamp + 600n,
      }),
      writer,
    )
    const paid = beforeClose - (await collateralOf(accounts.writer))
    expected.push({
      hash: closed.transactionHash,
      events: [
        {
          type: 'trade',
          trader: d.marginEngine,
          id,
          isBuy: true,
          size: 2n * WAD,
          premiumAssets: paid,
        },
        {
          type: 'marginClose',
          accountId: accounts.writer,
          id,
          size: 2n * WAD,
          premiumAssets: paid,
        },
      ],
    })
    accounts.liquidator = await openAccount(actors[6] as Address, 500_000n * USDC)
    const series = await listSeries(client, { market: d.market, expiry: e0 })
    expect(series.find((s) => s.id === id)).toMatchObject({ openInterest: 0n, written: 18n * WAD })
  })

  it('the LP requests, cancels, requests again and claims an exit', async () => {
    const vault = d.putVault
    const shares = (await fetchVault(client, { vault, account: d.lp })).account?.shares ?? 0n
    const request = async (part: bigint) => {
      const receipt = await send(
        buildExitRequest({ vault, shares: part, controller: d.lp, owner: d.lp }),
        d.lp,
      )
      expected.push({
        hash: receipt.transactionHash,
        events: [
          {
            type: 'lpExitRequested',
            address: vault,
            controller: d.lp,
            owner: d.lp,
            sender: d.lp,
            shares: part,
          },
        ],
      })
    }
    await request(shares / 10n)
    const cancelled = await send(buildCancelRedeemRequest({ vault, controller: d.lp }), d.lp)
    expected.push({
      hash: cancelled.transactionHash,
      events: [{ type: 'lpExitCancelled', address: vault, controller: d.lp, shares: shares / 10n }],
    })
    await request(shares / 20n)
    const { timestamp } = await client.getBlock()
    await client.setNextBlockTimestamp({ timestamp: timestamp + 3_601n })
    await client.mine({ blocks: 1 })
    const before = await balance(d.quote, d.lp)
    const claimed = await send(
      buildRedeem({ vault, shares: shares / 20n, receiver: d.lp, controller: d.lp }),
      d.lp,
    )
    const assets = (await balance(d.quote, d.lp)) - before
    expect(assets).toBeGreaterThan(0n)
    expected.push({
      hash: claimed.transactionHash,
      events: [
        {
          type: 'lpExitClaimed',
          address: vault,
          sender: d.lp,
          receiver: d.lp,
          controller: d.lp,
          assets,
          shares: shares / 20n,
        },
      ],
    })
  })

  it('spot crashes and the writer is liquidated, as planned', async () => {
    await crash(client, d, 2_500)
    const { number, timestamp } = await client.getBlock()
    const [state, liquidator] = await Promise.all(
      [accounts.writer, accounts.liquidator].map((accountId) =>
        fetchMarginState(client, {
          engine: d.marginEngine,
          accountId,
          config,
          blockNumber: number,
        }),
      ),
    )
    if (state === undefined || liquidator === undefined) throw new Error('no state')
    expect(computeMargin(state).status).toBe('liquidatable')
    const id = put(e0, 2_900n)
    const next = timestamp + 12n
    const plan = planLiquidation(state, { id, size: 5n * WAD, liquidator, timestamp: next })
    await client.setNextBlockTimestamp({ timestamp: next })
    const receipt = await send(
      buildLiquidate({
        engine: d.marginEngine,
        accountId: accounts.writer,
        id,
        size: 5n * WAD,
        liquidatorAccountId: accounts.liquidator,
      }),
      actors[6] as Address,
    )
    expected.push({
      hash: receipt.transactionHash,
      events: [
        {
          type: 'liquidation',
          accountId: accounts.writer,
          liquidatorAccountId: accounts.liquidator,
          id,
          series: decodeSeriesId(id),
          size: 5n * WAD,
          paidAssets: plan.paidAssets,
          insuranceAssets: plan.insuranceAssets,
        },
      ],
    })
  })

  it('the first expiry settles, the trader redeems and the writer’s account settles', async () => {
    await client.setNextBlockTimestamp({ timestamp: e0 })
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: d.chainlinkFeed,
        abi: feedAbi,
        functionName: 'pushAnswer',
        args: [2_500n * 10n ** 8n, e0],
        account: d.trader,
        chain: null,
      }),
    })
    const [roundId] = await client.readContract({
      address: d.chainlinkFeed,
      abi: feedAbi,
      functionName: 'latestRoundData',
    })
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: d.settlementOracle,
        abi: settlementOracleAbi,
        functionName: 'settle',
        args: [e0, roundId],
        account: d.trader,
        chain: null,
      }),
    })
    const settled = await send(buildSettle({ market: d.market, expiry: e0 }), d.trader)
    const [owedCallAssets, owedPutAssets] = await Promise.all(
      [true, false].map((isCall) =>
        client.readContract({
          address: d.market,
          abi: optionMarketAbi,
          functionName: 'reservedAssets',
          args: [isCall],
        }),
      ),
    )
    // Three puts of strike 2,800 at 2,500 pay 900 USDC; the calls of 3,200 nothing.
    expect(owedPutAssets).toBe(900n * USDC)
    expected.push({
      hash: settled.transactionHash,
      events: [
        {
          type: 'expirySettled',
          expiry: e0,
          priceWad: 2_500n * WAD,
          owedCallAssets,
          owedPutAssets,
        },
      ],
    })
    const before = await balance(d.quote, d.trader)
    const id = put(e0, 2_800n)
    const redeemed = await send(
      buildRedeemPosition({ market: d.market, id, size: 3n * WAD, receiver: d.trader }),
      d.trader,
    )
    expect((await balance(d.quote, d.trader)) - before).toBe(900n * USDC)
    expected.push({
      hash: redeemed.transactionHash,
      events: [
        {
          type: 'redemption',
          holder: d.trader,
          receiver: d.trader,
          id,
          size: 3n * WAD,
          payoutAssets: 900n * USDC,
        },
      ],
    })
    const collateral = await collateralOf(accounts.writer)
    const accountSettled = await send(
      buildSettleAccount({ engine: d.marginEngine, accountId: accounts.writer }),
      actors[5] as Address,
    )
    // 13 puts of 2,900 left at 2,500: 5,200 USDC owed, paid from the collateral.
    const paid = collateral - (await collateralOf(accounts.writer))
    expect(paid).toBe(5_200n * USDC)
    // Settlement recorded 18 written puts × 400 USDC owed to the put vault; the liquidator's 5
    // are still owed.
    const receivable = await client.readContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'receivableAssets',
      args: [false],
    })
    expect(receivable).toBe(2_000n * USDC)
    expected.push({
      hash: accountSettled.transactionHash,
      events: [
        {
          type: 'accountSettled',
          accountId: accounts.writer,
          owedAssets: 5_200n * USDC,
          paidAssets: paid,
        },
        // The engine pays the put vault what the account paid: the vault's receivable falls by it.
        { type: 'receivableSettled', isCall: false, paidAssets: paid, writtenOffAssets: 0n },
      ],
    })

    const expiries = await listExpiries(client, { market: d.market })
    expect(
      expiries.map(({ expiry, status, tradingOpen, settledPriceWad }) => ({
        expiry,
        status,
        tradingOpen,
        settledPriceWad,
      })),
    ).toEqual([
      { expiry: e0, status: 'settled', tradingOpen: false, settledPriceWad: 2_500n * WAD },
      { expiry: e1, status: 'live', tradingOpen: true, settledPriceWad: 0n },
    ])
    const series = await listSeries(client, { market: d.market })
    expect(
      series.map(({ id, status, openInterest, written }) => ({
        id,
        status,
        openInterest,
        written,
      })),
    ).toEqual([
      { id: callId(), status: 'settled', openInterest: 3n * WAD, written: 0n },
      { id: put(e0, 2_800n), status: 'settled', openInterest: 0n, written: 0n },
      { id: put(e0, 2_900n), status: 'settled', openInterest: 0n, written: 0n },
      { id: put(e1, 2_800n), status: 'live', openInterest: 10n * WAD, written: 0n },
    ])
    // The second expiry's smile went stale on the way (a day old): the keeper posts it again, or
    // the put vault, short its puts, cannot be marked.
    const [posted] = await getContractEvents(client, {
      address: d.volatilityOracle,
      abi: volatilityOracleAbi,
      eventName: 'SmilePosted',
      args: { expiry: e1 },
      fromBlock: deployment.startBlock,
      strict: true,
    })
    if (posted === undefined) throw new Error('no smile posted')
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: d.volatilityOracle,
        abi: volatilityOracleAbi,
        functionName: 'post',
        args: [e1, posted.args.params],
        account: d.keeper,
        chain: null,
      }),
    })
    const snapshot = await fetchMarketSnapshot(client, {
      market: d.market,
      ids: series.map((s) => s.id),
    })
    expect(snapshot.expiries.map((e) => e.smile === undefined)).toEqual([true, false])
    expect(snapshot.series[3]?.state).toBeDefined()
    const [settledCall, settledPut] = snapshot.series
    // A settled series is marked at its payoff and cannot be quoted.
    expect(settledCall).toMatchObject({ status: 'settled', markWad: 0n })
    expect(settledCall?.state).toBeUndefined()
    expect(settledPut).toMatchObject({ status: 'settled', markWad: 300n * WAD })
  })

  it('decodes exactly what every transaction did, and nothing else', async () => {
    const events = await getSmileEvents(client, {
      address: [d.market, d.callVault, d.putVault, d.marginEngine],
      fromBlock,
    })
    const sortKey = (e: Record<string, unknown>) => String(e.type)
    for (const { hash, events: mine } of expected) {
      const decoded = events.filter((e) => e.transactionHash === hash)
      expect(decoded.map(sortKey).sort(), hash).toEqual(mine.map(sortKey).sort())
      for (const event of mine)
        expect(
          decoded.find((e) => e.type === event.type),
          String(event.type),
        ).toMatchObject(event)
    }
    expect(events).toHaveLength(expected.reduce((n, e) => n + e.events.length, 0))
    const hashes = new Set(expected.map((e) => e.hash))
    expect(events.every((e) => e.transactionHash !== null && hashes.has(e.transactionHash))).toBe(
      true,
    )

    const lpFlows = await getSmileEvents(client, {
      address: [d.callVault, d.putVault],
      types: ['lpExitRequested', 'lpExitCancelled', 'lpExitClaimed'],
      fromBlock,
    })
    expect(lpFlows.map((e) => e.type)).toEqual([
      'lpExitRequested',
      'lpExitCancelled',
      'lpExitRequested',
      'lpExitClaimed',
    ])
    const trades = await getTrades(client, { market: d.market, fromBlock })
    expect(trades).toEqual(events.filter((e) => e.type === 'trade'))
    const traders = await getTrades(client, { market: d.market, trader: d.trader, fromBlock })
    expect(traders).toHaveLength(4)
    const ofCall = await getTrades(client, { market: d.market, id: callId(), fromBlock })
    expect(ofCall.map((t) => t.size)).toEqual([5n * WAD, 2n * WAD])
  })
})
