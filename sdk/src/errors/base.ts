import { BaseError } from 'viem'
import { version } from './version.js'

/**
 * What a {@link SmileError} carries besides its short message, as viem's `BaseError` takes it.
 *
 * @example
 * ```ts
 * import { SmileError, type SmileErrorParameters } from '@smile/sdk'
 *
 * const parameters: SmileErrorParameters = { metaMessages: ['vault: 0x5FbD…0aa3'] }
 * new SmileError('the vault is paused', parameters).metaMessages // ['vault: 0x5FbD…0aa3']
 * ```
 */
export type SmileErrorParameters = {
  /** The error this one explains or wraps; `walk()` follows the chain. */
  cause?: unknown
  /** One-line technical detail; taken from `cause` when it has one. */
  details?: string
  /** Lines shown under the short message: the values that explain the error, in human units. */
  metaMessages?: string[]
}

/**
 * Base class of every error the SDK throws: a viem `BaseError`, so `shortMessage`, `details`,
 * `metaMessages`, `cause` and `walk()` work as on viem's own errors (and a handler of viem errors
 * handles these), with `version` naming this package. Each subclass names one precondition or one
 * on-chain revert and carries the values that explain it.
 *
 * @example
 * ```ts
 * import { SmileError, impliedVolatility } from '@smile/sdk'
 *
 * try {
 *   impliedVolatility({ spot: 100, strike: 100, time: 1, price: 200, type: 'call' })
 * } catch (error) {
 *   if (error instanceof SmileError) console.error(error.name, error.shortMessage, error.metaMessages)
 * }
 * ```
 */
export class SmileError extends BaseError {
  override name = 'SmileError'

  constructor(shortMessage: string, { cause, details, metaMessages }: SmileErrorParameters = {}) {
    super(shortMessage, {
      ...(cause instanceof Error ? { cause } : {}),
      ...(details === undefined ? {} : { details }),
      ...(metaMessages === undefined ? {} : { metaMessages }),
    })
    // viem's message ends with viem's version and, for some causes, a link to viem's docs: this
    // package's errors name their own version and link nowhere.
    this.message = [
      shortMessage,
      '',
      ...(metaMessages === undefined ? [] : [...metaMessages, '']),
      ...(this.details ? [`Details: ${this.details}`] : []),
      `Version: @smile/sdk@${version}`,
    ].join('\n')
    this.version = `@smile/sdk@${version}`
    if (cause !== undefined && !(cause instanceof Error)) this.cause = cause
  }
}
