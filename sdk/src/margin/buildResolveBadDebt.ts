import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId } from './validate.js'

export type BuildResolveBadDebtParameters = {
  engine: Address
  accountId: bigint
}

export type BuildResolveBadDebtReturnType = BuiltRequest

/**
 * Builds `engine.resolveBadDebt(accountId)` for an account whose collateral is below its mark
 * (status `insolvent`, which cannot be liquidated): its shorts are cancelled against the vault,
 * paid from its collateral, then the insurance fund, the vault bearing the rest. Anyone.
 *
 * @throws InvalidBuildArgumentError if `accountId` is not positive.
 * @example
 * ```ts
 * import { buildResolveBadDebt } from '@smile/sdk'
 *
 * const request = buildResolveBadDebt({ engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3', accountId: 4n })
 * ```
 */
export function buildResolveBadDebt({
  engine,
  accountId,
}: BuildResolveBadDebtParameters): BuildResolveBadDebtReturnType {
  checkAccountId('accountId', accountId)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'resolveBadDebt',
    args: [accountId],
  })
  return buildRequest(engine, data, [])
}
