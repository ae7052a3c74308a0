import { type Address, type Client, domainSeparator, type Hex, type TypedDataDomain } from 'viem'
import { getChainId, multicall } from 'viem/actions'
import { multicallTarget } from '../oracle/batch.js'
import type { PermitState } from './permit.js'

export type FetchPermitParameters = {
  /** The ERC-20 token. */
  token: Address
  /** Who would sign the permit (and send the request that spends it). */
  owner: Address
  blockNumber?: bigint
}

/** The owner's permit state, or `null` when the token has no EIP-2612 permit this SDK can sign. */
export type FetchPermitReturnType = PermitState | null

/** The EIP-2612 and EIP-5267 views read, each allowed to fail (a token without them). */
const permitViewsAbi = [
  {
    type: 'function',
    name: 'DOMAIN_SEPARATOR',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'bytes32' }],
  },
  {
    type: 'function',
    name: 'nonces',
    stateMutability: 'view',
    inputs: [{ name: 'owner', type: 'address' }],
    outputs: [{ type: 'uint256' }],
  },
  {
    type: 'function',
    name: 'PERMIT_TYPEHASH',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'bytes32' }],
  },
  {
    type: 'function',
    name: 'name',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'string' }],
  },
  {
    type: 'function',
    name: 'version',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'string' }],
  },
  {
    type: 'function',
    name: 'eip712Domain',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      { name: 'fields', type: 'bytes1' },
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
      { name: 'salt', type: 'bytes32' },
      { name: 'extensions', type: 'uint256[]' },
    ],
  },
] as const

/**
 * keccak256 of EIP-2612's `Permit` type, `Permit(address owner,address spender,uint256 value,
 * uint256 nonce,uint256 deadline)`: a token exposing another (e.g. DAI's) is not EIP-2612. A
 * literal, so that importing the module hashes nothing; permit.test.ts recomputes it.
 */
export const EIP2612_PERMIT_TYPEHASH =
  '0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9'

/** The version most permit tokens use when they expose none (OpenZeppelin's and Solady's "1"). */
const DEFAULT_VERSION = '1'

/**
 * Reads whether `token` supports EIP-2612 permits and, if so, what `owner` signs: the token's
 * EIP-712 domain and `owner`'s nonce, in one batched `eth_call`. The domain is taken from
 * EIP-5267's `eip712Domain()` when the token has it, else built from `name()` and `version()`
 * (or "1") with the chain id and the token's address; it counts only if it hashes to the token's
 * own `DOMAIN_SEPARATOR()`, so a permit signed over it verifies on-chain. A token without
 * `DOMAIN_SEPARATOR`/`nonces`, whose domain cannot be reconstructed, or whose `PERMIT_TYPEHASH`
 * is not EIP-2612's (DAI's `permit` takes other arguments) gets `null`: use an approval.
 *
 * @example
 * ```ts
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { fetchPermit } from '@smile/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const permit = await fetchPermit(client, {
 *   token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
 * })
 * permit?.domain.version // '2' for USDC
 * ```
 */
export async function fetchPermit(
  client: Client,
  { token, owner, blockNumber }: FetchPermitParameters,
): Promise<FetchPermitReturnType> {
  const contract = { address: token, abi: permitViewsAbi } as const
  const [separator, nonce, typehash, name, version, eip712Domain] = await multicall(client, {
    allowFailure: true,
    ...multicallTarget(client),
    ...(blockNumber === undefined ? {} : { blockNumber }),
    contracts: [
      { ...contract, functionName: 'DOMAIN_SEPARATOR' },
      { ...contract, functionName: 'nonces', args: [owner] },
      { ...contract, functionName: 'PERMIT_TYPEHASH' },
      { ...contract, functionName: 'name' },
      { ...contract, functionName: 'version' },
      { ...contract, functionName: 'eip712Domain' },
    ],
  })
  if (separator.status !== 'success' || nonce.status !== 'success') return null
  if (typehash.status === 'success' && typehash.result !== EIP2612_PERMIT_TYPEHASH) return null
  const candidates: TypedDataDomain[] = []
  if (eip712Domain.status === 'success') candidates.push(fromEip5267(eip712Domain.result))
  if (name.status === 'success') {
    const chainId = client.chain?.id ?? (await getChainId(client))
    candidates.push({
      name: name.result,
      version: version.status === 'success' ? version.result : DEFAULT_VERSION,
      chainId,
      verifyingContract: token,
    })
  }
  const domain = candidates.find((d) => domainSeparator({ domain: d }) === separator.result)
  return domain === undefined
    ? null
    : Object.freeze({ token, owner, nonce: nonce.result, domain: Object.freeze(domain) })
}

/** The domain EIP-5267 describes: only the fields its bitmap marks as used. */
function fromEip5267([fields, name, version, chainId, verifyingContract, salt]: readonly [
  Hex,
  string,
  string,
  bigint,
  Address,
  Hex,
  readonly bigint[],
]): TypedDataDomain {
  const used = Number.parseInt(fields, 16)
  return {
    ...(used & 0x01 ? { name } : {}),
    ...(used & 0x02 ? { version } : {}),
    ...(used & 0x04 ? { chainId: Number(chainId) } : {}),
    ...(used & 0x08 ? { verifyingContract } : {}),
    ...(used & 0x10 ? { salt } : {}),
  }
}
