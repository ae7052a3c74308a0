import { decodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildDeposit } from './buildDeposit.js'
import { buildDepositWithPermit } from './buildDepositWithPermit.js'
import { buildMint } from './buildMint.js'
import { buildMintWithPermit } from './buildMintWithPermit.js'
import { buildRedeem } from './buildRedeem.js'
import { buildWithdraw } from './buildWithdraw.js'

const VAULT = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const LP = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const SIGNATURE = `0x${'11'.repeat(32)}${'22'.repeat(32)}1c` as const

describe('vault builders', () => {
  it('deposit and mint require an allowance to the vault; withdraw and redeem none', () => {
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
    const withdraw = buildWithdraw({ vault: VAULT, assets: 3n, receiver: LP, owner: LP })
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: withdraw.data })).toEqual({
      functionName: 'withdraw',
      args: [3n, LP, LP],
    })
    const redeem = buildRedeem({ vault: VAULT, shares: 4n, receiver: LP, owner: LP })
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
    expect(() => buildWithdraw({ vault: VAULT, assets: 0n, receiver: LP, owner: LP })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildRedeem({ vault: VAULT, shares: 0n, receiver: LP, owner: LP })).toThrow(
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
})
