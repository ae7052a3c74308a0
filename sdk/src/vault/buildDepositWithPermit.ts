import { type Address, encodeFunctionData, type Hex } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { splitSignature } from '../wallet/splitSignature.js'

export type BuildDepositWithPermitParameters = {
  vault: Address
  /** Assets to deposit, token units: also the value the permit was signed for. */
  assets: bigint
  /** Who receives the shares. */
  receiver: Address
  /** The permit's deadline, seconds, as signed. */
  deadline: bigint
  /** The sender's EIP-2612 permit signature of `assets` to the vault. */
  signature: Hex
}

export type BuildDepositWithPermitReturnType = BuiltRequest

/**
 * Builds `vault.depositWithPermit(assets, receiver, deadline, v, r, s)`: the permit and the
 * deposit in one transaction, with no requirement (the vault tries the permit, then needs the
 * allowance, so a permit front-run from the mempool does not make it revert). The signature is
 * the one of the `erc2612Permit` requirement of {@link buildDeposit}, which calls this builder.
 *
 * @throws InvalidBuildArgumentError if `assets` is not positive or `deadline` not a timestamp.
 * @example
 * ```ts
 * import { buildDepositWithPermit } from '@smile/sdk'
 *
 * const request = buildDepositWithPermit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   assets: 1_000_000_000n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   deadline: 1_798_700_000n,
 *   signature: `0x${'11'.repeat(32)}${'22'.repeat(32)}1b`,
 * })
 * ```
 */
export function buildDepositWithPermit({
  vault,
  assets,
  receiver,
  deadline,
  signature,
}: BuildDepositWithPermitParameters): BuildDepositWithPermitReturnType {
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
  const { v, r, s } = splitSignature(signature)
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'depositWithPermit',
    args: [assets, receiver, deadline, v, r, s],
  })
  return buildRequest(vault, data, [])
}
