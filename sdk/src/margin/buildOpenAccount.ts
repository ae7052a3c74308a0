import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'

export type BuildOpenAccountParameters = {
  engine: Address
  /** Collateral in base to write calls (true), or in quote to write puts (false). */
  isCall: boolean
}

export type BuildOpenAccountReturnType = BuiltRequest

/**
 * Builds `engine.openAccount(isCall)`: a margin account owned by the sender, collateralised in
 * base (calls) or quote (puts). Its id is in the receipt's `AccountOpened` event.
 *
 * @example
 * ```ts
 * import { parseEventLogs } from 'viem'
 * import { buildOpenAccount, marginEngineAbi, sendRequest } from '@smile/sdk'
 * import type { Client } from 'viem'
 *
 * declare const client: Client
 * const request = buildOpenAccount({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3', isCall: false })
 * const { receipt } = await sendRequest(client, { request })
 * const [opened] = parseEventLogs({ abi: marginEngineAbi, logs: receipt.logs, eventName: 'AccountOpened' })
 * const accountId = opened?.args.accountId
 * ```
 */
export function buildOpenAccount({
  engine,
  isCall,
}: BuildOpenAccountParameters): BuildOpenAccountReturnType {
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'openAccount',
    args: [isCall],
  })
  return buildRequest(engine, data, [])
}
