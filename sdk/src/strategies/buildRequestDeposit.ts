import { type Address, encodeFunctionData } from 'viem'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildRequestDepositParameters = {
  /** The strategy vault. */
  vault: Address
  /** The vault's asset (from `fetchStrategyVault`). */
  asset: Address
  /** Assets to queue, token units (pulled now, credited at the next round boundary). */
  assets: bigint
  /** Who is credited the shares. */
  receiver: Address
}

export type BuildRequestDepositReturnType = BuiltRequest

/**
 * Builds `vault.requestDeposit(assets, receiver)`: queues a deposit into a strategy vault, processed
 * at the next round boundary at that boundary's NAV (the way in while a round runs, when `deposit`
 * reverts `RoundInProgress`). Requires an allowance of `assets` to the vault.
 *
 * @throws InvalidBuildArgumentError if `assets` is not positive or above 2^128 − 1.
 * @example
 * ```ts
 * import { buildRequestDeposit } from '@smile/sdk'
 *
 * const request = buildRequestDeposit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
 *   assets: 10n ** 18n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * request.requirements[0]?.type // 'erc20Allowance'
 * ```
 */
export function buildRequestDeposit({
  vault,
  asset,
  assets,
  receiver,
}: BuildRequestDepositParameters): BuildRequestDepositReturnType {
  checkRequestAmount('assets', assets)
  const data = encodeFunctionData({
    abi: iStrategyVaultAbi,
    functionName: 'requestDeposit',
    args: [assets, receiver],
  })
  return buildRequest(vault, data, [allowanceRequirement(asset, vault, assets)])
}

const MAX_REQUEST = (1n << 128n) - 1n

/**
 * Checks a queue request's amount the way the vault does (`InvalidAmount`): positive and at most
 * 2^128 − 1.
 *
 * @throws InvalidBuildArgumentError otherwise.
 * @example
 * ```ts
 * import { checkRequestAmount } from '@smile/sdk'
 *
 * checkRequestAmount('shares', 5n) // passes
 * ```
 */
export function checkRequestAmount(argument: string, amount: bigint): void {
  if (amount <= 0n) throw new InvalidBuildArgumentError(argument, amount, 'must be positive')
  if (amount > MAX_REQUEST)
    throw new InvalidBuildArgumentError(argument, amount, 'must fit in 128 bits')
}
