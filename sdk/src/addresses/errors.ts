import { SmileError } from '../errors/base.js'

/**
 * A deployment file's JSON lacks a field or has one of the wrong kind (`field` says which and
 * what it must be).
 *
 * @example
 * ```ts
 * import { InvalidDeploymentError, parseDeployment } from '@smile/sdk'
 *
 * try {
 *   parseDeployment({ chainId: 1 })
 * } catch (error) {
 *   if (error instanceof InvalidDeploymentError) error.field // 'startBlock, a block number'
 * }
 * ```
 */
export class InvalidDeploymentError extends SmileError {
  override name = 'InvalidDeploymentError'
  readonly field: string

  constructor(field: string) {
    super(`invalid deployment: expected ${field}`)
    this.field = field
  }
}

/**
 * The address book has no deployment on `chainId`; `knownChainIds` are the chains it has.
 *
 * @example
 * ```ts
 * import { UnknownChainError, getAddresses } from '@smile/sdk'
 *
 * try {
 *   getAddresses(10)
 * } catch (error) {
 *   if (error instanceof UnknownChainError) error.knownChainIds // the chains Smile is on
 * }
 * ```
 */
export class UnknownChainError extends SmileError {
  override name = 'UnknownChainError'
  readonly chainId: number
  readonly knownChainIds: readonly number[]

  constructor(chainId: number, knownChainIds: readonly number[]) {
    const known = knownChainIds.length === 0 ? 'none' : knownChainIds.join(', ')
    super(`no Smile deployment on chain ${chainId} in the address book (chains: ${known})`)
    this.chainId = chainId
    this.knownChainIds = knownChainIds
  }
}
