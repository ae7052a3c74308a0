import { abs, mulDivUp } from './fixedPoint.js'

/**
 * `InventoryPotential.potential`: Φ(E) = E² / (2·L), wad, rounded up.
 *
 * @param inventoryWad E, the vault's net short vega for the expiry, signed wad.
 * @param depthWad L, the expiry's vega depth, wad, > 0.
 * @example
 * ```ts
 * import { inventoryPotentialWad } from '@smile/sdk'
 *
 * inventoryPotentialWad(-3n, 2n) // 3n: ceil(9 / 4)
 * ```
 */
export function inventoryPotentialWad(inventoryWad: bigint, depthWad: bigint): bigint {
  const e = abs(inventoryWad)
  return mulDivUp(e, e, 2n * depthWad)
}

/**
 * `InventoryPotential.charge`: Φ(E') − Φ(E), what moving the inventory costs the trader
 * (negative: pays the trader), wad.
 *
 * @example
 * ```ts
 * import { inventoryChargeWad } from '@smile/sdk'
 *
 * const L = 10n ** 20n
 * inventoryChargeWad(0n, 10n ** 19n, L) // 500000000000000000n: (10)² / (2·100)
 * ```
 */
export function inventoryChargeWad(fromWad: bigint, toWad: bigint, depthWad: bigint): bigint {
  return inventoryPotentialWad(toWad, depthWad) - inventoryPotentialWad(fromWad, depthWad)
}
