import { type Address, type Client, zeroAddress } from 'viem'
import { multicall } from 'viem/actions'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'

export type FetchStrategyVaultParameters = {
  /** The strategy vault (`IStrategyVault`). */
  vault: Address
  /** When given, also reads this account's shares, exit limits and queued requests. */
  account?: Address
  blockNumber?: bigint
}

/**
 * A queued (or processed, not yet claimed) request of one account, as `fetchStrategyVault` reads it.
 *
 * @example
 * ```ts
 * import type { StrategyRequest } from '@smile/sdk'
 *
 * const request: StrategyRequest = { amount: 10n ** 18n, batch: 3n, claimable: true }
 * ```
 */
export type StrategyRequest = {
  /** Assets (a deposit) or shares (a redemption); 0 when there is none. */
  amount: bigint
  /** The batch it joined. */
  batch: bigint
  /** Whether its batch was processed at a round boundary, so `claim` delivers it. */
  claimable: boolean
}

export type FetchStrategyVaultReturnType = {
  vault: Address
  asset: Address
  /** Decimals of the shares (the asset's plus the vault's virtual-share offset). */
  decimals: number
  /** NAV: held − queued deposits − assets owed to redemptions + the positions' on-chain mark. */
  totalAssets: bigint
  totalSupply: bigint
  /** Assets one whole share is worth (`convertToAssets(10^decimals)`), asset units. */
  sharePrice: bigint
  /** The positions' on-chain mark, asset units (0 between rounds). */
  positionsValue: bigint
  roundActive: boolean
  round: bigint
  roundExpiry: bigint
  currentBatch: bigint
  pendingDepositAssets: bigint
  claimableAssets: bigint
  paused: boolean
  keeper: Address
  /**
   * The premium floor's tolerance, wad: a round reverts `PremiumBelowFloor` unless its premium
   * (net, for a spread) reaches its options' fair value less this share of it, whatever
   * `minPremiumAssets` the keeper passes.
   */
  maxPremiumDiscountWad: bigint
  account?: {
    shares: bigint
    /** 0 during a round: exits go through `requestRedeem`. */
    maxWithdraw: bigint
    maxRedeem: bigint
    depositRequest: StrategyRequest
    redeemRequest: StrategyRequest
  }
}

/**
 * Reads a strategy vault's state — NAV, share price, round, queue — and optionally one account's
 * shares, exit limits and queued requests, in two batched `eth_call`s of the same block.
 *
 * @throws ContractRevertError when a call reverts (mid-round the NAV reverts when the positions
 * cannot be marked, e.g. on a stale oracle).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchStrategyVault } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { roundActive, sharePrice } = await fetchStrategyVault(client, {
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 * })
 * ```
 */
export async function fetchStrategyVault(
  client: Client,
  { vault, account, blockNumber }: FetchStrategyVaultParameters,
): Promise<FetchStrategyVaultReturnType> {
  const contract = { address: vault, abi: iStrategyVaultAbi } as const
  const options = {
    allowFailure: false,
    ...multicallTarget(client),
    ...(blockNumber === undefined ? {} : { blockNumber }),
  } as const
  try {
    const [
      asset,
      decimals,
      totalAssets,
      totalSupply,
      positionsValue,
      roundActive,
      round,
      roundExpiry,
      currentBatch,
      pendingDepositAssets,
      claimableAssets,
      paused,
      keeper,
      maxPremiumDiscountWad,
    ] = await multicall(client, {
      ...options,
      contracts: [
        { ...contract, functionName: 'asset' },
        { ...contract, functionName: 'decimals' },
        { ...contract, functionName: 'totalAssets' },
        { ...contract, functionName: 'totalSupply' },
        { ...contract, functionName: 'positionsValue' },
        { ...contract, functionName: 'roundActive' },
        { ...contract, functionName: 'round' },
        { ...contract, functionName: 'roundExpiry' },
        { ...contract, functionName: 'currentBatch' },
        { ...contract, functionName: 'pendingDepositAssets' },
        { ...contract, functionName: 'claimableAssets' },
        { ...contract, functionName: 'paused' },
        { ...contract, functionName: 'keeper' },
        { ...contract, functionName: 'maxPremiumDiscountWad' },
      ],
    })
    // Without an account the per-account reads are made for the zero address and dropped.
    const holder = account ?? zeroAddress
    const [sharePrice, shares, maxWithdraw, maxRedeem, depositRequest, redeemRequest] =
      await multicall(client, {
        ...options,
        contracts: [
          { ...contract, functionName: 'convertToAssets', args: [10n ** BigInt(decimals)] },
          { ...contract, functionName: 'balanceOf', args: [holder] },
          { ...contract, functionName: 'maxWithdraw', args: [holder] },
          { ...contract, functionName: 'maxRedeem', args: [holder] },
          { ...contract, functionName: 'depositRequestOf', args: [holder] },
          { ...contract, functionName: 'redeemRequestOf', args: [holder] },
        ],
      })
    const toRequest = (r: { amount: bigint; batch: bigint }): StrategyRequest => ({
      amount: r.amount,
      batch: r.batch,
      claimable: r.amount !== 0n && r.batch < currentBatch,
    })
    return {
      vault,
      asset,
      decimals,
      totalAssets,
      totalSupply,
      sharePrice,
      positionsValue,
      roundActive,
      round,
      roundExpiry,
      currentBatch,
      pendingDepositAssets,
      claimableAssets,
      paused,
      keeper,
      maxPremiumDiscountWad,
      ...(account === undefined
        ? {}
        : {
            account: {
              shares,
              maxWithdraw,
              maxRedeem,
              depositRequest: toRequest(depositRequest),
              redeemRequest: toRequest(redeemRequest),
            },
          }),
    }
  } catch (error) {
    throw toContractRevertError(error, iStrategyVaultAbi)
  }
}
