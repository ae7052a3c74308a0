import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId } from './validate.js'

export type BuildSettleAccountParameters = {
  engine: Address
  accountId: bigint
}

export type BuildSettleAccountReturnType = BuiltRequest

/**
 * Builds `engine.settleAccount(accountId)`: the account pays what its positions of settled
 * expiries owe the vault (collateral first, then the insurance fund, the rest written off) and
 * they are removed. Anyone; settle the expiry first (`buildSettle`).
 *
 * @throws InvalidBuildArgumentError if `accountId` is not positive.
 * @example
 * ```ts
 * import { buildSettleAccount } from '@smile/sdk'
 *
 * const request = buildSettleAccount({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3', accountId: 1n })
 * ```
 */
export function buildSettleAccount({
  engine,
  accountId,
}: BuildSettleAccountParameters): BuildSettleAccountReturnType {
  checkAccountId('accountId', accountId)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'settleAccount',
    args: [accountId],
  })
  return buildRequest(engine, data, [])
}
