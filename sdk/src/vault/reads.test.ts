import {
  type Address,
  createClient,
  custom,
  decodeFunctionData,
  encodeErrorResult,
  encodeFunctionResult,
  type Hex,
  multicall3Abi,
  numberToHex,
} from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, it } from 'vitest'
import { collateralVaultAbi } from '../abi/generated.js'
import { ContractRevertError } from '../errors/contractRevert.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { smileErrorsAbi } from '../errors/smileErrorsAbi.js'
import { claimAssets, vaultSharesToAssets } from './exitMath.js'
import { fetchExitRequest } from './fetchExitRequest.js'
import { fetchVault } from './fetchVault.js'
import { quoteExitRequest } from './quoteExitRequest.js'

const VAULT = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const MARKET = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const LP = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11'
const BLOCK = { number: 77n, timestamp: 1_800_000_000n }

type Answer = { result: unknown } | { revert: Hex }

/**
 * A client on a chain with Multicall3 whose node answers each sub-call of `aggregate3` by name,
 * and `eth_getBlockByNumber` with `BLOCK`; `asked` records the calls and the blocks they were
 * pinned to.
 */
function clientAnswering(answers: Record<string, Answer>) {
  const asked: { functionName: string; args?: readonly unknown[]; block: unknown }[] = []
  const client = createClient({
    chain: { ...foundry, contracts: { multicall3: { address: MULTICALL3 } } },
    transport: custom({
      async request({ method, params }) {
        if (method === 'eth_getBlockByNumber')
          return {
            number: numberToHex(BLOCK.number),
            timestamp: numberToHex(BLOCK.timestamp),
            hash: `0x${'ab'.repeat(32)}`,
            transactions: [],
          }
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        const [{ to, data }, block] = params as [{ to: Address; data: Hex }, unknown]
        if (to !== MULTICALL3) throw new Error(`unexpected target ${to}`)
        const { args } = decodeFunctionData({ abi: multicall3Abi, data })
        const calls = (args as readonly [readonly { target: Address; callData: Hex }[]])[0]
        const results = calls.map(({ target, callData }) => {
          if (target !== VAULT) throw new Error(`unexpected target ${target}`)
          const call = decodeFunctionData({ abi: collateralVaultAbi, data: callData })
          asked.push({ ...call, block })
          const answer = answers[call.functionName]
          if (answer === undefined) throw new Error(`no answer for ${call.functionName}`)
          if ('revert' in answer) return { success: false, returnData: answer.revert }
          return {
            success: true,
            returnData: encodeFunctionResult({
              abi: collateralVaultAbi,
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

const SUPPLY = 900_000n * 10n ** 12n
const MARKS = { held: 900_000n * 10n ** 6n, mark: 40_000n * 10n ** 6n, encumbered: 0n, longs: 0n }
const EXIT_VALUE = MARKS.held - MARKS.mark
const REQUEST = { shares: 300_000n * 10n ** 12n, assetsCap: 280_000n * 10n ** 6n }
const STALE = encodeErrorResult({
  abi: smileErrorsAbi,
  errorName: 'StalePrice',
  args: [1_700_000_000n, 3_600n],
})

const vaultAnswers = (request: { claimableAt: bigint }): Record<string, Answer> => ({
  asset: { result: USDC },
  market: { result: MARKET },
  decimals: { result: 12 },
  totalAssets: { result: 870_000n * 10n ** 6n },
  totalSupply: { result: SUPPLY },
  freeAssets: { result: 500_000n * 10n ** 6n },
  paused: { result: false },
  exitNotice: { result: 3_600n },
  marks: { result: MARKS },
  balanceOf: { result: 10n ** 12n },
  maxWithdraw: { result: 0n },
  maxRedeem: { result: 0n },
  exitRequest: { result: { ...REQUEST, ...request } },
})

describe('fetchExitRequest', () => {
  it('reads a pending request in one call pinned to the block, with its seconds left and payout', async () => {
    const { client, asked } = clientAnswering(
      vaultAnswers({ claimableAt: BLOCK.timestamp + 1_200n }),
    )
    const state = await fetchExitRequest(client, { vault: VAULT, controller: LP })
    const expected = claimAssets(
      { ...REQUEST, claimableAt: 0n },
      REQUEST.shares,
      EXIT_VALUE,
      SUPPLY,
    )
    expect(state).toEqual({
      ...REQUEST,
      claimableAt: BLOCK.timestamp + 1_200n,
      status: 'pending',
      secondsLeft: 1_200n,
      // The exit value per share rose above the cap's: the cap holds.
      expectedAssets: REQUEST.assetsCap,
      maxRedeem: 0n,
      maxWithdraw: 0n,
      blockNumber: BLOCK.number,
      timestamp: BLOCK.timestamp,
    })
    expect(expected).toBe(REQUEST.assetsCap)
    expect(asked.map((a) => a.functionName)).toEqual([
      'exitRequest',
      'marks',
      'totalSupply',
      'maxRedeem',
      'maxWithdraw',
    ])
    expect(new Set(asked.map((a) => a.block))).toEqual(new Set([numberToHex(BLOCK.number)]))
  })

  it('says claimable from claimableAt on, none without shares', async () => {
    const claimable = clientAnswering(vaultAnswers({ claimableAt: BLOCK.timestamp }))
    expect(
      await fetchExitRequest(claimable.client, { vault: VAULT, controller: LP }),
    ).toMatchObject({ status: 'claimable', secondsLeft: 0n })
    const none = clientAnswering({
      ...vaultAnswers({ claimableAt: 0n }),
      exitRequest: { result: { shares: 0n, assetsCap: 0n, claimableAt: 0n } },
    })
    expect(await fetchExitRequest(none.client, { vault: VAULT, controller: LP })).toMatchObject({
      status: 'none',
      shares: 0n,
      secondsLeft: 0n,
      expectedAssets: 0n,
    })
  })

  it('leaves the payout undefined while the vault cannot be marked', async () => {
    const { client } = clientAnswering({
      ...vaultAnswers({ claimableAt: BLOCK.timestamp - 1n }),
      marks: { revert: STALE },
    })
    const state = await fetchExitRequest(client, { vault: VAULT, controller: LP })
    expect(state).toMatchObject({ status: 'claimable', shares: REQUEST.shares })
    expect(state.expectedAssets).toBeUndefined()
  })

  it('throws a typed error when another read fails', async () => {
    const { client } = clientAnswering({
      ...vaultAnswers({ claimableAt: 1n }),
      totalSupply: { revert: STALE },
    })
    await expect(fetchExitRequest(client, { vault: VAULT, controller: LP })).rejects.toThrow(
      ContractRevertError,
    )
  })
})

describe('quoteExitRequest', () => {
  it('quotes the cap a request records and the exit price of a whole share', async () => {
    const { client } = clientAnswering(vaultAnswers({ claimableAt: 0n }))
    const shares = 123_456_789n * 10n ** 9n + 7n
    expect(await quoteExitRequest(client, { vault: VAULT, shares })).toEqual({
      shares,
      assetsCap: vaultSharesToAssets(shares, EXIT_VALUE, SUPPLY),
      exitValue: EXIT_VALUE,
      totalSupply: SUPPLY,
      decimals: 12,
      exitPrice: vaultSharesToAssets(10n ** 12n, EXIT_VALUE, SUPPLY),
    })
  })

  it('refuses no shares, and throws the oracle error when the vault cannot be marked', async () => {
    const { client } = clientAnswering({
      ...vaultAnswers({ claimableAt: 0n }),
      marks: { revert: STALE },
    })
    await expect(quoteExitRequest(client, { vault: VAULT, shares: 0n })).rejects.toThrow(
      InvalidBuildArgumentError,
    )
    const error = await quoteExitRequest(client, { vault: VAULT, shares: 1n }).catch((e) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error.errorName).toBe('StalePrice')
  })
})

describe('fetchVault', () => {
  it('reads the vault, its exit value and the account with its exit request in one call', async () => {
    const { client, asked } = clientAnswering(vaultAnswers({ claimableAt: BLOCK.timestamp + 60n }))
    const state = await fetchVault(client, { vault: VAULT, account: LP })
    expect(state).toEqual({
      vault: VAULT,
      asset: USDC,
      market: MARKET,
      decimals: 12,
      totalAssets: 870_000n * 10n ** 6n,
      totalSupply: SUPPLY,
      freeAssets: 500_000n * 10n ** 6n,
      sharePrice: vaultSharesToAssets(10n ** 12n, 870_000n * 10n ** 6n, SUPPLY),
      exitValue: EXIT_VALUE,
      paused: false,
      exitNoticeSec: 3_600n,
      blockNumber: BLOCK.number,
      timestamp: BLOCK.timestamp,
      account: {
        shares: 10n ** 12n,
        maxWithdraw: 0n,
        maxRedeem: 0n,
        exitRequest: {
          ...REQUEST,
          claimableAt: BLOCK.timestamp + 60n,
          status: 'pending',
          secondsLeft: 60n,
          expectedAssets: REQUEST.assetsCap,
          maxRedeem: 0n,
          maxWithdraw: 0n,
          blockNumber: BLOCK.number,
          timestamp: BLOCK.timestamp,
        },
      },
    })
    expect(asked).toHaveLength(13)
    expect(asked).toContainEqual(
      expect.objectContaining({ functionName: 'exitRequest', args: [LP] }),
    )
  })

  it('leaves the account out when none is asked, and throws while the vault cannot be marked', async () => {
    const { client } = clientAnswering(vaultAnswers({ claimableAt: 0n }))
    expect((await fetchVault(client, { vault: VAULT })).account).toBeUndefined()
    const stale = clientAnswering({
      ...vaultAnswers({ claimableAt: 0n }),
      marks: { revert: STALE },
      freeAssets: { revert: STALE },
    })
    const error = await fetchVault(stale.client, { vault: VAULT }).catch((e) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error.errorName).toBe('StalePrice')
  })
})
