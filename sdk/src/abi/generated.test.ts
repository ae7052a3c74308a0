import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderAbis, renderPortfolioAbis } from '../../scripts/generateAbis.js'

describe('generated ABIs', () => {
  it('are current with the contracts forge last built', () => {
    const committed = readFileSync(new URL('./generated.ts', import.meta.url), 'utf8')
    expect(committed).toBe(renderAbis())
    const portfolio = readFileSync(new URL('./portfolio.ts', import.meta.url), 'utf8')
    expect(portfolio).toBe(renderPortfolioAbis())
  })
})
