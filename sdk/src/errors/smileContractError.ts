import type { Hex } from 'viem'
import { SmileError } from './base.js'
import { formatErrorArgs } from './formatErrorArgs.js'
import type { SmileErrorArgs, SmileErrorName } from './smileErrorsAbi.js'

/**
 * A Smile contract reverted with one of its custom errors, decoded by `decodeSmileError`:
 * `errorName` is the Solidity error's name, `args` its arguments keyed by parameter name, `data`
 * the raw revert data and `cause` the error it was decoded from (absent when decoded from raw
 * data); `metaMessages` shows the arguments in human units (wad as decimals, timestamps as ISO
 * dates, series ids as side, strike and expiry). Arguments of type `bytes` that carry another
 * Smile error (the spot router's `PrimaryUnavailable(bytes reason)`, for instance) are decoded
 * again into `reasons`, in argument order. The decoder returns the union {@link AnySmileContractError}, on which `errorName`
 * narrows `args`.
 *
 * @example
 * ```ts
 * import { encodeErrorResult } from 'viem'
 * import { SmileContractError, decodeSmileError, smileErrorsAbi } from '@smile/sdk'
 *
 * const data = encodeErrorResult({ abi: smileErrorsAbi, errorName: 'ZeroSize' })
 * decodeSmileError(data) instanceof SmileContractError // true
 * ```
 */
export class SmileContractError<name extends SmileErrorName = SmileErrorName> extends SmileError {
  override name = 'SmileContractError'
  readonly errorName: name
  readonly args: SmileErrorArgs<name>
  readonly data: Hex
  readonly reasons: readonly AnySmileContractError[]

  constructor(
    {
      errorName,
      args,
      data,
      reasons,
    }: {
      errorName: name
      args: SmileErrorArgs<name>
      data: Hex
      reasons: readonly AnySmileContractError[]
    },
    options?: { cause?: unknown },
  ) {
    const entries = Object.entries(args as Record<string, unknown>)
    const { short, meta } = formatErrorArgs(
      entries.map(([name]) => name),
      entries.map(([, value]) => value),
    )
    const inner =
      reasons.length === 0 ? '' : ` (reasons: ${reasons.map((r) => r.shortMessage).join('; ')})`
    super(`${errorName}(${short})${inner}`, { ...options, metaMessages: meta })
    this.errorName = errorName
    this.args = args
    this.data = data
    this.reasons = reasons
  }
}

/**
 * One `SmileContractError` per custom error, as a union discriminated by `errorName`: comparing
 * the name narrows `args` to that error's arguments.
 *
 * @example
 * ```ts
 * import type { AnySmileContractError } from '@smile/sdk'
 *
 * function premiumOver(error: AnySmileContractError): bigint | undefined {
 *   if (error.errorName === 'PremiumAboveMax')
 *     return error.args.premiumAssets - error.args.maxPremiumAssets
 *   return undefined
 * }
 * ```
 */
export type AnySmileContractError = {
  [name in SmileErrorName]: SmileContractError<name>
}[SmileErrorName]
