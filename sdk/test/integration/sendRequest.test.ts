/**
 * `sendRequest` simulates the action before it approves anything: on anvil with the deployed
 * market, the allowance slot of each real token kind is found (Solady's `TestERC20`, the devnet's
 * WETH and USDC; OpenZeppelin's `NoPermitERC20`, as WETH9-like tokens; the vaults' own shares),
 * a buy that would revert is refused with nothing sent, and a good one approves exactly its limit.
 * The builders, given what was read on-chain, refuse an asset or a limit that does not fit it.
 */
import {
  type Address,
  createTestClient,
  custom,
  erc20Abi,
  http,
  isAddressEqual,
  publicActions,
  walletActions,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContractRevertError } from '../../src/errors/contractRevert.js'
import { InvalidBuildArgumentError } from '../../src/errors/market.js'
import { buildBuy } from '../../src/market/buildBuy.js'
import { buildSell } from '../../src/market/buildSell.js'
import { fetchMarket } from '../../src/market/fetchMarket.js'
import { fetchTradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { decodeSeriesId, encodeSeriesId } from '../../src/math/wad/seriesId.js'
import { WAD } from '../../src/math/wad.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { fetchVault } from '../../src/vault/fetchVault.js'
import { allowanceOverride } from '../../src/wallet/allowanceOverride.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import { deployMarket, type MarketDeployment, TEST_SMILE, testRisk } from '../utils/deployMarket.js'
import { deployArtifact, makeTestClient, sendCall, type TestClient } from '../utils/testClient.js'

const DAY = 86_400n
const SIDE = { vegaDepthWad: 10n ** 24n, maxInventoryWad: 10n ** 23n, minFeePerOptionWad: 0n }

describe('sendRequest simulates before it approves', () => {
  let anvil: Anvil
  let client: TestClient
  let admin: Address
  let lp: Address
  let trader: Address
  let d: MarketDeployment
  let ozToken: Address
  let id: bigint

  beforeAll(async () => {
    anvil = await startAnvil(['--code-size-limit', '65536'])
    client = makeTestClient(anvil.rpcUrl)
    ;[admin, lp, trader] = (await client.getAddresses()) as [Address, Address, Address]
    const now = (await client.getBlock()).timestamp
    const expiry = (now / DAY) * DAY + 8n * 3_600n + 7n * DAY
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * 10n ** 8n,
      risk: testRisk(0n),
      callSide: SIDE,
      putSide: SIDE,
      smiles: [{ expiry, params: TEST_SMILE }],
    })
    ozToken = await deployArtifact(client, admin, forgeArtifact('NoPermitERC20'), [
      'Wrapped Ether',
      'WETH',
      18,
    ])
    const token = forgeArtifact('TestERC20')
    for (const account of [lp, trader])
      await sendCall(client, admin, d.weth, token.abi, 'mint', [account, 100n * WAD])
    await sendRequest(client, {
      request: buildDeposit({ vault: d.callVault, asset: d.weth, assets: 50n * WAD, receiver: lp }),
      account: lp,
    })
    id = encodeSeriesId({ expiry, strikeWad: 3_000n * WAD, isCall: true })
  }, 60_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  const allowance = (token: Address, owner: Address, spender: Address) =>
    client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, spender],
    })

  it('finds the allowance slot of Solady, OpenZeppelin and vault-share tokens', async () => {
    for (const token of [d.weth, d.usdc, ozToken, d.callVault, d.putVault]) {
      const amount = 123_456_789n
      const override = await allowanceOverride(client, {
        token,
        owner: trader,
        spender: d.market,
        amount,
      })
      expect(override !== undefined && isAddressEqual(override.address, token)).toBe(true)
      const read = await client.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [trader, d.market],
        stateOverride: override === undefined ? [] : [override],
      })
      expect(read).toBe(amount)
      expect(await allowance(token, trader, d.market)).toBe(0n)
    }
  })

  it('throws the decoded revert of an expired buy with nothing sent: no approval, no transaction', async () => {
    const { timestamp } = await client.getBlock()
    const request = buildBuy({
      market: d.market,
      asset: d.weth,
      id,
      size: WAD,
      maxPremiumAssets: WAD,
      deadline: timestamp - 1n,
    })
    const blockBefore = await client.getBlockNumber()
    const nonceBefore = await client.getTransactionCount({ address: trader })
    const error = await sendRequest(client, { request, account: trader }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error).toMatchObject({ errorName: 'DeadlineExpired', args: [timestamp - 1n] })
    expect(await allowance(d.weth, trader, d.market)).toBe(0n)
    expect(await client.getBlockNumber()).toBe(blockBefore)
    expect(await client.getTransactionCount({ address: trader })).toBe(nonceBefore)
  })

  it('sends nothing for a buy whose approval is of the wrong token (the market pulls another)', async () => {
    const { timestamp } = await client.getBlock()
    // USDC approved for a call series, whose premium the market pulls in WETH: the simulation
    // under the USDC allowance reverts on the WETH transfer, before any approval is sent.
    const request = buildBuy({
      market: d.market,
      asset: d.usdc,
      id,
      size: WAD,
      maxPremiumAssets: WAD,
      deadline: timestamp + 600n,
    })
    const nonceBefore = await client.getTransactionCount({ address: trader })
    await expect(sendRequest(client, { request, account: trader })).rejects.toThrow()
    expect(await allowance(d.usdc, trader, d.market)).toBe(0n)
    expect(await client.getTransactionCount({ address: trader })).toBe(nonceBefore)
  })

  it('approves exactly the limit, then buys', async () => {
    const state = await fetchTradeState(client, {
      market: d.market,
      id,
      config: await fetchMarket(client, { market: d.market }),
    })
    const { premiumAssets } = quoteBuy(state, { size: WAD, timestamp: state.timestamp + 2n })
    const maxPremiumAssets = premiumAssets + premiumAssets / 100n
    const request = buildBuy({
      market: d.market,
      asset: d.weth,
      id,
      size: WAD,
      maxPremiumAssets,
      deadline: state.timestamp + 600n,
    })
    const { approvals, receipt } = await sendRequest(client, { request, account: trader })
    expect(approvals).toHaveLength(1)
    expect(receipt.status).toBe('success')
    const left = await allowance(d.weth, trader, d.market)
    expect(left).toBeGreaterThan(0n)
    expect(left).toBeLessThan(maxPremiumAssets)
    await sendCall(client, trader, d.weth, erc20Abi, 'approve', [d.market, 0n])
  })

  it('builders check their inputs against the chain before they build an approval', async () => {
    const config = await fetchMarket(client, { market: d.market })
    const { timestamp } = await client.getBlock()
    const put = encodeSeriesId({
      expiry: decodeSeriesId(id).expiry,
      strikeWad: 3_000n * WAD,
      isCall: false,
    })
    const buy = { market: d.market, size: WAD, deadline: timestamp + 600n, config }
    // USDC for a call series: the asset is not the series' collateral.
    const wrongAsset = (() => {
      try {
        return buildBuy({ ...buy, id, asset: d.usdc, maxPremiumAssets: WAD })
      } catch (error) {
        return error
      }
    })()
    expect(wrongAsset).toBeInstanceOf(InvalidBuildArgumentError)
    expect(wrongAsset).toMatchObject({ argument: 'asset', value: d.usdc })
    // A put's limit written in wad (18 decimals) for USDC (6): far beyond any premium.
    expect(() => buildBuy({ ...buy, id: put, maxPremiumAssets: 150n * WAD })).toThrow(
      InvalidBuildArgumentError,
    )
    // With `config` alone the asset is the series' collateral.
    const request = buildBuy({ ...buy, id, maxPremiumAssets: WAD / 10n })
    expect(request.requirements[0]?.token).toBe(d.weth)
    expect(
      buildBuy({ ...buy, id: put, maxPremiumAssets: 200n * 10n ** 6n }).requirements[0]?.token,
    ).toBe(d.usdc)
    // A sale cannot pay more than the collateral it releases: 3,000 USDC per put.
    expect(() => buildSell({ ...buy, id: put, minPremiumAssets: 3_000n * 10n ** 6n + 1n })).toThrow(
      InvalidBuildArgumentError,
    )
    buildSell({ ...buy, id: put, minPremiumAssets: 3_000n * 10n ** 6n })
    // A deposit checks its asset against the vault as read.
    const vaultState = await fetchVault(client, { vault: d.callVault })
    expect(() =>
      buildDeposit({ vault: d.callVault, asset: d.usdc, assets: 1n, receiver: lp, vaultState }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() =>
      buildDeposit({
        vault: d.callVault,
        asset: d.weth,
        assets: 1n,
        receiver: lp,
        vaultState: config.put,
      }),
    ).toThrow(InvalidBuildArgumentError)
    buildDeposit({ vault: d.callVault, asset: d.weth, assets: 1n, receiver: lp, vaultState })
  })

  it('without eth_createAccessList, falls back to approving first (as its TSDoc says)', async () => {
    const inner = http(anvil.rpcUrl)({ chain: foundry })
    const blind = createTestClient({
      chain: foundry,
      mode: 'anvil',
      transport: custom({
        async request({ method, params }) {
          if (method === 'eth_createAccessList') throw new Error('method not found')
          return inner.request({ method, params } as never)
        },
      }),
    })
      .extend(publicActions)
      .extend(walletActions)
    const { timestamp } = await client.getBlock()
    const request = buildBuy({
      market: d.market,
      asset: d.weth,
      id,
      size: WAD,
      maxPremiumAssets: 7n,
      deadline: timestamp - 1n,
    })
    const error = await sendRequest(blind, { request, account: trader }).catch((e: unknown) => e)
    expect(error).toMatchObject({ errorName: 'DeadlineExpired' })
    expect(await allowance(d.weth, trader, d.market)).toBe(7n)
  })
})
