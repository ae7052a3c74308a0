/**
 * Smoke test of the main job (`pnpm start`): the devnet deployment and the whole scenario of
 * `script/scenario/run.ts` on a fresh anvil, with the outcome of every step checked, and the report
 * rendered. The scenario itself throws when a fill differs from its quote or a payout from its payoff.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployLocal, readDeployment, scenarioClockStart } from '../../../script/devnet.mjs'
import { makeScenarioClient } from '../../../script/scenario/client.js'
import { renderReport } from '../../../script/scenario/report.js'
import { type Deployment, runScenario, type ScenarioResult } from '../../../script/scenario/run.js'
import { type Anvil, startAnvil } from '../utils/anvil.js'

const OUT = 'deployments/31337.scenario.json'
const ROOT = new URL('../../../', import.meta.url).pathname

describe('main job scenario', () => {
  let anvil: Anvil
  let result: ScenarioResult
  let deployment: Deployment
  const lines: string[] = []

  beforeAll(async () => {
    anvil = await startAnvil(['--timestamp', String(scenarioClockStart())])
    await deployLocal(anvil.rpcUrl, { DEPLOYMENT_OUT: OUT })
    deployment = readDeployment({ DEPLOYMENT_OUT: OUT }) as Deployment
    result = await runScenario({
      client: makeScenarioClient(anvil.rpcUrl),
      deployment,
      log: (line) => lines.push(line),
    })
  }, 300_000)

  afterAll(async () => {
    rmSync(`${ROOT}${OUT}`, { force: true })
    await anvil?.stop()
  })

  it('reports every step', () => {
    for (let step = 1; step <= 11; step++)
      expect(lines.some((l) => l.startsWith(`[${step}/11]`))).toBe(true)
  })

  it('mints the LP shares at one asset per share', () => {
    expect(result.sharePrices[0]).toMatchObject({
      step: 'LP deposits',
      spot: 3000,
      call: 1,
      put: 1,
      coveredCall: 1,
    })
  })

  it('runs a covered-call round on the first expiry that ends at its textbook payoff', () => {
    const round = result.strategy
    expect(round.expiry).toBe(result.expiries[0])
    // Calls 5 % out of the money at spot 3,000, one per WETH queued (less 2 wei of rounding allowance).
    expect(round).toMatchObject({ strike: 3150, deposited: 20 })
    expect(round.size).toBeCloseTo(20, 12)
    expect(round.premium).toBeGreaterThan(0)
    // Marked at the engine's mid, the freshly written calls cost the vault only the sale's spread.
    expect(round.navStart).toBeLessThan(round.deposited)
    expect(round.navStart).toBeGreaterThan(round.deposited * 0.999)
    // Settled at 2,550 < 3,150: the calls expire worthless, the vault keeps deposit + premium.
    expect(result.settlement.price).toBeLessThan(round.strike)
    expect(round.expectedNavEnd).toBeCloseTo(round.deposited + round.premium, 12)
    // To the wei: 1 wei per option written + 2 wei of the engine's rounding.
    const { navEnd, expectedNavEnd, tolerance } = round.wei
    expect(tolerance).toBe(22n)
    expect(navEnd - expectedNavEnd).toBeLessThanOrEqual(tolerance)
    expect(expectedNavEnd - navEnd).toBeLessThanOrEqual(tolerance)
    expect(round.redeemed).toBeCloseTo(round.deposited + round.premium, 12)
    const steps = result.sharePrices.map((p) => p.step)
    const at = (step: string) => result.sharePrices[steps.indexOf(step)]?.coveredCall ?? 0
    expect(at('round closed')).toBeCloseTo((round.deposited + round.premium) / round.deposited, 12)
    // The crash lowers the calls' mark, so the vault's NAV rises during the round.
    expect(at('after the crash')).toBeGreaterThan(at('round started'))
  })

  it('moves the marginal volatility with every fill, up on buys and down on sales', () => {
    expect(result.fills).toHaveLength(6)
    for (const fill of result.fills) {
      if (fill.isBuy) expect(fill.marginalVolAfter).toBeGreaterThan(fill.marginalVolBefore)
      else expect(fill.marginalVolAfter).toBeLessThan(fill.marginalVolBefore)
    }
    const [before, after] = [result.stripsBefore[0], result.stripsAfter[0]]
    expect(before?.quotes.length).toBe(17)
    // The vaults end net short vega: every strike's marginal vol is above the smile.
    for (const q of after?.quotes ?? []) {
      expect(q.call.marginalVol).toBeGreaterThan(q.vol)
      expect(q.put.marginalVol).toBeGreaterThan(q.vol)
    }
  })

  it('crashes spot to 2,550 and settles the expiry there, owing the puts their payoff', () => {
    expect(result.crash).toMatchObject({ spotBefore: 3000, spotAfter: 2550 })
    // 100 puts 2800 and 100 puts 2900 are left: 100·250 + 100·350 USDC; every call expires worthless.
    expect(result.settlement).toMatchObject({ price: 2550, owedCall: 0, owedPut: 60_000 })
    const paid = result.payouts.reduce((sum, p) => sum + p.payout, 0)
    expect(paid).toBe(60_000)
  })

  it('pays the LP the premiums kept minus the payoffs, nothing more or less', () => {
    const net = (isCall: boolean) =>
      result.fills
        .filter((f) => f.isCall === isCall)
        .reduce((sum, f) => sum + (f.isBuy ? f.premium : -f.premium), 0)
    // The call vault also bought the strategy's calls; they expired worthless.
    expect(result.lp.call.redeemed - result.lp.call.deposited).toBeCloseTo(
      net(true) - result.strategy.premium,
      9,
    )
    // The put vault also paid the writer's premium and received its payoff, 100·(2900 − 2550), at settlement.
    expect(result.writer.paidAtSettlement).toBe(35_000)
    expect(result.lp.put.redeemed - result.lp.put.deposited).toBeCloseTo(
      net(false) - 60_000 - result.writer.premium + result.writer.paidAtSettlement,
      2,
    )
    expect(result.lp.call.redeemed).toBeGreaterThan(result.lp.call.deposited)
  })

  it('exits the LP by a request and, after the notice, a claim that pays the expected payout to the wei', () => {
    for (const side of [result.lp.call, result.lp.put]) {
      expect(side.noticeSec).toBe(3_600)
      expect(side.wei.shares).toBeGreaterThan(0n)
      expect(side.wei.paid).toBe(side.wei.expected)
      // Paid the lower of the cap and the exit value at the claim.
      expect(side.wei.paid).toBeLessThanOrEqual(side.wei.cap)
    }
    const request = lines.findIndex((l) => l.includes('call vault: requested every share'))
    const claim = lines.findIndex((l) => l.includes('call vault: claimable; expected'))
    expect(request).toBeGreaterThan(lines.findIndex((l) => l.startsWith('[8/11]')))
    expect(claim).toBeGreaterThan(lines.findIndex((l) => l.startsWith('[11/11]')))
  })

  it('liquidates the writer after the crash, and the liquidation leaves it healthier', () => {
    const [written, crashed, liquidated] = result.writer.health
    expect((written?.collateral ?? 0) - (written?.mark ?? 0)).toBeGreaterThan(
      written?.initialMargin ?? 0,
    )
    expect(crashed?.health).toBeLessThan(0)
    expect(liquidated?.health).toBeGreaterThan(crashed?.health ?? 0)
    expect(result.writer.liquidated.paidToLiquidator).toBeGreaterThan(0)
    expect(result.writer.liquidated.paidToLiquidator).toBeLessThanOrEqual(crashed?.collateral ?? 0)
  })

  it('renders a self-contained report with its seven charts, the fills and the strategy marked', () => {
    const html = renderReport(result)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html.match(/<svg /g)).toHaveLength(7)
    expect(html.match(/<\/svg>/g)).toHaveLength(7)
    // One circle per fill, and the covered call's realised point on its payoff chart.
    expect(html.match(/<circle /g)).toHaveLength(result.fills.length + 1)
    expect(html).toContain('aria-label="Covered call at expiry')
    expect(html).toContain(
      `<title>realised: NAV ${result.strategy.navEnd.toFixed(6)} WETH at ${result.settlement.price}</title>`,
    )
    // Offline: no script, no fetched resource (the only URL is the SVG namespace).
    expect(html).not.toMatch(/<script|<link|src=|href=|@import/)
    expect(
      html.match(/https?:\/\/[^"]*/g)?.every((url) => url === 'http://www.w3.org/2000/svg'),
    ).toBe(true)
    expect(html).not.toMatch(/NaN|undefined|Infinity/)
  })
})
