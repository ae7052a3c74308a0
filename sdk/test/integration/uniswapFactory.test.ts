import { Token } from '@uniswap/sdk-core'
import { computePoolAddress, FeeAmount, POOL_INIT_CODE_HASH } from '@uniswap/v3-sdk'
import { createTestClient, getAddress, http, keccak256, publicActions, walletActions } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Anvil, startAnvil } from '../utils/anvil.js'
import { uniswapArtifact } from '../utils/artifacts.js'

describe('Uniswap v3 from the npm artifacts on anvil', () => {
  let anvil: Anvil
  beforeAll(async () => {
    anvil = await startAnvil()
  })
  afterAll(async () => {
    await anvil.stop()
  })

  it('is mainnet’s pool code: the v3-sdk computes the address the factory deploys to', async () => {
    const client = createTestClient({
      chain: foundry,
      mode: 'anvil',
      transport: http(anvil.rpcUrl),
    })
      .extend(publicActions)
      .extend(walletActions)
    const [deployer] = await client.getAddresses()
    if (deployer === undefined) throw new Error('anvil has no unlocked account')
    const factory = uniswapArtifact('UniswapV3Factory')
    expect(keccak256(uniswapArtifact('UniswapV3Pool').bytecode)).toBe(POOL_INIT_CODE_HASH)

    const deployHash = await client.deployContract({ ...factory, account: deployer })
    const { contractAddress } = await client.waitForTransactionReceipt({ hash: deployHash })
    if (!contractAddress) throw new Error('factory was not deployed')

    const tokenA = getAddress('0x00000000000000000000000000000000000000a1')
    const tokenB = getAddress('0x00000000000000000000000000000000000000b2')
    const createHash = await client.writeContract({
      address: contractAddress,
      abi: factory.abi,
      functionName: 'createPool',
      args: [tokenA, tokenB, FeeAmount.MEDIUM],
      account: deployer,
    })
    await client.waitForTransactionReceipt({ hash: createHash })
    const pool = await client.readContract({
      address: contractAddress,
      abi: factory.abi,
      functionName: 'getPool',
      args: [tokenA, tokenB, FeeAmount.MEDIUM],
    })
    const expected = computePoolAddress({
      factoryAddress: contractAddress,
      tokenA: new Token(31337, tokenA, 18),
      tokenB: new Token(31337, tokenB, 6),
      fee: FeeAmount.MEDIUM,
    })
    expect(pool).toBe(expected)
  })
})
