/**
 * What every example starts from: the devnet's deployment file (`pnpm devnet` writes it), a wallet
 * client for one of its funded accounts, and the listed expiries that are still live on its clock.
 *
 * Environment: `SMILE_DEPLOYMENT` (default `deployments/31337.json` at the repository root) and
 * `RPC_URL` (default the devnet's `http://127.0.0.1:8545`).
 */
import { readFileSync } from 'node:fs'
import { type Address, createWalletClient, http, publicActions } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'

export type Deployment = {
  market: Address
  marginEngine: Address
  callVault: Address
  putVault: Address
  base: Address
  quote: Address
  lp: Address
  trader: Address
  expiries: readonly number[]
}

export const deployment: Deployment = JSON.parse(
  readFileSync(
    process.env.SMILE_DEPLOYMENT ??
      new URL('../../deployments/31337.json', import.meta.url).pathname,
    'utf8',
  ),
)

/** A wallet client (with public actions) for the devnet's account `addressIndex` (3 lp, 4 trader). */
export function devnetClient(addressIndex: number) {
  const account = mnemonicToAccount('test test test test test test test test test test test junk', {
    addressIndex,
  })
  return createWalletClient({
    account,
    chain: foundry,
    transport: http(process.env.RPC_URL ?? 'http://127.0.0.1:8545'),
  }).extend(publicActions)
}

/** The deployment's listed expiries that are more than a day away on the chain's clock, seconds. */
export async function liveExpiries(client: ReturnType<typeof devnetClient>): Promise<bigint[]> {
  const { timestamp } = await client.getBlock()
  return deployment.expiries.map(BigInt).filter((expiry) => expiry > timestamp + 86_400n)
}
