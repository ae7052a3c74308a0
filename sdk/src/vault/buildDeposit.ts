import { type Address, encodeFunctionData, isAddressEqual } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import { allowanceOrPermitRequirement, type PermitParameters } from '../wallet/permit.js'
import type { BuiltRequest } from '../wallet/request.js'
import { buildDepositWithPermit } from './buildDepositWithPermit.js'

export type BuildDepositParameters = {
  vault: Address
  /** The vault's asset (from `fetchVault` or `fetchMarket`). */
  asset: Address
  /**
   * The vault as read on-chain — `fetchVault`'s return or a `fetchMarket` side (`config.call`):
   * `vault` and `asset` are checked against it.
   */
  vaultState?: VaultAsset
  /** Assets to deposit, token units. */
  assets: bigint
  /** Who receives the shares. */
  receiver: Address
  /**
   * The sender's permit state on the asset (`fetchPermit`) with the signature's deadline: the
   * requirement is then an EIP-2612 permit. Omitted or `null` (an asset without permit): an
   * approval.
   */
  permit?: PermitParameters | null
}

export type BuildDepositReturnType = BuiltRequest

/**
 * A vault and its asset as read on-chain (`fetchVault`'s return and a `fetchMarket` side both are).
 *
 * @example
 * ```ts
 * import type { FetchMarketReturnType, VaultAsset } from '@smile/sdk'
 *
 * declare const config: FetchMarketReturnType
 * const calls: VaultAsset = config.call
 * ```
 */
export type VaultAsset = { vault: Address; asset: Address }

/**
 * Checks a builder's `vault` and `asset` against the vault as read on-chain.
 *
 * @throws InvalidBuildArgumentError if `vaultState` is another vault's, or `asset` not its asset.
 * @example
 * ```ts
 * import { checkVaultAsset } from '@smile/sdk'
 *
 * const vault = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 * const asset = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
 * checkVaultAsset(vault, asset, { vault, asset }) // passes
 * ```
 */
export function checkVaultAsset(vault: Address, asset: Address, vaultState?: VaultAsset): void {
  if (vaultState === undefined) return
  if (!isAddressEqual(vaultState.vault, vault))
    throw new InvalidBuildArgumentError('vaultState', vaultState.vault, `is not vault ${vault}'s`)
  if (!isAddressEqual(vaultState.asset, asset))
    throw new InvalidBuildArgumentError(
      'asset',
      asset,
      `is not the vault's asset ${vaultState.asset}`,
    )
}

/**
 * Builds `vault.deposit(assets, receiver)` with what it needs from the sender: an EIP-2612 permit
 * of `assets` to the vault when `permit` is given — its requirement carries the typed data to sign
 * and turns the signature into the one-transaction `depositWithPermit` ({@link
 * buildDepositWithPermit}) — else an allowance of `assets` to the vault, granted by a separate
 * `approve`. `sendRequest` meets either (and skips both when the allowance already suffices).
 *
 * @throws InvalidBuildArgumentError if `assets` is not positive; with `vaultState`, if `asset` is
 * not the vault's.
 * @throws PermitMismatchError if `permit` is for another token than `asset`.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { buildDeposit, fetchPermit } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const asset = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
 * const lp = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
 * const permit = await fetchPermit(client, { token: asset, owner: lp })
 * const request = buildDeposit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset,
 *   assets: 1_000_000_000n,
 *   receiver: lp,
 *   permit: permit && { ...permit, deadline: 1_798_700_000n },
 * })
 * request.requirements[0]?.type // 'erc2612Permit', or 'erc20Allowance' without permit support
 * ```
 */
export function buildDeposit({
  vault,
  asset,
  assets,
  receiver,
  permit,
  vaultState,
}: BuildDepositParameters): BuildDepositReturnType {
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  checkVaultAsset(vault, asset, vaultState)
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'deposit',
    args: [assets, receiver],
  })
  const requirement = allowanceOrPermitRequirement({
    token: asset,
    spender: vault,
    amount: assets,
    permit,
    withPermit: (signature, deadline) =>
      buildDepositWithPermit({
        vault,
        assets,
        receiver,
        deadline,
        signature,
      }),
  })
  return buildRequest(vault, data, [requirement])
}
