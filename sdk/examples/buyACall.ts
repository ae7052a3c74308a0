/**
 * A trader quotes one call at the strike nearest the spot on the first live expiry, buys it at the
 * quote plus 1 % slippage, and prints what it paid next to what the SDK quoted.
 *
 * `SMILE_DEPLOYMENT=… RPC_URL=… npx tsx examples/buyACall.ts` (from `sdk/`, against `pnpm devnet`).
 */
import {
  buildBuy,
  encodeSeriesId,
  fetchTradeState,
  listExpiries,
  quoteBuy,
  sendRequest,
} from '@smile/sdk'
import { deployment, devnetClient } from './deployment.js'

const client = devnetClient(4)
// The first expiry open for trading, found from the market's own events.
const expiries = await listExpiries(client, {
  market: deployment.market,
  fromBlock: deployment.startBlock,
})
const expiry = expiries.find((listed) => listed.tradingOpen)?.expiry
if (expiry === undefined) throw new Error('the market lists no expiry open for trading')
const WAD = 10n ** 18n
// The spot, in whole quote units per base, rounded to a $100 strike.
const probe = await fetchTradeState(client, {
  market: deployment.market,
  id: encodeSeriesId({ expiry, strikeWad: 3_000n * WAD, isCall: true }),
})
const strikeWad = ((probe.spotWad + 50n * WAD) / (100n * WAD)) * 100n * WAD
const id = encodeSeriesId({ expiry, strikeWad, isCall: true })

const state = await fetchTradeState(client, { market: deployment.market, id })
const quote = quoteBuy(state, { size: WAD })
const { receipt } = await sendRequest(client, {
  request: buildBuy({
    market: deployment.market,
    asset: state.config.call.asset,
    id,
    size: WAD,
    maxPremiumAssets: (quote.premiumAssets * 101n) / 100n,
    deadline: state.timestamp + 600n,
  }),
})
console.log(
  JSON.stringify({
    expiry: Number(expiry),
    strike: Number(strikeWad / WAD),
    status: receipt.status,
    quotedPremiumAssets: quote.premiumAssets.toString(),
    block: Number(receipt.blockNumber),
  }),
)
