import { type Address, encodeFunctionData, erc20Abi, type Hex } from 'viem'
import type {
  AllowanceRequirement,
  BuiltRequest,
  Requirement,
  TransactionRequest,
} from './request.js'

/**
 * Freezes a request with its requirements (used by every builder).
 *
 * @example
 * ```ts
 * import { buildRequest } from '@smile/sdk'
 *
 * const request = buildRequest('0x5FbDB2315678afecb367f032d93F642f64180aa3', '0x', [])
 * ```
 */
export function buildRequest(
  to: Address,
  data: Hex,
  requirements: readonly Requirement[],
): BuiltRequest {
  return Object.freeze({ to, data, value: 0n, requirements: Object.freeze([...requirements]) })
}

/**
 * An ERC-20 allowance requirement with its `approve(spender, amount)` request.
 *
 * @example
 * ```ts
 * import { allowanceRequirement } from '@smile/sdk'
 *
 * const requirement = allowanceRequirement(
 *   '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   1_000_000n,
 * )
 * ```
 */
export function allowanceRequirement(
  token: Address,
  spender: Address,
  amount: bigint,
): AllowanceRequirement {
  const approve: TransactionRequest = Object.freeze({
    to: token,
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
    value: 0n,
  })
  return Object.freeze({ type: 'erc20Allowance', token, spender, amount, approve })
}
