/**
 * The scenario's report: one self-contained HTML page (inline CSS and SVG, no script, no external
 * resource), so it opens offline in any browser.
 */
import type { ScenarioResult } from './run.js'

type Point = readonly [number, number]
type Series = { name: string; color: string; points: readonly Point[]; dashed?: boolean }
/** A labelled point; markers of one colour share the legend entry `legend`. */
type Marker = { x: number; y: number; label: string; color: string; legend: string }
type Chart = {
  title: string
  xLabel: string
  yLabel: string
  series: readonly Series[]
  markers?: readonly Marker[]
  /** Category labels of the x axis (points at x = 0, 1, …), instead of numbers. */
  xCategories?: readonly string[]
  formatY?: (y: number) => string
}

const WIDTH = 720
const HEIGHT = 320
const MARGIN = { left: 70, right: 20, top: 36, bottom: 64 }
const TICKS = 5

/** The report of a scenario run, as an HTML document. */
export function renderReport(result: ScenarioResult): string {
  const before = result.stripsBefore[0]
  const after = result.stripsAfter[0]
  if (before === undefined || after === undefined)
    throw new Error('report: the scenario has no strip')
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`
  const smile = lineChart({
    title: `Smile of the first expiry before and after the trades (${new Date(Number(before.expiry) * 1000).toISOString().slice(0, 10)})`,
    xLabel: 'strike (USDC per WETH)',
    yLabel: 'volatility',
    formatY: pct,
    series: [
      { name: 'SVI smile σ', color: '#555', points: before.quotes.map((q) => [q.strike, q.vol]) },
      {
        name: 'call marginal vol after',
        color: '#1f77b4',
        points: after.quotes.map((q) => [q.strike, q.call.marginalVol]),
        dashed: true,
      },
      {
        name: 'put marginal vol after',
        color: '#d62728',
        points: after.quotes.map((q) => [q.strike, q.put.marginalVol]),
        dashed: true,
      },
    ],
    markers: result.fills.map((f) => ({
      x: f.strike,
      y: f.effectiveVol,
      label: f.label,
      color: f.isBuy ? '#2ca02c' : '#ff7f0e',
      legend: f.isBuy ? 'buys (fills)' : 'sells (fills)',
    })),
  })
  const steps = result.sharePrices.map((p) => p.step)
  const sharePrice = (key: 'call' | 'put', name: string, color: string) =>
    lineChart({
      title: `LP share price, ${name}`,
      xLabel: 'scenario step',
      yLabel: key === 'call' ? 'WETH per share' : 'USDC per share',
      xCategories: steps,
      formatY: (y) => y.toFixed(4),
      series: [{ name, color, points: result.sharePrices.map((p, i) => [i, p[key]]) }],
    })
  const spot = lineChart({
    title: 'Spot through the scenario (oracle router)',
    xLabel: 'scenario step',
    yLabel: 'USDC per WETH',
    xCategories: steps,
    formatY: (y) => y.toFixed(0),
    series: [
      { name: 'spot', color: '#555', points: result.sharePrices.map((p, i) => [i, p.spot]) },
    ],
  })
  const health = result.writer.health
  const margin = lineChart({
    title: `Margin writer: ${result.writer.size} puts ${result.writer.strike} at 2 % above initial margin`,
    xLabel: 'scenario step',
    yLabel: 'USDC',
    xCategories: health.map((p) => p.step),
    formatY: (y) => y.toFixed(0),
    series: [
      {
        name: 'equity (collateral − mark)',
        color: '#2ca02c',
        points: health.map((p, i) => [i, p.collateral - p.mark]),
      },
      {
        name: 'maintenance margin',
        color: '#d62728',
        points: health.map((p, i) => [i, p.maintenanceMargin]),
      },
      {
        name: 'initial margin',
        color: '#555',
        points: health.map((p, i) => [i, p.initialMargin]),
        dashed: true,
      },
    ],
  })
  const round = result.strategy
  const coveredCallPayoff = lineChart({
    title: `Covered call at expiry: ${round.size.toFixed(0)} calls ${round.strike} written on ${round.deposited} WETH, per WETH deposited`,
    xLabel: 'spot at expiry (USDC per WETH)',
    yLabel: 'WETH per WETH deposited',
    formatY: (y) => y.toFixed(3),
    series: [
      {
        name: 'covered call, min(S, K)/S + p',
        color: '#9467bd',
        points: payoffCurve(round),
      },
      {
        name: 'holding WETH',
        color: '#555',
        points: [
          [SPOT_AXIS.from, 1],
          [SPOT_AXIS.to, 1],
        ],
        dashed: true,
      },
    ],
    markers: [
      {
        x: result.settlement.price,
        y: round.navEnd / round.deposited,
        label: `realised: NAV ${round.navEnd.toFixed(6)} WETH at ${result.settlement.price}`,
        color: '#d62728',
        legend: 'realised (round closed)',
      },
    ],
  })
  const strategySharePrice = lineChart({
    title: 'Covered-call strategy vault: share price through the scenario',
    xLabel: 'scenario step',
    yLabel: 'WETH per share',
    xCategories: steps,
    formatY: (y) => y.toFixed(4),
    series: [
      {
        name: "covered-call vault (NAV at the engine's mark)",
        color: '#9467bd',
        points: result.sharePrices.map((p, i) => [i, p.coveredCall]),
      },
    ],
  })
  const pnl = (side: { deposited: number; redeemed: number }, digits: number) =>
    `${side.deposited.toFixed(digits)} → ${side.redeemed.toFixed(digits)} (${(side.redeemed - side.deposited).toFixed(digits)})`
  const exit = (side: { cap: number; expected: number }, digits: number) =>
    `${side.cap.toFixed(digits)}</td><td>${side.expected.toFixed(digits)}`
  const rows = result.fills
    .map(
      (f) =>
        `<tr><td>${escapeXml(f.label)}</td><td>${f.premium.toFixed(f.isCall ? 6 : 2)} ${f.isCall ? 'WETH' : 'USDC'}</td><td>${pct(f.effectiveVol)}</td><td>${pct(f.marginalVolBefore)} → ${pct(f.marginalVolAfter)}</td></tr>`,
    )
    .join('\n')
  const payouts = result.payouts
    .map((p) => `<tr><td>${escapeXml(p.label)}</td><td>${p.payout}</td></tr>`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Smile devnet scenario</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 780px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: right; }
td:first-child, th:first-child { text-align: left; }
svg { display: block; margin: 1.5rem 0; }
</style>
</head>
<body>
<h1>Smile devnet scenario</h1>
<p>Spot crashed from ${result.crash.spotBefore} to ${result.crash.spotAfter} (Uniswap v3 swap ${escapeXml(result.crash.swapTxHash)} and a feed update).
The first expiry settled at ${result.settlement.price}: ${result.settlement.owedCall} WETH and ${result.settlement.owedPut} USDC owed to holders.</p>
${smile}
<table>
<tr><th>fill</th><th>premium</th><th>effective vol</th><th>marginal vol</th></tr>
${rows}
</table>
${spot}
<h2>Margin account and liquidation</h2>
<p>A writer sold ${result.writer.size} puts ${result.writer.strike} to the put vault for ${result.writer.premium} USDC. The crash took its
equity below maintenance margin; a liquidator took over ${result.writer.liquidated.size} puts and was paid
${result.writer.liquidated.paidToLiquidator} USDC (${result.writer.liquidated.toInsurance} USDC to the insurance fund). At settlement the
margin accounts paid the put vault ${result.writer.paidAtSettlement} USDC.</p>
${margin}
${sharePrice('call', 'call vault (WETH)', '#1f77b4')}
${sharePrice('put', 'put vault (USDC)', '#d62728')}
<h2>Strategy vault: a covered-call round</h2>
<p>A depositor queued ${round.deposited} WETH into the covered-call vault; the keeper started its round on the first expiry and the
vault wrote ${round.size} calls ${round.strike} for ${round.premium.toFixed(6)} WETH. The expiry settled at ${result.settlement.price} and the round
closed with a NAV of ${round.navEnd.toFixed(6)} WETH, the textbook payoff deposit + premium − size·max(S − K, 0)/S =
${round.expectedNavEnd.toFixed(6)} WETH (checked to ${(round.tolerance * 1e18).toFixed(0)} wei). The depositor redeemed ${round.redeemed.toFixed(6)} WETH.</p>
${coveredCallPayoff}
${strategySharePrice}
<h2>Settlement</h2>
<table>
<tr><th>position redeemed</th><th>payout</th></tr>
${payouts}
</table>
<h2>LP exit and profit and loss</h2>
<p>The LP requested its exit from both vaults right after the margin accounts paid at settlement (ERC-7540: its shares moved into
the vault, the request recorded their exit value as its cap) and claimed after the ${result.lp.call.noticeSec / 3600}-hour notice, paid the
lower of the cap and the exit value at the claim: exactly what the SDK's <code>fetchExitRequest</code> expected, to the wei.</p>
<table>
<tr><th>vault</th><th>request cap</th><th>expected at the claim</th><th>deposited → claimed (P&amp;L)</th></tr>
<tr><td>call vault (WETH)</td><td>${exit(result.lp.call, 6)}</td><td>${pnl(result.lp.call, 6)}</td></tr>
<tr><td>put vault (USDC)</td><td>${exit(result.lp.put, 2)}</td><td>${pnl(result.lp.put, 2)}</td></tr>
</table>
</body>
</html>
`
}

/** A line chart as an inline SVG element: axes with ticks, one polyline per series, labelled markers. */
function lineChart(chart: Chart): string {
  const points = [
    ...chart.series.flatMap((s) => s.points),
    ...(chart.markers ?? []).map((m) => [m.x, m.y] as const),
  ]
  const [xMin, xMax] = extent(points.map(([x]) => x))
  const [yMin, yMax] = extent(points.map(([, y]) => y))
  const x = (v: number) =>
    MARGIN.left + ((v - xMin) / (xMax - xMin || 1)) * (WIDTH - MARGIN.left - MARGIN.right)
  const y = (v: number) =>
    HEIGHT -
    MARGIN.bottom -
    ((v - yMin) / (yMax - yMin || 1)) * (HEIGHT - MARGIN.top - MARGIN.bottom)
  const formatY = chart.formatY ?? ((v: number) => v.toPrecision(4))
  const yTicks = Array.from({ length: TICKS + 1 }, (_, i) => yMin + ((yMax - yMin) * i) / TICKS)
  const xTicks = chart.xCategories
    ? chart.xCategories.map((label, i) => [i, label] as const)
    : Array.from({ length: TICKS + 1 }, (_, i) => {
        const v = xMin + ((xMax - xMin) * i) / TICKS
        return [v, v.toFixed(0)] as const
      })
  const lines = chart.series.map(
    (s) =>
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ')}"><title>${escapeXml(s.name)}</title></polyline>`,
  )
  const markers = (chart.markers ?? []).map(
    (m) =>
      `<circle cx="${x(m.x).toFixed(1)}" cy="${y(m.y).toFixed(1)}" r="5" fill="${m.color}"><title>${escapeXml(m.label)}</title></circle>`,
  )
  const legend = [
    ...chart.series.map((s) => [s.name, s.color] as const),
    ...legendOfMarkers(chart.markers),
  ].map(
    ([name, color], i) =>
      `<g transform="translate(${MARGIN.left + 10 + (i % 3) * 215},${HEIGHT - 22 + Math.floor(i / 3) * 14})"><rect width="10" height="10" fill="${color}"/><text x="14" y="9" font-size="11">${escapeXml(name)}</text></g>`,
  )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT + 14}" viewBox="0 0 ${WIDTH} ${HEIGHT + 14}" role="img" aria-label="${escapeXml(chart.title)}">
<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(chart.title)}</text>
<line x1="${MARGIN.left}" y1="${HEIGHT - MARGIN.bottom}" x2="${WIDTH - MARGIN.right}" y2="${HEIGHT - MARGIN.bottom}" stroke="#999"/>
<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${HEIGHT - MARGIN.bottom}" stroke="#999"/>
${yTicks.map((v) => `<text x="${MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10">${escapeXml(formatY(v))}</text>`).join('\n')}
${xTicks.map(([v, label]) => `<text x="${x(v)}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`).join('\n')}
<text x="${WIDTH / 2}" y="${HEIGHT - MARGIN.bottom + 30}" text-anchor="middle" font-size="11">${escapeXml(chart.xLabel)}</text>
<text transform="translate(14,${HEIGHT / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escapeXml(chart.yLabel)}</text>
${lines.join('\n')}
${markers.join('\n')}
${legend.join('\n')}
</svg>`
}

/** The legend entries of the markers: one per colour. */
function legendOfMarkers(markers: readonly Marker[] = []): (readonly [string, string])[] {
  const byColor = new Map<string, string>()
  for (const m of markers) if (!byColor.has(m.color)) byColor.set(m.color, m.legend)
  return [...byColor].map(([color, name]) => [name, color] as const)
}

/** The spot axis of the payoff chart, USDC per WETH. */
const SPOT_AXIS = { from: 2_000, to: 4_500, step: 50 }

/**
 * The covered call's value at expiry per WETH deposited, against spot S at expiry: each call pays
 * max(S − K, 0)/S WETH, so the vault keeps (size·min(S, K)/S + deposit − size + premium)/deposit.
 */
function payoffCurve(round: ScenarioResult['strategy']): Point[] {
  const points: Point[] = []
  for (let spot = SPOT_AXIS.from; spot <= SPOT_AXIS.to; spot += SPOT_AXIS.step) {
    const owed = (round.size * Math.max(spot - round.strike, 0)) / spot
    points.push([spot, (round.deposited + round.premium - owed) / round.deposited])
  }
  return points
}

/** [min, max] of `values`, widened by 5 % so no point sits on the frame. */
function extent(values: readonly number[]): [number, number] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  const pad = (max - min) * 0.05 || Math.abs(max) * 0.05 || 1
  return [min - pad, max + pad]
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
