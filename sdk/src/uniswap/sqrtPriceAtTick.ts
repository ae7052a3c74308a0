import { TickOutOfRangeError } from './errors.js'

/** The lowest tick a Uniswap v3 pool supports. */
const MIN_TICK = -887_272
/** The highest tick a Uniswap v3 pool supports. */
const MAX_TICK = 887_272
const MAX_UINT256 = (1n << 256n) - 1n
/**
 * `round(2^128 / 1.0001^(2^(i-1)))` for i = 0..19, the factors of `1.0001^(-|tick|/2)`, as in
 * `contracts/libraries/TickMath.sol` (and every Uniswap v3 pool).
 */
const FACTORS = [
  0xfffcb933bd6fad37aa2d162d1a594001n,
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
] as const

/**
 * `sqrt(1.0001^tick)` in Q64.96, rounded up: the square-root price of token0 in token1 at a Uniswap
 * v3 tick, bit for bit what a pool and Smile's `TickMath.sqrtPriceAtTick` compute.
 *
 * @throws {TickOutOfRangeError} when `tick` is not an integer in [−887272, 887272].
 * @example
 * ```ts
 * import { sqrtPriceAtTick } from '@smile/sdk/uniswap'
 *
 * sqrtPriceAtTick(0) // 79228162514264337593543950336n (2^96)
 * ```
 */
export function sqrtPriceAtTick(tick: number): bigint {
  if (!Number.isInteger(tick) || tick < MIN_TICK || tick > MAX_TICK)
    throw new TickOutOfRangeError(tick)
  const absTick = Math.abs(tick)
  let r = 1n << 128n
  FACTORS.forEach((factor, i) => {
    if ((absTick >> i) & 1) r = i === 0 ? factor : (r * factor) >> 128n
  })
  if (tick > 0) r = MAX_UINT256 / r
  // Q128 → Q96, rounding up.
  return (r >> 32n) + ((r & 0xffffffffn) === 0n ? 0n : 1n)
}
