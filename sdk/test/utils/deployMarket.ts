/**
 * Deploys a whole market on anvil, as `test/utils/BaseTest.sol` does in Foundry: WETH/USDC test
 * tokens, a Chainlink mock feed and adapter (the market's spot oracle and the settlement's price
 * source), the volatility and settlement oracles, the two collateral vaults and the market.
 */
import { type Address, erc20Abi, getContractAddress, isAddressEqual } from 'viem'
import { volatilityOracleAbi } from '../../src/abi/generated.js'
import type { SviParamsWad } from '../../src/math/wad/sviWad.js'
import type { RiskParamsWad, SideParamsWad } from '../../src/math/wad/tradePricing.js'
import { forgeArtifact } from './artifacts.js'
import { deployArtifact, sendCall, type TestClient } from './testClient.js'

export const FEED_DECIMALS = 8
export const HEARTBEAT = 86_400n
export const SMILE_MAX_AGE = 86_400n
/** The vaults' exit notice: the shortest the vault allows, as on the devnet. */
export const EXIT_NOTICE_SEC = 3_600n

/** The smile the integration tests post: skewed (ρ = −0.3), about 80 % at the money. */
export const TEST_SMILE: SviParamsWad = {
  a: 8n * 10n ** 15n,
  b: 5n * 10n ** 16n,
  rho: -3n * 10n ** 17n,
  m: 0n,
  sigma: 10n ** 17n,
}

/** The integration tests' risk parameters: 1 % fee share, deltas 0.05–0.95, a year's listing window. */
export function testRisk(rateWad: bigint): RiskParamsWad {
  return {
    feeShareWad: 10n ** 16n,
    vegaFeeWad: 2n * 10n ** 15n,
    maxUtilisationWad: 9n * 10n ** 17n,
    minAbsDeltaWad: 5n * 10n ** 16n,
    maxAbsDeltaWad: 95n * 10n ** 16n,
    minTimeToExpirySec: 3_600n,
    maxTimeToExpirySec: 365n * 86_400n,
    rateWad,
  }
}

export type MarketDeployment = {
  weth: Address
  usdc: Address
  feed: Address
  spotAdapter: Address
  volatilityOracle: Address
  settlementOracle: Address
  callVault: Address
  putVault: Address
  market: Address
}

export type DeployMarketParameters = {
  admin: Address
  /** Spot of WETH in USDC, in feed units (8 decimals). */
  feedAnswer: bigint
  risk: RiskParamsWad
  callSide: SideParamsWad
  putSide: SideParamsWad
  /** Smiles to post, per expiry. */
  smiles: readonly { expiry: bigint; params: SviParamsWad }[]
  /**
   * The base token's contract: `TestERC20` (with an EIP-2612 permit, the default) or
   * `NoPermitERC20` (none, as WETH9). The quote token is always a `TestERC20`.
   */
  baseToken?: 'TestERC20' | 'NoPermitERC20'
}

/** Deploys the market and its dependencies from `admin` (owner, keeper and guardian). */
export async function deployMarket(
  client: TestClient,
  {
    admin,
    feedAnswer,
    risk,
    callSide,
    putSide,
    smiles,
    baseToken = 'TestERC20',
  }: DeployMarketParameters,
): Promise<MarketDeployment> {
  const deploy = (name: string, args: readonly unknown[]) =>
    deployArtifact(client, admin, forgeArtifact(name), args)
  const token = forgeArtifact('TestERC20')
  const weth = await deploy(baseToken, ['Wrapped Ether', 'WETH', 18])
  const usdc = await deploy('TestERC20', ['USD Coin', 'USDC', 6])
  const feedArtifact = forgeArtifact('MockAggregator')
  const feed = await deploy('MockAggregator', [FEED_DECIMALS])
  const now = (await client.getBlock()).timestamp
  await sendCall(client, admin, feed, feedArtifact.abi, 'pushAnswer', [feedAnswer, now])
  const spotAdapter = await deploy('ChainlinkSpotAdapter', [
    admin,
    feed,
    '0x0000000000000000000000000000000000000000',
    HEARTBEAT,
    3_600n,
    10n ** 18n,
    10n ** 24n,
  ])
  const settlementOracle = await deploy('SettlementOracle', [
    spotAdapter,
    spotAdapter,
    0n,
    3_600n,
    86_400n,
  ])
  const volatilityOracle = await deploy('VolatilityOracle', [admin, SMILE_MAX_AGE])
  const pricer = await deploy('OptionPricer', [])
  await sendCall(client, admin, volatilityOracle, volatilityOracleAbi, 'setKeeper', [admin, true])
  for (const { expiry, params } of smiles)
    await sendCall(client, admin, volatilityOracle, volatilityOracleAbi, 'post', [expiry, params])

  // The vaults pull one whole unit from the deployer to probe transfers, and name the market
  // deployed after them: their addresses and the market's come from the admin's next nonces.
  await sendCall(client, admin, weth, token.abi, 'mint', [admin, 10n ** 18n])
  await sendCall(client, admin, usdc, token.abi, 'mint', [admin, 10n ** 6n])
  const nonce = BigInt(await client.getTransactionCount({ address: admin }))
  const at = (offset: bigint) => getContractAddress({ from: admin, nonce: nonce + offset })
  // Two approvals come first (nonces n, n+1); then the vaults (n+2, n+3) and the market (n+4).
  await sendCall(client, admin, weth, erc20Abi, 'approve', [at(2n), 10n ** 18n])
  await sendCall(client, admin, usdc, erc20Abi, 'approve', [at(3n), 10n ** 6n])
  const marketAddress = at(4n)
  const callVault = await deploy('CollateralVault', [
    weth,
    'Smile WETH calls',
    'sWETH-C',
    marketAddress,
    admin,
    admin,
    EXIT_NOTICE_SEC,
  ])
  const putVault = await deploy('CollateralVault', [
    usdc,
    'Smile USDC puts',
    'sUSDC-P',
    marketAddress,
    admin,
    admin,
    EXIT_NOTICE_SEC,
  ])
  const market = await deploy('OptionMarket', [
    admin,
    callVault,
    putVault,
    spotAdapter,
    volatilityOracle,
    settlementOracle,
    pricer,
    {
      ...risk,
      minTimeToExpirySec: Number(risk.minTimeToExpirySec),
      maxTimeToExpirySec: Number(risk.maxTimeToExpirySec),
    },
    callSide,
    putSide,
  ])
  if (!isAddressEqual(market, marketAddress))
    throw new Error('market not at its precomputed address')
  return {
    weth,
    usdc,
    feed,
    spotAdapter,
    volatilityOracle,
    settlementOracle,
    callVault,
    putVault,
    market,
  }
}
