/**
 * Base class of every error the SDK throws. Each subclass names one precondition or one
 * on-chain revert and carries the values that explain it; `cause` keeps the underlying error.
 *
 * @example
 * ```ts
 * import { SmileError, impliedVolatility } from '@smile/sdk'
 *
 * try {
 *   impliedVolatility({ spot: 100, strike: 100, time: 1, price: 200, type: 'call' })
 * } catch (error) {
 *   if (error instanceof SmileError) console.error(error.name, error.message)
 * }
 * ```
 */
export class SmileError extends Error {
  override name = 'SmileError'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
