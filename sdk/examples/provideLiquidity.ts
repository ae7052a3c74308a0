/**
 * An LP deposits 10 WETH into the call vault and 50,000 USDC into the put vault (the vaults sell
 * the market's calls and puts against these deposits) and prints the shares it received.
 *
 * `SMILE_DEPLOYMENT=… RPC_URL=… npx tsx examples/provideLiquidity.ts` (from `sdk/`, against `pnpm devnet`).
 */
import { buildDeposit, fetchVault, sendRequest } from '@smile/sdk'
import { deployment, devnetClient } from './deployment.js'

const client = devnetClient(3)
const lp = client.account.address
const deposits = [
  { vault: deployment.callVault, asset: deployment.base, assets: 10n * 10n ** 18n },
  { vault: deployment.putVault, asset: deployment.quote, assets: 50_000n * 10n ** 6n },
]
for (const { vault, asset, assets } of deposits) {
  await sendRequest(client, { request: buildDeposit({ vault, asset, assets, receiver: lp }) })
}
const [call, put] = await Promise.all(
  deposits.map(({ vault }) => fetchVault(client, { vault, account: lp })),
)
console.log(
  JSON.stringify({
    callShares: call?.account?.shares.toString(),
    putShares: put?.account?.shares.toString(),
  }),
)
