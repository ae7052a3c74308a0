/**
 * Writes `test/fixtures/blackScholes.json`, the differential fixture shared by the Foundry test
 * (contract == wad mirror to the wei, both within the error bound of the reference) and vitest.
 *
 * Run from `sdk/`: `npx tsx scripts/generateFixtures.ts`
 */
import { writeFileSync } from 'node:fs'
import { buildBlackScholesFixture, FIXTURE_PATH } from '../test/fixtures/blackScholesFixture.js'

writeFileSync(FIXTURE_PATH, buildBlackScholesFixture())
console.log(`wrote ${FIXTURE_PATH.pathname}`)
