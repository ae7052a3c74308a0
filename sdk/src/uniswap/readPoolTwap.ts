import type { Address, Client } from 'viem'
import { readContract } from 'viem/actions'
import { arithmeticMeanTick } from './arithmeticMeanTick.js'
import { InvalidTwapWindowError, PoolObservationError } from './errors.js'
import { uniswapV3PoolAbi } from './poolAbi.js'
import { tickToPriceWad } from './tickToPriceWad.js'

export type ReadPoolTwapParameters = {
  pool: Address
  /** The asset priced; the other token of the pool is the quote. */
  base: Address
  baseDecimals: number
  quoteDecimals: number
  /** Length of the TWAP window ending at the block read, in seconds. */
  windowSec: number
  /** Block to read at; the latest when omitted. */
  blockNumber?: bigint
}

export type ReadPoolTwapReturnType = {
  /** Arithmetic-mean tick over the window, rounded toward −∞. */
  meanTick: number
  /** Price of one base in quote, wad, rounded down: what the on-chain TWAP adapter returns. */
  priceWad: bigint
}

/**
 * Reads a Uniswap v3 pool's time-weighted average price off-chain, from `observe()`, with the
 * same tick and price math (and rounding) as Smile's `UniswapV3TwapAdapter`.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { readPoolTwap } from '@smile/sdk/uniswap'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { priceWad } = await readPoolTwap(client, {
 *   pool: '0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640',
 *   base: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
 *   baseDecimals: 18,
 *   quoteDecimals: 6,
 *   windowSec: 1_800,
 * })
 * ```
 */
export async function readPoolTwap(
  client: Client,
  { pool, base, baseDecimals, quoteDecimals, windowSec, blockNumber }: ReadPoolTwapParameters,
): Promise<ReadPoolTwapReturnType> {
  if (!Number.isSafeInteger(windowSec) || windowSec <= 0 || windowSec >= 2 ** 32)
    throw new InvalidTwapWindowError(windowSec)
  const at = blockNumber === undefined ? {} : { blockNumber }
  const [tickCumulatives, token0] = await Promise.all([
    readContract(client, {
      address: pool,
      abi: uniswapV3PoolAbi,
      functionName: 'observe',
      args: [[windowSec, 0]],
      ...at,
    }).then(([tickCumulatives]) => tickCumulatives),
    readContract(client, { address: pool, abi: uniswapV3PoolAbi, functionName: 'token0', ...at }),
  ])
  const [older, newer] = tickCumulatives
  if (older === undefined || newer === undefined)
    throw new PoolObservationError(pool, tickCumulatives.length)
  const meanTick = arithmeticMeanTick({ tickCumulatives: [older, newer], windowSec })
  const baseIsToken0 = token0.toLowerCase() === base.toLowerCase()
  return {
    meanTick,
    priceWad: tickToPriceWad({ tick: meanTick, baseIsToken0, baseDecimals, quoteDecimals }),
  }
}
