import {
  createClient,
  custom,
  encodeAbiParameters,
  encodeErrorResult,
  type Hex,
  RpcRequestError,
  toFunctionSelector,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { chainlinkSpotAdapterAbi } from '../abi/generated.js'
import { ContractRevertError } from '../errors/contractRevert.js'
import { readSpot } from './readSpot.js'

const ORACLE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

/** A client whose node answers every `eth_call` with `answer` (hex data, or a revert). */
function clientAnswering(answer: { result: Hex } | { revert: Hex }) {
  const calls: unknown[] = []
  const client = createClient({
    transport: custom({
      async request({ method, params }) {
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        calls.push(params)
        if ('result' in answer) return answer.result
        throw new RpcRequestError({
          body: {},
          url: 'test',
          error: { code: 3, message: 'execution reverted', data: answer.revert },
        })
      },
    }),
  })
  return { client, calls }
}

describe('readSpot', () => {
  it('decodes spot() into the price and its observation time, at the requested block', async () => {
    const result = encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint256' }],
      [3_000n * 10n ** 18n, 1_700_000_000n],
    )
    const { client, calls } = clientAnswering({ result })
    expect(await readSpot(client, { oracle: ORACLE, blockNumber: 255n })).toEqual({
      priceWad: 3_000n * 10n ** 18n,
      updatedAt: 1_700_000_000n,
    })
    expect(calls).toEqual([[{ to: ORACLE, data: toFunctionSelector('spot()') }, '0xff']])
  })

  it('throws a revert with one of the oracle errors as a ContractRevertError', async () => {
    const revert = encodeErrorResult({
      abi: chainlinkSpotAdapterAbi,
      errorName: 'PriceOutOfBounds',
      args: [5n, 10n, 20n],
    })
    const { client } = clientAnswering({ revert })
    const error = await readSpot(client, { oracle: ORACLE }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error).toMatchObject({ errorName: 'PriceOutOfBounds', args: [5n, 10n, 20n] })
  })

  it('lets any other failure through as viem threw it', async () => {
    const { client } = clientAnswering({ revert: '0x12345678' })
    const error = await readSpot(client, { oracle: ORACLE }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ContractRevertError)
    expect((error as Error).name).toBe('ContractFunctionExecutionError')
  })
})
