#!/usr/bin/env node
/**
 * `pnpm compare:lyra`: Lyra v1 (Avalon, the published `@lyrafinance/protocol` package) deployed on a
 * local anvil by that package's own test deployer, the actions our gas benches measure run on it,
 * and its gas printed next to ours (`snapshots/*.json`, written by `pnpm bench:contracts`).
 *
 * Lyra's figures are execution gas: the transaction's gasUsed minus the 21,000 base cost and its
 * calldata (what our benches report: the call alone). Its call target starts warm (EIP-2929),
 * ours start cold, which favours Lyra by about 2.6k per figure. The package, ethers v5 and the
 * three helpers its deployer requires are installed once into `cache/lyra-v1/` (npm registry only).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startAnvil } from '../devnet.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const CACHE = join(ROOT, 'cache/lyra-v1')
const LYRA_PACKAGE = '@lyrafinance/protocol@0.1.3-alpha'
const HELPERS = ['ethers@5.7.2', 'chalk@4.1.2', 'dotenv@9.0.2', 'fs-extra@10.1.0']

/** Installs the package and its helpers into the cache once, and the hardhat stand-in every run. */
function prepareCache() {
  const packageDir = join(CACHE, 'lyra')
  if (!existsSync(join(packageDir, 'package.json'))) {
    mkdirSync(CACHE, { recursive: true })
    writeFileSync(join(CACHE, 'package.json'), '{ "private": true }\n')
    const npm = (args) => execFileSync('npm', args, { cwd: CACHE, stdio: 'inherit' })
    npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', ...HELPERS])
    // The package alone, not its dependencies (hardhat plugins the deployer does not need here).
    const tarball = execFileSync('npm', ['pack', LYRA_PACKAGE, '--silent'], { cwd: CACHE })
      .toString()
      .trim()
    mkdirSync(packageDir, { recursive: true })
    execFileSync('tar', ['xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: CACHE })
  }
  const shimDir = join(CACHE, 'node_modules/hardhat')
  mkdirSync(shimDir, { recursive: true })
  writeFileSync(join(shimDir, 'package.json'), '{ "name": "hardhat", "main": "index.js" }\n')
  writeFileSync(
    join(shimDir, 'index.js'),
    readFileSync(join(ROOT, 'script/compare/hardhatShim.cjs')),
  )
  return packageDir
}

/** Sends `tx`, checks it succeeded, and returns its receipt with its execution gas. */
async function executionGas(ethers, txPromise) {
  const tx = await txPromise
  const receipt = await tx.wait()
  const calldataGas = ethers.utils.arrayify(tx.data).reduce((sum, b) => sum + (b === 0 ? 4 : 16), 0)
  return { receipt, gas: receipt.gasUsed.toNumber() - 21_000 - calldataGas }
}

function check(condition, message) {
  if (!condition) throw new Error(`comparison setup: ${message}`)
}

/** Runs the actions on Lyra v1 and returns their execution gas by label. */
async function measureLyra(require, packageDir) {
  const { ethers } = require('hardhat')
  const { TestSystem } = require(join(packageDir, 'dist/test/utils/package/index.js'))
  const { toBN, toBytes32, OptionType, MAX_UINT, getEventArgs } = require(
    join(packageDir, 'dist/scripts/util/web3utils.js'),
  )
  const rpc = (method, params = []) => ethers.provider.send(method, params)
  const warp = async (seconds) => {
    await rpc('evm_increaseTime', [seconds])
    await rpc('evm_mine')
  }
  const gas = {}
  const record = async (label, txPromise) => {
    const { receipt, gas: used } = await executionGas(ethers, txPromise).catch((error) => {
      throw new Error(`Lyra v1 ${label}: ${error.reason ?? error.message}`)
    })
    gas[label] = used
    return receipt
  }

  const [deployer, lp, trader, liquidator] = await ethers.getSigners()
  const system = await TestSystem.deploy(deployer)
  // One board, 16 strikes around the spot (1,742), a month out, flat skew.
  const strikes = Array.from({ length: 16 }, (_, i) => String(1600 + i * 25))
  const boardId = await TestSystem.seed(deployer, system, {
    initialBoard: {
      expiresIn: 28 * 86_400,
      baseIV: '0.8',
      strikePrices: strikes,
      skews: strikes.map(() => '1'),
    },
  })
  const strikeIds = await system.optionMarket.getBoardStrikes(boardId)
  const spot = toBN('1742.01337')
  for (const account of [lp, trader, liquidator]) {
    const address = await account.getAddress()
    await system.snx.quoteAsset.mint(address, toBN('10000000'))
    await system.snx.quoteAsset.connect(account).approve(system.optionMarket.address, MAX_UINT)
    await system.snx.quoteAsset.connect(account).approve(system.liquidityPool.address, MAX_UINT)
  }
  const trade = (method, account, params) =>
    system.optionMarket.connect(account)[method]({
      iterations: 1,
      setCollateralTo: 0,
      minTotalCost: 0,
      maxTotalCost: MAX_UINT,
      positionId: 0,
      ...params,
    })
  const longPut = { strikeId: strikeIds[8], optionType: OptionType.LONG_PUT, amount: toBN('1') }

  const opened = await record('buyNewSeries', trade('openPosition', trader, longPut))
  const positionId = getEventArgs(opened, 'Trade').positionId
  await record('buyExistingSeries', trade('openPosition', deployer, longPut))
  await trade('openPosition', trader, { ...longPut, positionId })
  await record('sellPartial', trade('closePosition', trader, { ...longPut, positionId }))
  // 16 live series (one long put per strike), then an LP enters and leaves. Lyra queues both;
  // a keeper processes them after the delay, once the board's cached Greeks are fresh.
  for (const strikeId of strikeIds) {
    await trade('openPosition', deployer, { ...longPut, strikeId })
  }
  const lpAddress = await lp.getAddress()
  await record(
    'depositInitiate16Live',
    system.liquidityPool.connect(lp).initiateDeposit(lpAddress, toBN('10000')),
  )
  await warp(7 * 86_400 + 1)
  await system.snx.exchangeRates.setRateAndInvalid(toBytes32('sETH'), spot, false)
  await record('greekCacheRefresh16', system.optionGreekCache.updateBoardCachedGreeks(boardId))
  await record('depositProcess16Live', system.liquidityPool.processDepositQueue(1))
  const lpTokens = await system.liquidityToken.balanceOf(lpAddress)
  check(lpTokens.gt(0), 'the queued deposit was not processed')
  await record(
    'redeemInitiate16Live',
    system.liquidityPool.connect(lp).initiateWithdraw(lpAddress, lpTokens),
  )
  await warp(7 * 86_400 + 1)
  await system.snx.exchangeRates.setRateAndInvalid(toBytes32('sETH'), spot, false)
  await system.optionGreekCache.updateBoardCachedGreeks(boardId)
  const quoteBefore = await system.snx.quoteAsset.balanceOf(lpAddress)
  await record('redeemProcess16Live', system.liquidityPool.processWithdrawalQueue(1))
  check(
    (await system.snx.quoteAsset.balanceOf(lpAddress)).gt(quoteBefore),
    'the queued withdrawal was not paid',
  )

  // A partially collateralised short put (10 % above Lyra's minimum), liquidated after spot
  // falls to 1,300.
  const strike = strikeIds[10]
  const [strikeInfo, board] = await system.optionMarket.getStrikeAndBoard(strike)
  const shortPut = { strikeId: strike, optionType: OptionType.SHORT_PUT_QUOTE, amount: toBN('1') }
  const minimum = await system.optionGreekCache.getMinCollateral(
    shortPut.optionType,
    strikeInfo.strikePrice,
    board.expiry,
    spot,
    shortPut.amount,
  )
  gas.minCollateralOneShort =
    (
      await ethers.provider.estimateGas(
        await system.optionGreekCache.populateTransaction.getMinCollateral(
          shortPut.optionType,
          strikeInfo.strikePrice,
          board.expiry,
          spot,
          shortPut.amount,
        ),
      )
    ).toNumber() - 21_000
  const written = await record(
    'writeShort',
    trade('openPosition', trader, { ...shortPut, setCollateralTo: minimum.mul(11).div(10) }),
  )
  const shortId = getEventArgs(written, 'Trade').positionId
  await system.snx.exchangeRates.setRateAndInvalid(toBytes32('sETH'), toBN('1300'), false)
  await record(
    'liquidationStep',
    system.optionMarket
      .connect(liquidator)
      .liquidatePosition(shortId, await liquidator.getAddress()),
  )
  check((await system.optionToken.getPositionState(shortId)) === 3, 'the short was not liquidated')

  await warp(30 * 86_400)
  await record('settleBoard16Series', system.optionMarket.settleExpiredBoard(boardId))
  await record('redeemPosition', system.shortCollateral.connect(trader).settleOptions([positionId]))
  return gas
}

/** What is compared: our snapshot key, Lyra's figure (one action or the sum of its steps), how. */
const ROWS = [
  ['buy, first trade of a series', 'MarketGas.buyNewSeries', ['buyNewSeries']],
  ['buy, series already traded', 'MarketGas.buyExistingSeries', ['buyExistingSeries']],
  ['sell, part of a position', 'MarketGas.sellPartial', ['sellPartial']],
  [
    'LP deposit, 16 live series (Lyra: queue + process)',
    'MarketGas.deposit16Live',
    ['depositInitiate16Live', 'depositProcess16Live'],
  ],
  [
    'LP redeem, 16 live series (Lyra: queue + process)',
    'MarketGas.redeem16Live',
    ['redeemInitiate16Live', 'redeemProcess16Live'],
  ],
  ['redeem a settled position', 'MarketGas.redeemPosition', ['redeemPosition']],
  [
    'write on partial collateral (ours: 4th position)',
    'MarginGas.writeFourthPosition',
    ['writeShort'],
  ],
  ['liquidation step', 'MarginGas.liquidationStep', ['liquidationStep']],
]

async function main() {
  const packageDir = prepareCache()
  const anvil = await startAnvil()
  try {
    process.env.LYRA_PACKAGE_DIR = packageDir
    process.env.LYRA_RPC_URL = anvil.rpcUrl
    const lyra = await measureLyra(createRequire(join(CACHE, 'package.json')), packageDir)
    const ours = {
      MarketGas: JSON.parse(readFileSync(join(ROOT, 'snapshots/MarketGas.json'), 'utf8')),
      MarginGas: JSON.parse(readFileSync(join(ROOT, 'snapshots/MarginGas.json'), 'utf8')),
    }
    const table = ROWS.map(([action, key, steps]) => {
      const [file, name] = key.split('.')
      const smile = Number(ours[file][name])
      const lyraGas = steps.reduce((sum, step) => sum + lyra[step], 0)
      return {
        action,
        'Smile (gas)': smile,
        'Lyra v1 (gas)': lyraGas,
        'Lyra / Smile': Number((lyraGas / smile).toFixed(2)),
      }
    })
    console.table(table)
    console.log(
      `Lyra v1 only: keeper refresh of one 16-strike board's cached Greeks ${lyra.greekCacheRefresh16}` +
        ` (needed before queued deposits/withdrawals are processed); settling that board` +
        ` ${lyra.settleBoard16Series}; getMinCollateral of one short (view, spot passed in)` +
        ` ${lyra.minCollateralOneShort}. Smile's margin check of 4 positions (oracles included):` +
        ` ${ours.MarginGas.marginCheck4Positions}.`,
    )
  } finally {
    anvil.stop()
  }
}

await main()
