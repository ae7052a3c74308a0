import {
  type Address,
  createClient,
  custom,
  decodeFunctionData,
  encodeErrorResult,
  encodeFunctionResult,
  type Hex,
  multicall3Abi,
} from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, it } from 'vitest'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { ContractRevertError } from '../errors/contractRevert.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildClaim } from './buildClaim.js'
import { buildRequestDeposit } from './buildRequestDeposit.js'
import { buildRequestRedeem } from './buildRequestRedeem.js'
import { buildCloseRound, buildStartRound } from './buildRoundActions.js'
import { fetchStrategyVault } from './fetchStrategyVault.js'

const VAULT = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'
const USER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const KEEPER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11'

describe('strategy vault builders', () => {
  it('encode the queue, claim and round calls', () => {
    const deposit = buildRequestDeposit({ vault: VAULT, asset: WETH, assets: 7n, receiver: USER })
    expect(decodeFunctionData({ abi: iStrategyVaultAbi, data: deposit.data })).toEqual({
      functionName: 'requestDeposit',
      args: [7n, USER],
    })
    expect(deposit.requirements[0]).toMatchObject({ token: WETH, spender: VAULT, amount: 7n })
    const redeem = buildRequestRedeem({ vault: VAULT, shares: 5n })
    expect(decodeFunctionData({ abi: iStrategyVaultAbi, data: redeem.data })).toEqual({
      functionName: 'requestRedeem',
      args: [5n],
    })
    const claim = buildClaim({ vault: VAULT, account: USER })
    expect(decodeFunctionData({ abi: iStrategyVaultAbi, data: claim.data })).toEqual({
      functionName: 'claim',
      args: [USER],
    })
    const start = buildStartRound({ vault: VAULT, minPremiumAssets: 3n, deadline: 9n })
    expect(decodeFunctionData({ abi: iStrategyVaultAbi, data: start.data })).toEqual({
      functionName: 'startRound',
      args: [3n, 9n],
    })
    const close = buildCloseRound({ vault: VAULT })
    expect(decodeFunctionData({ abi: iStrategyVaultAbi, data: close.data })).toEqual({
      functionName: 'closeRound',
    })
    for (const request of [deposit, redeem, claim, start, close]) {
      expect(request.to).toBe(VAULT)
      expect(request.value).toBe(0n)
      expect(Object.isFrozen(request)).toBe(true)
    }
    for (const request of [redeem, claim, start, close]) expect(request.requirements).toEqual([])
  })

  it('refuse amounts the vault would reject', () => {
    expect(() =>
      buildRequestDeposit({ vault: VAULT, asset: WETH, assets: 0n, receiver: USER }),
    ).toThrow(InvalidBuildArgumentError)
    expect(() => buildRequestRedeem({ vault: VAULT, shares: 1n << 128n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildStartRound({ vault: VAULT, minPremiumAssets: -1n, deadline: 9n })).toThrow(
      InvalidBuildArgumentError,
    )
    expect(() => buildStartRound({ vault: VAULT, minPremiumAssets: 0n, deadline: 0n })).toThrow(
      InvalidBuildArgumentError,
    )
  })
})

type Answer = { result: unknown } | { revert: Hex }

/** A client on a chain with Multicall3 whose node answers each sub-call of `aggregate3` by name. */
function clientAnswering(answers: Record<string, Answer>) {
  const asked: { functionName: string; args?: readonly unknown[] }[] = []
  const client = createClient({
    chain: { ...foundry, contracts: { multicall3: { address: MULTICALL3 } } },
    transport: custom({
      async request({ method, params }) {
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        const [{ to, data }] = params as [{ to: Address; data: Hex }]
        if (to !== MULTICALL3) throw new Error(`unexpected target ${to}`)
        const { args } = decodeFunctionData({ abi: multicall3Abi, data })
        const calls = (args as readonly [readonly { target: Address; callData: Hex }[]])[0]
        const results = calls.map(({ target, callData }) => {
          if (target !== VAULT) throw new Error(`unexpected target ${target}`)
          const call = decodeFunctionData({ abi: iStrategyVaultAbi, data: callData })
          asked.push(call)
          const answer = answers[call.functionName]
          if (answer === undefined) throw new Error(`no answer for ${call.functionName}`)
          if ('revert' in answer) return { success: false, returnData: answer.revert }
          return {
            success: true,
            returnData: encodeFunctionResult({
              abi: iStrategyVaultAbi,
              functionName: call.functionName,
              result: answer.result,
            } as Parameters<typeof encodeFunctionResult>[0]),
          }
        })
        return encodeFunctionResult({
          abi: multicall3Abi,
          functionName: 'aggregate3',
          result: results,
        })
      },
    }),
  })
  return { client, asked }
}

const MID_ROUND: Record<string, Answer> = {
  asset: { result: WETH },
  decimals: { result: 24 },
  totalAssets: { result: 10n ** 19n },
  totalSupply: { result: 10n ** 25n },
  positionsValue: { result: 9n * 10n ** 18n },
  roundActive: { result: true },
  round: { result: 3n },
  roundExpiry: { result: 1_800_604_800n },
  currentBatch: { result: 4n },
  pendingDepositAssets: { result: 5n * 10n ** 18n },
  claimableAssets: { result: 0n },
  paused: { result: false },
  keeper: { result: KEEPER },
  maxPremiumDiscountWad: { result: 2n * 10n ** 17n },
  convertToAssets: { result: 10n ** 18n },
  balanceOf: { result: 2n * 10n ** 24n },
  maxWithdraw: { result: 0n },
  maxRedeem: { result: 0n },
  depositRequestOf: { result: { amount: 5n * 10n ** 18n, batch: 4n } },
  redeemRequestOf: { result: { amount: 10n ** 24n, batch: 3n } },
}

describe('fetchStrategyVault', () => {
  it('reads the round, the queue and the account, marking processed requests claimable', async () => {
    const { client, asked } = clientAnswering(MID_ROUND)
    const state = await fetchStrategyVault(client, { vault: VAULT, account: USER })
    expect(state).toEqual({
      vault: VAULT,
      asset: WETH,
      decimals: 24,
      totalAssets: 10n ** 19n,
      totalSupply: 10n ** 25n,
      sharePrice: 10n ** 18n,
      positionsValue: 9n * 10n ** 18n,
      roundActive: true,
      round: 3n,
      roundExpiry: 1_800_604_800n,
      currentBatch: 4n,
      pendingDepositAssets: 5n * 10n ** 18n,
      claimableAssets: 0n,
      paused: false,
      keeper: KEEPER,
      maxPremiumDiscountWad: 2n * 10n ** 17n,
      account: {
        shares: 2n * 10n ** 24n,
        maxWithdraw: 0n,
        maxRedeem: 0n,
        depositRequest: { amount: 5n * 10n ** 18n, batch: 4n, claimable: false },
        redeemRequest: { amount: 10n ** 24n, batch: 3n, claimable: true },
      },
    })
    expect(asked).toContainEqual({ functionName: 'convertToAssets', args: [10n ** 24n] })
    expect(asked).toContainEqual({ functionName: 'depositRequestOf', args: [USER] })
  })

  it('leaves the account out when none is asked', async () => {
    const { client } = clientAnswering(MID_ROUND)
    const state = await fetchStrategyVault(client, { vault: VAULT })
    expect(state.account).toBeUndefined()
  })

  it('throws a revert of the NAV as a ContractRevertError', async () => {
    const revert = encodeErrorResult({ abi: iStrategyVaultAbi, errorName: 'RoundInProgress' })
    const { client } = clientAnswering({ ...MID_ROUND, totalAssets: { revert } })
    const error = await fetchStrategyVault(client, { vault: VAULT }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error).toMatchObject({ errorName: 'RoundInProgress' })
  })
})
