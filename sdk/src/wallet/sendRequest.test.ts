import { createClient, custom, type Hash } from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, it } from 'vitest'
import { TransactionRevertedError } from '../errors/transaction.js'
import { buildSettle } from '../market/buildSettle.js'
import { sendRequest } from './sendRequest.js'

const SENDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const HASH: Hash = `0x${'ab'.repeat(32)}`
const ESTIMATE = 80_000n

/** A JSON-RPC node that simulates and estimates fine, then mines the transaction with `status`. */
function node(status: '0x1' | '0x0') {
  const sent: { method: string; params: unknown }[] = []
  const transport = custom({
    async request({ method, params }: { method: string; params: unknown }) {
      sent.push({ method, params })
      switch (method) {
        case 'eth_chainId':
          return '0x7a69'
        case 'eth_call':
          return '0x'
        case 'eth_estimateGas':
          return `0x${ESTIMATE.toString(16)}`
        case 'eth_sendTransaction':
          return HASH
        case 'eth_blockNumber':
          return '0x10'
        case 'eth_getTransactionReceipt':
          return {
            transactionHash: HASH,
            transactionIndex: '0x0',
            blockHash: `0x${'cd'.repeat(32)}`,
            blockNumber: '0x10',
            from: SENDER,
            to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
            cumulativeGasUsed: '0x1388',
            gasUsed: '0x1388',
            effectiveGasPrice: '0x1',
            contractAddress: null,
            logs: [],
            logsBloom: `0x${'00'.repeat(256)}`,
            status,
            type: '0x2',
          }
        default:
          throw new Error(`unexpected ${method}`)
      }
    },
  })
  return { client: createClient({ chain: foundry, transport, pollingInterval: 1 }), sent }
}

const request = buildSettle({
  market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  expiry: 1_767_254_400n,
})

describe('sendRequest', () => {
  it('sends the estimate plus 25 % as the gas limit and returns the mined receipt', async () => {
    const { client, sent } = node('0x1')
    const { hash, receipt } = await sendRequest(client, { request, account: SENDER })
    expect(hash).toBe(HASH)
    expect(receipt.status).toBe('success')
    const sendCall = sent.find((c) => c.method === 'eth_sendTransaction')
    const [transaction] = (sendCall?.params ?? [{ gas: '0x0' }]) as [{ gas: string }]
    expect(BigInt(transaction.gas)).toBe((ESTIMATE * 125n) / 100n)
  })

  it('throws TransactionRevertedError when the mined transaction reverts after its simulation passed', async () => {
    const { client } = node('0x0')
    const error = await sendRequest(client, { request, account: SENDER }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransactionRevertedError)
    expect(error).toMatchObject({
      hash: HASH,
      blockNumber: 16n,
      gasUsed: 5_000n,
      gasLimit: 100_000n,
    })
  })
})
