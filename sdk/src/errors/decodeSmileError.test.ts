import type { Abi, AbiError, AbiParameter } from 'abitype'
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  type Hex,
  RpcRequestError,
} from 'viem'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as generated from '../abi/generated.js'
import { optionMarketAbi, spotOracleRouterAbi } from '../abi/generated.js'
import { SmileError } from './base.js'
import { ContractRevertError, toContractRevertError } from './contractRevert.js'
import { decodeSmileError } from './decodeSmileError.js'
import { SmileContractError } from './smileContractError.js'
import { smileErrorsAbi } from './smileErrorsAbi.js'

/** A value of ABI type `parameter`, different per position so that swapped arguments show. */
function sample(parameter: AbiParameter, position: number): unknown {
  const { type } = parameter
  const array = /^(.*)\[(\d*)\]$/.exec(type)
  if (array !== null) {
    const inner = { ...parameter, type: array[1] as string }
    const length = array[2] === '' ? 2 : Number(array[2])
    return Array.from({ length }, (_, i) => sample(inner, position + i))
  }
  if (type === 'tuple') {
    const components = (parameter as { components: readonly AbiParameter[] }).components
    return components.map((component, i) => sample(component, position + i))
  }
  if (type === 'address') return getAddress(`0x${(position + 1).toString(16).padStart(40, 'a')}`)
  if (type === 'bool') return position % 2 === 0
  if (type === 'string') return `reason ${position}`
  if (type === 'bytes') return '0xdeadbeef'
  const bytes = /^bytes(\d+)$/.exec(type)
  if (bytes !== null) return `0x${'ab'.repeat(Number(bytes[1]))}`
  const integer = /^(u?)int(\d+)$/.exec(type)
  if (integer !== null) {
    const bits = BigInt(integer[2] as string)
    // The largest value of the type (minus the position), negative for signed types.
    const magnitude = (1n << (integer[1] === 'u' ? bits : bits - 1n)) - 1n - BigInt(position)
    const value = integer[1] === 'u' ? magnitude : -magnitude
    // viem decodes integers of up to 48 bits as numbers.
    return bits <= 48n ? Number(value) : value
  }
  throw new Error(`no sample for ABI type ${type}`)
}

const everyError = Object.entries(generated).flatMap(([abiName, abi]) =>
  (abi as Abi)
    .filter((item): item is AbiError => item.type === 'error')
    .map((item) => ({ abiName, abi, item })),
)

describe('decodeSmileError', () => {
  it('sees every error of the generated ABIs (sanity: there are many)', () => {
    expect(everyError.length).toBeGreaterThan(150)
    expect(new Set(smileErrorsAbi.map((e) => e.name))).toEqual(
      new Set(everyError.map(({ item }) => item.name)),
    )
  })

  it.each(everyError.map((e) => [`${e.abiName}.${e.item.name}`, e] as const))(
    'decodes %s with its name and arguments',
    (_, { abi, item }) => {
      const values = item.inputs.map(sample)
      const data = encodeErrorResult({
        abi: abi as typeof smileErrorsAbi,
        errorName: item.name as never,
        args: values as never,
      })
      const error = decodeSmileError(data)
      expect(error).toBeInstanceOf(SmileContractError)
      expect(error).toBeInstanceOf(SmileError)
      expect(error?.errorName).toBe(item.name)
      expect(error?.data).toBe(data)
      expect(error?.args).toEqual(
        Object.fromEntries(item.inputs.map((input, i) => [input.name, values[i]])),
      )
      expect(error?.cause).toBeUndefined()
    },
  )

  it('decodes from a viem error chain and keeps it as cause', () => {
    const data = encodeErrorResult({
      abi: optionMarketAbi,
      errorName: 'PremiumAboveMax',
      args: [1_500n, 1_000n],
    })
    const viemError = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: optionMarketAbi, data, functionName: 'buy' }),
      { abi: optionMarketAbi, functionName: 'buy', args: [1n, 10n, 1_000n, 2n] },
    )
    const error = decodeSmileError(viemError)
    expect(error?.shortMessage).toBe('PremiumAboveMax(premiumAssets: 1500, maxPremiumAssets: 1000)')
    expect(error?.message).toBe(
      [
        'PremiumAboveMax(premiumAssets: 1500, maxPremiumAssets: 1000)',
        '',
        'premiumAssets: 1500',
        'maxPremiumAssets: 1000',
        '',
        'Version: @smile/sdk@0.1.0',
      ].join('\n'),
    )
    expect(error?.cause).toBe(viemError)
    if (error?.errorName !== 'PremiumAboveMax') throw new Error('not narrowed')
    expectTypeOf(error.args).toEqualTypeOf<{
      readonly premiumAssets: bigint
      readonly maxPremiumAssets: bigint
    }>()
    expect(error.args.premiumAssets - error.args.maxPremiumAssets).toBe(500n)
  })

  it('decodes the data an RPC error carries (a raw eth_call) and a ContractRevertError', () => {
    const data = encodeErrorResult({ abi: optionMarketAbi, errorName: 'ZeroSize' })
    const rpc = new RpcRequestError({
      body: {},
      url: 'http://localhost',
      error: { code: 3, message: 'execution reverted', data },
    })
    expect(decodeSmileError(new BaseError('call failed', { cause: rpc }))?.errorName).toBe(
      'ZeroSize',
    )
    const wrapped = toContractRevertError(
      new BaseError('call failed', { cause: rpc }),
      smileErrorsAbi,
    )
    expect(wrapped).toBeInstanceOf(ContractRevertError)
    expect(decodeSmileError(wrapped)).toMatchObject({ errorName: 'ZeroSize', args: {} })
  })

  it('decodes the reasons a router wraps in bytes arguments', () => {
    const stale = encodeErrorResult({
      abi: spotOracleRouterAbi,
      errorName: 'StaleSource',
      args: [1n, 2n],
    })
    const data = encodeErrorResult({
      abi: spotOracleRouterAbi,
      errorName: 'NoValidSource',
      args: [stale, '0xdeadbeef'],
    })
    const error = decodeSmileError(data)
    expect(error?.args).toEqual({ primaryReason: stale, secondaryReason: '0xdeadbeef' })
    expect(error?.reasons.map((r) => [r.errorName, r.args])).toEqual([
      ['StaleSource', { updatedAt: 1n, maxAge: 2n }],
    ])
  })

  it('returns undefined for what is not one of our errors', () => {
    const revertString = encodeErrorResult({
      abi: [{ type: 'error', name: 'Error', inputs: [{ type: 'string', name: 'message' }] }],
      errorName: 'Error',
      args: ['nope'],
    })
    const foreign = encodeErrorResult({
      abi: [{ type: 'error', name: 'SomethingElse', inputs: [] }],
      errorName: 'SomethingElse',
    })
    for (const source of [revertString, foreign, '0x', '0x1234' as Hex, new Error('network'), 42])
      expect(decodeSmileError(source)).toBeUndefined()
  })
})
