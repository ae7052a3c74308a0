import { type Address, type Client, zeroAddress } from 'viem'
import { multicall } from 'viem/actions'
import { collateralVaultAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from '../oracle/batch.js'

export type FetchVaultParameters = {
  /** The `CollateralVault`. */
  vault: Address
  /** When given, also reads this account's shares and how much it may take out now. */
  account?: Address
  blockNumber?: bigint
}

export type FetchVaultReturnType = {
  vault: Address
  asset: Address
  market: Address
  /** Decimals of the shares (the asset's plus the vault's virtual-share offset). */
  decimals: number
  /** NAV: assets held − the mark of options short − payoffs owed, asset units. */
  totalAssets: bigint
  totalSupply: bigint
  /** Assets not locked for options nor reserved for payoffs, asset units. */
  freeAssets: bigint
  /** Assets one whole share redeems for (`convertToAssets(10^decimals)`), asset units. */
  sharePrice: bigint
  paused: boolean
  depositCooldownSec: bigint
  account?: {
    shares: bigint
    maxWithdraw: bigint
    maxRedeem: bigint
    /** Timestamp from which the account may withdraw (deposit cooldown), seconds. */
    unlockAt: bigint
  }
}

/**
 * Reads a collateral vault's ERC-4626 state — NAV (`totalAssets`), supply, free assets, share
 * price — and optionally one account's shares and exit limits, in one batched `eth_call`.
 *
 * @throws ContractRevertError when a call reverts (the NAV reverts when the vault cannot be marked,
 * e.g. on a stale oracle).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { mainnet } from 'viem/chains'
 * import { fetchVault } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: mainnet, transport: http() })
 * const { totalAssets, sharePrice } = await fetchVault(client, {
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 * })
 * ```
 */
export async function fetchVault(
  client: Client,
  { vault, account, blockNumber }: FetchVaultParameters,
): Promise<FetchVaultReturnType> {
  const contract = { address: vault, abi: collateralVaultAbi } as const
  const options = {
    allowFailure: false,
    ...multicallTarget(client),
    ...(blockNumber === undefined ? {} : { blockNumber }),
  } as const
  try {
    const [asset, market, decimals, totalAssets, totalSupply, freeAssets, paused, cooldown] =
      await multicall(client, {
        ...options,
        contracts: [
          { ...contract, functionName: 'asset' },
          { ...contract, functionName: 'market' },
          { ...contract, functionName: 'decimals' },
          { ...contract, functionName: 'totalAssets' },
          { ...contract, functionName: 'totalSupply' },
          { ...contract, functionName: 'freeAssets' },
          { ...contract, functionName: 'paused' },
          { ...contract, functionName: 'depositCooldown' },
        ],
      })
    // Without an account the per-account reads are made for the zero address and dropped.
    const holder = account ?? zeroAddress
    const [sharePrice, shares, maxWithdraw, maxRedeem, unlockAt] = await multicall(client, {
      ...options,
      contracts: [
        { ...contract, functionName: 'convertToAssets', args: [10n ** BigInt(decimals)] },
        { ...contract, functionName: 'balanceOf', args: [holder] },
        { ...contract, functionName: 'maxWithdraw', args: [holder] },
        { ...contract, functionName: 'maxRedeem', args: [holder] },
        { ...contract, functionName: 'unlockAt', args: [holder] },
      ],
    })
    return {
      vault,
      asset,
      market,
      decimals,
      totalAssets,
      totalSupply,
      freeAssets,
      sharePrice,
      paused,
      depositCooldownSec: cooldown,
      ...(account === undefined
        ? {}
        : {
            account: { shares, maxWithdraw, maxRedeem, unlockAt },
          }),
    }
  } catch (error) {
    throw toContractRevertError(error, collateralVaultAbi)
  }
}
