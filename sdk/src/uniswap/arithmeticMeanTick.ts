import { InvalidTwapWindowError } from './errors.js'

export type ArithmeticMeanTickParameters = {
  /** `tickCumulatives` as returned by `pool.observe([windowSec, 0])`: oldest first. */
  tickCumulatives: readonly [bigint, bigint]
  /** Length of the window in seconds. */
  windowSec: number
}

/**
 * Arithmetic-mean tick of a Uniswap v3 pool over a window, from the two tick accumulators
 * `observe()` returns; rounded toward −∞, as the pool's own oracle library rounds it.
 *
 * @example
 * ```ts
 * import { arithmeticMeanTick } from '@smile/sdk/uniswap'
 *
 * arithmeticMeanTick({ tickCumulatives: [0n, -3_601n], windowSec: 1_800 }) // -3
 * ```
 */
export function arithmeticMeanTick({
  tickCumulatives,
  windowSec,
}: ArithmeticMeanTickParameters): number {
  if (!Number.isSafeInteger(windowSec) || windowSec <= 0)
    throw new InvalidTwapWindowError(windowSec)
  const window = BigInt(windowSec)
  const delta = tickCumulatives[1] - tickCumulatives[0]
  const mean = delta / window
  return Number(delta < 0n && delta % window !== 0n ? mean - 1n : mean)
}
