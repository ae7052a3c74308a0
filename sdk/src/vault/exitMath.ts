import { min } from '../math/wad/fixedPoint.js'

/**
 * The collateral vault's share arithmetic for exits, on bigint with the contract's rounding:
 * `_toAssets` rounded down and `_claimAssets`. Inputs are the contract's uint256 values.
 */

/**
 * `CollateralVault.DECIMALS_OFFSET` as a share count: the vault's 10^6 virtual shares (and one
 * virtual asset), against the inflation attack; its shares carry 6 more decimals than the asset.
 *
 * @example
 * ```ts
 * import { VAULT_VIRTUAL_SHARES } from '@smile/sdk'
 *
 * const shareDecimals = 6 + Math.log10(Number(VAULT_VIRTUAL_SHARES)) // 12 for USDC
 * ```
 */
export const VAULT_VIRTUAL_SHARES = 10n ** 6n

/**
 * A controller's redemption request as `CollateralVault.exitRequest(controller)` returns it (all
 * zero: none).
 *
 * @example
 * ```ts
 * import type { VaultExitRequest } from '@smile/sdk'
 *
 * const request: VaultExitRequest = {
 *   shares: 10n ** 24n,
 *   assetsCap: 10n ** 18n,
 *   claimableAt: 1_798_700_000n,
 * }
 * ```
 */
export type VaultExitRequest = {
  /** Shares held by the vault for the request. */
  shares: bigint
  /** The most they may pay: their exit value at the request, rounded down, token units. */
  assetsCap: bigint
  /** Timestamp from which the request can be claimed, seconds (0: no request). */
  claimableAt: bigint
}

/**
 * floor(shares·(value + 1)/(supply + 10^6)): `shares` of a collateral vault converted at `value`
 * assets for a `supply` of shares, rounded down, as the vault's `_toAssets(…, Floor)`. At the exit
 * value (`held − mark`) it is the cap a redemption request of `shares` records; at `totalAssets`
 * it is `convertToAssets(shares)`.
 *
 * @example
 * ```ts
 * import { vaultSharesToAssets } from '@smile/sdk'
 *
 * // 1 whole share (12 decimals for a 6-decimal asset) of a vault worth 1,000 USDC for 10^15 shares.
 * vaultSharesToAssets(10n ** 12n, 1_000_000_000n, 10n ** 15n) // 1000000n: 1 USDC
 * ```
 */
export function vaultSharesToAssets(shares: bigint, value: bigint, supply: bigint): bigint {
  return (shares * (value + 1n)) / (supply + VAULT_VIRTUAL_SHARES)
}

/**
 * What a claim of `shares` of `request` pays at `exitValue` (held − mark) and `supply`: the lower
 * of their share of the request's cap, floor(cap·shares/request.shares), and their exit value now,
 * {@link vaultSharesToAssets}; 0 for no request. Mirrors `CollateralVault._claimAssets`, so it is
 * `previewClaim(controller, shares)` in the same state, before the free-assets limit (`maxRedeem`).
 *
 * @example
 * ```ts
 * import { claimAssets } from '@smile/sdk'
 *
 * const request = { shares: 10n ** 18n, assetsCap: 1_000_000n, claimableAt: 1_798_700_000n }
 * // The exit value fell by a tenth since the request: the claim pays at the lower price.
 * claimAssets(request, 10n ** 18n, 900_000n, 10n ** 18n) // 900000n
 * ```
 */
export function claimAssets(
  request: VaultExitRequest,
  shares: bigint,
  exitValue: bigint,
  supply: bigint,
): bigint {
  if (request.shares === 0n) return 0n
  return min(
    (request.assetsCap * shares) / request.shares,
    vaultSharesToAssets(shares, exitValue, supply),
  )
}

/**
 * The exit value of a vault's marks: held − mark, floored at 0 (`CollateralVault._exitValue`).
 *
 * @example
 * ```ts
 * import { exitValueOf } from '@smile/sdk'
 *
 * exitValueOf({ held: 1_000_000n, mark: 250_000n }) // 750000n
 * ```
 */
export function exitValueOf({ held, mark }: { held: bigint; mark: bigint }): bigint {
  return held > mark ? held - mark : 0n
}
