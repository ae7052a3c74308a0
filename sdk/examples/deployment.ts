/**
 * What every example starts from: the devnet's deployment file (`pnpm devnet` writes it, with the
 * RPC URL it runs on), a wallet client for one of its funded accounts, and the expiries the market
 * lists that are still open for trading.
 *
 * Environment: `SMILE_DEPLOYMENT` (default `deployments/31337.json` at the repository root);
 * `RPC_URL` overrides the file's.
 */
import { readFileSync } from 'node:fs'
import { parseDeployment } from '@smile/sdk'
import { createWalletClient, http, publicActions } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'

export const deployment = parseDeployment(
  JSON.parse(
    readFileSync(
      process.env.SMILE_DEPLOYMENT ??
        new URL('../../deployments/31337.json', import.meta.url).pathname,
      'utf8',
    ),
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
    transport: http(process.env.RPC_URL ?? deployment.rpcUrl),
  }).extend(publicActions)
}
