import { type Hex, parseSignature } from 'viem'

/**
 * Splits a 65-byte ECDSA signature, its last byte `v` in {27, 28} or a y-parity in {0, 1} (as
 * some hardware wallets return it), into the `(v, r, s)` that Solidity's `permit` takes, with `v`
 * in {27, 28}.
 *
 * @example
 * ```ts
 * import { splitSignature } from '@smile/sdk'
 *
 * const { v } = splitSignature(`0x${'11'.repeat(32)}${'22'.repeat(32)}1b`) // v = 27
 * ```
 */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  const { r, s, v, yParity } = parseSignature(signature)
  return { v: v === undefined ? 27 + yParity : Number(v), r, s }
}
