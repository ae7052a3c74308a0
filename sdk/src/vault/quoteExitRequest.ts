import type { Address, Client } from 'viem'
import { multicall } from 'viem/actions'
import { collateralVaultAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { multicallTarget } from '../oracle/batch.js'
import { exitValueOf, vaultSharesToAssets } from './exitMath.js'
import { vaultReadErrorsAbi } from './fetchExitRequest.js'

export type QuoteExitRequestParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** Shares the request would hand over. */
  shares: bigint
  blockNumber?: bigint
}

export type QuoteExitRequestReturnType = {
  shares: bigint
  /**
   * The cap a request of `shares` records in this state (`requestRedeem`'s `assetsCap`, or what it
   * adds to an existing request's): floor(shares·(exitValue + 1)/(supply + 10^6)), token units.
   * The claim pays at most this, and less if the exit value per share falls during the notice.
   */
  assetsCap: bigint
  /** The vault's exit value, held − mark (margin receivables excluded), token units. */
  exitValue: bigint
  totalSupply: bigint
  /** Decimals of the shares (the asset's plus the vault's virtual-share offset). */
  decimals: number
  /** What one whole share (10^decimals) would record as its cap now, token units, rounded down. */
  exitPrice: bigint
}

/**
 * Quotes a redemption request on a collateral vault: the cap `requestRedeem(shares, …)` would
 * record in this block's state, exact to the wei (the vault's `_toAssets` rounding, {@link
 * vaultSharesToAssets}, on `marks()` and `totalSupply()` read in one batched `eth_call`), and the
 * exit price of one whole share. The cap is computed before the shares move, as the contract does
 * (a request does not change the supply).
 *
 * @throws InvalidBuildArgumentError if `shares` is not positive (the vault reverts `ZeroShares`).
 * @throws ContractRevertError when the vault cannot be marked (a stale oracle): a request would
 * revert with the same error.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { quoteExitRequest } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { assetsCap, exitPrice } = await quoteExitRequest(client, {
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   shares: 10n ** 24n,
 * })
 * ```
 */
export async function quoteExitRequest(
  client: Client,
  { vault, shares, blockNumber }: QuoteExitRequestParameters,
): Promise<QuoteExitRequestReturnType> {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  const contract = { address: vault, abi: collateralVaultAbi } as const
  try {
    const [marks, totalSupply, decimals] = await multicall(client, {
      allowFailure: false,
      ...multicallTarget(client),
      ...(blockNumber === undefined ? {} : { blockNumber }),
      contracts: [
        { ...contract, functionName: 'marks' },
        { ...contract, functionName: 'totalSupply' },
        { ...contract, functionName: 'decimals' },
      ],
    })
    const exitValue = exitValueOf(marks)
    return {
      shares,
      assetsCap: vaultSharesToAssets(shares, exitValue, totalSupply),
      exitValue,
      totalSupply,
      decimals,
      exitPrice: vaultSharesToAssets(10n ** BigInt(decimals), exitValue, totalSupply),
    }
  } catch (error) {
    throw toContractRevertError(error, vaultReadErrorsAbi())
  }
}
