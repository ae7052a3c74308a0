/**
 * Parameter types as the compiler checks them (`tsc --noEmit -p sdk` type-checks this file; it is
 * never run): each `@ts-expect-error` line must be an error, or tsc fails on the unused directive.
 */
import type { Client } from 'viem'
import type { TradeState } from '../../src/market/fetchTradeState.js'
import { quoteBuy } from '../../src/market/quoteBuy.js'
import { quoteSell } from '../../src/market/quoteSell.js'

declare const client: Client
declare const state: TradeState
const market = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const size = 10n ** 18n

// A client-based quote reads the market: it needs `market` and `id`.
// @ts-expect-error `market` and `id` are required with a client
void quoteBuy(client, { size })
// @ts-expect-error `id` is required with a client
void quoteSell(client, { market, size })
void quoteBuy(client, { market, id: 1n, size })
void quoteSell(client, { market, id: 1n, size, blockNumber: 1n })

// A quote on a fetched state is synchronous and takes the trade options only.
const premium: bigint = quoteBuy(state, { size }).premiumAssets
// @ts-expect-error a state already names its market; passing one is a mistake, not ignored
quoteSell(state, { market, id: 1n, size })
// @ts-expect-error the size is required
quoteBuy(state, {})

export { premium }
