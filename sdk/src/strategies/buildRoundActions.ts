import { type Address, encodeFunctionData } from 'viem'
import { iStrategyVaultAbi } from '../abi/generated.js'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildStartRoundParameters = {
  /** The strategy vault (the sender must be its keeper). */
  vault: Address
  /**
   * Least premium the round's sale receives (net of the long leg for a spread; most a purchase
   * pays), token units. The vault also enforces its own floor from the options' fair value
   * (`maxPremiumDiscountWad` in `fetchStrategyVault`): the effective minimum is the higher one.
   */
  minPremiumAssets: bigint
  /** Last timestamp at which the round's trades may execute, seconds. */
  deadline: bigint
}

export type BuildStartRoundReturnType = BuiltRequest

/**
 * Builds `vault.startRound(minPremiumAssets, deadline)`, the keeper's only action: processes the
 * queue and opens the round's positions inside these slippage bounds and the vault's own premium
 * floor. Below the floor the round reverts `PremiumBelowFloor(premiumAssets, floorAssets)` (the
 * market was moved against the vault): retry later.
 *
 * @throws InvalidBuildArgumentError if `deadline` is not positive or `minPremiumAssets` negative.
 * @example
 * ```ts
 * import { buildStartRound } from '@smile/sdk'
 *
 * const request = buildStartRound({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   minPremiumAssets: 10n ** 16n,
 *   deadline: 1_800_000_300n,
 * })
 * ```
 */
export function buildStartRound({
  vault,
  minPremiumAssets,
  deadline,
}: BuildStartRoundParameters): BuildStartRoundReturnType {
  if (minPremiumAssets < 0n)
    throw new InvalidBuildArgumentError(
      'minPremiumAssets',
      minPremiumAssets,
      'must not be negative',
    )
  if (deadline <= 0n) throw new InvalidBuildArgumentError('deadline', deadline, 'must be positive')
  const data = encodeFunctionData({
    abi: iStrategyVaultAbi,
    functionName: 'startRound',
    args: [minPremiumAssets, deadline],
  })
  return buildRequest(vault, data, [])
}

export type BuildCloseRoundParameters = {
  /** The strategy vault. */
  vault: Address
}

export type BuildCloseRoundReturnType = BuiltRequest

/**
 * Builds `vault.closeRound()`: anyone may close a round once its expiry passed and its settlement
 * price is fixed; it settles the positions and processes the queue at the resulting NAV.
 *
 * @example
 * ```ts
 * import { buildCloseRound } from '@smile/sdk'
 *
 * const request = buildCloseRound({ vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * ```
 */
export function buildCloseRound({ vault }: BuildCloseRoundParameters): BuildCloseRoundReturnType {
  const data = encodeFunctionData({ abi: iStrategyVaultAbi, functionName: 'closeRound' })
  return buildRequest(vault, data, [])
}
