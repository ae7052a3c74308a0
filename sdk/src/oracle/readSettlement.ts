import type { Address, Client } from 'viem'
import { multicall } from 'viem/actions'
import { iSettlementOracleAbi } from '../abi/generated.js'
import { toContractRevertError } from '../errors/contractRevert.js'
import { multicallTarget } from './batch.js'
import { assertExpiry } from './errors.js'
import { oracleErrorsAbi } from './oracleErrorsAbi.js'

export type ReadSettlementParameters = {
  /** The `SettlementOracle` of the pair. */
  settlementOracle: Address
  /** The expiry, seconds. */
  expiry: bigint
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

/**
 * When the two settlement paths of an expiry open, from the oracle's immutable delays.
 *
 * @example
 * ```ts
 * import type { SettlementWindows } from '@smile/sdk'
 *
 * const primaryIsOpen = ({ primaryOpensAt }: SettlementWindows, nowSec: bigint) => nowSec >= primaryOpensAt
 * ```
 */
export type SettlementWindows = {
  /** From this timestamp (expiry + settlementDelay) anyone may `settle` from the primary source. */
  primaryOpensAt: bigint
  /** The primary path accepts only an observation made at or before this timestamp. */
  latestObservationAt: bigint
  /** From this timestamp (expiry + fallbackDelay) anyone may `settleFallback`. */
  fallbackOpensAt: bigint
}

export type ReadSettlementReturnType = SettlementWindows &
  (
    | { isSettled: false }
    | {
        isSettled: true
        /** Settlement price of the base in the quote, wad; fixed once, never changed. */
        priceWad: bigint
        /** Timestamp (seconds) of the observation the price comes from. */
        observedAt: bigint
        /** Whether it was fixed by the fallback path (the fallback oracle's spot). */
        viaFallback: boolean
      }
  )

/**
 * Reads the settlement state of an expiry on a `SettlementOracle`: whether its price is fixed,
 * and if so the price, the observation time and the path that fixed it, and when each settlement
 * path opens. One `eth_call` through Multicall3 (the client chain's, or deployless where the
 * chain declares none, as on anvil), so every value comes from the same block. An unsettled
 * expiry is a state (`isSettled: false`), never a zero price.
 *
 * @throws InvalidExpiryError when `expiry` is not in (0, 2^256).
 * @throws ContractRevertError when the oracle reverts with one of the oracle layer's errors.
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { readSettlement } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const settlement = await readSettlement(client, {
 *   settlementOracle: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   expiry: 1_767_225_600n,
 * })
 * if (settlement.isSettled) console.log(settlement.priceWad)
 * else console.log('settle from', settlement.primaryOpensAt)
 * ```
 */
export async function readSettlement(
  client: Client,
  { settlementOracle, expiry, blockNumber }: ReadSettlementParameters,
): Promise<ReadSettlementReturnType> {
  assertExpiry(expiry)
  const contract = { address: settlementOracle, abi: iSettlementOracleAbi } as const
  try {
    const [settlement, settlementDelay, maxObservationLag, fallbackDelay] = await multicall(
      client,
      {
        contracts: [
          { ...contract, functionName: 'settlement', args: [expiry] },
          { ...contract, functionName: 'settlementDelay' },
          { ...contract, functionName: 'maxObservationLag' },
          { ...contract, functionName: 'fallbackDelay' },
        ],
        allowFailure: false,
        ...multicallTarget(client),
        ...(blockNumber === undefined ? {} : { blockNumber }),
      },
    )
    const windows: SettlementWindows = {
      primaryOpensAt: expiry + settlementDelay,
      latestObservationAt: expiry + maxObservationLag,
      fallbackOpensAt: expiry + fallbackDelay,
    }
    if (settlement.priceWad === 0n) return { ...windows, isSettled: false }
    return {
      ...windows,
      isSettled: true,
      priceWad: settlement.priceWad,
      observedAt: settlement.observedAt,
      viaFallback: settlement.viaFallback,
    }
  } catch (error) {
    throw toContractRevertError(error, oracleErrorsAbi())
  }
}
