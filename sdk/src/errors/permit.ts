import type { Address } from 'viem'
import { SmileError } from './base.js'

/**
 * An EIP-2612 permit that cannot be the one the request spends: its `token` is not the asset the
 * request pulls, or its `owner` is not the account that sends the request (the vault takes the
 * permit of `msg.sender`).
 *
 * @example
 * ```ts
 * import { PermitMismatchError } from '@smile/sdk'
 *
 * const error = new PermitMismatchError(
 *   'owner',
 *   '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
 * )
 * error.field // 'owner'
 * ```
 */
export class PermitMismatchError extends SmileError {
  override name = 'PermitMismatchError'
  readonly field: 'token' | 'owner'
  readonly expected: Address
  readonly actual: Address

  constructor(
    field: 'token' | 'owner',
    expected: Address,
    actual: Address,
    options?: { cause?: unknown },
  ) {
    super(`permit ${field} is ${actual}, the request needs ${expected}`, options)
    this.field = field
    this.expected = expected
    this.actual = actual
  }
}
