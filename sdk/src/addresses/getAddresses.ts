import { type AddressBook, addressBook } from './addressBook.js'
import { UnknownChainError } from './errors.js'
import type { SmileDeployment } from './parseDeployment.js'

/**
 * The Smile deployment on `chainId`, from the SDK's address book (generated from the repository's
 * `deployments/<chainId>.json` files) or from `book` when given — say, the SDK's book plus a local
 * devnet read with `parseDeployment`.
 *
 * @throws UnknownChainError when the book has no deployment on `chainId` (it lists those it has).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { addressBook, getAddresses, parseDeployment } from '@smile/sdk'
 *
 * const devnet = parseDeployment(JSON.parse(readFileSync('deployments/31337.json', 'utf8')))
 * const { market, startBlock } = getAddresses(31337, { ...addressBook, [devnet.chainId]: devnet })
 * ```
 */
export function getAddresses(chainId: number, book: AddressBook = addressBook): SmileDeployment {
  const deployment = book[chainId]
  if (deployment === undefined)
    throw new UnknownChainError(
      chainId,
      Object.keys(book)
        .map(Number)
        .sort((a, b) => a - b),
    )
  return deployment
}
