import {
  type Address,
  type Hex,
  isAddressEqual,
  type TypedDataDefinition,
  type TypedDataDomain,
} from 'viem'
import { InvalidBuildArgumentError } from '../errors/market.js'
import { PermitMismatchError } from '../errors/permit.js'
import { allowanceRequirement } from './buildRequest.js'
import type { PermitRequirement, Requirement, TransactionRequest } from './request.js'

/**
 * EIP-2612's `Permit` struct, the typed data an owner signs to grant an allowance.
 *
 * @example
 * ```ts
 * import { erc2612PermitTypes } from '@smile/sdk'
 *
 * erc2612PermitTypes.Permit.map((field) => field.name) // ['owner', 'spender', 'value', 'nonce', 'deadline']
 * ```
 */
export const erc2612PermitTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

/**
 * The EIP-712 typed data of an EIP-2612 permit, ready for viem's `signTypedData`.
 *
 * @example
 * ```ts
 * import type { Erc2612PermitTypedData } from '@smile/sdk'
 *
 * const spenderOf = (typedData: Erc2612PermitTypedData) => typedData.message.spender
 * ```
 */
export type Erc2612PermitTypedData = TypedDataDefinition<typeof erc2612PermitTypes, 'Permit'>

/**
 * What an owner needs to sign an EIP-2612 permit on a token: the token's EIP-712 domain (checked
 * against its `DOMAIN_SEPARATOR()`) and the owner's current nonce, as `fetchPermit` reads them.
 *
 * @example
 * ```ts
 * import type { PermitState } from '@smile/sdk'
 *
 * const nextNonce = (state: PermitState) => state.nonce + 1n
 * ```
 */
export type PermitState = Readonly<{
  token: Address
  owner: Address
  nonce: bigint
  domain: TypedDataDomain
}>

/**
 * A permit state with the deadline the signature carries (a timestamp, seconds): what a builder
 * takes to return a permit requirement rather than an approval.
 *
 * @example
 * ```ts
 * import type { PermitParameters, PermitState } from '@smile/sdk'
 *
 * const withDeadline = (state: PermitState, deadline: bigint): PermitParameters => ({
 *   ...state,
 *   deadline,
 * })
 * ```
 */
export type PermitParameters = Readonly<PermitState & { deadline: bigint }>

export type PermitRequirementParameters = {
  /** The owner's permit state and the deadline. */
  permit: PermitParameters
  /** Who the permit lets pull the tokens. */
  spender: Address
  /** Token units permitted. */
  amount: bigint
  /** The request that presents the signature to `spender` in the same transaction. */
  withSignature: (signature: Hex) => TransactionRequest
}

/**
 * An EIP-2612 permit requirement: the typed data to sign and the request that spends the
 * signature; `approve` is the alternative for a signer that cannot sign typed data (a smart
 * account), after which the builder's own request applies.
 *
 * @example
 * ```ts
 * import { permitRequirement } from '@smile/sdk'
 *
 * const requirement = permitRequirement({
 *   permit: {
 *     token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *     owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *     nonce: 0n,
 *     domain: {
 *       name: 'USD Coin',
 *       version: '2',
 *       chainId: 1,
 *       verifyingContract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *     },
 *     deadline: 1_798_700_000n,
 *   },
 *   spender: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   amount: 1_000_000n,
 *   withSignature: (signature) => ({
 *     to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *     data: signature,
 *     value: 0n,
 *   }),
 * })
 * requirement.typedData.message.value // 1_000_000n
 * ```
 */
export function permitRequirement({
  permit,
  spender,
  amount,
  withSignature,
}: PermitRequirementParameters): PermitRequirement {
  const { token, owner, nonce, domain, deadline } = permit
  const typedData: Erc2612PermitTypedData = Object.freeze({
    domain,
    types: erc2612PermitTypes,
    primaryType: 'Permit',
    message: { owner, spender, value: amount, nonce, deadline },
  })
  const { approve } = allowanceRequirement(token, spender, amount)
  return Object.freeze({
    type: 'erc2612Permit',
    token,
    owner,
    spender,
    amount,
    deadline,
    typedData,
    approve,
    withSignature,
  })
}

/**
 * The requirement of a request that pulls `amount` of `token` from the sender to `spender`: an
 * EIP-2612 permit when the sender's permit state is given (`fetchPermit` found one), spent by the
 * request `withPermit` builds from the signature and the permit's deadline; else an allowance to
 * approve.
 *
 * @throws PermitMismatchError if the permit is for another token.
 * @throws InvalidBuildArgumentError if the permit's deadline is not a timestamp.
 * @example
 * ```ts
 * const requirement = allowanceOrPermitRequirement({
 *   token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   spender: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   amount: 1_000_000n,
 *   permit: null,
 *   withPermit: (signature) => ({
 *     to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *     data: signature,
 *     value: 0n,
 *   }),
 * })
 * requirement.type // 'erc20Allowance'
 * ```
 */
export function allowanceOrPermitRequirement({
  token,
  spender,
  amount,
  permit,
  withPermit,
}: {
  token: Address
  spender: Address
  amount: bigint
  permit: PermitParameters | null | undefined
  withPermit: (signature: Hex, deadline: bigint) => TransactionRequest
}): Requirement {
  if (permit === null || permit === undefined) return allowanceRequirement(token, spender, amount)
  if (!isAddressEqual(permit.token, token))
    throw new PermitMismatchError('token', token, permit.token)
  if (permit.deadline <= 0n)
    throw new InvalidBuildArgumentError('permit.deadline', permit.deadline, 'must be a timestamp')
  const { deadline } = permit
  return permitRequirement({
    permit,
    spender,
    amount,
    withSignature: (signature) => withPermit(signature, deadline),
  })
}
