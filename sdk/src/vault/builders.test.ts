import { decodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildCancelRedeemRequest } from './buildCancelRedeemRequest.js'
import { buildDeposit } from './buildDeposit.js'
import { buildDepositWithPermit } from './buildDepositWithPermit.js'
import { buildExitRequest } from './buildExitRequest.js'
import { buildMint } from './buildMint.js'
import { buildMintWithPermit } from './buildMintWithPermit.js'
import { buildRedeem } from './buildRedeem.js'
import { buildWithdraw } from './buildWithdraw.js'

const VAULT = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const LP = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const OPERATOR = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const SIGNATURE = `0x${'11'.repeat(32)}${'22'.repeat(32)}1c` as const

describe('vault builders', () => {
  it('deposit and mint require an allowance to the vault; claims by withdraw and redeem none', () => {
    const deposit = buildDeposit({ vault: VAULT, asset: USDC, assets: 7n, receiver: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: deposit.data })).toEqual({
      functionName: 'deposit',
      args: [7n, LP],
    })
    expect(deposit.requirements[0]).toMatchObject({ token: USDC, spender: VAULT, amount: 7n })
    const mint = buildMint({ vault: VAULT, asset: USDC, shares: 5n, maxAssets: 9n, receiver: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: mint.data })).toEqual({
      functionName: 'mint',
      args: [5n, LP],
    })
    expect(mint.requirements[0]).toMatchObject({ amount: 9n })
    const withdraw = buildWithdraw({ vault: VAULT, assets: 3n, receiver: LP, controller: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: withdraw.data })).toEqual({
      functionName: 'withdraw',
      args: [3n, LP, LP],
    })
    const redeem = buildRedeem({ vault: VAULT, shares: 4n, receiver: LP, controller: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: redeem.data })).toEqual({
      functionName: 'redeem',
      args: [4n, LP, LP],
    })
    for (const request of [deposit, mint, withdraw, redeem])
      expect(Object.isFrozen(request)).toBe(true)
    expect(withdraw.requirements).toEqual([])
    expect(redeem.requirements).toEqual([])
  })

  it('refuses zero amounts', () => {
    expect(() => buildDeposit({ vault: VAULT, asset: USDC, assets: 0n, receiver: LP })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() =>
      buildMint({ vault: VAULT, asset: USDC, shares: 1n, maxAssets: 0n, receiver: LP }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() => buildWithdraw({ vault: VAULT, assets: 0n, receiver: LP, controller: LP })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildRedeem({ vault: VAULT, shares: 0n, receiver: LP, controller: LP })).toThrow(
      InvalidBuildArgumentError,
    )
  })

  it('encodes the permit entry points with no requirement, and refuses zero amounts or deadlines', () => {
    const r = `0x${'11'.repeat(32)}`
    const s = `0x${'22'.repeat(32)}`
    const deposit = buildDepositWithPermit({
      vault: VAULT,
      assets: 7n,
      receiver: LP,
      deadline: 100n,
      signature: SIGNATURE,
    })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: deposit.data })).toEqual({
      functionName: 'depositWithPermit',
      args: [7n, LP, 100n, 28, r, s],
    })
    const mint = buildMintWithPermit({
      vault: VAULT,
      shares: 5n,
      maxAssets: 9n,
      receiver: LP,
      deadline: 100n,
      signature: SIGNATURE,
    })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: mint.data })).toEqual({
      functionName: 'mintWithPermit',
      args: [5n, LP, 9n, 100n, 28, r, s],
    })
    for (const request of [deposit, mint]) {
      expect(request.requirements).toEqual([])
      expect(Object.isFrozen(request)).toBe(true)
    }
    const base = { vault: VAULT, receiver: LP, signature: SIGNATURE } as const
    expect(() => buildDepositWithPermit({ ...base, assets: 0n, deadline: 100n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildDepositWithPermit({ ...base, assets: 1n, deadline: 0n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() =>
      buildMintWithPermit({ ...base, shares: 1n, maxAssets: 0n, deadline: 100n }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() => buildMintWithPermit({ ...base, shares: 1n, maxAssets: 1n, deadline: 0n })).toThrow(
      InvalidBuildArgumentError,
    )
  })

  it('encodes the exit request, its claims by controller and its cancel, with no requirement', () => {
    const exit = buildExitRequest({ vault: VAULT, shares: 6n, controller: LP, owner: OPERATOR })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: exit.data })).toEqual({
      functionName: 'requestRedeem',
      args: [6n, LP, OPERATOR],
    })
    const claim = buildRedeem({ vault: VAULT, shares: 6n, receiver: OPERATOR, controller: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: claim.data })).toEqual({
      functionName: 'redeem',
      args: [6n, OPERATOR, LP],
    })
    const cancel = buildCancelRedeemRequest({ vault: VAULT, controller: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: cancel.data })).toEqual({
      functionName: 'cancelRedeemRequest',
      args: [LP],
    })
    for (const request of [exit, cancel]) {
      expect(request.to).toBe(VAULT)
      expect(request.value).toBe(0n)
      expect(request.requirements).toEqual([])
      expect(Object.isFrozen(request)).toBe(true)
    }
  })

  it('refuses a request of no shares or of more than a uint128', () => {
    const base = { vault: VAULT, controller: LP, owner: LP } as const
    expect(() => buildExitRequest({ ...base, shares: 0n })).toThrow(InvalidBuildArgumentError)
    expect(() => buildExitRequest({ ...base, shares: 1n << 128n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(buildExitRequest({ ...base, shares: (1n << 128n) - 1n }).to).toBe(VAULT)
  })
})
