/**
 * The LP's asynchronous exit (ERC-7540) through the SDK against CollateralVault on anvil: a request
 * at the cap `quoteExitRequest` gives to the wei, its status while pending, a claim before the
 * notice refused with a typed `ExitNotClaimable`, the notice passed on anvil's clock, a claim that
 * pays `fetchExitRequest`'s `expectedAssets` to the wei, a partial claim by assets, and a cancel.
 * A trader holds puts of a live expiry, so the vault's mark, and with it the exit value per share,
 * moves with time: every read is pinned to a block and the transaction after it goes in a block
 * with the same time.
 */
import { type Address, erc20Abi, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../../src/abi/generated.js'
import { ContractRevertError } from '../../src/errors/contractRevert.js'
import { decodeSmileError } from '../../src/errors/decodeSmileError.js'
import { buildBuy } from '../../src/market/buildBuy.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { buildCancelRedeemRequest } from '../../src/vault/buildCancelRedeemRequest.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { buildExitRequest } from '../../src/vault/buildExitRequest.js'
import { buildRedeem } from '../../src/vault/buildRedeem.js'
import { buildWithdraw } from '../../src/vault/buildWithdraw.js'
import { claimAssets } from '../../src/vault/exitMath.js'
import { fetchExitRequest } from '../../src/vault/fetchExitRequest.js'
import { fetchVault } from '../../src/vault/fetchVault.js'
import { quoteExitRequest } from '../../src/vault/quoteExitRequest.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import {
  deployMarket,
  EXIT_NOTICE_SEC,
  type MarketDeployment,
  TEST_SMILE,
  testRisk,
} from '../utils/deployMarket.js'
import { makeTestClient, sendCall, type TestClient } from '../utils/testClient.js'

const DAY = 86_400n
const USDC_UNIT = 10n ** 6n
const LP_USDC = 1_000_000n * USDC_UNIT
const SIDE = {
  vegaDepthWad: 30_000n * WAD,
  maxInventoryWad: 15_000n * WAD,
  minFeePerOptionWad: 3n * 10n ** 17n,
}

describe('the LP exit through the SDK against CollateralVault on anvil', () => {
  let anvil: Anvil
  let client: TestClient
  let lp: Address
  let d: MarketDeployment
  let vault: Address

  const usdcOf = (account: Address) =>
    client.readContract({
      address: d.usdc,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account],
    })
  const sharesOf = (account: Address) =>
    client.readContract({
      address: vault,
      abi: collateralVaultAbi,
      functionName: 'balanceOf',
      args: [account],
    })
  /** Passes the notice on anvil's clock: a block at `timestamp`. */
  const warpTo = async (timestamp: bigint) => {
    await client.setNextBlockTimestamp({ timestamp })
    await client.mine({ blocks: 1 })
  }

  beforeAll(async () => {
    anvil = await startAnvil(['--code-size-limit', '65536'])
    client = makeTestClient(anvil.rpcUrl)
    const [admin, lpAccount, trader] = (await client.getAddresses()) as [Address, Address, Address]
    lp = lpAccount
    const now = (await client.getBlock()).timestamp
    const expiry = (now / DAY) * DAY + 8n * 3_600n + 7n * DAY
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * 10n ** 8n,
      risk: testRisk(3n * 10n ** 16n),
      callSide: SIDE,
      putSide: SIDE,
      smiles: [{ expiry, params: TEST_SMILE }],
    })
    vault = d.putVault
    const token = forgeArtifact('TestERC20')
    for (const account of [lp, trader])
      await sendCall(client, admin, d.usdc, token.abi, 'mint', [account, LP_USDC])
    await sendRequest(client, {
      request: buildDeposit({ vault, asset: d.usdc, assets: LP_USDC, receiver: lp }),
      account: lp,
    })
    // The trader buys 20 puts 2,900: the vault is short a live option, its mark decays with time.
    const id = encodeSeriesId({ expiry, strikeWad: 2_900n * WAD, isCall: false })
    const state = await fetchTradeState(client, { market: d.market, id })
    const { premiumAssets } = quoteBuy(state, { size: 20n * WAD })
    await sendRequest(client, {
      request: buildBuy({
        market: d.market,
        asset: d.usdc,
        id,
        size: 20n * WAD,
        maxPremiumAssets: premiumAssets * 2n,
        deadline: state.timestamp + 600n,
      }),
      account: trader,
    })
  }, 60_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('has no preview of a direct exit: previewRedeem reverts a typed AsyncExit', async () => {
    const caught = await client
      .readContract({
        address: vault,
        abi: collateralVaultAbi,
        functionName: 'previewRedeem',
        args: [1n],
      })
      .catch((error: unknown) => error)
    expect(decodeSmileError(caught)?.errorName).toBe('AsyncExit')
  })

  it('requests, refuses the early claim, and pays the claim after the notice to the wei', async () => {
    const state = await fetchVault(client, { vault, account: lp })
    expect(state.exitNoticeSec).toBe(EXIT_NOTICE_SEC)
    // No margin account wrote to the vault: no receivable, the exit value is the NAV.
    expect(state.exitValue).toBe(state.totalAssets)
    expect(state.exitValue).toBeLessThan(LP_USDC + state.freeAssets)
    expect(state.account?.exitRequest.status).toBe('none')
    const shares = (state.account?.shares ?? 0n) / 2n

    const { timestamp } = await client.getBlock()
    const quote = await quoteExitRequest(client, { vault, shares })
    expect(quote.assetsCap).toBeGreaterThan(0n)
    await client.setNextBlockTimestamp({ timestamp })
    const { receipt } = await sendRequest(client, {
      request: buildExitRequest({ vault, shares, controller: lp, owner: lp }),
      account: lp,
    })
    const [event] = parseEventLogs({
      abi: collateralVaultAbi,
      logs: receipt.logs,
      eventName: 'RedeemRequest',
    })
    expect(event?.args).toMatchObject({ controller: lp, owner: lp, sender: lp, shares })

    const pending = await fetchExitRequest(client, { vault, controller: lp })
    expect(pending).toMatchObject({
      status: 'pending',
      shares,
      assetsCap: quote.assetsCap,
      claimableAt: timestamp + EXIT_NOTICE_SEC,
      maxRedeem: 0n,
      maxWithdraw: 0n,
    })
    expect(pending.secondsLeft).toBe(pending.claimableAt - pending.timestamp)
    expect(pending.expectedAssets).toBeLessThanOrEqual(quote.assetsCap)

    const early = await sendRequest(client, {
      request: buildRedeem({ vault, shares, receiver: lp, controller: lp }),
      account: lp,
    }).catch((error: unknown) => error)
    expect(early).toBeInstanceOf(ContractRevertError)
    expect(early).toMatchObject({
      errorName: 'ExitNotClaimable',
      args: [lp, pending.claimableAt],
    })

    await warpTo(pending.claimableAt)
    const claimable = await fetchExitRequest(client, { vault, controller: lp })
    expect(claimable).toMatchObject({ status: 'claimable', secondsLeft: 0n, shares })
    expect(claimable.maxRedeem).toBe(shares)
    const preview = await client.readContract({
      address: vault,
      abi: collateralVaultAbi,
      functionName: 'previewClaim',
      args: [lp, shares],
      blockNumber: claimable.blockNumber,
    })
    expect(claimable.expectedAssets).toBe(preview)
    expect(claimable.maxWithdraw).toBe(preview)

    const before = await usdcOf(lp)
    await client.setNextBlockTimestamp({ timestamp: claimable.timestamp })
    await sendRequest(client, {
      request: buildRedeem({ vault, shares, receiver: lp, controller: lp }),
      account: lp,
    })
    expect((await usdcOf(lp)) - before).toBe(claimable.expectedAssets)
    expect((await fetchExitRequest(client, { vault, controller: lp })).status).toBe('none')
  })

  it('claims part of a request by assets, then cancels the rest back to the LP', async () => {
    const shares = await sharesOf(lp)
    await sendRequest(client, {
      request: buildExitRequest({ vault, shares, controller: lp, owner: lp }),
      account: lp,
    })
    expect(await sharesOf(lp)).toBe(0n)
    const { claimableAt } = await fetchExitRequest(client, { vault, controller: lp })
    await warpTo(claimableAt)

    const request = await fetchExitRequest(client, { vault, controller: lp })
    expect(request.status).toBe('claimable')
    const assets = (request.expectedAssets ?? 0n) / 3n
    expect(assets).toBeGreaterThan(0n)
    const before = await usdcOf(lp)
    await client.setNextBlockTimestamp({ timestamp: request.timestamp })
    const { receipt } = await sendRequest(client, {
      request: buildWithdraw({ vault, assets, receiver: lp, controller: lp }),
      account: lp,
    })
    expect((await usdcOf(lp)) - before).toBe(assets)
    const [withdrawn] = parseEventLogs({
      abi: collateralVaultAbi,
      logs: receipt.logs,
      eventName: 'Withdraw',
    })
    const burned = withdrawn?.args.shares ?? 0n
    expect(burned).toBeGreaterThan(0n)
    // The fewest shares that pay `assets` at the lower of the two rates: one less would pay less.
    const { exitValue, totalSupply } = await quoteExitRequest(client, {
      vault,
      shares: 1n,
      blockNumber: request.blockNumber,
    })
    expect(claimAssets(request, burned, exitValue, totalSupply)).toBeGreaterThanOrEqual(assets)
    expect(claimAssets(request, burned - 1n, exitValue, totalSupply)).toBeLessThan(assets)
    const rest = await fetchExitRequest(client, { vault, controller: lp })
    expect(rest).toMatchObject({ status: 'claimable', shares: request.shares - burned })
    // The cap went down by its share of the burned shares, rounded up.
    expect(rest.assetsCap).toBe(
      request.assetsCap - ceilDiv(request.assetsCap * burned, request.shares),
    )

    const { receipt: cancelled } = await sendRequest(client, {
      request: buildCancelRedeemRequest({ vault, controller: lp }),
      account: lp,
    })
    const [event] = parseEventLogs({
      abi: collateralVaultAbi,
      logs: cancelled.logs,
      eventName: 'RedeemRequestCancelled',
    })
    expect(event?.args).toEqual({ controller: lp, shares: rest.shares })
    expect(await sharesOf(lp)).toBe(rest.shares)
    expect(await fetchExitRequest(client, { vault, controller: lp })).toMatchObject({
      status: 'none',
      shares: 0n,
      assetsCap: 0n,
      expectedAssets: 0n,
    })
    const again = await sendRequest(client, {
      request: buildCancelRedeemRequest({ vault, controller: lp }),
      account: lp,
    }).catch((error: unknown) => error)
    expect(again).toMatchObject({ errorName: 'ExitNotClaimable', args: [lp, 0n] })
  })
})

function ceilDiv(x: bigint, d: bigint): bigint {
  return x === 0n ? 0n : (x - 1n) / d + 1n
}
