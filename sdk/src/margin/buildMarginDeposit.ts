import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { allowanceRequirement, buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId, checkPositive } from './validate.js'

export type BuildMarginDepositParameters = {
  engine: Address
  /** The account's collateral: the market's base for a call account, its quote for a put account. */
  asset: Address
  accountId: bigint
  /** Collateral to add, token units. */
  assets: bigint
}

export type BuildMarginDepositReturnType = BuiltRequest

/**
 * Builds `engine.deposit(accountId, assets)`, with the allowance of `assets` to the engine as a
 * requirement. Anyone may deposit to any account.
 *
 * @throws InvalidBuildArgumentError if `accountId` or `assets` is not positive.
 * @example
 * ```ts
 * import { buildMarginDeposit } from '@smile/sdk'
 *
 * const request = buildMarginDeposit({
 *   engine: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *   asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
 *   accountId: 1n,
 *   assets: 50_000_000_000n, // 50,000 USDC
 * })
 * request.requirements[0]?.spender // the engine
 * ```
 */
export function buildMarginDeposit({
  engine,
  asset,
  accountId,
  assets,
}: BuildMarginDepositParameters): BuildMarginDepositReturnType {
  checkAccountId('accountId', accountId)
  checkPositive('assets', assets)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'deposit',
    args: [accountId, assets],
  })
  return buildRequest(engine, data, [allowanceRequirement(asset, engine, assets)])
}
