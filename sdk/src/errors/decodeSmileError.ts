import { BaseError, decodeErrorResult, type Hex } from 'viem'
import { revertData } from './contractRevert.js'
import { type AnySmileContractError, SmileContractError } from './smileContractError.js'
import { type SmileErrorArgs, type SmileErrorName, smileErrorsAbi } from './smileErrorsAbi.js'

/**
 * Decodes a revert into a typed {@link SmileContractError}: `source` is either the revert data
 * (`0x` + selector + arguments) or an error whose viem cause chain carries it (what
 * `readContract`, `simulateContract`, `call` or `estimateGas` throw, or a `ContractRevertError`
 * of the SDK's actions). Every custom error declared in any of Smile's generated ABIs decodes;
 * anything else — a foreign contract's error, `Error(string)`, a panic, a network failure, data
 * that does not decode — gives `undefined`, so the caller keeps its original error.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { decodeSmileError, encodeSeriesId, optionMarketAbi } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const id = encodeSeriesId({ expiry: 1_798_790_400n, strikeWad: 3_000n * 10n ** 18n, isCall: true })
 * try {
 *   await client.simulateContract({
 *     address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *     abi: optionMarketAbi,
 *     functionName: 'buy',
 *     args: [id, 10n ** 18n, 5n * 10n ** 16n, 1_798_790_400n],
 *     account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   })
 * } catch (caught) {
 *   const error = decodeSmileError(caught)
 *   if (error?.errorName === 'PremiumAboveMax') console.error(error.args.premiumAssets)
 *   else throw caught
 * }
 * ```
 */
export function decodeSmileError(source: unknown): AnySmileContractError | undefined {
  if (typeof source === 'string') return decode(source as Hex)
  if (source instanceof SmileContractError) return source as AnySmileContractError
  const data = dataOf(source)
  return data === undefined ? undefined : decode(data, source)
}

function dataOf(source: unknown): Hex | undefined {
  if (source instanceof BaseError) return revertData(source)
  // The SDK's own `ContractRevertError` keeps viem's error as its cause and the data beside it.
  const data = (source as { data?: unknown } | null)?.data
  if (typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)) return data as Hex
  return undefined
}

function decode(data: Hex, cause?: unknown): AnySmileContractError | undefined {
  let decoded: ReturnType<typeof decodeErrorResult<typeof smileErrorsAbi>>
  try {
    decoded = decodeErrorResult({ abi: smileErrorsAbi, data })
  } catch {
    return undefined
  }
  const { abiItem } = decoded
  // viem adds `Error(string)` and `Panic(uint256)` to every ABI; they are not Smile's errors.
  if (abiItem.type !== 'error' || !smileErrorsAbi.includes(abiItem)) return undefined
  const values: readonly unknown[] = decoded.args ?? []
  const args: Record<string, unknown> = {}
  const reasons: AnySmileContractError[] = []
  abiItem.inputs.forEach((input, i) => {
    const value = values[i]
    const name: string = input.name ?? ''
    args[name === '' ? String(i) : name] = value
    if (input.type === 'bytes' && typeof value === 'string') {
      const reason = decode(value as Hex)
      if (reason !== undefined) reasons.push(reason)
    }
  })
  return new SmileContractError(
    {
      errorName: abiItem.name as SmileErrorName,
      args: args as SmileErrorArgs<SmileErrorName>,
      data,
      reasons,
    },
    cause === undefined ? undefined : { cause },
  ) as AnySmileContractError
}
