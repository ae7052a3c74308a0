import { type Address, encodeFunctionData } from 'viem'
import { marginEngineAbi } from '../abi/generated.js'
import { buildRequest } from '../wallet/buildRequest.js'
import type { BuiltRequest } from '../wallet/request.js'
import { checkAccountId, checkPositive } from './validate.js'

export type BuildMarginWithdrawParameters = {
  engine: Address
  accountId: bigint
  /** Collateral to take out, token units: at most what keeps collateral ≥ mark + IM. */
  assets: bigint
  receiver: Address
}

export type BuildMarginWithdrawReturnType = BuiltRequest

/**
 * Builds `engine.withdraw(accountId, assets, receiver)`. Owner or operator. An account with
 * positions must stay at or above mark + IM: `computeMargin(state).initialHealthAssets` is the
 * most it may withdraw at the state's block.
 *
 * @throws InvalidBuildArgumentError if `accountId` or `assets` is not positive.
 * @example
 * ```ts
 * import { type MarginState, buildMarginWithdraw, computeMargin } from '@smile/sdk'
 *
 * declare const state: MarginState
 * const { initialHealthAssets } = computeMargin(state)
 * const request = buildMarginWithdraw({
 *   engine: state.engine,
 *   accountId: state.accountId,
 *   assets: initialHealthAssets / 2n, // keep a buffer: marks move
 *   receiver: state.owner,
 * })
 * ```
 */
export function buildMarginWithdraw({
  engine,
  accountId,
  assets,
  receiver,
}: BuildMarginWithdrawParameters): BuildMarginWithdrawReturnType {
  checkAccountId('accountId', accountId)
  checkPositive('assets', assets)
  const data = encodeFunctionData({
    abi: marginEngineAbi,
    functionName: 'withdraw',
    args: [accountId, assets, receiver],
  })
  return buildRequest(engine, data, [])
}
