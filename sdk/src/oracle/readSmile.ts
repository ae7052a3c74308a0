import type { Address, Client } from 'viem'
import { multicall } from 'viem/actions'
import { iVolatilityOracleAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import type { SviParams } from '../math/svi.js'
import type { SviParamsWad } from '../math/wad/sviWad.js'
import { fromWad } from '../math/wad.js'
import { multicallTarget } from './batch.js'
import { assertExpiry } from './errors.js'
import { oracleErrorsAbi } from './oracleErrorsAbi.js'

export type ReadSmileParameters = {
  /** The `VolatilityOracle` of the pair. */
  volatilityOracle: Address
  /** The expiry, seconds. */
  expiry: bigint
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type ReadSmileReturnType = {
  /** Raw SVI parameters in total variance, wad, exactly as stored: input of the wad mirror. */
  paramsWad: SviParamsWad
  /** The same parameters as floats (nearest float to each wad), for the float fast path. */
  params: SviParams
  /** When the smile was posted, seconds. */
  updatedAt: bigint
  /** The oracle refuses this smile (`StaleSmile`) after this timestamp: updatedAt + maxStaleness. */
  staleAfter: bigint
}

/**
 * Reads the SVI smile of an expiry from a `VolatilityOracle`, with its staleness horizon, in one
 * `eth_call` through Multicall3 (the client chain's, or deployless where the chain declares none,
 * as on anvil), so both values come from the same block. The oracle refuses to serve a smile that
 * is unset, expired or stale; its refusal is thrown as a {@link ContractRevertError}
 * (`SmileNotSet`, `ExpiryPassed`, `StaleSmile`).
 *
 * @throws InvalidExpiryError when `expiry` is not in (0, 2^256).
 * @throws ContractRevertError when the oracle reverts with one of the oracle layer's errors.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { readSmile, sviImpliedVolWad } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const expiry = 1_767_225_600n
 * const { paramsWad } = await readSmile(client, {
 *   volatilityOracle: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   expiry,
 * })
 * const atTheMoneyVol = sviImpliedVolWad(paramsWad, 0n, 30n * 86_400n)
 * ```
 */
export async function readSmile(
  client: Client,
  { volatilityOracle, expiry, blockNumber }: ReadSmileParameters,
): Promise<ReadSmileReturnType> {
  assertExpiry(expiry)
  const contract = { address: volatilityOracle, abi: iVolatilityOracleAbi } as const
  try {
    const [[raw, updatedAt], maxStaleness] = await multicall(client, {
      contracts: [
        { ...contract, functionName: 'smile', args: [expiry] },
        { ...contract, functionName: 'maxStaleness' },
      ],
      allowFailure: false,
      ...multicallTarget(client),
      ...(blockNumber === undefined ? {} : { blockNumber }),
    })
    const paramsWad: SviParamsWad = { a: raw.a, b: raw.b, rho: raw.rho, m: raw.m, sigma: raw.sigma }
    return {
      paramsWad,
      params: {
        a: fromWad(raw.a),
        b: fromWad(raw.b),
        rho: fromWad(raw.rho),
        m: fromWad(raw.m),
        sigma: fromWad(raw.sigma),
      },
      updatedAt,
      staleAfter: updatedAt + maxStaleness,
    }
  } catch (error) {
    throw toContractRevertError(error, oracleErrorsAbi())
  }
}
