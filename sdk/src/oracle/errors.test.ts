import { createClient, custom } from 'viem'
import { describe, expect, it } from 'vitest'
import { InvalidExpiryError } from './errors.js'
import { readSettlement } from './readSettlement.js'
import { readSmile } from './readSmile.js'

const ORACLE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

describe('expiry preconditions', () => {
  const requests: string[] = []
  const client = createClient({
    transport: custom({
      async request({ method }) {
        requests.push(method)
        throw new Error('no node')
      },
    }),
  })

  it('refuses an expiry outside (0, 2^256) before asking the node anything', async () => {
    for (const expiry of [0n, -1n, 1n << 256n]) {
      const smile = readSmile(client, { volatilityOracle: ORACLE, expiry })
      await expect(smile).rejects.toThrow(InvalidExpiryError)
      await expect(smile).rejects.toMatchObject({ expiry })
      await expect(readSettlement(client, { settlementOracle: ORACLE, expiry })).rejects.toThrow(
        InvalidExpiryError,
      )
    }
    expect(requests).toEqual([])
  })
})
