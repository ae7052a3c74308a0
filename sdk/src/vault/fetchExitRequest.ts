import type { Abi, Address, Client } from 'viem'
import { getBlock, multicall } from 'viem/actions'
import { collateralVaultAbi, optionMarketAbi, optionPricerAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { claimAssets, exitValueOf, type VaultExitRequest } from './exitMath.js'

/**
 * Every error reading a collateral vault can revert with: the vault's, and the market's, the
 * oracles' and the pricer's from marking it (`marks()`, `freeAssets()`); built on the error path
 * only, see {@link oracleErrorsAbi}.
 */
export function vaultReadErrorsAbi(): Abi {
  return [...collateralVaultAbi, ...optionMarketAbi, ...oracleErrorsAbi(), ...optionPricerAbi]
}

export type FetchExitRequestParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** Whose request (the controller named when it was made). */
  controller: Address
  blockNumber?: bigint
}

/**
 * Where a redemption request stands at a block: `'none'` (no shares requested), `'pending'`
 * (before its `claimableAt`) or `'claimable'`.
 *
 * @example
 * ```ts
 * import type { ExitRequestStatus } from '@smile/sdk'
 *
 * const status: ExitRequestStatus = 'pending'
 * ```
 */
export type ExitRequestStatus = 'none' | 'pending' | 'claimable'

export type FetchExitRequestReturnType = VaultExitRequest & {
  status: ExitRequestStatus
  /** Seconds from the block's timestamp to `claimableAt`; 0 once claimable or without a request. */
  secondsLeft: bigint
  /**
   * What a claim of the whole request would pay in this block's state (`previewClaim(controller,
   * shares)`): the lower of the cap and the shares' exit value now, token units; 0 without a
   * request. `undefined` when the vault cannot be marked (a stale oracle): a claim would revert.
   */
  expectedAssets: bigint | undefined
  /** Shares the controller can claim now (`maxRedeem`): 0 before `claimableAt`, while paused or unmarkable, and at most the free assets' worth. */
  maxRedeem: bigint
  /** Assets the controller can claim now (`maxWithdraw`), on the same terms. */
  maxWithdraw: bigint
  /** The block read, and its timestamp (seconds). */
  blockNumber: bigint
  timestamp: bigint
}

/**
 * Reads `controller`'s redemption request on a collateral vault — its shares, cap and claim time,
 * its status and the seconds left at the block's timestamp, what claiming it all would pay and
 * what can be claimed now — in one batched `eth_call` pinned to one block. The payout is the
 * vault's `previewClaim` formula ({@link claimAssets}) on the `marks()` and `totalSupply()` of
 * the same call, so it equals what a claim of every share pays in a block with that state and
 * time (before the free-assets limit: see `maxRedeem`).
 *
 * @throws ContractRevertError when a read other than the vault's marks reverts (not a vault).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchExitRequest } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { status, secondsLeft, expectedAssets } = await fetchExitRequest(client, {
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   controller: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export async function fetchExitRequest(
  client: Client,
  { vault, controller, blockNumber }: FetchExitRequestParameters,
): Promise<FetchExitRequestReturnType> {
  const block = await getBlock(client, blockNumber === undefined ? {} : { blockNumber })
  const contract = { address: vault, abi: collateralVaultAbi } as const
  try {
    const [request, marks, totalSupply, maxRedeem, maxWithdraw] = await multicall(client, {
      allowFailure: true,
      blockNumber: block.number,
      ...multicallTarget(client),
      contracts: [
        { ...contract, functionName: 'exitRequest', args: [controller] },
        { ...contract, functionName: 'marks' },
        { ...contract, functionName: 'totalSupply' },
        { ...contract, functionName: 'maxRedeem', args: [controller] },
        { ...contract, functionName: 'maxWithdraw', args: [controller] },
      ],
    })
    // Only the marks may fail on a vault (a stale oracle); any other failure is thrown.
    const exitValue = marks.status === 'success' ? exitValueOf(marks.result) : undefined
    return {
      ...exitRequestState(resultOf(request), block.timestamp, exitValue, resultOf(totalSupply)),
      maxRedeem: resultOf(maxRedeem),
      maxWithdraw: resultOf(maxWithdraw),
      blockNumber: block.number,
      timestamp: block.timestamp,
    }
  } catch (error) {
    throw toContractRevertError(error, vaultReadErrorsAbi())
  }
}

/** A multicall read's result; throws its error when it failed. */
function resultOf<result>(
  read: { status: 'success'; result: result } | { status: 'failure'; error: Error },
): result {
  if (read.status === 'failure') throw read.error
  return read.result
}

/**
 * A request's status, seconds left at `timestamp` and payout at `exitValue` (`undefined`: the
 * vault cannot be marked); shared with `fetchVault`.
 */
export function exitRequestState(
  request: VaultExitRequest,
  timestamp: bigint,
  exitValue: bigint | undefined,
  supply: bigint,
): VaultExitRequest & {
  status: ExitRequestStatus
  secondsLeft: bigint
  expectedAssets: bigint | undefined
} {
  const { shares, assetsCap, claimableAt } = request
  const status: ExitRequestStatus =
    shares === 0n ? 'none' : timestamp < claimableAt ? 'pending' : 'claimable'
  return {
    shares,
    assetsCap,
    claimableAt,
    status,
    secondsLeft: status === 'pending' ? claimableAt - timestamp : 0n,
    expectedAssets:
      exitValue === undefined ? undefined : claimAssets(request, shares, exitValue, supply),
  }
}
