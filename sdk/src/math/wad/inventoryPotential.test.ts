import { describe, expect, it } from 'vitest'
import { WAD } from '../wad.js'
import { inventoryChargeWad, inventoryPotentialWad } from './inventoryPotential.js'

describe('InventoryPotential mirror', () => {
  const depth = 1_000n * WAD

  it('Φ(E) = E²/(2L), rounded up, even in E', () => {
    expect(inventoryPotentialWad(10n * WAD, depth)).toBe(WAD / 20n)
    expect(inventoryPotentialWad(-10n * WAD, depth)).toBe(WAD / 20n)
    expect(inventoryPotentialWad(3n, 2n)).toBe(3n)
    expect(inventoryPotentialWad(0n, depth)).toBe(0n)
  })

  it('charges telescope: any path back to the start nets zero', () => {
    const path = [0n, 7n * WAD, -3n * WAD, 123_456_789n, 0n]
    let total = 0n
    for (let i = 1; i < path.length; i++)
      total += inventoryChargeWad(path[i - 1] ?? 0n, path[i] ?? 0n, depth)
    expect(total).toBe(0n)
    expect(inventoryChargeWad(0n, 7n * WAD, depth)).toBeGreaterThan(0n)
    expect(inventoryChargeWad(7n * WAD, 0n, depth)).toBeLessThan(0n)
  })
})
