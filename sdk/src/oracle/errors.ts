import { SmileError } from '../errors/base.js'

const UINT256_MAX = (1n << 256n) - 1n

/**
 * An expiry that no oracle can hold: not a timestamp in seconds in (0, 2^256).
 *
 * @example
 * ```ts
 * import { InvalidExpiryError } from '@smile/sdk'
 *
 * new InvalidExpiryError(0n).expiry // 0n
 * ```
 */
export class InvalidExpiryError extends SmileError {
  override name = 'InvalidExpiryError'
  readonly expiry: bigint

  constructor(expiry: bigint) {
    super(`expiry must be a timestamp in seconds in (0, 2^256), got ${expiry}`)
    this.expiry = expiry
  }
}

/** Throws {@link InvalidExpiryError} unless `expiry` is a uint256 timestamp after 0. */
export function assertExpiry(expiry: bigint): void {
  if (expiry <= 0n || expiry > UINT256_MAX) throw new InvalidExpiryError(expiry)
}
