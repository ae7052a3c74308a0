/**
 * The margin SDK against the devnet deployment (`script/DeployLocal.s.sol`, broadcast by forge to a
 * fresh anvil): accounts opened, funded and written through the SDK's builders; `computeMargin` on a
 * fetched state equal to the engine's `marginOf` to the wei for every account at every checkpoint
 * (spot up and down, a vol shock, time passing, a non-zero rate, a series within a minute of
 * expiry); after a crash the keeper helper lists exactly the accounts below MM, and a liquidation
 * planned and built by the SDK pays what the plan says.
 */
import { rmSync } from 'node:fs'
import { type Address, parseAbi, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployLocal, readDeployment } from '../../../script/devnet.mjs'
import { crash, type Deployment } from '../../../script/scenario/run.js'
import {
  iVolatilityOracleAbi,
  marginEngineAbi,
  optionMarketAbi,
  volatilityOracleAbi,
} from '../../src/abi/generated.js'
import { ContractRevertError } from '../../src/errors/contractRevert.js'
import { buildClose } from '../../src/margin/buildClose.js'
import { buildLiquidate } from '../../src/margin/buildLiquidate.js'
import { buildMarginDeposit } from '../../src/margin/buildMarginDeposit.js'
import { buildMarginWithdraw } from '../../src/margin/buildMarginWithdraw.js'
import { buildOpenAccount } from '../../src/margin/buildOpenAccount.js'
import { buildResolveBadDebt } from '../../src/margin/buildResolveBadDebt.js'
import { buildWrite } from '../../src/margin/buildWrite.js'
import { computeMargin } from '../../src/margin/computeMargin.js'
import { fetchAccount } from '../../src/margin/fetchAccount.js'
import { fetchMarginState } from '../../src/margin/fetchMarginState.js'
import { findLiquidatableAccounts } from '../../src/margin/findLiquidatableAccounts.js'
import { planLiquidation } from '../../src/margin/planLiquidation.js'
import { type FetchMarketReturnType, fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { quoteSell } from '../../src/market/quoteSell.js'
import { decodeSeriesId, encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { makeTestClient, type TestClient } from '../utils/testClient.js'

const OUT = 'deployments/31337.margin.json'
const ROOT = new URL('../../../', import.meta.url).pathname
const USDC = 10n ** 6n
const faucetAbi = parseAbi(['function mint(address to, uint256 amount)'])

type MarginDeployment = Deployment & { volatilityOracle: Address; keeper: Address }

describe('margin engine through the SDK on the devnet', () => {
  let anvil: Anvil
  let client: TestClient
  let d: MarginDeployment
  let config: FetchMarketReturnType
  let actors: Address[]
  let expiries: [bigint, bigint]
  /** Account id by name, for the assertions. */
  const accounts: Record<string, bigint> = {}
  /** (account, block) pairs where computeMargin was checked against marginOf. */
  let checked = 0

  const put = (expiry: bigint, strike: bigint) =>
    encodeSeriesId({ expiry, strikeWad: strike * WAD, isCall: false })
  const call = (expiry: bigint, strike: bigint) =>
    encodeSeriesId({ expiry, strikeWad: strike * WAD, isCall: true })

  async function openAccount(owner: Address, isCall: boolean, assets: bigint): Promise<bigint> {
    const asset = isCall ? d.base : d.quote
    const hash = await client.writeContract({
      address: asset,
      abi: faucetAbi,
      functionName: 'mint',
      args: [owner, assets],
      account: owner,
      chain: null,
    })
    await client.waitForTransactionReceipt({ hash })
    const { receipt } = await sendRequest(client, {
      request: buildOpenAccount({ engine: d.marginEngine, isCall }),
      account: owner,
    })
    const [opened] = parseEventLogs({
      abi: marginEngineAbi,
      logs: receipt.logs,
      eventName: 'AccountOpened',
    })
    const accountId = opened?.args.accountId ?? 0n
    const deposit = await sendRequest(client, {
      request: buildMarginDeposit({ engine: d.marginEngine, asset, accountId, assets }),
      account: owner,
    })
    expect(deposit.approvals).toHaveLength(1)
    return accountId
  }

  async function write(owner: Address, accountId: bigint, id: bigint, options: bigint) {
    const size = options * WAD
    const state = await fetchTradeState(client, { market: d.market, id, config })
    const { premiumAssets } = quoteSell(state, { size })
    const { receipt } = await sendRequest(client, {
      request: buildWrite({
        engine: d.marginEngine,
        accountId,
        id,
        size,
        minPremiumAssets: (premiumAssets * 99n) / 100n,
        deadline: state.timestamp + 600n,
      }),
      account: owner,
    })
    const [written] = parseEventLogs({
      abi: marginEngineAbi,
      logs: receipt.logs,
      eventName: 'OptionsWritten',
    })
    expect(written?.args.premiumAssets).toBeGreaterThanOrEqual((premiumAssets * 99n) / 100n)
  }

  /** Withdraws down to `percent` % of what mark + IM asks, by the SDK's own figures. */
  async function leverTo(owner: Address, accountId: bigint, percent: bigint) {
    const state = await fetchMarginState(client, { engine: d.marginEngine, accountId, config })
    const margin = computeMargin(state)
    const keep = margin.markAssets + (margin.initialMarginAssets * percent) / 100n
    await sendRequest(client, {
      request: buildMarginWithdraw({
        engine: d.marginEngine,
        accountId,
        assets: margin.collateralAssets - keep,
        receiver: owner,
      }),
      account: owner,
    })
  }

  async function accountCount(): Promise<bigint> {
    return client.readContract({
      address: d.marginEngine,
      abi: marginEngineAbi,
      functionName: 'accountCount',
    })
  }

  /** Every account at the latest block: computeMargin on the fetched state equals marginOf. */
  async function expectMarginsEqualChain() {
    const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
    for (let accountId = 1n; accountId <= (await accountCount()); accountId++) {
      const state = await fetchMarginState(client, {
        engine: d.marginEngine,
        accountId,
        config,
        blockNumber,
      })
      const onChain = await client.readContract({
        address: d.marginEngine,
        abi: marginEngineAbi,
        functionName: 'marginOf',
        args: [accountId],
        blockNumber,
      })
      const { collateralAssets, markAssets, initialMarginAssets, maintenanceMarginAssets } =
        computeMargin(state)
      expect({
        collateralAssets,
        markAssets,
        initialMarginAssets,
        maintenanceMarginAssets,
      }).toEqual(onChain)
      checked++
    }
  }

  /**
   * The keeper's scan at the latest block equals what `marginOf` says of every account ever opened
   * (1 to `accountCount`): the accounts with collateral < mark + MM, each with its shortfall and
   * the action its mark calls for, the largest shortfall first.
   */
  async function expectKeeperListsExactlyTheAccountsBelowMM() {
    const found = await findLiquidatableAccounts(client, { engine: d.marginEngine })
    const expected: { accountId: bigint; shortfallAssets: bigint; action: string }[] = []
    for (let accountId = 1n; accountId <= (await accountCount()); accountId++) {
      const m = await client.readContract({
        address: d.marginEngine,
        abi: marginEngineAbi,
        functionName: 'marginOf',
        args: [accountId],
        blockNumber: found.blockNumber,
      })
      const maintenance = m.markAssets + m.maintenanceMarginAssets
      if (m.collateralAssets < maintenance)
        expected.push({
          accountId,
          shortfallAssets: maintenance - m.collateralAssets,
          action: m.collateralAssets < m.markAssets ? 'resolveBadDebt' : 'liquidate',
        })
    }
    expected.sort((a, b) => (a.shortfallAssets > b.shortfallAssets ? -1 : 1))
    expect(
      found.accounts.map(({ accountId, shortfallAssets, action }) => ({
        accountId,
        shortfallAssets,
        action,
      })),
    ).toEqual(expected)
    return found
  }

  /** Moves the feed alone (the router prices from it within the TWAP's deviation bound). */
  async function pushFeed(spot: bigint, updatedAt: bigint) {
    const hash = await client.writeContract({
      address: d.chainlinkFeed,
      abi: parseAbi(['function pushAnswer(int256 answer, uint256 updatedAt) returns (uint80)']),
      functionName: 'pushAnswer',
      args: [spot * 10n ** 8n, updatedAt],
      account: d.trader,
      chain: null,
    })
    await client.waitForTransactionReceipt({ hash })
  }

  /**
   * The keeper posts the smiles of `of` (both listed expiries) with their variance scaled by
   * `percent` %, at timestamp `at` (a minute on, the oracle's least interval between posts).
   */
  async function scaleSmiles(percent: bigint, of: readonly bigint[] = expiries, at?: bigint) {
    const smiles = await Promise.all(
      of.map((expiry) =>
        client.readContract({
          address: d.volatilityOracle,
          abi: iVolatilityOracleAbi,
          functionName: 'smile',
          args: [expiry],
        }),
      ),
    )
    const { timestamp } = await client.getBlock()
    await client.setNextBlockTimestamp({ timestamp: at ?? timestamp + 61n })
    for (const [i, expiry] of of.entries()) {
      const [smile] = smiles[i] ?? []
      if (smile === undefined) throw new Error('no smile')
      const hash = await client.writeContract({
        address: d.volatilityOracle,
        abi: volatilityOracleAbi,
        functionName: 'post',
        args: [expiry, { ...smile, a: (smile.a * percent) / 100n, b: (smile.b * percent) / 100n }],
        account: d.keeper,
        chain: null,
      })
      expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success')
    }
  }

  async function warp(seconds: bigint) {
    const { timestamp } = await client.getBlock({ blockTag: 'latest' })
    await client.setNextBlockTimestamp({ timestamp: timestamp + seconds })
    await client.mine({ blocks: 1 })
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    d = readDeployment({ DEPLOYMENT_OUT: OUT }) as MarginDeployment
    client = makeTestClient(anvil.rpcUrl)
    actors = await client.getAddresses()
    expiries = [BigInt(d.expiries[0] ?? 0), BigInt(d.expiries[1] ?? 0)]
    config = await fetchMarket(client, { market: d.market })
    // The LP funds both vaults, which pay the writers' premiums; the owner sets a 3 % rate.
    for (const [vault, asset, assets] of [
      [d.callVault, d.base, 400n * WAD],
      [d.putVault, d.quote, 2_000_000n * USDC],
    ] as const)
      await sendRequest(client, {
        request: buildDeposit({ vault, asset, assets, receiver: d.lp }),
        account: d.lp,
      })
    const owner = actors[0] as Address
    const risk = await client.readContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'riskParams',
    })
    const hash = await client.writeContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'setRiskParams',
      args: [{ ...risk, rateWad: 3n * 10n ** 16n }],
      account: owner,
      chain: null,
    })
    await client.waitForTransactionReceipt({ hash })
    config = await fetchMarket(client, { market: d.market })
  }, 600_000)

  afterAll(async () => {
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('opens, funds and writes accounts through the builders', async () => {
    const [e0, e1] = expiries
    const [lever, safe, calls, maxed, liquidator] = actors.slice(5, 10) as Address[]
    accounts.lever = await openAccount(lever as Address, false, 300_000n * USDC)
    await write(lever as Address, accounts.lever, put(e0, 2_900n), 60n)
    await write(lever as Address, accounts.lever, put(e1, 2_700n), 40n)
    accounts.safe = await openAccount(safe as Address, false, 400_000n * USDC)
    await write(safe as Address, accounts.safe, put(e1, 2_800n), 30n)
    accounts.calls = await openAccount(calls as Address, true, 30n * WAD)
    await write(calls as Address, accounts.calls, call(e0, 3_200n), 20n)
    await write(calls as Address, accounts.calls, call(e1, 3_500n), 10n)
    accounts.maxed = await openAccount(maxed as Address, false, 600_000n * USDC)
    for (const [expiry, strike] of [
      [e0, 2_950n],
      [e0, 2_850n],
      [e1, 2_750n],
      [e1, 2_600n],
    ] as const)
      await write(maxed as Address, accounts.maxed, put(expiry, strike), 25n)
    accounts.liquidator = await openAccount(liquidator as Address, false, 1_000_000n * USDC)
    // Leverage: the first and the fourth run 2 % above IM, the call account 10 %.
    await leverTo(lever as Address, accounts.lever, 102n)
    await leverTo(maxed as Address, accounts.maxed, 102n)
    await leverTo(calls as Address, accounts.calls, 110n)

    const maxedAccount = await fetchAccount(client, {
      engine: d.marginEngine,
      accountId: accounts.maxed,
    })
    expect(maxedAccount.positions).toHaveLength(4)
    expect(maxedAccount.isCall).toBe(false)
    expect(maxedAccount.margin.status).toBe('healthy')
    expect(maxedAccount.positions.map((p) => p.series.expiry).sort()).toEqual([e0, e0, e1, e1])
    // Above mark + IM by the 2 % kept, to the rounding of the withdrawal.
    expect(maxedAccount.margin.initialHealthAssets).toBeGreaterThanOrEqual(0n)
    expect(maxedAccount.margin.initialHealthAssets).toBeLessThanOrEqual(
      (maxedAccount.margin.initialMarginAssets * 3n) / 100n,
    )
    await expectMarginsEqualChain()
  })

  it('computes every account margin equal to marginOf as spot, vol and time move', async () => {
    const { timestamp } = await client.getBlock()
    for (const spot of [3_030n, 2_960n]) {
      await pushFeed(spot, timestamp)
      await expectMarginsEqualChain()
    }
    await warp(3n * 3_600n)
    await pushFeed(3_000n, (await client.getBlock()).timestamp)
    await expectMarginsEqualChain()
    await scaleSmiles(130n)
    await expectMarginsEqualChain()
    await scaleSmiles(80n)
    await expectMarginsEqualChain()
    // Seeded random moves: spot within the router's 2 % agreement with the pool's TWAP, each vol
    // shock followed by (about) its inverse so that the smiles end near where they started.
    let seed = 20_261_127n
    const next = (range: bigint) => {
      seed = (seed * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n
      return (seed >> 33n) % range
    }
    for (let i = 0; i < 6; i++) {
      const percent = 85n + next(34n)
      for (const scale of [percent, (10_000n + percent / 2n) / percent]) {
        await scaleSmiles(scale)
        await pushFeed(2_955n + next(91n), (await client.getBlock()).timestamp)
        await expectMarginsEqualChain()
      }
    }
    await pushFeed(3_000n, (await client.getBlock()).timestamp)
  })

  it('computes what the engine would at another spot, as the crash then confirms', async () => {
    const before = await fetchMarginState(client, {
      engine: d.marginEngine,
      accountId: accounts.lever ?? 0n,
      config,
    })
    const predicted = computeMargin(before, { spotWad: 2_500n * WAD })
    expect(predicted.status).toBe('liquidatable')
    await crash(client, d, 2_500)
    const after = await fetchMarginState(client, {
      engine: d.marginEngine,
      accountId: accounts.lever ?? 0n,
      config,
    })
    expect(after.spotWad).toBe(2_500n * WAD)
    // The crash also moved time (the TWAP's window): evaluated at the new block, equal to the chain.
    expect(computeMargin(before, { spotWad: after.spotWad, timestamp: after.timestamp })).toEqual(
      computeMargin(after),
    )
    await expectMarginsEqualChain()
  })

  it('lists exactly the accounts below MM, and a planned liquidation pays what the plan says', async () => {
    const found = await expectKeeperListsExactlyTheAccountsBelowMM()
    expect(found.candidates).toBe(4)
    const listed = found.accounts.map((a) => a.accountId)
    expect(listed).toContain(accounts.lever)
    expect(listed).not.toContain(accounts.safe)
    expect(listed).not.toContain(accounts.calls)
    const target = found.accounts.find((a) => a.accountId === accounts.lever)
    expect(target?.action).toBe('liquidate')
    // Step by step, each planned by the SDK at the block it will run in, until the account is back
    // above MM: every step pays exactly the plan and leaves the account as the plan says.
    let steps = 0
    for (;;) {
      const { number, timestamp } = await client.getBlock()
      const [state, mine] = await Promise.all(
        [accounts.lever, accounts.liquidator].map((accountId) =>
          fetchMarginState(client, {
            engine: d.marginEngine,
            accountId: accountId ?? 0n,
            config,
            blockNumber: number,
          }),
        ),
      )
      if (state === undefined || mine === undefined) throw new Error('no state')
      if (computeMargin(state).status !== 'liquidatable') break
      const nextTimestamp = timestamp + 12n
      const plan = planLiquidation(state, { liquidator: mine, timestamp: nextTimestamp })
      expect(plan.after.healthAssets).toBeGreaterThan(plan.before.healthAssets)
      expect(plan.liquidatorAfter?.initialHealthAssets).toBeGreaterThanOrEqual(0n)
      await client.setNextBlockTimestamp({ timestamp: nextTimestamp })
      const { receipt } = await sendRequest(client, {
        request: buildLiquidate({
          engine: d.marginEngine,
          accountId: state.accountId,
          id: plan.id,
          size: plan.size,
          liquidatorAccountId: mine.accountId,
        }),
        account: actors[9] as Address,
      })
      const [event] = parseEventLogs({
        abi: marginEngineAbi,
        logs: receipt.logs,
        eventName: 'Liquidated',
      })
      expect(event?.args).toMatchObject({
        accountId: state.accountId,
        liquidatorAccountId: mine.accountId,
        id: plan.id,
        size: plan.size,
        paidAssets: plan.paidAssets,
        insuranceAssets: plan.insuranceAssets,
      })
      const after = await fetchAccount(client, {
        engine: d.marginEngine,
        accountId: state.accountId,
        blockNumber: receipt.blockNumber,
      })
      expect(after.margin).toEqual(plan.after)
      expect(after.margin.collateralAssets).toBe(
        state.collateralAssets - plan.costAssets - plan.bonusAssets,
      )
      steps++
      expect(steps).toBeLessThanOrEqual(2)
    }
    expect(steps).toBeGreaterThan(0)
    const rescan = await findLiquidatableAccounts(client, { engine: d.marginEngine })
    expect(rescan.accounts.map((a) => a.accountId)).not.toContain(accounts.lever)
    expect(rescan.candidates).toBe(5) // the liquidator now holds puts too
    await expectMarginsEqualChain()
  })

  it('refuses to liquidate a healthy account, as a typed revert', async () => {
    const safe = await fetchMarginState(client, {
      engine: d.marginEngine,
      accountId: accounts.safe ?? 0n,
      config,
    })
    const position = safe.positions[0]
    if (position === undefined) throw new Error('no position')
    const error = await sendRequest(client, {
      request: buildLiquidate({
        engine: d.marginEngine,
        accountId: safe.accountId,
        id: position.id,
        size: position.size,
        liquidatorAccountId: accounts.liquidator ?? 0n,
      }),
      account: actors[9] as Address,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect((error as ContractRevertError).errorName).toBe('AccountHealthy')
  })

  it('closes part of a short through buildClose, paid from the collateral', async () => {
    const id = put(expiries[1], 2_800n)
    const state = await fetchTradeState(client, { market: d.market, id, config })
    const size = 10n * WAD
    const { premiumAssets } = quoteBuy(state, { size })
    const accountId = accounts.safe ?? 0n
    const before = await fetchAccount(client, { engine: d.marginEngine, accountId })
    const { receipt } = await sendRequest(client, {
      request: buildClose({
        engine: d.marginEngine,
        accountId,
        id,
        size,
        maxPremiumAssets: (premiumAssets * 101n) / 100n,
        deadline: state.timestamp + 600n,
      }),
      account: actors[6] as Address,
    })
    const [closed] = parseEventLogs({
      abi: marginEngineAbi,
      logs: receipt.logs,
      eventName: 'OptionsClosed',
    })
    expect(closed?.args.premiumAssets).toBeGreaterThan(0n)
    expect(closed?.args.premiumAssets).toBeLessThanOrEqual((premiumAssets * 101n) / 100n)
    const after = await fetchAccount(client, { engine: d.marginEngine, accountId })
    expect(after.margin.collateralAssets).toBe(
      before.margin.collateralAssets - (closed?.args.premiumAssets ?? 0n),
    )
    expect(after.positions).toEqual([{ id, series: decodeSeriesId(id), size: 20n * WAD }])
    await expectMarginsEqualChain()
  })

  it('lists an account whose collateral is below its mark after a deeper crash for bad-debt resolution', async () => {
    await crash(client, d, 2_000)
    const found = await expectKeeperListsExactlyTheAccountsBelowMM()
    const insolvent = found.accounts.find((a) => a.accountId === accounts.maxed)
    expect(insolvent?.action).toBe('resolveBadDebt')
    expect(insolvent?.margin.status).toBe('insolvent')
    await expectMarginsEqualChain()
    const { receipt } = await sendRequest(client, {
      request: buildResolveBadDebt({ engine: d.marginEngine, accountId: accounts.maxed ?? 0n }),
      account: actors[0] as Address,
    })
    const logs = parseEventLogs({ abi: marginEngineAbi, logs: receipt.logs })
    const fromFund = logs.find((l) => l.eventName === 'BadDebtFromInsurance')
    const fromVault = logs.find((l) => l.eventName === 'BadDebtFromVault')
    expect(fromFund ?? fromVault).toBeDefined()
    const after = await fetchAccount(client, {
      engine: d.marginEngine,
      accountId: accounts.maxed ?? 0n,
    })
    expect(after.positions).toEqual([])
    expect(after.margin).toMatchObject({ collateralAssets: 0n, markAssets: 0n, status: 'healthy' })
    const rescan = await expectKeeperListsExactlyTheAccountsBelowMM()
    expect(rescan.accounts.map((a) => a.accountId)).not.toContain(accounts.maxed)
  })

  it('values the series within a minute of expiry at intrinsic, equal to the chain', async () => {
    const [e0] = expiries
    const { timestamp } = await client.getBlock()
    // The feed and the later expiry's smile must stay fresh across the warp.
    // Re-posted unchanged a minute before the feed's last push, so that both are fresh there.
    await scaleSmiles(100n, [expiries[1]], e0 - 120n)
    await client.setNextBlockTimestamp({ timestamp: e0 - 30n })
    await pushFeed(2_000n, e0 - 30n)
    // The liquidator's account holds the first expiry's puts it took over.
    const state = await fetchMarginState(client, {
      engine: d.marginEngine,
      accountId: accounts.liquidator ?? 0n,
      config,
    })
    expect(state.timestamp).toBeGreaterThan(timestamp)
    expect(state.smiles.map((s) => s.expiry)).toEqual([expiries[1]])
    const margin = computeMargin(state)
    const expiring = margin.positions.filter((p) => p.series.expiry === e0)
    expect(expiring.length).toBeGreaterThan(0)
    for (const p of expiring) {
      expect(p.valueWad).toBe(p.series.strikeWad - 2_000n * WAD)
      // The corner's spot is 20 % lower: 1,600.
      expect(p.shockedValueWad).toBe(p.series.strikeWad - 1_600n * WAD)
    }
    await expectMarginsEqualChain()
    expect(checked).toBeGreaterThanOrEqual(100)
    console.log(`computeMargin equal to marginOf: ${checked} (account, block) pairs`)
  })
})
