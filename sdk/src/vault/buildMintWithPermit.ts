import { type Address, encodeFunctionData, type Hex } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { splitSignature } from '../wallet/splitSignature.js'

export type BuildMintWithPermitParameters = {
  vault: Address
  /** Shares to mint. */
  shares: bigint
  /** Most assets the mint may pull, token units: also the value the permit was signed for. */
  maxAssets: bigint
  receiver: Address
  /** The permit's deadline, seconds, as signed. */
  deadline: bigint
  /** The sender's EIP-2612 permit signature of `maxAssets` to the vault. */
  signature: Hex
}

export type BuildMintWithPermitReturnType = BuiltRequest

/**
 * Builds `vault.mintWithPermit(shares, receiver, maxAssets, deadline, v, r, s)`: the permit and
 * the mint in one transaction, with no requirement; the vault reverts `MintAssetsAboveMax` if the
 * mint would cost more than `maxAssets`. The signature is the one of the `erc2612Permit`
 * requirement of {@link buildMint}, which calls this builder.
 *
 * @throws InvalidBuildArgumentError if `shares` or `maxAssets` is not positive or `deadline` not a
 * timestamp.
 * @example
 * ```ts
 * import { buildMintWithPermit } from '@smile/sdk'
 *
 * const request = buildMintWithPermit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   shares: 10n ** 15n,
 *   maxAssets: 1_001_000_000n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   deadline: 1_798_700_000n,
 *   signature: `0x${'11'.repeat(32)}${'22'.repeat(32)}1b`,
 * })
 * ```
 */
export function buildMintWithPermit({
  vault,
  shares,
  maxAssets,
  receiver,
  deadline,
  signature,
}: BuildMintWithPermitParameters): BuildMintWithPermitReturnType {
  if (shares <= 0n) throw new InvalidBuildArgumentError('shares', shares, 'must be positive')
  if (maxAssets <= 0n)
    throw new InvalidBuildArgumentError('maxAssets', maxAssets, 'must be positive')
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
  const { v, r, s } = splitSignature(signature)
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'mintWithPermit',
    args: [shares, receiver, maxAssets, deadline, v, r, s],
  })
  return buildRequest(vault, data, [])
}
