import { createClient, http } from 'viem'
import { foundry, mainnet } from 'viem/chains'
import { describe, expect, it } from 'vitest'
import { multicallTarget } from './batch.js'

describe('multicallTarget', () => {
  it('uses the chain’s Multicall3 where viem knows one, and goes deployless elsewhere', () => {
    const on = (chain?: typeof mainnet | typeof foundry) =>
      multicallTarget(
        createClient({ transport: http('http://127.0.0.1:1'), ...(chain ? { chain } : {}) }),
      )
    expect(on(mainnet)).toEqual({ deployless: false })
    expect(on(foundry)).toEqual({ deployless: true })
    expect(on()).toEqual({ deployless: true })
  })
})
