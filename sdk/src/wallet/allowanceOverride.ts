import {
  type Address,
  type Client,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  numberToHex,
  type StateOverride,
} from 'viem'
import { createAccessList, readContract } from 'viem/actions'

export type AllowanceOverrideParameters = {
  token: Address
  owner: Address
  spender: Address
  /** The allowance to pretend, token units. */
  amount: bigint
}

/** One token's storage override: `allowance(owner, spender)` reads `amount`. */
export type AllowanceOverrideReturnType = StateOverride[number] | undefined

/**
 * A state override (viem's `stateOverride` entry, a `stateDiff` of one slot) under which
 * `token.allowance(owner, spender)` returns `amount`, so that a call spending the allowance can be
 * simulated before any `approve` is sent.
 *
 * The slot is found without knowing the token's layout: `eth_createAccessList` of
 * `allowance(owner, spender)` lists the storage keys it reads (on the token or, behind a proxy, on
 * the proxy), and each key is tried under an override until `allowance` returns a marker value.
 * This finds the slot of OpenZeppelin's nested mapping, Solady's hashed seed and any other layout
 * that reads the allowance from one storage word.
 *
 * @returns `undefined` when no slot is found (the node has no `eth_createAccessList`, the
 * allowance is computed rather than stored, or packed with other data).
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { call } from 'viem/actions'
 * import { foundry } from 'viem/chains'
 * import { allowanceOverride } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const override = await allowanceOverride(client, {
 *   token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 *   spender: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   amount: 1_000_000n,
 * })
 * if (override !== undefined) {
 *   await call(client, { to: '0x5FbDB2315678afecb367f032d93F642f64180aa3', data: '0x', stateOverride: [override] })
 * }
 * ```
 */
export async function allowanceOverride(
  client: Client,
  { token, owner, spender, amount }: AllowanceOverrideParameters,
): Promise<AllowanceOverrideReturnType> {
  const data = encodeFunctionData({
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, spender],
  })
  let slots: { address: Address; slot: Hex }[]
  try {
    const { accessList } = await createAccessList(client, { to: token, data })
    slots = accessList.flatMap(({ address, storageKeys }) =>
      storageKeys.map((slot) => ({ address, slot })),
    )
  } catch {
    return undefined
  }
  // A marker no real allowance holds by chance: found, the slot is the allowance's own word.
  const marker = 0x5311e_a11_0a_ce_5a_17n
  for (const { address, slot } of slots) {
    const read = await readContract(client, {
      address: token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, spender],
      stateOverride: [{ address, stateDiff: [{ slot, value: numberToHex(marker, { size: 32 }) }] }],
    }).catch(() => undefined)
    if (read === marker)
      return { address, stateDiff: [{ slot, value: numberToHex(amount, { size: 32 }) }] }
  }
  return undefined
}
