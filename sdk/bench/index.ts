/**
 * Benchmark of the SDK's float64 pricing path, single thread:
 *
 *   pnpm --filter @smile/sdk bench        (node --expose-gc --import tsx bench/index.ts)
 *
 * Throughput of blackScholesPrice, blackScholes (price + all Greeks, also into one reused result
 * object) and impliedVolatility over inputs drawn once into typed arrays from the accuracy
 * domain (time 1 minute – 5 years log-uniform, vol 1 % – 500 % log-uniform, spot/strike 0.2 – 5
 * log-uniform, rate 0 – 20 %), then accuracy against the 100-digit reference on a grid. Prints
 * figures; asserts nothing.
 */

import { blackScholes, blackScholesPrice, impliedVolatility } from '../src/index.js'
import { Decimal, referenceBlackScholes } from '../test/reference/blackScholes.js'

const COUNT = 1 << 16
const ROUNDS = 15
const WARM_UP = 3
const MINUTE = 1 / 525_600

const spot = new Float64Array(COUNT)
const strike = new Float64Array(COUNT)
const time = new Float64Array(COUNT)
const vol = new Float64Array(COUNT)
const rate = new Float64Array(COUNT)
const isCall = new Uint8Array(COUNT)
/** Price of the out-of-the-money option of each draw, the input of the solver. */
const otmPrice = new Float64Array(COUNT)
const otmIsCall = new Uint8Array(COUNT)

let seed = 20_240_601
function uniform(): number {
  // Park–Miller minimal standard generator: reproducible draws across runs and machines.
  seed = (seed * 16_807) % 2_147_483_647
  return seed / 2_147_483_647
}
function logUniform(low: number, high: number): number {
  return low * Math.exp(uniform() * Math.log(high / low))
}

for (let i = 0; i < COUNT; i++) {
  spot[i] = 100
  strike[i] = 100 / logUniform(0.2, 5)
  time[i] = logUniform(MINUTE, 5)
  vol[i] = logUniform(0.01, 5)
  rate[i] = 0.2 * uniform()
  isCall[i] = uniform() < 0.5 ? 1 : 0
  const s = spot[i] as number
  const k = strike[i] as number
  const r = rate[i] as number
  const t = time[i] as number
  otmIsCall[i] = Math.log(s / k) + r * t <= 0 ? 1 : 0
  otmPrice[i] = blackScholesPrice({
    spot: s,
    strike: k,
    time: t,
    vol: vol[i] as number,
    rate: r,
    type: otmIsCall[i] ? 'call' : 'put',
  })
}
// The solver's inputs: prices in (1e-300, max); below, the price has no digits left to invert.
const solvable = Uint32Array.from(
  Array.from({ length: COUNT }, (_, i) => i).filter((i) => (otmPrice[i] as number) > 1e-300),
)

// A quoting workload: option chains, 64 expiries × 1024 strikes from 0.2 to 5 times spot in
// order, each expiry with its own vol and rate, every strike quoted on its out-of-the-money side.
const EXPIRIES = 64
const chainStrike = new Float64Array(COUNT)
const chainTime = new Float64Array(COUNT)
const chainVol = new Float64Array(COUNT)
const chainRate = new Float64Array(COUNT)
const chainIsCall = new Uint8Array(COUNT)
const chainPrice = new Float64Array(COUNT)
const perExpiry = COUNT / EXPIRIES
for (let e = 0; e < EXPIRIES; e++) {
  const t = logUniform(MINUTE, 5)
  const v = logUniform(0.01, 5)
  const r = 0.2 * uniform()
  for (let j = 0; j < perExpiry; j++) {
    const i = e * perExpiry + j
    chainStrike[i] = 100 * 0.2 * 25 ** (j / (perExpiry - 1))
    chainTime[i] = t
    chainVol[i] = v
    chainRate[i] = r
    chainIsCall[i] = (chainStrike[i] as number) >= 100 * Math.exp(r * t) ? 1 : 0
    chainPrice[i] = blackScholesPrice({
      spot: 100,
      strike: chainStrike[i] as number,
      time: t,
      vol: v,
      rate: r,
      type: chainIsCall[i] ? 'call' : 'put',
    })
  }
}
const chainSolvable = Uint32Array.from(
  Array.from({ length: COUNT }, (_, i) => i).filter((i) => (chainPrice[i] as number) > 1e-300),
)

/**
 * Runs `body` ROUNDS times and prints the best and median rate after the warm-up rounds, by the
 * wall clock and by this process's CPU time (which excludes time the scheduler gave to other
 * processes on a shared machine).
 */
function measure(name: string, count: number, body: () => number): void {
  const wall: number[] = []
  const cpu: number[] = []
  let sink = 0
  for (let round = 0; round < ROUNDS; round++) {
    globalThis.gc?.()
    const startCpu = process.cpuUsage()
    const start = performance.now()
    sink += body()
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(startCpu)
    if (round < WARM_UP) continue
    wall.push(count / seconds)
    cpu.push(count / ((used.user + used.system) / 1e6))
  }
  const format = (rates: number[]) => {
    rates.sort((a, b) => a - b)
    const best = (rates.at(-1) as number) / 1e6
    const median = (rates[rates.length >> 1] as number) / 1e6
    return `best ${best.toFixed(2)}M/s median ${median.toFixed(2)}M/s`
  }
  console.log(
    `${name.padEnd(31)} wall ${format(wall)} | cpu ${format(cpu)}  (${count}/round, checksum ${sink.toPrecision(6)})`,
  )
}

console.log(
  `node ${process.version}, single thread, ${COUNT} inputs, ${ROUNDS} rounds (${WARM_UP} warm-up)`,
)
console.log('independent random draws:')
measure('prices', COUNT, () => {
  let sum = 0
  for (let i = 0; i < COUNT; i++) {
    sum += blackScholesPrice({
      spot: spot[i] as number,
      strike: strike[i] as number,
      time: time[i] as number,
      vol: vol[i] as number,
      rate: rate[i] as number,
      type: isCall[i] ? 'call' : 'put',
    })
  }
  return sum
})
measure('price + all Greeks', COUNT, () => {
  let sum = 0
  for (let i = 0; i < COUNT; i++) {
    const greeks = blackScholes({
      spot: spot[i] as number,
      strike: strike[i] as number,
      time: time[i] as number,
      vol: vol[i] as number,
      rate: rate[i] as number,
      type: isCall[i] ? 'call' : 'put',
    })
    sum += greeks.price + greeks.delta + greeks.gamma + greeks.vega + greeks.theta + greeks.rho
  }
  return sum
})
// The same through the optional result object of blackScholes, one reused for every option.
const greeksOut = { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 }
measure('price + Greeks, reused result', COUNT, () => {
  let sum = 0
  for (let i = 0; i < COUNT; i++) {
    const greeks = blackScholes(
      {
        spot: spot[i] as number,
        strike: strike[i] as number,
        time: time[i] as number,
        vol: vol[i] as number,
        rate: rate[i] as number,
        type: isCall[i] ? 'call' : 'put',
      },
      greeksOut,
    )
    sum += greeks.price + greeks.delta + greeks.gamma + greeks.vega + greeks.theta + greeks.rho
  }
  return sum
})
// Over half of the log-uniform draws are so far out of the money that the price underflows to 0
// (and takes a short path); the same two measures on the draws whose price is > 1e-300:
measure('prices, value > 1e-300', solvable.length, () => {
  let sum = 0
  for (let j = 0; j < solvable.length; j++) {
    const i = solvable[j] as number
    sum += blackScholesPrice({
      spot: spot[i] as number,
      strike: strike[i] as number,
      time: time[i] as number,
      vol: vol[i] as number,
      rate: rate[i] as number,
      type: isCall[i] ? 'call' : 'put',
    })
  }
  return sum
})
measure('price + Greeks, value > 1e-300', solvable.length, () => {
  let sum = 0
  for (let j = 0; j < solvable.length; j++) {
    const i = solvable[j] as number
    const greeks = blackScholes({
      spot: spot[i] as number,
      strike: strike[i] as number,
      time: time[i] as number,
      vol: vol[i] as number,
      rate: rate[i] as number,
      type: isCall[i] ? 'call' : 'put',
    })
    sum += greeks.price + greeks.delta + greeks.gamma + greeks.vega + greeks.theta + greeks.rho
  }
  return sum
})
measure('implied volatility solves', solvable.length, () => {
  let sum = 0
  for (let j = 0; j < solvable.length; j++) {
    const i = solvable[j] as number
    sum += impliedVolatility({
      spot: spot[i] as number,
      strike: strike[i] as number,
      time: time[i] as number,
      price: otmPrice[i] as number,
      rate: rate[i] as number,
      type: otmIsCall[i] ? 'call' : 'put',
    })
  }
  return sum
})

console.log('option chains (64 expiries × 1024 ordered strikes, out-of-the-money side):')
measure('chain prices', COUNT, () => {
  let sum = 0
  for (let i = 0; i < COUNT; i++) {
    sum += blackScholesPrice({
      spot: 100,
      strike: chainStrike[i] as number,
      time: chainTime[i] as number,
      vol: chainVol[i] as number,
      rate: chainRate[i] as number,
      type: chainIsCall[i] ? 'call' : 'put',
    })
  }
  return sum
})
measure('chain price + all Greeks', COUNT, () => {
  let sum = 0
  for (let i = 0; i < COUNT; i++) {
    const greeks = blackScholes({
      spot: 100,
      strike: chainStrike[i] as number,
      time: chainTime[i] as number,
      vol: chainVol[i] as number,
      rate: chainRate[i] as number,
      type: chainIsCall[i] ? 'call' : 'put',
    })
    sum += greeks.price + greeks.delta + greeks.gamma + greeks.vega + greeks.theta + greeks.rho
  }
  return sum
})
measure('chain implied volatilities', chainSolvable.length, () => {
  let sum = 0
  for (let j = 0; j < chainSolvable.length; j++) {
    const i = chainSolvable[j] as number
    sum += impliedVolatility({
      spot: 100,
      strike: chainStrike[i] as number,
      time: chainTime[i] as number,
      price: chainPrice[i] as number,
      rate: chainRate[i] as number,
      type: chainIsCall[i] ? 'call' : 'put',
    })
  }
  return sum
})

// Accuracy against the 100-digit reference: a grid over the domain, both option types.
const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const
const priceErrors: number[] = []
const greekWorst: Record<string, number> = {}
let ivAbove = 0
let ivBelow = 0
let ivCount = 0
const started = performance.now()
for (const t of [MINUTE, 1 / 1440, 1 / 24, 1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2, 5]) {
  for (const v of [0.01, 0.03, 0.1, 0.3, 0.8, 2, 5]) {
    for (const ratio of [0.2, 0.5, 0.8, 0.95, 0.99, 1, 1.01, 1.05, 1.25, 2, 5]) {
      for (const r of [0, 0.05, 0.2]) {
        for (const type of ['call', 'put'] as const) {
          const option = { spot: 100 * ratio, strike: 100, time: t, vol: v, rate: r, type }
          const exact = referenceBlackScholes(option)
          if (exact.price.lt(1e-8 * option.spot)) {
            if (type === (Math.log(ratio) + r * t > 0 ? 'put' : 'call')) {
              ivBelow = Math.max(ivBelow, ivError(option, exact.price.toNumber()))
            }
            continue
          }
          const greeks = blackScholes(option)
          priceErrors.push(relativeError(blackScholesPrice(option), exact.price))
          for (const name of GREEKS) {
            // Theta crosses zero for puts when r > 0: measured against its two terms.
            const scale =
              name === 'theta'
                ? exact.vega.mul(v / (2 * t)).plus(exact.rho.abs().mul(r / t))
                : exact[name].abs()
            if (scale.lt(1e-300)) continue // underflows to 0 in float64
            const error = new Decimal(greeks[name]).minus(exact[name]).div(scale).abs().toNumber()
            greekWorst[name] = Math.max(greekWorst[name] ?? 0, error)
          }
          if (type === (Math.log(ratio) + r * t > 0 ? 'put' : 'call')) {
            ivAbove = Math.max(ivAbove, ivError(option, exact.price.toNumber()))
            ivCount++
          }
        }
      }
    }
  }
}

function relativeError(value: number, exact: Decimal): number {
  return new Decimal(value).minus(exact).div(exact).abs().toNumber()
}

/** |vol − exact implied vol of the float price| to first order, or 0 for an unsolvable price. */
function ivError(option: Parameters<typeof referenceBlackScholes>[0], price: number): number {
  if (!(price > 1e-300)) return 0
  const market = {
    spot: option.spot as number,
    strike: option.strike as number,
    time: option.time as number,
    rate: option.rate as number,
    type: option.type,
  }
  const solved = impliedVolatility({ ...market, price })
  const back = referenceBlackScholes({ ...market, vol: solved })
  // A put's price near its bound K·e^(−rT) is measured from that bound, rounded in float64.
  const bound = option.type === 'put' ? market.strike * Math.exp(-market.rate * market.time) : 0
  const floor = (Number.EPSILON * bound) / back.vega.toNumber()
  const error = back.price.minus(price.toPrecision(100)).div(back.vega).abs().toNumber()
  return Math.max(0, error - floor)
}

priceErrors.sort((a, b) => a - b)
const fmt = (value: number | undefined) => (value ?? 0).toExponential(2)
console.log(
  `accuracy vs 100-digit reference (${priceErrors.length} grid points with price ≥ 1e-8·spot, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
)
console.log(
  `  price relative error       max ${fmt(priceErrors.at(-1))}  median ${fmt(priceErrors[priceErrors.length >> 1])}`,
)
console.log(
  `  Greeks max relative error  ${GREEKS.map((name) => `${name} ${fmt(greekWorst[name])}`).join('  ')}`,
)
console.log(
  `  implied vol abs error      max ${fmt(ivAbove)} (${ivCount} OTM prices ≥ 1e-8·spot)  max ${fmt(ivBelow)} (below)`,
)
