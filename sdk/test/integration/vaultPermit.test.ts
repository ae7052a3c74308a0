import { type Address, decodeFunctionData, erc20Abi, parseSignature } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../../src/abi/generated.js'
import { ContractRevertError } from '../../src/errors/contractRevert.js'
import { PermitMismatchError } from '../../src/errors/permit.js'
import { WAD } from '../../src/math/wad.js'
import { buildDeposit } from '../../src/vault/buildDeposit.js'
import { buildMint } from '../../src/vault/buildMint.js'
import { fetchPermit } from '../../src/wallet/fetchPermit.js'
import { permitRequirement } from '../../src/wallet/permit.js'
import { sendRequest } from '../../src/wallet/sendRequest.js'
import { splitSignature } from '../../src/wallet/splitSignature.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { forgeArtifact } from '../utils/artifacts.js'
import { deployMarket, type MarketDeployment, TEST_SMILE, testRisk } from '../utils/deployMarket.js'
import { deployArtifact, makeTestClient, sendCall, type TestClient } from '../utils/testClient.js'

const DAY = 86_400n
const SMILE = TEST_SMILE
const RISK = testRisk(0n)
const SIDE = { vegaDepthWad: 10n ** 21n, maxInventoryWad: 10n ** 20n, minFeePerOptionWad: 0n }
const USDC_UNIT = 10n ** 6n

describe('deposits with an EIP-2612 permit, or an approval, against CollateralVault on anvil', () => {
  let anvil: Anvil
  let client: TestClient
  let admin: Address
  let lp: Address
  let other: Address
  let d: MarketDeployment

  beforeAll(async () => {
    anvil = await startAnvil()
    client = makeTestClient(anvil.rpcUrl)
    const [adminAccount, lpAccount, otherAccount] = (await client.getAddresses()) as [
      Address,
      Address,
      Address,
    ]
    admin = adminAccount
    lp = lpAccount
    other = otherAccount
    const now = (await client.getBlock()).timestamp
    d = await deployMarket(client, {
      admin,
      feedAnswer: 3_000n * 10n ** 8n,
      risk: RISK,
      callSide: SIDE,
      putSide: SIDE,
      smiles: [{ expiry: (now / DAY) * DAY + 8n * 3_600n + 7n * DAY, params: SMILE }],
      // WETH without a permit, as WETH9: the approval path; USDC (a TestERC20) has one.
      baseToken: 'NoPermitERC20',
    })
    const token = forgeArtifact('TestERC20')
    for (const account of [lp, other]) {
      await sendCall(client, admin, d.weth, token.abi, 'mint', [account, 10n * WAD])
      await sendCall(client, admin, d.usdc, token.abi, 'mint', [account, 100_000n * USDC_UNIT])
    }
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
  const deadline = async () => (await client.getBlock()).timestamp + 3_600n

  it('detects the permit of USDC (its domain checked against DOMAIN_SEPARATOR) and none on WETH', async () => {
    const permit = await fetchPermit(client, { token: d.usdc, owner: lp })
    expect(permit).toEqual({
      token: d.usdc,
      owner: lp,
      nonce: 0n,
      domain: { name: 'USD Coin', version: '1', chainId: 31_337, verifyingContract: d.usdc },
    })
    expect(await fetchPermit(client, { token: d.weth, owner: lp })).toBeNull()
  })

  it('deposits USDC with a signed permit in one transaction, without an approval', async () => {
    const permit = await fetchPermit(client, { token: d.usdc, owner: lp })
    const assets = 25_000n * USDC_UNIT
    const request = buildDeposit({
      vault: d.putVault,
      asset: d.usdc,
      assets,
      receiver: lp,
      permit: permit && { ...permit, deadline: await deadline() },
    })
    expect(request.requirements.map((r) => r.type)).toEqual(['erc2612Permit'])
    const preview = await client.readContract({
      address: d.putVault,
      abi: collateralVaultAbi,
      functionName: 'previewDeposit',
      args: [assets],
    })
    const { hash, approvals, permits, receipt } = await sendRequest(client, {
      request,
      account: lp,
    })
    expect(receipt.status).toBe('success')
    expect(approvals).toEqual([])
    expect(permits).toHaveLength(1)
    const sent = await client.getTransaction({ hash })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: sent.input }).functionName).toBe(
      'depositWithPermit',
    )
    const shares = await client.readContract({
      address: d.putVault,
      abi: collateralVaultAbi,
      functionName: 'balanceOf',
      args: [lp],
    })
    expect(shares).toBe(preview)
    expect(await allowance(d.usdc, lp, d.putVault)).toBe(0n)
    expect((await fetchPermit(client, { token: d.usdc, owner: lp }))?.nonce).toBe(1n)
  })

  it('deposits WETH, which has no permit, after an approval', async () => {
    const permit = await fetchPermit(client, { token: d.weth, owner: lp })
    const request = buildDeposit({
      vault: d.callVault,
      asset: d.weth,
      assets: 3n * WAD,
      receiver: lp,
      permit: permit && { ...permit, deadline: await deadline() },
    })
    expect(request.requirements.map((r) => r.type)).toEqual(['erc20Allowance'])
    const { hash, approvals, permits } = await sendRequest(client, { request, account: lp })
    expect(approvals).toHaveLength(1)
    expect(permits).toEqual([])
    const sent = await client.getTransaction({ hash })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: sent.input }).functionName).toBe(
      'deposit',
    )
    expect(
      await client.readContract({
        address: d.weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [d.callVault],
      }),
    ).toBe(3n * WAD)
  })

  it('mints with a permit of maxAssets and pulls only what the mint costs', async () => {
    const shares = 1_000n * 10n ** 12n
    const cost = await client.readContract({
      address: d.putVault,
      abi: collateralVaultAbi,
      functionName: 'previewMint',
      args: [shares],
    })
    const maxAssets = cost + cost / 100n
    const permit = await fetchPermit(client, { token: d.usdc, owner: other })
    const before = await client.readContract({
      address: d.usdc,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [other],
    })
    const { permits } = await sendRequest(client, {
      request: buildMint({
        vault: d.putVault,
        asset: d.usdc,
        shares,
        maxAssets,
        receiver: other,
        permit: permit && { ...permit, deadline: await deadline() },
      }),
      account: other,
    })
    expect(permits).toHaveLength(1)
    const after = await client.readContract({
      address: d.usdc,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [other],
    })
    expect(before - after).toBe(cost)
    expect(await allowance(d.usdc, other, d.putVault)).toBe(maxAssets - cost)
  })

  it('still deposits when the signed permit was front-run from the mempool', async () => {
    const permit = await fetchPermit(client, { token: d.usdc, owner: lp })
    const request = buildDeposit({
      vault: d.putVault,
      asset: d.usdc,
      assets: 1_000n * USDC_UNIT,
      receiver: lp,
      permit: permit && { ...permit, deadline: await deadline() },
    })
    const [requirement] = request.requirements
    if (requirement?.type !== 'erc2612Permit') throw new Error('no permit requirement')
    const signature = await client.signTypedData({ ...requirement.typedData, account: lp })
    // Someone else submits the signature to the token first, spending the nonce.
    const { v, r, s } = parseSignature(signature)
    await sendCall(client, other, d.usdc, forgeArtifact('TestERC20').abi, 'permit', [
      lp,
      d.putVault,
      1_000n * USDC_UNIT,
      requirement.deadline,
      Number(v),
      r,
      s,
    ])
    expect(await allowance(d.usdc, lp, d.putVault)).toBe(1_000n * USDC_UNIT)
    const hash = await client.sendTransaction({
      ...requirement.withSignature(signature),
      account: lp,
      chain: client.chain,
    })
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await allowance(d.usdc, lp, d.putVault)).toBe(0n)
  })

  it('refuses an expired permit with the vault’s decoded error, and a permit of another owner', async () => {
    const permit = await fetchPermit(client, { token: d.usdc, owner: lp })
    if (permit === null) throw new Error('USDC has a permit')
    const now = (await client.getBlock()).timestamp
    const expired = buildDeposit({
      vault: d.putVault,
      asset: d.usdc,
      assets: 1_000n * USDC_UNIT,
      receiver: lp,
      permit: { ...permit, deadline: now - 1n },
    })
    const error = await sendRequest(client, { request: expired, account: lp }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error).toMatchObject({
      errorName: 'PermitAllowanceTooLow',
      args: [0n, 1_000n * USDC_UNIT],
    })
    const fresh = buildDeposit({
      vault: d.putVault,
      asset: d.usdc,
      assets: 1_000n * USDC_UNIT,
      receiver: lp,
      permit: { ...permit, deadline: now + 3_600n },
    })
    await expect(sendRequest(client, { request: fresh, account: other })).rejects.toThrow(
      PermitMismatchError,
    )
  })

  it('takes the domain from EIP-5267 when name() does not give it, and refuses DAI-style permits', async () => {
    const artifact = forgeArtifact('Eip5267PermitERC20')
    const token = await deployArtifact(client, admin, artifact, [
      'Bridged USD Coin',
      'USDC.e',
      'USDC.e permit',
    ])
    const permit = await fetchPermit(client, { token, owner: lp })
    if (permit === null) throw new Error('an EIP-5267 token has a permit')
    expect(permit.domain).toEqual({
      name: 'USDC.e permit',
      version: '1',
      chainId: 31_337,
      verifyingContract: token,
    })
    // The domain read signs a permit the token accepts.
    const { typedData } = permitRequirement({
      permit: { ...permit, deadline: await deadline() },
      spender: other,
      amount: 5n,
      withSignature: (signature) => ({ to: token, data: signature, value: 0n }),
    })
    const { v, r, s } = splitSignature(await client.signTypedData({ ...typedData, account: lp }))
    await sendCall(client, other, token, artifact.abi, 'permit', [
      lp,
      other,
      5n,
      typedData.message.deadline,
      v,
      r,
      s,
    ])
    expect(await allowance(token, lp, other)).toBe(5n)

    const dai = await deployArtifact(client, admin, forgeArtifact('DaiStylePermitERC20'), [
      'Dai Stablecoin',
      'DAI',
    ])
    expect(await fetchPermit(client, { token: dai, owner: lp })).toBeNull()
  })
})
