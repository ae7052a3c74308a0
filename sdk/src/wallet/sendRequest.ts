import {
  type Abi,
  type Account,
  type Address,
  type Client,
  erc20Abi,
  type Hash,
  type Hex,
  isAddressEqual,
  type StateOverride,
  type TransactionReceipt,
} from 'viem'
import {
  call,
  estimateGas,
  readContract,
  sendTransaction,
  signTypedData,
  waitForTransactionReceipt,
} from 'viem/actions'
import { collateralVaultAbi, marginEngineAbi, optionMarketAbi } from '../abi/generated.js'
import { ContractRevertError, toContractRevertError } from '../errors/contractRevert.js'
import { PermitMismatchError } from '../errors/permit.js'
import { TransactionRevertedError } from '../errors/transaction.js'
import { oracleErrorsAbi } from '../oracle/oracleErrorsAbi.js'
import { allowanceOverride } from './allowanceOverride.js'
import type { BuiltRequest, Requirement, TransactionRequest } from './request.js'

export type SendRequestParameters = {
  /** The built request. */
  request: BuiltRequest
  /** The sender; the client's account when omitted. */
  account?: Account | Address
}

export type SendRequestReturnType = {
  hash: Hash
  receipt: TransactionReceipt
  /** Hashes of the approvals sent first to meet the request's allowance requirements. */
  approvals: readonly Hash[]
  /** EIP-2612 permits signed to meet permit requirements, spent in the request's own transaction. */
  permits: readonly Hex[]
}

/**
 * Gas limit sent, in percent of the estimate. The estimate is made on the latest block; the block
 * that includes the transaction has a later timestamp and maybe another spot, and the pricing code's
 * gas varies with both (the normal CDF's branch, the marks of live series), so an exact estimate can
 * run out of gas. Only the gas used is paid.
 */
const GAS_HEADROOM_PERCENT = 125n

/** The errors a request can revert with, built on the error path only (see `oracleErrorsAbi`). */
function errorsAbi(): Abi {
  return [...optionMarketAbi, ...collateralVaultAbi, ...marginEngineAbi, ...oracleErrorsAbi()]
}

/**
 * Sends a built request, simulating it before anything is sent: the request is first simulated
 * (`eth_call`) with every allowance requirement not yet met granted by a state override of the
 * token's allowance slot (found by {@link allowanceOverride}), so a revert of the action itself —
 * an expired deadline, a premium above the limit, a trade the market refuses — surfaces as a
 * decoded {@link ContractRevertError} and nothing is sent: no approval, no signature. Then an
 * `approve` of exactly the requirement's amount for each allowance not yet met, then the request
 * itself, each simulated again before it is sent. A permit requirement not yet met is signed
 * (EIP-712 typed data, `signTypedData` with the account) and the request is replaced by the one
 * that spends the signature, so permit and action go in one transaction; a request carries at most
 * one permit requirement. Waits for each receipt.
 *
 * When a token's allowance slot cannot be found (a node without `eth_createAccessList`, an
 * allowance not stored in one word), the action cannot be simulated before its approval: the old
 * order applies — the approval is sent, then the request is simulated, so a revert of the action
 * can leave that approval behind.
 *
 * @throws ContractRevertError when a simulation reverts with a protocol error (before anything is
 * sent when it is the action's).
 * @throws PermitMismatchError when a permit requirement's owner is not the sender.
 * @throws TransactionRevertedError when a transaction is mined but reverts (the chain moved after
 * its simulation); a request is then not sent after a reverted approval. Gas limits carry 25 %
 * over the estimate.
 * @example
 * ```ts
 * import { createWalletClient, http, publicActions } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { foundry } from 'viem/chains'
 * import { buildSettle, sendRequest } from '@smile/sdk'
 *
 * const client = createWalletClient({
 *   account: privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'),
 *   chain: foundry,
 *   transport: http(),
 * }).extend(publicActions)
 * const request = buildSettle({ market: '0x5FbDB2315678afecb367f032d93F642f64180aa3', expiry: 1_798_790_400n })
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
  const permits: Hex[] = []
  const unmet: Requirement[] = []
  for (const requirement of request.requirements) {
    const allowance = await readContract(client, {
      address: requirement.token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, requirement.spender],
    })
    if (allowance >= requirement.amount) continue
    if (requirement.type === 'erc2612Permit' && !isAddressEqual(requirement.owner, owner))
      throw new PermitMismatchError('owner', owner, requirement.owner)
    unmet.push(requirement)
  }
  if (unmet.length > 0) await simulateGranted(client, account, owner, request, unmet)
  let transaction: TransactionRequest = request
  for (const requirement of unmet) {
    if (requirement.type === 'erc20Allowance') {
      approvals.push((await send(client, account, requirement.approve)).hash)
      continue
    }
    const signature = await signTypedData(client, { ...requirement.typedData, account })
    permits.push(signature)
    transaction = requirement.withSignature(signature)
  }
  const { hash, receipt } = await send(client, account, transaction)
  return { hash, receipt, approvals, permits }
}

/**
 * Simulates `request` as if every unmet requirement were granted (its allowance slot overridden);
 * skipped when one slot cannot be found, the request then being simulated after its approvals.
 */
async function simulateGranted(
  client: Client,
  account: Account | Address,
  owner: Address,
  { to, data, value }: TransactionRequest,
  unmet: readonly Requirement[],
): Promise<void> {
  const stateOverride: StateOverride = []
  for (const { token, spender, amount } of unmet) {
    const override = await allowanceOverride(client, { token, owner, spender, amount })
    if (override === undefined) return
    const same = stateOverride.find((o) => isAddressEqual(o.address, override.address))
    if (same === undefined) stateOverride.push(override)
    else same.stateDiff = [...(same.stateDiff ?? []), ...(override.stateDiff ?? [])]
  }
  try {
    await call(client, { account, to, data, value, stateOverride })
  } catch (error) {
    throw toContractRevertError(error, errorsAbi())
  }
}

async function send(
  client: Client,
  account: Account | Address,
  { to, data, value }: TransactionRequest,
): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  try {
    await call(client, { account, to, data, value })
  } catch (error) {
    throw toContractRevertError(error, errorsAbi())
  }
  const estimate = await estimateGas(client, { account, to, data, value })
  const gas = (estimate * GAS_HEADROOM_PERCENT) / 100n
  const hash = await sendTransaction(client, { account, to, data, value, gas, chain: client.chain })
  const receipt = await waitForTransactionReceipt(client, { hash })
  if (receipt.status === 'reverted')
    throw new TransactionRevertedError(hash, receipt.blockNumber, receipt.gasUsed, gas)
  return { hash, receipt }
}
