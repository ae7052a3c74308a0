import type { Address, Hex } from 'viem'

/** A transaction to send: target, calldata and wei attached. */
export type TransactionRequest = Readonly<{ to: Address; data: Hex; value: bigint }>

/**
 * Something that must hold before a request succeeds: an ERC-20 allowance of at least `amount`
 * from the sender to `spender`, with the `approve` transaction that grants it.
 */
export type Requirement = Readonly<{
  type: 'erc20Allowance'
  token: Address
  spender: Address
  amount: bigint
  approve: TransactionRequest
}>

/** What a builder returns: the request, frozen, with its requirements. */
export type BuiltRequest = Readonly<TransactionRequest & { requirements: readonly Requirement[] }>
