/**
 * An LP (after `provideLiquidity.ts`) requests the exit of half its put-vault shares: the request
 * records a cap (what the shares' exit value is now) and becomes claimable after the vault's exit
 * notice; the claim pays the lower of the cap and the exit value then.
 *
 * `SMILE_DEPLOYMENT=… RPC_URL=… npx tsx examples/lpExit.ts` (from `sdk/`, against `pnpm devnet`).
 */

import { buildExitRequest, fetchExitRequest, quoteExitRequest, sendRequest } from '@smile/sdk'
import { erc20Abi } from 'viem'
import { deployment, devnetClient } from './deployment.js'

const client = devnetClient(3)
const lp = client.account.address
const vault = deployment.putVault
const held = await client.readContract({
  address: vault,
  abi: erc20Abi,
  functionName: 'balanceOf',
  args: [lp],
})
const shares = held / 2n
const { assetsCap } = await quoteExitRequest(client, { vault, shares })
await sendRequest(client, {
  request: buildExitRequest({ vault, shares, controller: lp, owner: lp }),
})
const request = await fetchExitRequest(client, { vault, controller: lp })
console.log(
  JSON.stringify({
    shares: shares.toString(),
    assetsCap: assetsCap.toString(),
    status: request.status,
    secondsLeft: Number(request.secondsLeft),
  }),
)
