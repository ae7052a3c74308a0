/**
 * High-precision Black-Scholes reference (decimal.js, 100 significant digits), the yardstick
 * every pricing implementation of Smile — the Solidity library, the SDK's float path and its
 * wad mirror — is measured against. Slow by design; test and benchmark use only.
 *
 * Conventions: time in years, vol and rate annualised, no dividends. Vega and rho are per
 * 1.00 of vol and rate; theta is the decay per year, −∂V/∂T.
 */
import DecimalJs from 'decimal.js'

/** Decimal constructor of the reference: 100 significant digits, exponents without bound. */
export const Decimal = DecimalJs.clone({ precision: 100, minE: -9e15, maxE: 9e15 })
export type Decimal = InstanceType<typeof Decimal>

type Numeric = Decimal | number | string

/** Inputs of the reference pricer; numbers are taken at their exact binary value. */
export type ReferenceOption = {
  spot: Numeric
  strike: Numeric
  /** Time to expiry in years. */
  time: Numeric
  /** Annualised volatility (0.8 = 80 %). */
  vol: Numeric
  /** Continuously compounded annual rate; defaults to 0. */
  rate?: Numeric
  type: 'call' | 'put'
}

export type ReferenceGreeks = {
  price: Decimal
  delta: Decimal
  gamma: Decimal
  vega: Decimal
  theta: Decimal
  rho: Decimal
}

const SQRT_2PI = new Decimal(2).mul(Decimal.acos(-1)).sqrt()
/** Below this |x| the Taylor series of Φ is used, above it the Laplace continued fraction. */
const SERIES_LIMIT = 10
/** Guard digits for the series: it cancels up to log10(1/Φ(−10)) ≈ 23 digits. */
const SERIES_EXTRA_DIGITS = 30

function toDecimal(value: Numeric): Decimal {
  // A number is converted from its exact binary value so that the reference prices the very
  // input the float path sees (toString would round it to 17 digits).
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`reference: ${value} is not finite`)
    return exactDecimal(value)
  }
  return new Decimal(value)
}

function exactDecimal(value: number): Decimal {
  if (value === 0) return new Decimal(0)
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const sign = bits >> 63n ? -1 : 1
  const exponentBits = Number((bits >> 52n) & 0x7ffn)
  const fractionBits = bits & 0xfffffffffffffn
  const significand = exponentBits === 0 ? fractionBits : fractionBits | (1n << 52n)
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075
  return new Decimal(significand.toString()).mul(new Decimal(2).pow(exponent)).mul(sign)
}

/** Standard normal density φ(x). */
export function referenceNormPdf(x: Numeric): Decimal {
  const d = toDecimal(x)
  return d.mul(d).div(-2).exp().div(SQRT_2PI)
}

/**
 * Standard normal distribution Φ(x), with full relative precision in both tails: the Taylor
 * series Φ(x) = 1/2 + φ(x)·Σ x^(2n+1)/(2n+1)!! near the centre, and for |x| > 10 the upper tail
 * Q(|x|) = φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))) by the modified Lentz algorithm.
 */
export function referenceNormCdf(x: Numeric): Decimal {
  const d = toDecimal(x)
  if (d.abs().lte(SERIES_LIMIT)) return seriesCdf(d)
  const tail = upperTail(d.abs())
  return d.isNegative() ? tail : new Decimal(1).minus(tail)
}

function seriesCdf(x: Decimal): Decimal {
  const Wide = Decimal.clone({ precision: Decimal.precision + SERIES_EXTRA_DIGITS })
  const xw = new Wide(x)
  const x2 = xw.mul(xw)
  const epsilon = new Wide(10).pow(-(Wide.precision + 2))
  let term = xw
  let sum = xw
  for (let n = 1; term.abs().gt(sum.abs().mul(epsilon)); n++) {
    term = term.mul(x2).div(2 * n + 1)
    sum = sum.plus(term)
  }
  const pdf = x2
    .div(-2)
    .exp()
    .div(new Wide(2).mul(Wide.acos(-1)).sqrt())
  return new Decimal(pdf.mul(sum).plus(0.5))
}

function upperTail(x: Decimal): Decimal {
  // Continued fraction f = x + 1/(x + 2/(x + 3/(x + …))), evaluated forwards (Lentz).
  const tiny = new Decimal(10).pow(-300)
  const epsilon = new Decimal(10).pow(-(Decimal.precision - 5))
  let f = x
  let c = x
  let dInv = new Decimal(0)
  for (let n = 1; n < 1_000_000; n++) {
    let dn = x.plus(dInv.mul(n))
    if (dn.isZero()) dn = tiny
    dInv = new Decimal(1).div(dn)
    c = x.plus(new Decimal(n).div(c))
    if (c.isZero()) c = tiny
    const delta = c.mul(dInv)
    f = f.mul(delta)
    if (delta.minus(1).abs().lt(epsilon)) return referenceNormPdf(x).div(f)
  }
  throw new Error(`reference: continued fraction for Q(${x}) did not converge`)
}

/** Black-Scholes price and Greeks of a European option to about 80 significant digits. */
export function referenceBlackScholes(option: ReferenceOption): ReferenceGreeks {
  const spot = toDecimal(option.spot)
  const strike = toDecimal(option.strike)
  const time = toDecimal(option.time)
  const vol = toDecimal(option.vol)
  const rate = toDecimal(option.rate ?? 0)
  const sqrtTime = time.sqrt()
  const totalVol = vol.mul(sqrtTime)
  const discount = rate.mul(time).neg().exp()
  const discountedStrike = strike.mul(discount)
  const d1 = spot
    .div(strike)
    .ln()
    .plus(rate.plus(vol.mul(vol).div(2)).mul(time))
    .div(totalVol)
  const d2 = d1.minus(totalVol)
  const pdf1 = referenceNormPdf(d1)
  const gamma = pdf1.div(spot.mul(totalVol))
  const vega = spot.mul(pdf1).mul(sqrtTime)
  const decay = spot.mul(pdf1).mul(vol).div(sqrtTime.mul(2)).neg()
  if (option.type === 'call') {
    const n1 = referenceNormCdf(d1)
    const n2 = referenceNormCdf(d2)
    return {
      price: spot.mul(n1).minus(discountedStrike.mul(n2)),
      delta: n1,
      gamma,
      vega,
      theta: decay.minus(rate.mul(discountedStrike).mul(n2)),
      rho: discountedStrike.mul(time).mul(n2),
    }
  }
  const n1 = referenceNormCdf(d1.neg())
  const n2 = referenceNormCdf(d2.neg())
  return {
    price: discountedStrike.mul(n2).minus(spot.mul(n1)),
    delta: n1.neg(),
    gamma,
    vega,
    theta: decay.plus(rate.mul(discountedStrike).mul(n2)),
    rho: discountedStrike.mul(time).mul(n2).neg(),
  }
}
