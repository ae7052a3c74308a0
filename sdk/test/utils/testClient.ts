/**
 * A viem test client on an anvil instance (public + wallet actions), and deploy/send helpers
 * shared by the integration tests.
 */
import {
  type Abi,
  type Address,
  createTestClient,
  getAddress,
  http,
  publicActions,
  walletActions,
} from 'viem'
import { foundry } from 'viem/chains'
import type { Artifact } from './artifacts.js'

/** A fixed gas limit: anvil's estimate, made at the previous timestamp, can fall short after a warp. */
export const TX_GAS = 10_000_000n

/**
 * A test client on `rpcUrl`. `pollingInterval` (ms) bounds how long waiting for a receipt may
 * take when viem misses the transaction on its first look (viem's default is 4 s).
 */
export function makeTestClient(
  rpcUrl: string,
  { pollingInterval }: { pollingInterval?: number } = {},
) {
  return createTestClient({
    chain: foundry,
    mode: 'anvil',
    transport: http(rpcUrl),
    ...(pollingInterval === undefined ? {} : { pollingInterval, cacheTime: 0 }),
  })
    .extend(publicActions)
    .extend(walletActions)
}

export type TestClient = ReturnType<typeof makeTestClient>

/** Deploys `artifact` from `from` and returns its address. */
export async function deployArtifact(
  client: TestClient,
  from: Address,
  artifact: Artifact,
  args: readonly unknown[] = [],
): Promise<Address> {
  const hash = await client.deployContract({ ...artifact, args, account: from, gas: TX_GAS })
  const { contractAddress, status } = await client.waitForTransactionReceipt({ hash })
  if (!contractAddress || status !== 'success') throw new Error('deployment reverted')
  return getAddress(contractAddress)
}

/** Sends a transaction, checks it succeeded and returns the timestamp of the block that mined it. */
export async function sendCall(
  client: TestClient,
  from: Address,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<bigint> {
  const hash = await client.writeContract({
    address,
    abi,
    functionName,
    args,
    account: from,
    gas: TX_GAS,
    chain: foundry,
  })
  const receipt = await client.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error(`${functionName} reverted`)
  return (await client.getBlock({ blockNumber: receipt.blockNumber })).timestamp
}
