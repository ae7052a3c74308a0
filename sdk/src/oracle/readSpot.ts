import type { Address, Client } from 'viem'
import { readContract } from 'viem/actions'
import { iSpotOracleAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { oracleErrorsAbi } from './oracleErrorsAbi.js'

export type ReadSpotParameters = {
  /** Any `ISpotOracle`: a Chainlink or TWAP adapter, or the `SpotOracleRouter`. */
  oracle: Address
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type ReadSpotReturnType = {
  /** Price of one whole base unit in whole quote units, wad, rounded down. */
  priceWad: bigint
  /** Timestamp (seconds) of the observation the price comes from. */
  updatedAt: bigint
}

/**
 * Reads the spot price of an `ISpotOracle` — what the protocol trades on when `oracle` is the
 * router. The oracle refuses to price rather than return a bad price; its refusal is thrown as a
 * {@link ContractRevertError} (`StalePrice`, `PriceDeviationTooHigh`, `PrimaryUnavailable` with
 * the primary's own error in `reasons`, ...).
 *
 * @throws ContractRevertError when the oracle reverts with one of the oracle layer's errors.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { readSpot } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { priceWad, updatedAt } = await readSpot(client, {
 *   oracle: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 * })
 * ```
 */
export async function readSpot(
  client: Client,
  { oracle, blockNumber }: ReadSpotParameters,
): Promise<ReadSpotReturnType> {
  try {
    const [priceWad, updatedAt] = await readContract(client, {
      address: oracle,
      abi: iSpotOracleAbi,
      functionName: 'spot',
      ...(blockNumber === undefined ? {} : { blockNumber }),
    })
    return { priceWad, updatedAt }
  } catch (error) {
    throw toContractRevertError(error, oracleErrorsAbi())
  }
}
