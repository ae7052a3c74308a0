import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import { allowanceOrPermitRequirement, type PermitParameters } from '../wallet/permit.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkVaultAsset, type VaultAsset } from './buildDeposit.js'
import { buildMintWithPermit } from './buildMintWithPermit.js'

export type BuildMintParameters = {
  vault: Address
  asset: Address
  /** The vault as read on-chain (`fetchVault`, a `fetchMarket` side): `vault` and `asset` are checked against it. */
  vaultState?: VaultAsset
  /** Shares to mint. */
  shares: bigint
  /** Most assets the mint may pull (e.g. `previewMint` plus slippage): the allowance required. */
  maxAssets: bigint
  receiver: Address
  /**
   * The sender's permit state on the asset (`fetchPermit`) with the signature's deadline: the
   * requirement is then an EIP-2612 permit of `maxAssets`. Omitted or `null`: an approval.
   */
  permit?: PermitParameters | null
}

export type BuildMintReturnType = BuiltRequest

/**
 * Builds `vault.mint(shares, receiver)`, requiring `maxAssets` of the asset from the sender (the
 * mint pulls `previewMint(shares)`, which the allowance bounds): an EIP-2612 permit when `permit`
 * is given — signed, it turns into the one-transaction `mintWithPermit` ({@link
 * buildMintWithPermit}), which also refuses to pull more than `maxAssets` — else an allowance
 * granted by a separate `approve`.
 *
 * @throws InvalidBuildArgumentError if `shares` or `maxAssets` is not positive; with `vaultState`,
 * if `asset` is not the vault's.
 * @throws PermitMismatchError if `permit` is for another token than `asset`.
 * @example
 * ```ts
 * import { buildMint } from '@smile/sdk'
 *
 * const request = buildMint({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   shares: 10n ** 15n,
 *   maxAssets: 1_001_000_000n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * ```
 */
export function buildMint({
  vault,
  asset,
  shares,
  maxAssets,
  receiver,
  permit,
  vaultState,
}: BuildMintParameters): BuildMintReturnType {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  if (maxAssets <= 0n)
    throw new InvalidBuildArgumentError('maxAssets', maxAssets, 'must be positive')
  checkVaultAsset(vault, asset, vaultState)
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'mint',
    args: [shares, receiver],
  })
  const requirement = allowanceOrPermitRequirement({
    token: asset,
    spender: vault,
    amount: maxAssets,
    permit,
    withPermit: (signature, deadline) =>
      buildMintWithPermit({
        vault,
        shares,
        maxAssets,
        receiver,
        deadline,
        signature,
      }),
  })
  return buildRequest(vault, data, [requirement])
}
