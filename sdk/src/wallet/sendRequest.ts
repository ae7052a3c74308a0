import {
  type Account,
  type Address,
  type Client,
  erc20Abi,
  type Hash,
  type TransactionReceipt,
} from 'viem'
import { call, readContract, sendTransaction, waitForTransactionReceipt } from 'viem/actions'
import { collateralVaultAbi, marginEngineAbi, optionMarketAbi } from '../abi/generated.js'
import { ContractRevertError, toContractRevertError } from '../errors/contractRevert.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import type { BuiltRequest, TransactionRequest } from './request.js'

export type SendRequestParameters = {
  /** The built request. */
  request: BuiltRequest
  /** The sender; the client's account when omitted. */
  account?: Account | Address
}

export type SendRequestReturnType = {
  hash: Hash
  receipt: TransactionReceipt
  /** Hashes of the approvals sent first to meet the request's requirements. */
  approvals: readonly Hash[]
}

const ERRORS_ABI = [
  ...optionMarketAbi,
  ...collateralVaultAbi,
  ...marginEngineAbi,
  ...oracleErrorsAbi,
]

/**
 * Sends a built request: first an `approve` for each allowance requirement not yet met, then the
 * request itself — each simulated (`eth_call`) before it is sent, so a revert surfaces as a decoded
 * {@link ContractRevertError} and nothing is sent. Waits for each receipt.
 *
 * @throws ContractRevertError when the simulation reverts with a protocol error.
 * @example
 * ```ts
 * import { createWalletClient, http, publicActions } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { mainnet } from 'viem/chains'
 * import { buildSettle, sendRequest } from '@smile/sdk'
 *
 * const client = createWalletClient({
 *   account: privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'),
 *   chain: mainnet,
 *   transport: http(),
 * }).extend(publicActions)
 * const request = buildSettle({ market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', expiry: 1_767_254_400n })
 * const { receipt } = await sendRequest(client, { request })
 * ```
 */
export async function sendRequest(
  client: Client,
  { request, account = client.account }: SendRequestParameters,
): Promise<SendRequestReturnType> {
  if (account === undefined) throw new TypeError('sendRequest needs an account')
  const owner = typeof account === 'string' ? account : account.address
  const approvals: Hash[] = []
  for (const requirement of request.requirements) {
    const allowance = await readContract(client, {
      address: requirement.token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, requirement.spender],
    })
    if (allowance >= requirement.amount) continue
    approvals.push((await send(client, account, requirement.approve)).hash)
  }
  const { hash, receipt } = await send(client, account, request)
  return { hash, receipt, approvals }
}

async function send(
  client: Client,
  account: Account | Address,
  { to, data, value }: TransactionRequest,
): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  try {
    await call(client, { account, to, data, value })
  } catch (error) {
    throw toContractRevertError(error, ERRORS_ABI)
  }
  const hash = await sendTransaction(client, { account, to, data, value, chain: client.chain })
  const receipt = await waitForTransactionReceipt(client, { hash })
  return { hash, receipt }
}
