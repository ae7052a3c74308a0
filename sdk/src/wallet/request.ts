import type { Address, Hex } from 'viem'
import type { Erc2612PermitTypedData } from './permit.js'

/**
 * A transaction to send: target, calldata and wei attached.
 *
 * @example
 * ```ts
 * import type { TransactionRequest } from '@smile/sdk'
 * import type { Account, WalletClient } from 'viem'
 *
 * declare const wallet: WalletClient & { account: Account }
 * declare const request: TransactionRequest
 * await wallet.sendTransaction({ ...request, account: wallet.account, chain: null })
 * ```
 */
export type TransactionRequest = Readonly<{ to: Address; data: Hex; value: bigint }>

/**
 * An ERC-20 allowance of at least `amount` from the sender to `spender`, with the `approve`
 * transaction that grants it.
 *
 * @example
 * ```ts
 * import type { AllowanceRequirement } from '@smile/sdk'
 *
 * const describe = (r: AllowanceRequirement) => `approve ${r.spender} for ${r.amount} of ${r.token}`
 * ```
 */
export type AllowanceRequirement = Readonly<{
  type: 'erc20Allowance'
  token: Address
  spender: Address
  amount: bigint
  approve: TransactionRequest
}>

/**
 * An allowance of `amount` from `owner` (the sender) to `spender` that an EIP-2612 permit grants
 * inside the request's own transaction: sign `typedData` (viem `signTypedData`) and send
 * `withSignature(signature)` instead of the request. Met already when the allowance suffices (the
 * request is then sent as it is); `approve` followed by the request is the way for a signer that
 * cannot sign typed data.
 *
 * @example
 * ```ts
 * import type { PermitRequirement } from '@smile/sdk'
 * import type { Account, WalletClient } from 'viem'
 *
 * declare const wallet: WalletClient & { account: Account }
 * declare const requirement: PermitRequirement
 * const signature = await wallet.signTypedData({ ...requirement.typedData, account: wallet.account })
 * await wallet.sendTransaction({
 *   ...requirement.withSignature(signature),
 *   account: wallet.account,
 *   chain: null,
 * })
 * ```
 */
export type PermitRequirement = Readonly<{
  type: 'erc2612Permit'
  token: Address
  owner: Address
  spender: Address
  amount: bigint
  /** The permit's deadline, seconds. */
  deadline: bigint
  typedData: Erc2612PermitTypedData
  approve: TransactionRequest
  withSignature: (signature: Hex) => TransactionRequest
}>

/**
 * Something that must hold before a request succeeds: an ERC-20 allowance to grant by `approve`,
 * or by an EIP-2612 permit signed and spent in the request's own transaction.
 *
 * @example
 * ```ts
 * import type { Requirement } from '@smile/sdk'
 *
 * const describe = (r: Requirement) =>
 *   r.type === 'erc2612Permit' ? `sign a permit for ${r.amount}` : `approve ${r.amount}`
 * ```
 */
export type Requirement = AllowanceRequirement | PermitRequirement

/**
 * What a builder returns: the request, frozen, with its requirements.
 *
 * @example
 * ```ts
 * import { type BuiltRequest, buildDeposit } from '@smile/sdk'
 *
 * const request: BuiltRequest = buildDeposit({
 *   vault: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   assets: 1_000_000_000n,
 *   receiver: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * const approvals = request.requirements.map((r) => r.approve) // send these first
 * ```
 */
export type BuiltRequest = Readonly<TransactionRequest & { requirements: readonly Requirement[] }>
