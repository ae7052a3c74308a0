import { describe, expect, it } from 'vitest'
import { claimAssets, exitValueOf, VAULT_VIRTUAL_SHARES, vaultSharesToAssets } from './exitMath.js'

/** OpenZeppelin's `Math.mulDiv` rounded down, written out on its own: floor(x·y/d). */
const mulDivFloor = (x: bigint, y: bigint, d: bigint) => (x * y - ((x * y) % d)) / d

describe('vault exit arithmetic', () => {
  it('converts shares as the vault does: floor(shares·(value + 1)/(supply + 10^6))', () => {
    expect(VAULT_VIRTUAL_SHARES).toBe(1_000_000n)
    // An empty vault: 10^6 virtual shares worth 1 virtual asset.
    expect(vaultSharesToAssets(1_000_000n, 0n, 0n)).toBe(1n)
    expect(vaultSharesToAssets(999_999n, 0n, 0n)).toBe(0n)
    // 1,000 USDC for 10^15 shares: a whole share (12 decimals) is 1 USDC; a unit less, rounded down.
    expect(vaultSharesToAssets(10n ** 12n, 1_000_000_000n, 10n ** 15n)).toBe(1_000_000n)
    expect(vaultSharesToAssets(10n ** 12n, 999_999_999n, 10n ** 15n)).toBe(999_999n)
    // Every share of the supply: the value, less the virtual shares' part, rounded down.
    const supply = 300n * 10n ** 24n
    const value = 301n * 10n ** 18n + 7n
    expect(vaultSharesToAssets(supply, value, supply)).toBe(
      mulDivFloor(supply, value + 1n, supply + VAULT_VIRTUAL_SHARES),
    )
    expect(vaultSharesToAssets(supply, value, supply)).toBeLessThanOrEqual(value)
    expect(vaultSharesToAssets(0n, value, supply)).toBe(0n)
  })

  it('rounds down exactly at the boundary, on values past 2^256 in the product', () => {
    // shares·(value + 1) = k·(supply + 10^6) exactly, then one less.
    const supply = 7n * 10n ** 30n - VAULT_VIRTUAL_SHARES
    expect(vaultSharesToAssets(3n, 7n * 10n ** 30n - 1n, supply)).toBe(3n)
    expect(vaultSharesToAssets(3n, 7n * 10n ** 30n - 2n, supply)).toBe(2n)
    const huge = (1n << 255n) - 1n
    expect(vaultSharesToAssets(huge, huge, huge)).toBe(
      mulDivFloor(huge, huge + 1n, huge + 10n ** 6n),
    )
  })

  it('pays a claim the lower of its share of the cap and its exit value now', () => {
    const supply = 10n ** 18n
    const request = { shares: 10n ** 18n, assetsCap: 1_000_000n, claimableAt: 100n }
    // The exit value fell: paid at the claim's price.
    expect(claimAssets(request, request.shares, 900_000n, supply)).toBe(
      vaultSharesToAssets(request.shares, 900_000n, supply),
    )
    expect(claimAssets(request, request.shares, 900_000n, supply)).toBe(900_000n)
    // It rose: the cap holds.
    expect(claimAssets(request, request.shares, 2_000_000n, supply)).toBe(1_000_000n)
    // A part of the request: its share of the cap, rounded down.
    expect(claimAssets(request, request.shares / 3n, 2_000_000n, supply)).toBe(333_333n)
    expect(claimAssets({ ...request, assetsCap: 10n }, 1n, 2_000_000n, supply)).toBe(0n)
  })

  it('pays nothing without a request, and nothing for no shares', () => {
    const none = { shares: 0n, assetsCap: 0n, claimableAt: 0n }
    expect(claimAssets(none, 10n ** 18n, 10n ** 18n, 10n ** 18n)).toBe(0n)
    const request = { shares: 5n, assetsCap: 5n, claimableAt: 1n }
    expect(claimAssets(request, 0n, 10n ** 18n, 10n ** 18n)).toBe(0n)
  })

  it('takes the exit value as held − mark, floored at 0', () => {
    expect(exitValueOf({ held: 1_000_000n, mark: 250_000n })).toBe(750_000n)
    expect(exitValueOf({ held: 1n, mark: 1n })).toBe(0n)
    expect(exitValueOf({ held: 1n, mark: 2n })).toBe(0n)
  })
})
