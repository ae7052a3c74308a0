/**
 * The end-to-end scenario of the main job, driven through the SDK against a devnet deployed by
 * `script/DeployLocal.s.sol`: LPs deposit into the call and put vaults, an integrator quotes a
 * strip of both expiries, a trader buys and sells (each fill checked against the SDK's quote to the
 * wei), a covered-call strategy vault runs a round on the first expiry (a depositor queues, the
 * keeper writes the calls), spot crashes through a real Uniswap v3 swap plus a feed move, the first
 * expiry settles and the LP requests its exit from both vaults (ERC-7540: a request, a notice, a
 * claim), the strategy round closes at its textbook payoff, the trader redeems and, after the
 * notice, the LP claims. Every step checks its outcome and throws when it is wrong;
 * the returned record feeds the report (`report.ts`).
 */
import {
  type Abi,
  type Address,
  erc20Abi,
  type Hex,
  parseAbi,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import {
  type BuiltRequest,
  buildBuy,
  buildClaim,
  buildCloseRound,
  buildDeposit,
  buildExitRequest,
  buildLiquidate,
  buildMarginDeposit,
  buildMarginWithdraw,
  buildOpenAccount,
  buildRedeem,
  buildRedeemPosition,
  buildRequestDeposit,
  buildSell,
  buildSettle,
  buildSettleAccount,
  buildStartRound,
  buildWrite,
  collateralVaultAbi,
  encodeSeriesId,
  type FetchMarketReturnType,
  fetchAccount,
  fetchExitRequest,
  fetchMarginState,
  fetchMarket,
  fetchPermit,
  fetchStrategyVault,
  fetchTradeState,
  fetchVault,
  findLiquidatableAccounts,
  marginEngineAbi,
  max,
  optionMarketAbi,
  optionWritingVaultAbi,
  planLiquidation,
  type QuoteStripReturnType,
  quoteBuy,
  quoteExitRequest,
  quoteSell,
  quoteStrip,
  readSpot,
  sendRequest,
  settlementOracleAbi,
  sqrt,
} from '../../sdk/src/index.js'
import type { ScenarioClient } from './client.js'

const WAD = 10n ** 18n
const USDC = 10n ** 6n

/** The addresses file the devnet deployment writes (`deployments/31337.json`). */
export type Deployment = {
  market: Address
  callVault: Address
  putVault: Address
  spotRouter: Address
  settlementOracle: Address
  marginEngine: Address
  coveredCallVault: Address
  putSellingVault: Address
  keeper: Address
  chainlinkFeed: Address
  uniswapPool: Address
  poolActor: Address
  base: Address
  quote: Address
  lp: Address
  trader: Address
  expiries: number[]
}

/** One trade as filled on chain. */
export type Fill = {
  label: string
  expiry: bigint
  strike: number
  isCall: boolean
  isBuy: boolean
  /** Options. */
  size: number
  /** Premium paid or received, whole collateral tokens. */
  premium: number
  /** The volatility the fill effectively paid, σ + (E + E')/(2L). */
  effectiveVol: number
  /** The marginal volatility before and after the fill, σ + E/L. */
  marginalVolBefore: number
  marginalVolAfter: number
}

/** The writer's margin account after one step, whole USDC: health = collateral − mark − MM. */
export type HealthPoint = {
  step: string
  collateral: number
  mark: number
  initialMargin: number
  maintenanceMargin: number
  health: number
}

/**
 * The vaults' share prices (whole asset per whole share) after one step: the call and put vaults
 * and the covered-call strategy vault (WETH per share).
 */
export type SharePricePoint = {
  step: string
  spot: number
  call: number
  put: number
  coveredCall: number
}

/** The covered-call vault's round, whole WETH (strike in USDC per WETH). */
export type StrategyRound = {
  expiry: bigint
  strike: number
  /** Calls written (one per WETH of NAV, less the engine's rounding allowance). */
  size: number
  deposited: number
  /** Premium the round's sale received: the SDK's `quoteSell`, to the wei. */
  premium: number
  /** NAV and the depositor's claim at the round's start (after the sale) and after it closed. */
  navStart: number
  navEnd: number
  /** The textbook payoff at the settlement price: deposit + premium − size·max(S − K, 0)/S. */
  expectedNavEnd: number
  /** The bound the check allows, whole WETH: 1 wei per option + 2 wei (rounding of the engine's marks). */
  tolerance: number
  /** The same check in wei, exact: |navEnd − expectedNavEnd| ≤ tolerance. */
  wei: { navEnd: bigint; expectedNavEnd: bigint; tolerance: bigint }
  /** What the depositor received when redeeming every share after the round. */
  redeemed: number
}

export type ScenarioResult = {
  expiries: [bigint, bigint]
  stripsBefore: QuoteStripReturnType[]
  stripsAfter: QuoteStripReturnType[]
  fills: Fill[]
  sharePrices: SharePricePoint[]
  crash: { spotBefore: number; spotAfter: number; swapTxHash: Hex }
  /** The margin writer: puts written, the premium the put vault paid, its health through the scenario. */
  writer: {
    size: number
    strike: number
    premium: number
    health: HealthPoint[]
    liquidated: { size: number; paidToLiquidator: number; toInsurance: number }
    /** What the writer's and the liquidator's accounts paid the put vault at settlement. */
    paidAtSettlement: number
  }
  settlement: { expiry: bigint; price: number; owedCall: number; owedPut: number }
  strategy: StrategyRound
  /** What the trader received for each settled position, whole collateral tokens. */
  payouts: { label: string; payout: number }[]
  /** The LP's deposits, exits and redemptions per vault, whole tokens. */
  lp: {
    call: LpSide
    put: LpSide
  }
}

/**
 * The LP in one vault, whole tokens: what it deposited, the cap its exit request recorded, what
 * `fetchExitRequest` expected the claim to pay after the notice and what it was paid (`redeemed`,
 * equal to the expectation to the wei; `wei` has the exact amounts).
 */
export type LpSide = {
  deposited: number
  cap: number
  expected: number
  redeemed: number
  noticeSec: number
  wei: { shares: bigint; cap: bigint; expected: bigint; paid: bigint }
}

export type RunScenarioParameters = {
  client: ScenarioClient
  deployment: Deployment
  /** Progress lines. */
  log?: (line: string) => void
}

const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function pushAnswer(int256 answer, uint256 updatedAt) returns (uint80)',
])
const poolAbi = parseAbi(['function token0() view returns (address)'])
/** The devnet's test tokens mint to anyone: the scenario's faucet for its extra accounts. */
const faucetAbi = parseAbi(['function mint(address to, uint256 amount)'])
/**
 * anvil's default mnemonic: accounts 5 and 6 are the margin writer and its liquidator, account 7
 * the covered-call vault's depositor.
 */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'
const WRITER = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 5 }).address
const LIQUIDATOR = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 6 }).address
const DEPOSITOR = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 7 }).address
/** The depositor queues 20 WETH into the covered-call vault. */
const STRATEGY_DEPOSIT = 20n * WAD
/** The writer's puts: 100 of strike 2,900, its account kept 2 % above initial margin. */
const WRITE_SIZE = 100n
const WRITE_STRIKE = 2_900
/** The liquidator takes over half of them. */
const LIQUIDATE_SIZE = 50n
const poolActorAbi = parseAbi([
  'function swapToPrice(address pool, uint160 sqrtPriceX96) returns (int256, int256)',
])

/** The LP's deposits: 300 WETH for the calls, 900,000 USDC for the puts. */
const LP_CALL_DEPOSIT = 300n * WAD
const LP_PUT_DEPOSIT = 900_000n * USDC
/** Spot after the crash: −15 %, the puts sold end in the money. */
const CRASH_SPOT = 2_550
/** The TWAP window of the devnet (5 minutes) plus a minute: the TWAP has caught up with the pool. */
const TWAP_CATCH_UP_SEC = 6n * 60n

/** Runs the scenario; throws with the step's name when an outcome is not what it must be. */
export async function runScenario({
  client,
  deployment: d,
  log = () => {},
}: RunScenarioParameters): Promise<ScenarioResult> {
  const expiries: [bigint, bigint] = [BigInt(d.expiries[0] ?? 0), BigInt(d.expiries[1] ?? 0)]
  const config = await fetchMarket(client, { market: d.market })
  const sharePrices: SharePricePoint[] = []
  const recordSharePrices = async (step: string) => {
    const [call, put, coveredCall, spot] = await Promise.all([
      fetchVault(client, { vault: d.callVault }),
      fetchVault(client, { vault: d.putVault }),
      fetchStrategyVault(client, { vault: d.coveredCallVault }),
      readSpot(client, { oracle: d.spotRouter }),
    ])
    const point = {
      step,
      spot: toNumber(spot.priceWad, WAD),
      call: toNumber(call.sharePrice, WAD),
      put: toNumber(put.sharePrice, USDC),
      coveredCall: toNumber(coveredCall.sharePrice, WAD),
    }
    sharePrices.push(point)
    log(
      `  share price: call vault ${point.call.toFixed(6)} WETH, put vault ${point.put.toFixed(6)} USDC, covered-call vault ${point.coveredCall.toFixed(6)} WETH`,
    )
  }

  log(
    '[1/11] LP deposits into the call and put vaults, with an EIP-2612 permit where the asset has one',
  )
  for (const [vault, asset, assets] of [
    [d.callVault, d.base, LP_CALL_DEPOSIT],
    [d.putVault, d.quote, LP_PUT_DEPOSIT],
  ] as const) {
    const permit = await fetchPermit(client, { token: asset, owner: d.lp })
    const { timestamp } = await client.getBlock()
    const { receipt, approvals, permits } = await sendRequest(client, {
      request: buildDeposit({
        vault,
        asset,
        assets,
        receiver: d.lp,
        permit: permit && { ...permit, deadline: timestamp + 3_600n },
      }),
      account: d.lp,
    })
    expectSuccess(receipt, 'deposit')
    log(
      permit
        ? `  signed ${permits.length} permit; permit and deposit in one transaction`
        : `  sent ${approvals.length} approval, then the deposit`,
    )
  }
  await recordSharePrices('LP deposits')

  log('[2/11] An integrator quotes a strip of both expiries')
  const stripsBefore = await Promise.all(expiries.map((expiry) => strip(client, d, config, expiry)))
  for (const s of stripsBefore) log(formatStrip(s))

  log('[3/11] A trader buys and sells; each fill equals the SDK quote to the wei')
  const fills: Fill[] = []
  const trades = [
    { label: 'buy 120 calls 3200', strike: 3_200, isCall: true, isBuy: true, size: 120n },
    { label: 'buy 150 puts 2800', strike: 2_800, isCall: false, isBuy: true, size: 150n },
    { label: 'buy 100 puts 2900', strike: 2_900, isCall: false, isBuy: true, size: 100n },
    { label: 'buy 80 calls 3100', strike: 3_100, isCall: true, isBuy: true, size: 80n },
    { label: 'sell 40 calls 3200', strike: 3_200, isCall: true, isBuy: false, size: 40n },
    { label: 'sell 50 puts 2800', strike: 2_800, isCall: false, isBuy: false, size: 50n },
  ] as const
  for (const trade of trades) {
    const fill = await tradeExactly(client, d, config, { ...trade, expiry: expiries[0] })
    fills.push(fill)
    log(
      `  ${fill.label}: ${fill.premium.toFixed(fill.isCall ? 6 : 2)} ${fill.isCall ? 'WETH' : 'USDC'}` +
        ` at ${(fill.effectiveVol * 100).toFixed(2)} % vol; marginal ${(fill.marginalVolBefore * 100).toFixed(2)} % -> ${(fill.marginalVolAfter * 100).toFixed(2)} %`,
    )
  }
  const stripsAfter = await Promise.all(expiries.map((expiry) => strip(client, d, config, expiry)))
  log(formatStrip(stripsAfter[0] as QuoteStripReturnType))
  await recordSharePrices('after trades')

  log(
    '[4/11] A depositor queues WETH into the covered-call vault; the keeper starts its round on the first expiry',
  )
  const strategy = strategySteps(client, d, config, expiries[0], log)
  await strategy.start()
  await recordSharePrices('round started')

  log(
    '[5/11] A writer opens a put margin account and writes puts to the vault, 2 % above initial margin',
  )
  const health: HealthPoint[] = []
  const margin = marginSteps(client, d, config, expiries[0], health, log)
  const { writerAccount, premium: writePremium } = await margin.write()
  await margin.record('after writing')

  log(`[6/11] Spot crashes to ${CRASH_SPOT}: a Uniswap v3 swap and the Chainlink feed`)
  const spotBefore = toNumber((await readSpot(client, { oracle: d.spotRouter })).priceWad, WAD)
  const swapTxHash = await crash(client, d, CRASH_SPOT)
  const spotAfter = toNumber((await readSpot(client, { oracle: d.spotRouter })).priceWad, WAD)
  if (Math.abs(spotAfter / CRASH_SPOT - 1) > 0.001) throw new Error(`crash: spot is ${spotAfter}`)
  log(`  spot ${spotBefore} -> ${spotAfter} (router: feed and TWAP agree)`)
  await recordSharePrices('after the crash')
  const crashed = await margin.record('after the crash')
  if (!(crashed.health < 0))
    throw new Error(`crash: the writer is still healthy (${crashed.health})`)

  log("[7/11] A liquidator takes over half of the writer's puts at mark minus a discount")
  const liquidation = await margin.liquidate(writerAccount)
  const liquidated = await margin.record('after liquidation')
  if (liquidated.health < crashed.health)
    throw new Error('liquidation: the account is less healthy')

  log(
    '[8/11] The first expiry settles, the margin accounts pay what they owe, and the LP requests its exit from both vaults',
  )
  const settlement = await settleExpiry(client, d, expiries[0], CRASH_SPOT)
  log(
    `  settled at ${settlement.price}; owed to holders: ${settlement.owedCall} WETH, ${settlement.owedPut} USDC`,
  )
  const paidAtSettlement = await margin.settle()
  await margin.record('after settlement')
  log(`  margin accounts paid the put vault ${paidAtSettlement} USDC`)
  await recordSharePrices('after settlement')
  const lpExit = lpExitSteps(client, d, log)
  await lpExit.request()

  log('[9/11] The covered-call round closes at its textbook payoff; the depositor redeems')
  const { claim, ...closedRound } = await strategy.close(settlement.price)
  await recordSharePrices('round closed')
  const strategyRound: StrategyRound = { ...closedRound, redeemed: await strategy.redeem(claim) }

  log('[10/11] The trader redeems the settled positions')
  const payouts: { label: string; payout: number }[] = []
  for (const { strike, isCall } of uniqueSeries(trades)) {
    const id = encodeSeriesId({ expiry: expiries[0], strikeWad: BigInt(strike) * WAD, isCall })
    const size = await client.readContract({
      address: d.market,
      abi: optionMarketAbi,
      functionName: 'balanceOf',
      args: [d.trader, id],
    })
    const { receipt } = await sendRequest(client, {
      request: buildRedeemPosition({ market: d.market, id, size, receiver: d.trader }),
      account: d.trader,
    })
    const [redeemed] = parseEventLogs({
      abi: optionMarketAbi,
      logs: receipt.logs,
      eventName: 'Redeemed',
    })
    if (redeemed === undefined) throw new Error('redeem: no Redeemed event')
    const unit = isCall ? WAD : USDC
    const payout = toNumber(redeemed.args.payoutAssets, unit)
    const intrinsic =
      (Number(size) / 1e18) *
      (isCall ? Math.max(CRASH_SPOT - strike, 0) / CRASH_SPOT : Math.max(strike - CRASH_SPOT, 0))
    if (Math.abs(payout - intrinsic) > 1e-6 * Math.max(1, intrinsic))
      throw new Error(`redeem: paid ${payout}, the payoff is ${intrinsic}`)
    const label = `${Number(size) / 1e18} ${isCall ? 'calls' : 'puts'} ${strike}`
    payouts.push({ label, payout })
    log(`  ${label}: ${payout} ${isCall ? 'WETH' : 'USDC'}`)
  }

  log('[11/11] After the exit notice, the LP claims its exit from both vaults')
  const lp = await lpExit.claim()
  log(
    `  LP P&L: call vault ${(lp.call.redeemed - lp.call.deposited).toFixed(6)} WETH, put vault ${(lp.put.redeemed - lp.put.deposited).toFixed(2)} USDC`,
  )
  return {
    expiries,
    stripsBefore,
    stripsAfter,
    fills,
    sharePrices,
    crash: { spotBefore, spotAfter, swapTxHash },
    writer: {
      size: Number(WRITE_SIZE),
      strike: WRITE_STRIKE,
      premium: writePremium,
      health,
      liquidated: liquidation,
      paidAtSettlement,
    },
    settlement,
    strategy: strategyRound,
    payouts,
    lp,
  }
}

/**
 * The strategy part of the scenario, through the SDK: the depositor (anvil's account 7) queues a
 * deposit into the covered-call vault; the keeper quotes the round's sale with `quoteSell` (series
 * from the vault's rule: the first listed expiry a round length ahead, spot·(1 + m) snapped up),
 * starts the round with that premium less 1 % as its floor, and the sale must pay the quote to the
 * wei; the depositor claims its shares. After settlement anyone closes the round; the NAV must be
 * the covered call's textbook payoff, and the depositor redeems it.
 */
function strategySteps(
  client: ScenarioClient,
  d: Deployment,
  config: FetchMarketReturnType,
  expiry: bigint,
  log: (line: string) => void,
) {
  const vault = d.coveredCallVault
  const read = (name: 'moneynessWad' | 'ENGINE_ROUNDING_ASSETS' | 'roundSize') =>
    client.readContract({ address: vault, abi: optionWritingVaultAbi, functionName: name })
  const round = { strike: 0, size: 0n, premium: 0n, navStart: 0n }
  return {
    async start() {
      await send(client, DEPOSITOR, d.base, faucetAbi, 'mint', [DEPOSITOR, STRATEGY_DEPOSIT])
      const { receipt: queued } = await sendRequest(client, {
        request: buildRequestDeposit({
          vault,
          asset: d.base,
          assets: STRATEGY_DEPOSIT,
          receiver: DEPOSITOR,
        }),
        account: DEPOSITOR,
      })
      expectSuccess(queued, 'strategy deposit request')
      const before = await fetchStrategyVault(client, { vault, account: DEPOSITOR })
      if (before.pendingDepositAssets !== STRATEGY_DEPOSIT || before.roundActive)
        throw new Error(
          `strategy: queued ${before.pendingDepositAssets}, expected a queued deposit`,
        )
      log(
        `  queued ${toNumber(STRATEGY_DEPOSIT, WAD)} WETH (batch ${before.account?.depositRequest.batch}); NAV ${toNumber(before.totalAssets, WAD)} WETH until the round starts`,
      )
      // The keeper's quote of the round's sale: the vault writes its whole NAV (the queued deposit)
      // less the engine's rounding allowance, one call per WETH.
      const [moneynessWad, roundingAssets, spot] = await Promise.all([
        read('moneynessWad'),
        read('ENGINE_ROUNDING_ASSETS'),
        readSpot(client, { oracle: d.spotRouter }),
      ])
      const strikeWad = otmCallStrike(spot.priceWad, moneynessWad)
      const id = encodeSeriesId({ expiry, strikeWad, isCall: true })
      const size = STRATEGY_DEPOSIT - roundingAssets
      const state = await fetchTradeState(client, { market: d.market, id, config })
      const at = state.timestamp + 12n
      const quote = quoteSell(state, { size, timestamp: at })
      await client.setNextBlockTimestamp({ timestamp: at })
      const { receipt } = await sendRequest(client, {
        request: buildStartRound({
          vault,
          minPremiumAssets: quote.premiumAssets - quote.premiumAssets / 100n,
          deadline: at + 60n,
        }),
        account: d.keeper,
      })
      const [written] = parseEventLogs({
        abi: optionWritingVaultAbi,
        logs: receipt.logs,
        eventName: 'RoundWritten',
      })
      if (written === undefined || written.args.id !== id || written.args.size !== size)
        throw new Error(
          `strategy: wrote ${written?.args.size} of ${written?.args.id}, expected ${size} of ${id}`,
        )
      if (written.args.premiumAssets !== quote.premiumAssets || quote.premiumAssets <= 0n)
        throw new Error(
          `strategy: the sale paid ${written.args.premiumAssets}, quoted ${quote.premiumAssets}`,
        )
      const { receipt: claimed } = await sendRequest(client, {
        request: buildClaim({ vault, account: DEPOSITOR }),
        account: DEPOSITOR,
      })
      expectSuccess(claimed, 'strategy claim')
      const started = await fetchStrategyVault(client, { vault, account: DEPOSITOR })
      if (!started.roundActive || started.roundExpiry !== expiry)
        throw new Error(`strategy: round to ${started.roundExpiry}, expected ${expiry}`)
      if (started.account?.shares !== started.totalSupply)
        throw new Error('strategy: the depositor does not hold every share')
      round.strike = Number(strikeWad / WAD)
      round.size = size
      round.premium = written.args.premiumAssets
      round.navStart = started.totalAssets
      log(
        `  the keeper wrote ${toNumber(size, WAD)} calls ${round.strike} for ${toNumber(round.premium, WAD)} WETH (the SDK's quote, to the wei); NAV ${toNumber(started.totalAssets, WAD).toFixed(6)} WETH at the engine's mark`,
      )
    },
    async close(settlementPrice: number) {
      const { receipt } = await sendRequest(client, {
        request: buildCloseRound({ vault }),
        account: DEPOSITOR,
      })
      expectSuccess(receipt, 'strategy close')
      const closed = await fetchStrategyVault(client, { vault, account: DEPOSITOR })
      if (closed.roundActive || closed.positionsValue !== 0n)
        throw new Error('strategy: the round is still open')
      const settlementWad = BigInt(settlementPrice) * WAD
      const strikeWad = BigInt(round.strike) * WAD
      // A call pays max(S − K, 0)/S base per option: the covered call keeps min(S, K)/S + premium.
      const owed =
        settlementWad > strikeWad ? (round.size * (settlementWad - strikeWad)) / settlementWad : 0n
      const expected = STRATEGY_DEPOSIT + round.premium - owed
      const toleranceWei = (round.size + WAD - 1n) / WAD + 2n
      const claim = await client.readContract({
        address: vault,
        abi: optionWritingVaultAbi,
        functionName: 'convertToAssets',
        args: [closed.account?.shares ?? 0n],
      })
      for (const [what, value] of [
        ['NAV', closed.totalAssets],
        ["the depositor's claim", claim],
      ] as const)
        if (abs(value - expected) > toleranceWei)
          throw new Error(
            `strategy: ${what} ${value}, the covered call's payoff is ${expected} (± ${toleranceWei} wei)`,
          )
      const result = {
        expiry,
        strike: round.strike,
        size: toNumber(round.size, WAD),
        deposited: toNumber(STRATEGY_DEPOSIT, WAD),
        premium: toNumber(round.premium, WAD),
        navStart: toNumber(round.navStart, WAD),
        navEnd: toNumber(closed.totalAssets, WAD),
        expectedNavEnd: toNumber(expected, WAD),
        tolerance: toNumber(toleranceWei, WAD),
        wei: { navEnd: closed.totalAssets, expectedNavEnd: expected, tolerance: toleranceWei },
        claim,
      }
      log(
        `  settled at ${settlementPrice} vs strike ${round.strike}: paid ${toNumber(owed, WAD)} WETH to the calls; NAV ${result.navEnd} WETH = deposit ${result.deposited} + premium ${result.premium} (± ${toleranceWei} wei)`,
      )
      return result
    },
    /** The depositor redeems every share, between rounds, and must receive its claim to the wei. */
    async redeem(claim: bigint): Promise<number> {
      const { account } = await fetchStrategyVault(client, { vault, account: DEPOSITOR })
      const before = await balanceOf(client, d.base, DEPOSITOR)
      const { receipt } = await sendRequest(client, {
        // A strategy vault between rounds exits synchronously: the controller is the owner.
        request: buildRedeem({
          vault,
          shares: account?.maxRedeem ?? 0n,
          receiver: DEPOSITOR,
          controller: DEPOSITOR,
        }),
        account: DEPOSITOR,
      })
      expectSuccess(receipt, 'strategy redeem')
      const received = (await balanceOf(client, d.base, DEPOSITOR)) - before
      if (received !== claim)
        throw new Error(`strategy: redeemed ${received}, the claim is ${claim}`)
      log(`  the depositor redeems every share for ${toNumber(received, WAD)} WETH`)
      return toNumber(received, WAD)
    },
  }
}

/**
 * The LP's exit through the SDK (ERC-7540): `request` hands over every share of both vaults with
 * `buildExitRequest`, at the cap `quoteExitRequest` gives to the wei for that block, and checks the
 * request is pending for the notice; `claim` moves the devnet's clock to the later `claimableAt`,
 * reads each request with `fetchExitRequest` (claimable, its expected payout) and claims it all
 * with `buildRedeem` in a block with the same time and state: the claim must pay the expected
 * payout to the wei.
 */
function lpExitSteps(client: ScenarioClient, d: Deployment, log: (line: string) => void) {
  const vaults = [
    {
      key: 'call',
      vault: d.callVault,
      asset: d.base,
      unit: WAD,
      symbol: 'WETH',
      deposit: LP_CALL_DEPOSIT,
    },
    {
      key: 'put',
      vault: d.putVault,
      asset: d.quote,
      unit: USDC,
      symbol: 'USDC',
      deposit: LP_PUT_DEPOSIT,
    },
  ] as const
  const none = { shares: 0n, cap: 0n, claimableAt: 0n, noticeSec: 0n }
  const requests = { call: none, put: none }
  return {
    async request() {
      for (const { key, vault, unit, symbol } of vaults) {
        const shares = await client.readContract({
          address: vault,
          abi: collateralVaultAbi,
          functionName: 'balanceOf',
          args: [d.lp],
        })
        // Quoted at the latest block, requested in a block with its time: the cap is exact.
        const block = await client.getBlock()
        const quote = await quoteExitRequest(client, { vault, shares, blockNumber: block.number })
        await client.setNextBlockTimestamp({ timestamp: block.timestamp })
        const { receipt } = await sendRequest(client, {
          request: buildExitRequest({ vault, shares, controller: d.lp, owner: d.lp }),
          account: d.lp,
        })
        expectSuccess(receipt, 'LP exit request')
        const pending = await fetchExitRequest(client, { vault, controller: d.lp })
        if (
          pending.status !== 'pending' ||
          pending.shares !== shares ||
          pending.assetsCap !== quote.assetsCap
        )
          throw new Error(
            `LP exit request: ${pending.status}, ${pending.shares} shares, cap ${pending.assetsCap}; quoted ${quote.assetsCap} for ${shares}`,
          )
        requests[key] = {
          shares,
          cap: pending.assetsCap,
          claimableAt: pending.claimableAt,
          noticeSec: pending.claimableAt - block.timestamp,
        }
        log(
          `  ${key} vault: requested every share, cap ${toNumber(quote.assetsCap, unit)} ${symbol} (the SDK's quote, to the wei; exit price ${toNumber(quote.exitPrice, unit)} ${symbol} per share); ${pending.status}, claimable in ${pending.secondsLeft} s`,
        )
      }
    },
    async claim(): Promise<{ call: LpSide; put: LpSide }> {
      const claimableAt = max(requests.call.claimableAt, requests.put.claimableAt)
      const { timestamp } = await client.getBlock()
      if (timestamp < claimableAt) {
        await client.setNextBlockTimestamp({ timestamp: claimableAt })
        await client.mine({ blocks: 1 })
        log(`  the devnet's clock moves ${claimableAt - timestamp} s, past the exit notice`)
      }
      const sides: Partial<Record<'call' | 'put', LpSide>> = {}
      for (const { key, vault, asset, unit, symbol, deposit } of vaults) {
        const request = await fetchExitRequest(client, { vault, controller: d.lp })
        const expected = request.expectedAssets
        if (
          request.status !== 'claimable' ||
          expected === undefined ||
          request.maxRedeem !== request.shares
        )
          throw new Error(
            `LP claim: ${request.status}, ${request.maxRedeem} of ${request.shares} shares claimable`,
          )
        const before = await balanceOf(client, asset, d.lp)
        // The claim goes in a block with the read's time, on the state it was read in.
        await client.setNextBlockTimestamp({ timestamp: request.timestamp })
        const { receipt } = await sendRequest(client, {
          request: buildRedeem({
            vault,
            shares: request.shares,
            receiver: d.lp,
            controller: d.lp,
          }),
          account: d.lp,
        })
        expectSuccess(receipt, 'LP claim')
        const paid = (await balanceOf(client, asset, d.lp)) - before
        if (paid !== expected)
          throw new Error(`LP claim: paid ${paid}, fetchExitRequest expected ${expected}`)
        const { cap, noticeSec } = requests[key]
        sides[key] = {
          deposited: toNumber(deposit, unit),
          cap: toNumber(cap, unit),
          expected: toNumber(expected, unit),
          redeemed: toNumber(paid, unit),
          noticeSec: Number(noticeSec),
          wei: { shares: request.shares, cap, expected, paid },
        }
        log(
          `  ${key} vault: ${request.status}; expected ${toNumber(expected, unit)} ${symbol} (cap ${toNumber(cap, unit)}); the claim paid ${toNumber(paid, unit)} ${symbol}, the expectation to the wei`,
        )
      }
      const { call, put } = sides
      if (call === undefined || put === undefined) throw new Error('LP claim: a vault is missing')
      return { call, put }
    },
  }
}

/**
 * The covered-call vault's strike rule (`StrategyMath.otmStrike`): spot·(1 + m) rounded up, then
 * snapped up to three significant digits, wad.
 */
function otmCallStrike(spotWad: bigint, moneynessWad: bigint): bigint {
  const strike = (spotWad * (WAD + moneynessWad) + WAD - 1n) / WAD
  const digits = strike.toString().length
  if (digits <= 3) return strike
  const unit = 10n ** BigInt(digits - 3)
  const down = strike - (strike % unit)
  return down === strike ? strike : down + unit
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value
}

/**
 * The margin part of the scenario, through the SDK: the writer (anvil's account 5) opens a put
 * account and writes puts at the premium `quoteSell` gives, to the wei; after the crash the keeper
 * helper lists it, `planLiquidation` prices the step the liquidator (account 6) takes, and the
 * engine pays exactly the plan; both accounts settle. `record` appends the writer's margin to `health`.
 */
function marginSteps(
  client: ScenarioClient,
  d: Deployment,
  config: FetchMarketReturnType,
  expiry: bigint,
  health: HealthPoint[],
  log: (line: string) => void,
) {
  const id = encodeSeriesId({ expiry, strikeWad: BigInt(WRITE_STRIKE) * WAD, isCall: false })
  const accounts = { writer: 0n, liquidator: 0n }
  const engine = d.marginEngine
  const open = async (owner: Address, fundingAssets: bigint) => {
    await send(client, owner, d.quote, faucetAbi, 'mint', [owner, fundingAssets])
    const { receipt } = await sendRequest(client, {
      request: buildOpenAccount({ engine, isCall: false }),
      account: owner,
    })
    const [opened] = parseEventLogs({
      abi: marginEngineAbi,
      logs: receipt.logs,
      eventName: 'AccountOpened',
    })
    if (opened === undefined) throw new Error('margin: no AccountOpened event')
    const accountId = opened.args.accountId
    await sendRequest(client, {
      request: buildMarginDeposit({ engine, asset: d.quote, accountId, assets: fundingAssets }),
      account: owner,
    })
    return accountId
  }
  const marginOf = async (accountId: bigint) =>
    (await fetchAccount(client, { engine, accountId, blockNumber: await latestBlock(client) }))
      .margin
  return {
    async write() {
      accounts.writer = await open(WRITER, 200_000n * USDC)
      // A write is a sale to the vault: the engine is paid what `quoteSell` says, to the wei.
      const state = await fetchTradeState(client, { market: d.market, id, config })
      const at = state.timestamp + 12n
      const quote = quoteSell(state, { size: WRITE_SIZE * WAD, timestamp: at })
      await client.setNextBlockTimestamp({ timestamp: at })
      const { receipt } = await sendRequest(client, {
        request: buildWrite({
          engine,
          accountId: accounts.writer,
          id,
          size: WRITE_SIZE * WAD,
          // The slack covers the preflight call, made at the latest block's time, not at `at`.
          minPremiumAssets: quote.premiumAssets - quote.premiumAssets / 100n,
          deadline: at + 60n,
        }),
        account: WRITER,
      })
      const [written] = parseEventLogs({
        abi: marginEngineAbi,
        logs: receipt.logs,
        eventName: 'OptionsWritten',
      })
      if (written?.args.premiumAssets !== quote.premiumAssets)
        throw new Error(`write: paid ${written?.args.premiumAssets}, quoted ${quote.premiumAssets}`)
      const m = await marginOf(accounts.writer)
      // Down to 2 % above what initial margin asks (collateral ≥ mark + IM): the leverage a writer runs at.
      const keep = m.markAssets + (m.initialMarginAssets * 102n) / 100n
      await sendRequest(client, {
        request: buildMarginWithdraw({
          engine,
          accountId: accounts.writer,
          assets: m.collateralAssets - keep,
          receiver: WRITER,
        }),
        account: WRITER,
      })
      const premium = toNumber(written.args.premiumAssets, USDC)
      log(
        `  wrote ${WRITE_SIZE} puts ${WRITE_STRIKE} for ${premium} USDC (the SDK's quote, to the wei); initial margin ${toNumber(m.initialMarginAssets, USDC)} USDC`,
      )
      return { writerAccount: accounts.writer, premium }
    },
    async liquidate(writerAccount: bigint) {
      accounts.liquidator = await open(LIQUIDATOR, 500_000n * USDC)
      // The keeper's view: every account below maintenance margin, from events and state.
      const listed = await findLiquidatableAccounts(client, {
        engine,
        blockNumber: await latestBlock(client),
      })
      const target = listed.accounts.find((account) => account.accountId === writerAccount)
      if (target?.action !== 'liquidate')
        throw new Error(`liquidation: the keeper does not list account ${writerAccount}`)
      const [writerState, liquidatorState] = await Promise.all(
        [writerAccount, accounts.liquidator].map((accountId) =>
          fetchMarginState(client, { engine, accountId, config }),
        ),
      )
      if (writerState === undefined || liquidatorState === undefined)
        throw new Error('liquidation: no margin state')
      const at = writerState.timestamp + 12n
      const plan = planLiquidation(writerState, {
        id,
        size: LIQUIDATE_SIZE * WAD,
        liquidator: liquidatorState,
        timestamp: at,
      })
      await client.setNextBlockTimestamp({ timestamp: at })
      const { receipt } = await sendRequest(client, {
        request: buildLiquidate({
          engine,
          accountId: writerAccount,
          id,
          size: plan.size,
          liquidatorAccountId: accounts.liquidator,
        }),
        account: LIQUIDATOR,
      })
      const [event] = parseEventLogs({
        abi: marginEngineAbi,
        logs: receipt.logs,
        eventName: 'Liquidated',
      })
      if (
        event?.args.paidAssets !== plan.paidAssets ||
        event.args.insuranceAssets !== plan.insuranceAssets
      )
        throw new Error(`liquidation: paid ${event?.args.paidAssets}, planned ${plan.paidAssets}`)
      const result = {
        size: Number(LIQUIDATE_SIZE),
        paidToLiquidator: toNumber(event.args.paidAssets, USDC),
        toInsurance: toNumber(event.args.insuranceAssets, USDC),
      }
      log(
        `  the keeper lists account ${writerAccount} (short ${toNumber(target.shortfallAssets, USDC)} USDC of maintenance margin); a liquidator takes over ${LIQUIDATE_SIZE} puts`,
      )
      log(
        `  paid to the liquidator ${result.paidToLiquidator} USDC, to the insurance fund ${result.toInsurance}: the SDK's plan, to the wei`,
      )
      return result
    },
    async settle() {
      let paid = 0
      for (const accountId of [accounts.writer, accounts.liquidator]) {
        const { receipt } = await sendRequest(client, {
          request: buildSettleAccount({ engine, accountId }),
          account: WRITER,
        })
        for (const settled of parseEventLogs({
          abi: marginEngineAbi,
          logs: receipt.logs,
          eventName: 'AccountSettled',
        }))
          paid += toNumber(settled.args.paidAssets, USDC)
      }
      return paid
    },
    async record(step: string): Promise<HealthPoint> {
      const m = await marginOf(accounts.writer)
      const point = {
        step,
        collateral: toNumber(m.collateralAssets, USDC),
        mark: toNumber(m.markAssets, USDC),
        initialMargin: toNumber(m.initialMarginAssets, USDC),
        maintenanceMargin: toNumber(m.maintenanceMarginAssets, USDC),
        health: toNumber(m.collateralAssets - m.markAssets - m.maintenanceMarginAssets, USDC),
      }
      health.push(point)
      log(
        `  writer: collateral ${point.collateral.toFixed(2)}, mark ${point.mark.toFixed(2)}, MM ${point.maintenanceMargin.toFixed(2)} USDC (health ${point.health.toFixed(2)})`,
      )
      return point
    },
  }
}

/** The latest block number, uncached: viem caches it for its polling interval, and steps come faster. */
function latestBlock(client: ScenarioClient): Promise<bigint> {
  return client.getBlockNumber({ cacheTime: 0 })
}

/** Sends one contract call as `account` and checks it succeeded. */
async function send(
  client: ScenarioClient,
  account: Address,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[],
): Promise<TransactionReceipt> {
  const hash = await client.writeContract({
    address,
    abi,
    functionName,
    args,
    account,
    chain: null,
  })
  const receipt = await client.waitForTransactionReceipt({ hash })
  expectSuccess(receipt, functionName)
  return receipt
}

/** A strip of `expiry` from 2,600 to 3,400 by 50, quoted off-chain from one block's state. */
async function strip(
  client: ScenarioClient,
  d: Deployment,
  config: FetchMarketReturnType,
  expiry: bigint,
): Promise<QuoteStripReturnType> {
  // cacheTime 0: viem caches the block number for its polling interval, and trades come faster than that.
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 })
  const at = (isCall: boolean) =>
    fetchTradeState(client, {
      market: d.market,
      id: encodeSeriesId({ expiry, strikeWad: 3_000n * WAD, isCall }),
      config,
      blockNumber,
    })
  const [call, put] = await Promise.all([at(true), at(false)])
  return quoteStrip({ call, put }, { strikes: { from: 2_600, to: 3_400, step: 50 } })
}

/** The strip as a table of strike, smile vol and marginal vols. */
function formatStrip(s: QuoteStripReturnType): string {
  const days = (s.timeSec / 86_400).toFixed(2)
  const rows = s.quotes
    .filter((_, i) => i % 2 === 0)
    .map(
      (q) =>
        `    ${String(q.strike).padStart(5)}  vol ${(q.vol * 100).toFixed(2).padStart(6)} %  call marginal ${(q.call.marginalVol * 100).toFixed(2).padStart(6)} %  put marginal ${(q.put.marginalVol * 100).toFixed(2).padStart(6)} %`,
    )
  return [
    `  expiry ${new Date(Number(s.expiry) * 1000).toISOString()} (${days} days), spot ${s.spot}`,
    ...rows,
  ].join('\n')
}

/**
 * Quotes a trade off-chain for the next block's timestamp, sends it in that block and checks the
 * premium, fee and inventory the market charged equal the quote to the wei.
 */
async function tradeExactly(
  client: ScenarioClient,
  d: Deployment,
  config: FetchMarketReturnType,
  t: {
    label: string
    expiry: bigint
    strike: number
    isCall: boolean
    isBuy: boolean
    size: bigint
  },
): Promise<Fill> {
  const id = encodeSeriesId({
    expiry: t.expiry,
    strikeWad: BigInt(t.strike) * WAD,
    isCall: t.isCall,
  })
  const size = t.size * WAD
  const state = await fetchTradeState(client, { market: d.market, id, config })
  const at = state.timestamp + 12n
  const quote = (t.isBuy ? quoteBuy : quoteSell)(state, { size, timestamp: at })
  const slack = quote.premiumAssets / 100n + 1n
  const request: BuiltRequest = t.isBuy
    ? buildBuy({
        market: d.market,
        config,
        asset: t.isCall ? d.base : d.quote,
        id,
        size,
        maxPremiumAssets: quote.premiumAssets + slack,
        deadline: at + 60n,
      })
    : buildSell({
        market: d.market,
        config,
        id,
        size,
        minPremiumAssets: quote.premiumAssets - slack,
        deadline: at + 60n,
      })
  // `sendRequest` mines an approval first when the allowance falls short: the next block is then
  // the approval's, and anvil stamps the trade's block with the wall-clock seconds elapsed since,
  // one more whenever a second boundary passes in between (the quote, one second early, was then
  // off by a second's time decay). The clock is pinned so that every block until the trade's has
  // the quoted timestamp.
  await client.setBlockTimestampInterval({ interval: 0 })
  await client.setNextBlockTimestamp({ timestamp: at })
  const { receipt } = await sendRequest(client, { request, account: d.trader }).finally(() =>
    client.removeBlockTimestampInterval(),
  )
  if ((await client.getBlock({ blockNumber: receipt.blockNumber })).timestamp !== at)
    throw new Error(`${t.label}: mined after the quoted timestamp ${at}`)
  const [traded] = parseEventLogs({ abi: optionMarketAbi, logs: receipt.logs, eventName: 'Traded' })
  if (
    traded === undefined ||
    traded.args.premiumAssets !== quote.premiumAssets ||
    traded.args.feeAssets !== quote.feeAssets ||
    traded.args.inventoryWad !== quote.inventoryAfterWad
  ) {
    throw new Error(
      `${t.label}: charged ${traded?.args.premiumAssets}, quoted ${quote.premiumAssets}`,
    )
  }
  return {
    label: t.label,
    expiry: t.expiry,
    strike: t.strike,
    isCall: t.isCall,
    isBuy: t.isBuy,
    size: Number(t.size),
    premium: toNumber(quote.premiumAssets, t.isCall ? WAD : USDC),
    effectiveVol: toNumber(quote.effectiveVolWad, WAD),
    marginalVolBefore: toNumber(quote.marginalVolWad, WAD),
    marginalVolAfter: toNumber(quote.marginalVolAfterWad, WAD),
  }
}

/**
 * Moves the Uniswap pool to `spot` with a real swap (the devnet's pool actor pays the pool), lets
 * the TWAP window pass and pushes the same price to the Chainlink-style feed, so that the router's
 * two sources agree on the new spot.
 */
export async function crash(client: ScenarioClient, d: Deployment, spot: number): Promise<Hex> {
  const token0 = await client.readContract({
    address: d.uniswapPool,
    abi: poolAbi,
    functionName: 'token0',
  })
  const baseIsToken0 = token0.toLowerCase() === d.base.toLowerCase()
  // Raw price token1/token0: USDC units per WETH unit = spot·1e6/1e18, or its inverse.
  const [numerator, denominator] = baseIsToken0
    ? [BigInt(spot) * USDC, WAD]
    : [WAD, BigInt(spot) * USDC]
  const sqrtPriceX96 = sqrt((numerator << 192n) / denominator)
  const swapTxHash = await client.writeContract({
    address: d.poolActor,
    abi: poolActorAbi,
    functionName: 'swapToPrice',
    args: [d.uniswapPool, sqrtPriceX96],
    account: d.trader,
    chain: null,
  })
  expectSuccess(await client.waitForTransactionReceipt({ hash: swapTxHash }), 'swap')
  const { timestamp } = await client.getBlock()
  await client.setNextBlockTimestamp({ timestamp: timestamp + TWAP_CATCH_UP_SEC })
  await pushFeed(client, d, spot, timestamp + TWAP_CATCH_UP_SEC)
  return swapTxHash
}

/** Pushes `spot` (8 decimals, as Chainlink's ETH/USD) to the feed, timestamped `updatedAt`. */
async function pushFeed(client: ScenarioClient, d: Deployment, spot: number, updatedAt: bigint) {
  const hash = await client.writeContract({
    address: d.chainlinkFeed,
    abi: feedAbi,
    functionName: 'pushAnswer',
    args: [BigInt(spot) * 10n ** 8n, updatedAt],
    account: d.trader,
    chain: null,
  })
  expectSuccess(await client.waitForTransactionReceipt({ hash }), 'feed')
}

/**
 * Warps to `expiry`, pushes the feed's observation there, fixes the settlement price from that
 * round and settles the market's expiry.
 */
async function settleExpiry(client: ScenarioClient, d: Deployment, expiry: bigint, spot: number) {
  await client.setNextBlockTimestamp({ timestamp: expiry })
  await pushFeed(client, d, spot, expiry)
  const [roundId] = await client.readContract({
    address: d.chainlinkFeed,
    abi: feedAbi,
    functionName: 'latestRoundData',
  })
  const fixHash = await client.writeContract({
    address: d.settlementOracle,
    abi: settlementOracleAbi,
    functionName: 'settle',
    args: [expiry, roundId],
    account: d.trader,
    chain: null,
  })
  expectSuccess(await client.waitForTransactionReceipt({ hash: fixHash }), 'settlement price')
  const { receipt } = await sendRequest(client, {
    request: buildSettle({ market: d.market, expiry }),
    account: d.trader,
  })
  const [settled] = parseEventLogs({
    abi: optionMarketAbi,
    logs: receipt.logs,
    eventName: 'ExpirySettled',
  })
  if (settled === undefined || settled.args.priceWad !== BigInt(spot) * WAD)
    throw new Error(`settle: price ${settled?.args.priceWad}, expected ${spot}`)
  return {
    expiry,
    price: toNumber(settled.args.priceWad, WAD),
    owedCall: toNumber(settled.args.owedCallAssets, WAD),
    owedPut: toNumber(settled.args.owedPutAssets, USDC),
  }
}

function uniqueSeries(trades: readonly { strike: number; isCall: boolean }[]) {
  const seen = new Map<string, { strike: number; isCall: boolean }>()
  for (const { strike, isCall } of trades) seen.set(`${strike}-${isCall}`, { strike, isCall })
  return [...seen.values()]
}

function balanceOf(client: ScenarioClient, token: Address, account: Address) {
  return client.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
}

function expectSuccess(receipt: TransactionReceipt, step: string) {
  if (receipt.status !== 'success') throw new Error(`${step}: transaction reverted`)
}

/** `amount / unit` as a float, for display and the report. */
function toNumber(amount: bigint, unit: bigint): number {
  return Number(amount) / Number(unit)
}
