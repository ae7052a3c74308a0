import { type Address, type Client, zeroAddress } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import { collateralVaultAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'
import { exitValueOf, vaultSharesToAssets } from './exitMath.js'
import {
  exitRequestState,
  type FetchExitRequestReturnType,
  vaultReadErrorsAbi,
} from './fetchExitRequest.js'

export type FetchVaultParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** When given, also reads this account's shares, what it may claim now and its exit request. */
  account?: Address
  blockNumber?: bigint
}

export type FetchVaultReturnType = {
  vault: Address
  asset: Address
  market: Address
  /** Decimals of the shares (the asset's plus the vault's virtual-share offset). */
  decimals: number
  /** NAV: assets held + the longs (options written to the vault, payoffs owed to it) − the mark of options short − payoffs owed, asset units. */
  totalAssets: bigint
  totalSupply: bigint
  /** Assets not locked for options nor reserved for payoffs, asset units: what claims are paid from. */
  freeAssets: bigint
  /** Assets one whole share is worth at the NAV (`convertToAssets(10^decimals)`), asset units. */
  sharePrice: bigint
  /**
   * What exits are priced on: held − the mark of options short (`marks()`), without the
   * receivables from margin accounts, asset units. A redemption request's cap is its shares' part
   * of it (`quoteExitRequest`).
   */
  exitValue: bigint
  paused: boolean
  /** Seconds between a redemption request and its claim. */
  exitNoticeSec: bigint
  blockNumber: bigint
  timestamp: bigint
  account?: {
    shares: bigint
    /** Assets its claimable request can take now (0 while pending or without a request). */
    maxWithdraw: bigint
    /** Shares of its claimable request it can redeem now. */
    maxRedeem: bigint
    /** Its redemption request as the account controls it (`fetchExitRequest`). */
    exitRequest: FetchExitRequestReturnType
  }
}

/**
 * Reads a collateral vault's state — NAV (`totalAssets`), supply, free assets, share price, exit
 * value, exit notice — and optionally one account's shares, claim limits and redemption request,
 * in one batched `eth_call` pinned to one block.
 *
 * `totalAssets` never reverts (while the vault cannot be marked it answers a lower bound of the
 * NAV), but `marks()` and `freeAssets()` do, so this read throws then, as every entry, request and
 * claim would revert: a state at a guessed NAV would mislead. `fetchExitRequest` still reads a
 * request then (its payout `undefined`).
 *
 * @throws ContractRevertError when a call reverts: when the vault cannot be marked (e.g. on a
 * stale oracle), with the oracle's error.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchVault } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { totalAssets, sharePrice, exitValue } = await fetchVault(client, {
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 * })
 * ```
 */
export async function fetchVault(
  client: Client,
  { vault, account, blockNumber }: FetchVaultParameters,
): Promise<FetchVaultReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const contract = { address: vault, abi: collateralVaultAbi } as const
  const options = {
    allowFailure: false,
    blockNumber: block.number,
    ...multicallTarget(client),
  } as const
  // Without an account the per-account reads are made for the zero address and dropped.
  const holder = account ?? zeroAddress
  try {
    const [
      asset,
      market,
      decimals,
      totalAssets,
      totalSupply,
      freeAssets,
      paused,
      exitNotice,
      marks,
      shares,
      maxWithdraw,
      maxRedeem,
      request,
    ] = await multicall(client, {
      ...options,
      contracts: [
        { ...contract, functionName: 'asset' },
        { ...contract, functionName: 'market' },
        { ...contract, functionName: 'decimals' },
        { ...contract, functionName: 'totalAssets' },
        { ...contract, functionName: 'totalSupply' },
        { ...contract, functionName: 'freeAssets' },
        { ...contract, functionName: 'paused' },
        { ...contract, functionName: 'exitNotice' },
        { ...contract, functionName: 'marks' },
        { ...contract, functionName: 'balanceOf', args: [holder] },
        { ...contract, functionName: 'maxWithdraw', args: [holder] },
        { ...contract, functionName: 'maxRedeem', args: [holder] },
        { ...contract, functionName: 'exitRequest', args: [holder] },
      ],
    })
    const exitValue = exitValueOf(marks)
    return {
      vault,
      asset,
      market,
      decimals,
      totalAssets,
      totalSupply,
      freeAssets,
      sharePrice: vaultSharesToAssets(10n ** BigInt(decimals), totalAssets, totalSupply),
      exitValue,
      paused,
      exitNoticeSec: exitNotice,
      blockNumber: block.number,
      timestamp: block.timestamp,
      ...(account === undefined
        ? {}
        : {
            account: {
              shares,
              maxWithdraw,
              maxRedeem,
              exitRequest: {
                ...exitRequestState(request, block.timestamp, exitValue, totalSupply),
                maxRedeem,
                maxWithdraw,
                blockNumber: block.number,
                timestamp: block.timestamp,
              },
            },
          }),
    }
  } catch (error) {
    throw toContractRevertError(error, vaultReadErrorsAbi())
  }
}
