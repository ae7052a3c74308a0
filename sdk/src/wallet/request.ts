import type { Address, Hex } from 'viem'

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
 * Something that must hold before a request succeeds: an ERC-20 allowance of at least `amount`
 * from the sender to `spender`, with the `approve` transaction that grants it.
 *
 * @example
 * ```ts
 * import type { Requirement } from '@smile/sdk'
 *
 * const describe = (r: Requirement) => `approve ${r.spender} for ${r.amount} of ${r.token}`
 * ```
 */
export type Requirement = Readonly<{
  type: 'erc20Allowance'
  token: Address
  spender: Address
  amount: bigint
  approve: TransactionRequest
}>

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
