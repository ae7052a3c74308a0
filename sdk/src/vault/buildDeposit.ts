import { type Address, encodeFunctionData } from 'viem'
import { collateralVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildDepositParameters = {
  vault: Address
  /** The vault's asset (from `fetchVault` or `fetchMarket`). */
  asset: Address
  /** Assets to deposit, token units. */
  assets: bigint
  /** Who receives the shares. */
  receiver: Address
}

export type BuildDepositReturnType = BuiltRequest

/**
 * Builds `vault.deposit(assets, receiver)`, with the allowance of `assets` to the vault as a
 * requirement. The vault has no multicall or permit entry point, so an EIP-2612 permit cannot be
 * bundled atomically: the approval is a separate transaction (skipped by `sendRequest` when the
 * allowance already suffices).
 *
 * @throws InvalidBuildArgumentError if `assets` is not positive.
 * @example
 * ```ts
 * import { buildDeposit } from '@smile/sdk'
 *
 * const request = buildDeposit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   assets: 1_000_000_000n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * request.requirements[0]?.type // 'erc20Allowance'
 * ```
 */
export function buildDeposit({
  vault,
  asset,
  assets,
  receiver,
}: BuildDepositParameters): BuildDepositReturnType {
  if (assets <= 0n) throw new InvalidBuildArgumentError('assets', assets, 'must be positive')
  const data = encodeFunctionData({
    abi: collateralVaultAbi,
    functionName: 'deposit',
    args: [assets, receiver],
  })
  return buildRequest(vault, data, [allowanceRequirement(asset, vault, assets)])
}
