import {
  type Abi,
  type AbiError,
  type AbiParameter,
  type AbiParameterToPrimitiveType,
  formatAbiItem,
} from 'abitype'
import { generatedAbis } from '../abi/generated.js'

type GeneratedAbiItem = (typeof generatedAbis)[number][number]

/**
 * Every custom error item declared in one of Smile's generated ABIs (a union of literal types).
 *
 * @example
 * ```ts
 * import { type SmileErrorAbiItem, smileErrorsAbi } from '@smile/sdk'
 *
 * const item: SmileErrorAbiItem | undefined = smileErrorsAbi.find((e) => e.name === 'PremiumAboveMax')
 * item?.inputs.map((input) => input.name) // ['premiumAssets', 'maxPremiumAssets']
 * ```
 */
export type SmileErrorAbiItem = Extract<GeneratedAbiItem, { type: 'error' }>

/**
 * The name of every custom error Smile's contracts declare: `'PremiumAboveMax' | 'StalePrice' | ...`.
 *
 * @example
 * ```ts
 * import type { SmileErrorName } from '@smile/sdk'
 *
 * // Reverts that a retry a block later may clear.
 * const transient: readonly SmileErrorName[] = ['StalePrice', 'StaleSmile', 'DeadlineExpired']
 * ```
 */
export type SmileErrorName = SmileErrorAbiItem['name']

type NamedArguments<inputs extends readonly AbiParameter[]> = {
  readonly [i in keyof inputs & `${number}` as inputs[i] extends { name: infer name extends string }
    ? name extends ''
      ? i
      : name
    : i]: AbiParameterToPrimitiveType<inputs[i]>
}

/**
 * The arguments of custom error `name`, keyed by their Solidity parameter names (an unnamed
 * parameter by its position): `SmileErrorArgs<'PremiumAboveMax'>` is
 * `{ premiumAssets: bigint; maxPremiumAssets: bigint }`.
 *
 * @example
 * ```ts
 * import type { SmileErrorArgs } from '@smile/sdk'
 *
 * const args: SmileErrorArgs<'StalePrice'> = { updatedAt: 1_700_000_000n, heartbeat: 3_600n }
 * ```
 */
export type SmileErrorArgs<name extends SmileErrorName> = NamedArguments<
  Extract<SmileErrorAbiItem, { name: name }>['inputs']
>

/**
 * Every custom error of every generated ABI, once each (the same error declared on an interface
 * and its implementation is listed once): what {@link decodeSmileError} decodes revert data
 * against, from `generatedAbis` (written by the ABI generator, so a new contract's errors are in
it without an edit here). Importing it pulls in every generated ABI, as a decoder of every error
must; a bundle that does not use it drops them (the list is built in a pure call, not from the
module namespace, which bundlers keep whole).
 *
 * @example
 * ```ts
 * import { encodeErrorResult } from 'viem'
 * import { smileErrorsAbi } from '@smile/sdk'
 *
 * const data = encodeErrorResult({ abi: smileErrorsAbi, errorName: 'ZeroSize' })
 * ```
 */
export const smileErrorsAbi: readonly SmileErrorAbiItem[] =
  /* @__PURE__ */ dedupeErrors(generatedAbis)

// ABIs passed whole, not spread: the pure call is then side-effect free, so a bundler can drop it,
// and with it the ABIs, when `smileErrorsAbi` is unused.
function dedupeErrors(abis: readonly Abi[]): SmileErrorAbiItem[] {
  const bySignature = new Map<string, AbiError>()
  for (const item of abis.flat())
    if (item.type === 'error') {
      const signature = formatAbiItem(item)
      if (!bySignature.has(signature)) bySignature.set(signature, item)
    }
  return [...bySignature.values()] as SmileErrorAbiItem[]
}
