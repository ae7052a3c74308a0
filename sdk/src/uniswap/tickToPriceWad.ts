import { InvalidTokenDecimalsError } from './errors.js'
import { sqrtPriceAtTick } from './sqrtPriceAtTick.js'

const Q128 = 1n << 128n
const Q192 = 1n << 192n
const WAD_DECIMALS = 18

export type TickToPriceWadParameters = {
  /** A Uniswap v3 tick: the pool price token1/token0 in raw units is 1.0001^tick. */
  tick: number
  /** Whether the base asset (the one priced) is the pool's token0. */
  baseIsToken0: boolean
  baseDecimals: number
  quoteDecimals: number
}

/**
 * Price of one whole base token in whole quote tokens, in wad, at a Uniswap v3 tick, rounded
 * down — the same wei as the TWAP adapter's `TickMath.priceWadAtTick`. The square-root ratio
 * is the pool's own ({@link sqrtPriceAtTick}); below 2^128 it is squared exactly and divided once, above it (ticks > 443636) the square is first rounded
 * down to Q128, as the contract does to stay within 256 bits.
 *
 * @throws {TickOutOfRangeError} when `tick` is not an integer in [−887272, 887272].
 * @throws {InvalidTokenDecimalsError} when a decimals count is not an integer in [0, 36].
 * @example
 * ```ts
 * import { tickToPriceWad } from '@smile/sdk/uniswap'
 *
 * // WETH (18 decimals) as token1 priced in USDC (6 decimals) as token0.
 * tickToPriceWad({ tick: 196_256, baseIsToken0: false, baseDecimals: 18, quoteDecimals: 6 })
 * ```
 */
export function tickToPriceWad({
  tick,
  baseIsToken0,
  baseDecimals,
  quoteDecimals,
}: TickToPriceWadParameters): bigint {
  const sqrtRatioX96 = sqrtPriceAtTick(tick)
  for (const decimals of [baseDecimals, quoteDecimals])
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36)
      throw new InvalidTokenDecimalsError(decimals)
  // price(base in quote) = raw quote per raw base · 10^(18 + baseDecimals − quoteDecimals).
  const exponent = WAD_DECIMALS + baseDecimals - quoteDecimals
  const scaleUp = exponent >= 0 ? 10n ** BigInt(exponent) : 1n
  const scaleDown = exponent >= 0 ? 1n : 10n ** BigInt(-exponent)
  const [ratio, one] =
    sqrtRatioX96 < Q128
      ? [sqrtRatioX96 * sqrtRatioX96, Q192]
      : [(sqrtRatioX96 * sqrtRatioX96) >> 64n, Q128]
  const scaled = baseIsToken0 ? (ratio * scaleUp) / one : (one * scaleUp) / ratio
  return scaled / scaleDown
}
