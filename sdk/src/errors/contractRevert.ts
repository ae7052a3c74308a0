import type { AbiParameter } from 'abitype'
import {
  type Abi,
  AbiDecodingDataSizeTooSmallError,
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  decodeErrorResult,
  type Hex,
} from 'viem'
import { SmileError } from './base.js'
import { formatErrorArgs } from './formatErrorArgs.js'
import { UnknownContractError, type UnknownContractReason } from './unknownContract.js'

/**
 * A contract call reverted with one of Smile's custom errors: `errorName` and `args` are the
 * decoded error (arguments in declaration order), `data` its raw revert data and `cause` the
 * viem error it was decoded from. The short message names the arguments (from the ABI's `inputs`);
 * `metaMessages` adds their human units (wad as decimals, timestamps as ISO dates, series ids as
 * side, strike and expiry). Arguments of type `bytes` that carry another decodable error
 * (the spot router's `PrimaryUnavailable(bytes reason)`, for instance) are decoded again into
 * `reasons`, in argument order.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { ContractRevertError, readSpot } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * try {
 *   await readSpot(client, { oracle: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * } catch (error) {
 *   if (error instanceof ContractRevertError && error.errorName === 'StalePrice') {
 *     const [updatedAt, heartbeat] = error.args
 *   }
 * }
 * ```
 */
export class ContractRevertError extends SmileError {
  override name = 'ContractRevertError'
  readonly errorName: string
  readonly args: readonly unknown[]
  readonly data: Hex
  readonly reasons: readonly ContractRevertError[]

  constructor(
    {
      errorName,
      args,
      data,
      reasons,
      inputs = [],
    }: {
      errorName: string
      args: readonly unknown[]
      data: Hex
      reasons: readonly ContractRevertError[]
      /** The error's ABI parameters, which name the arguments. */
      inputs?: readonly AbiParameter[]
    },
    options?: { cause?: unknown },
  ) {
    const { short, meta } = formatErrorArgs(
      inputs.map((input) => input.name),
      args,
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
 * What the SDK's reads throw for what they catch, the one place their failures are typed:
 * `error` as a `ContractRevertError` when it is a viem contract error whose revert data decodes
 * against one of `abi`'s errors; as an {@link UnknownContractError} when the address called
 * answered as no Smile contract does (no data, a revert without data, a return that does not
 * decode); otherwise `error` itself, untouched (network failures, `Error(string)` and panics keep
 * viem's own error). Internal: the actions call it on whatever they catch; `decodeSmileError` is
 * the typed decoder of every Smile error.
 *
 * @example
 * ```ts
 * import type { Address, Client } from 'viem'
 * import { readContract } from 'viem/actions'
 * import { iSpotOracleAbi } from '../abi/generated.js'
 * import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
 * import { toContractRevertError } from './contractRevert.js'
 *
 * declare const client: Client
 * declare const address: Address
 * try {
 *   await readContract(client, { address, abi: iSpotOracleAbi, functionName: 'spot' })
 * } catch (error) {
 *   throw toContractRevertError(error, oracleErrorsAbi())
 * }
 * ```
 */
export function toContractRevertError(error: unknown, abi: Abi): unknown {
  if (!(error instanceof BaseError)) return error
  const data = revertData(error)
  const decoded = data === undefined ? undefined : decodeRevert(data, abi, error)
  return decoded ?? unknownContract(error) ?? error
}

/** The `UnknownContractError` a contract call's failure means, if it means one. */
function unknownContract(error: BaseError): UnknownContractError | undefined {
  const execution = error.walk((e) => e instanceof ContractFunctionExecutionError)
  if (!(execution instanceof ContractFunctionExecutionError)) return undefined
  const { contractAddress: address, functionName, cause } = execution
  if (address === undefined) return undefined
  const reason = unknownContractReason(cause)
  return reason === undefined
    ? undefined
    : new UnknownContractError({ address, functionName, reason }, { cause: error })
}

function unknownContractReason(cause: unknown): UnknownContractReason | undefined {
  if (cause instanceof ContractFunctionZeroDataError) return 'no-data'
  // No revert data at all (its `reason` is then only the node's "execution reverted").
  if (
    cause instanceof ContractFunctionRevertedError &&
    cause.data === undefined &&
    (cause.raw === undefined || cause.raw === '0x')
  )
    return 'reverted'
  if (cause instanceof AbiDecodingDataSizeTooSmallError) return 'undecodable'
  return undefined
}

/**
 * The revert data a viem error carries: the raw data of a `ContractFunctionRevertedError` in its
 * cause chain or, for a raw `eth_call` (no ABI attached, as when a built request is simulated),
 * the first hex `data` (a selector at least) of an RPC error in the chain.
 */
export function revertData(error: BaseError): Hex | undefined {
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
  if (reverted instanceof ContractFunctionRevertedError && reverted.raw !== undefined)
    return reverted.raw
  let found: Hex | undefined
  error.walk((e) => {
    const data = (e as { data?: unknown }).data
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)) found = data as Hex
    return found !== undefined
  })
  return found
}

function decodeRevert(data: Hex, abi: Abi, cause?: unknown): ContractRevertError | undefined {
  let decoded: ReturnType<typeof decodeErrorResult<Abi>>
  try {
    decoded = decodeErrorResult({ abi, data })
  } catch {
    return undefined
  }
  const { abiItem, errorName } = decoded
  if (abiItem.type !== 'error' || errorName === 'Error' || errorName === 'Panic') return undefined
  const args = decoded.args ?? []
  const reasons = abiItem.inputs.flatMap((input, i) => {
    const arg = args[i]
    if (input.type !== 'bytes' || typeof arg !== 'string') return []
    const reason = decodeRevert(arg as Hex, abi)
    return reason === undefined ? [] : [reason]
  })
  return new ContractRevertError(
    { errorName, args, data, reasons, inputs: abiItem.inputs },
    cause === undefined ? undefined : { cause },
  )
}
