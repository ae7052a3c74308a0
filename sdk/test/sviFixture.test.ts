import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SVI_FIXTURE_PATH, sviFixtureText } from '../scripts/generateSviFixtures.js'

describe('test/fixtures/svi.json', () => {
  it('is what sdk/scripts/generateSviFixtures.ts generates from the current wad mirror', () => {
    // On failure: `cd sdk && pnpm run fixtures:svi`, then run test/unit/SviDifferential.t.sol.
    expect(readFileSync(SVI_FIXTURE_PATH, 'utf8')).toBe(sviFixtureText())
  })
})
