import {
  decodeFunctionData,
  type Hex,
  hashTypedData,
  keccak256,
  parseSignature,
  recoverTypedDataAddress,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { PermitMismatchError } from '../errors/permit.js'
import { buildDeposit } from '../vault/buildDeposit.js'
import { buildMint } from '../vault/buildMint.js'
import { EIP2612_PERMIT_TYPEHASH } from './fetchPermit.js'
import type { PermitParameters } from './permit.js'
import { splitSignature } from './splitSignature.js'

const VAULT = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const OTHER = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'
const RECEIVER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const signer = privateKeyToAccount(
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
)
const PERMIT: PermitParameters = {
  token: USDC,
  owner: signer.address,
  nonce: 4n,
  domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: USDC },
  deadline: 1_767_000_000n,
}

describe('EIP-2612 permit requirements', () => {
  it('a deposit with a permit state requires a permit of the deposit, signed by its owner', async () => {
    const request = buildDeposit({
      vault: VAULT,
      asset: USDC,
      assets: 7_000_000n,
      receiver: RECEIVER,
      permit: PERMIT,
    })
    const [requirement] = request.requirements
    if (requirement?.type !== 'erc2612Permit') throw new Error('no permit requirement')
    expect(requirement).toMatchObject({
      token: USDC,
      owner: signer.address,
      spender: VAULT,
      amount: 7_000_000n,
      deadline: PERMIT.deadline,
    })
    expect(requirement.typedData).toEqual({
      domain: PERMIT.domain,
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: {
        owner: signer.address,
        spender: VAULT,
        value: 7_000_000n,
        nonce: 4n,
        deadline: PERMIT.deadline,
      },
    })
    const signature = await signer.signTypedData(requirement.typedData)
    expect(await recoverTypedDataAddress({ ...requirement.typedData, signature })).toBe(
      signer.address,
    )
    const { v, r, s } = parseSignature(signature)
    const spend = requirement.withSignature(signature)
    expect(spend.to).toBe(VAULT)
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: spend.data })).toEqual({
      functionName: 'depositWithPermit',
      args: [7_000_000n, RECEIVER, PERMIT.deadline, Number(v), r, s],
    })
    // The request itself stays the plain deposit, for a sender that approves instead.
    expect(decodeFunctionData({ abi: collateralVaultAbi, data: request.data }).functionName).toBe(
      'deposit',
    )
    expect(requirement.approve.to).toBe(USDC)
  })

  it('a mint with a permit state requires a permit of maxAssets, spent by mintWithPermit', async () => {
    const request = buildMint({
      vault: VAULT,
      asset: USDC,
      shares: 5n * 10n ** 12n,
      maxAssets: 5_000_001n,
      receiver: RECEIVER,
      permit: PERMIT,
    })
    const [requirement] = request.requirements
    if (requirement?.type !== 'erc2612Permit') throw new Error('no permit requirement')
    expect(requirement.typedData.message.value).toBe(5_000_001n)
    const signature = await signer.signTypedData(requirement.typedData)
    const { v, r, s } = splitSignature(signature)
    expect(
      decodeFunctionData({
        abi: collateralVaultAbi,
        data: requirement.withSignature(signature).data,
      }),
    ).toEqual({
      functionName: 'mintWithPermit',
      args: [5n * 10n ** 12n, RECEIVER, 5_000_001n, PERMIT.deadline, v, r, s],
    })
  })

  it('without a permit state (null or omitted) the requirement is an approval', () => {
    const args = { vault: VAULT, asset: USDC, assets: 1n, receiver: RECEIVER } as const
    for (const request of [buildDeposit({ ...args, permit: null }), buildDeposit(args)])
      expect(request.requirements.map((r) => r.type)).toEqual(['erc20Allowance'])
  })

  it('refuses a permit of another token or without a deadline', () => {
    expect(() =>
      buildDeposit({
        vault: VAULT,
        asset: OTHER,
        assets: 1n,
        receiver: RECEIVER,
        permit: PERMIT,
      }),
    ).toThrow(PermitMismatchError)
    expect(() =>
      buildMint({
        vault: VAULT,
        asset: USDC,
        shares: 1n,
        maxAssets: 1n,
        receiver: RECEIVER,
        permit: { ...PERMIT, deadline: 0n },
      }),
    ).toThrow(InvalidBuildArgumentError)
  })

  it('splits a signature whose last byte is v or a y-parity into the same (v, r, s)', async () => {
    const hash = hashTypedData({
      domain: PERMIT.domain,
      types: { Mail: [{ name: 'body', type: 'string' }] },
      primaryType: 'Mail',
      message: { body: 'hello' },
    })
    const signature = await signer.sign({ hash })
    const full = splitSignature(signature)
    expect([27, 28]).toContain(full.v)
    const parsed = parseSignature(signature)
    expect(full).toEqual({ v: Number(parsed.v), r: parsed.r, s: parsed.s })
    const withParity: Hex = `0x${signature.slice(2, 130)}0${parsed.yParity}`
    expect(splitSignature(withParity)).toEqual(full)
  })
})

describe('EIP2612_PERMIT_TYPEHASH', () => {
  it('is the keccak256 of EIP-2612’s Permit type', () => {
    expect(EIP2612_PERMIT_TYPEHASH).toBe(
      keccak256(
        toHex('Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)'),
      ),
    )
  })
})
