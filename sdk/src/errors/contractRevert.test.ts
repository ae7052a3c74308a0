import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { chainlinkSpotAdapterAbi, spotOracleRouterAbi } from '../abi/generated.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { SmileError } from './base.js'
import { ContractRevertError, toContractRevertError } from './contractRevert.js'

/** The error viem's readContract throws when `spot()` reverted with `data`. */
function revertedRead(data: Hex): ContractFunctionExecutionError {
  const cause = new ContractFunctionRevertedError({
    abi: spotOracleRouterAbi,
    data,
    functionName: 'spot',
  })
  return new ContractFunctionExecutionError(cause, {
    abi: spotOracleRouterAbi,
    functionName: 'spot',
  })
}

const stalePrice = encodeErrorResult({
  abi: chainlinkSpotAdapterAbi,
  errorName: 'StalePrice',
  args: [1_700_000_000n, 3_600n],
})

describe('toContractRevertError', () => {
  it('decodes one of our custom errors into its name and arguments, keeping viem’s error as cause', () => {
    const viemError = revertedRead(stalePrice)
    const error = toContractRevertError(viemError, oracleErrorsAbi())
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error).toBeInstanceOf(SmileError)
    expect(error).toMatchObject({
      name: 'ContractRevertError',
      errorName: 'StalePrice',
      args: [1_700_000_000n, 3_600n],
      data: stalePrice,
      reasons: [],
      shortMessage: 'StalePrice(updatedAt: 1700000000, heartbeat: 3600)',
      metaMessages: ['updatedAt: 1700000000 (2023-11-14T22:13:20.000Z)', 'heartbeat: 3600 (1 h)'],
    })
    expect((error as ContractRevertError).cause).toBe(viemError)
  })

  it('decodes the reasons a router wraps in its own error', () => {
    const zeroPrice = encodeErrorResult({ abi: spotOracleRouterAbi, errorName: 'ZeroPrice' })
    const data = encodeErrorResult({
      abi: spotOracleRouterAbi,
      errorName: 'NoValidSource',
      args: [stalePrice, zeroPrice],
    })
    const error = toContractRevertError(revertedRead(data), oracleErrorsAbi())
    expect(error).toMatchObject({ errorName: 'NoValidSource', args: [stalePrice, zeroPrice] })
    const { reasons } = error as ContractRevertError
    expect(reasons.map((r) => [r.errorName, r.args])).toEqual([
      ['StalePrice', [1_700_000_000n, 3_600n]],
      ['ZeroPrice', []],
    ])
    expect(reasons[0]?.cause).toBeUndefined()
  })

  it('leaves a wrapped reason that is not one of our errors raw', () => {
    const data = encodeErrorResult({
      abi: spotOracleRouterAbi,
      errorName: 'PrimaryUnavailable',
      args: ['0xdeadbeef'],
    })
    const error = toContractRevertError(revertedRead(data), oracleErrorsAbi())
    expect(error).toMatchObject({
      errorName: 'PrimaryUnavailable',
      args: ['0xdeadbeef'],
      reasons: [],
    })
  })

  it('returns anything else untouched: foreign selectors, Error(string), non-viem errors', () => {
    const foreign = revertedRead('0x12345678')
    expect(toContractRevertError(foreign, oracleErrorsAbi())).toBe(foreign)
    const reasonString = revertedRead(
      encodeErrorResult({
        abi: [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }],
        errorName: 'Error',
        args: ['test'],
      }),
    )
    expect((reasonString.cause as ContractFunctionRevertedError).reason).toBe('test')
    expect(toContractRevertError(reasonString, oracleErrorsAbi())).toBe(reasonString)
    const network = new BaseError('fetch failed')
    expect(toContractRevertError(network, oracleErrorsAbi())).toBe(network)
    const plain = new TypeError('nope')
    expect(toContractRevertError(plain, oracleErrorsAbi())).toBe(plain)
  })
})
