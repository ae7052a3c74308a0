import { describe, expect, it } from 'vitest'
import { Decimal, referenceNormCdf, referenceNormPdf } from '../../test/reference/blackScholes.js'
import { MILLS_PIECE_SCALES, MILLS_PIECE_TOPS } from './millsRatioTable.js'
import {
  CENTRAL_3,
  CENTRAL_5,
  CENTRAL_7,
  inverseNormalCdf,
  inverseNormalCdfEstimate,
  inverseNormalTailEstimate,
  MILLS_RATIO_MAX_ARGUMENT,
  millsRatio,
  millsRatioDifference,
  normalCdf,
  normalPdf,
} from './normal.js'

function referenceMills(z: Decimal): Decimal {
  return referenceNormCdf(z).div(referenceNormPdf(z))
}

function relativeError(actual: number, expected: Decimal): number {
  return new Decimal(actual).minus(expected).div(expected).abs().toNumber()
}

describe('normalCdf', () => {
  it('matches the 100-digit reference to 1e-15 relative from the centre to Φ ≈ 1e-300', () => {
    for (let x = -37.5; x <= 8; x += 0.173) {
      expect(relativeError(normalCdf(x), referenceNormCdf(x))).toBeLessThan(1e-15)
    }
  })

  it('is symmetric, Φ(x) + Φ(−x) = 1, and φ is the derivative', () => {
    for (const x of [0, 0.3, 1.7, 4.2]) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15)
      const slope = (normalCdf(x + 1e-6) - normalCdf(x - 1e-6)) / 2e-6
      expect(slope / normalPdf(x)).toBeCloseTo(1, 6)
    }
  })
})

describe('millsRatio', () => {
  it('matches Φ/φ to a few ulps on every piece and in the tail', () => {
    for (let z = 0.125; z > -60; z -= 0.0731) {
      expect(relativeError(millsRatio(z), referenceMills(new Decimal(z)))).toBeLessThan(5e-16)
    }
  })

  it('matches Φ/φ across each rational piece’s whole fitting interval (s ∈ [0, 1])', () => {
    for (let piece = 0; piece < MILLS_PIECE_TOPS.length; piece++) {
      const top = MILLS_PIECE_TOPS[piece] as number
      const width = 1 / (MILLS_PIECE_SCALES[piece] as number)
      for (const s of [0, 0.125, 0.25, 0.5, 0.75, 0.875, 1]) {
        const z = top - s * width
        if (z > MILLS_RATIO_MAX_ARGUMENT) continue
        expect(relativeError(millsRatio(z), referenceMills(new Decimal(z)))).toBeLessThan(5e-16)
      }
    }
  })
})

describe('millsRatioDifference', () => {
  it('keeps relative precision when M(h + t) and M(h − t) nearly cancel', () => {
    const hs = [0, -0.01, -0.3, -1, -2.9, -5, -8, -11.9, -12.01, -15, -30]
    const ts = [1e-30, 1e-12, 1e-6, 1e-3, 0.05, 0.1, 0.3, 1, 3]
    for (const h of hs) {
      for (const t of ts) {
        if (h + t > 0.125) continue
        const exact = referenceMills(new Decimal(h).plus(t)).minus(
          referenceMills(new Decimal(h).minus(t)),
        )
        expect(relativeError(millsRatioDifference(h, t), exact)).toBeLessThan(2e-15)
      }
    }
  })
})

describe('millsRatioDifference lower output', () => {
  it('stores M(h − t) on the tail, piece and direct paths', () => {
    const lower = new Float64Array(1)
    for (const [h, t] of [
      [-20, 1],
      [-3, 1e-4],
      [-3, 2],
      [-0.1, 0.2],
    ] as const) {
      millsRatioDifference(h, t, lower)
      const exact = referenceMills(new Decimal(h).minus(t))
      expect(relativeError(lower[0] as number, exact)).toBeLessThan(5e-16)
    }
  })
})

describe('inverseNormalCdf', () => {
  it('inverts Φ to the conditioning of the problem, down to 1e-300', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-10, 1e-3, 0.05, 0.149, 0.15, 0.3, 0.5, 0.8, 0.999]) {
      const z = inverseNormalCdf(p)
      // dΦ/Φ = dz/M(z): an error of a few ulps in z moves Φ by z²·ε relative at most.
      const tolerance = 4e-16 * Math.max(1, z * z)
      expect(relativeError(p, referenceNormCdf(z))).toBeLessThan(tolerance)
    }
    expect(inverseNormalCdf(0.5)).toBe(0)
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 14)
  })
})

describe('inverseNormalCdfEstimate', () => {
  it('is within 5e-7 relative of Φ⁻¹ from the smallest subnormal to 1/2, across its split', () => {
    let worst = 0
    for (let e = Math.log10(0.499); e > -323.3; e -= 0.01) {
      const p = 10 ** e
      const z = inverseNormalCdf(p, 1e-12)
      worst = Math.max(worst, Math.abs(inverseNormalCdfEstimate(p) / z - 1))
    }
    for (const p of [Number.MIN_VALUE, 0.149999, 0.15, 0.150001, 0.4999]) {
      const z = inverseNormalCdf(p, 1e-12)
      worst = Math.max(worst, Math.abs(inverseNormalCdfEstimate(p) / z - 1))
    }
    expect(worst).toBeLessThan(5e-7)
    expect(worst).toBeGreaterThan(0) // an approximation, not the refined inverse
    expect(inverseNormalCdfEstimate(0.5)).toBe(0)
  })

  it('takes the tail from ln p, for callers that have the logarithm', () => {
    for (const lnP of [-700, -300, -5, Math.log(0.1499)]) {
      const z = inverseNormalCdf(Math.exp(lnP), 1e-12)
      expect(Math.abs(inverseNormalTailEstimate(lnP) / z - 1)).toBeLessThan(5e-7)
    }
  })
})

describe('the inverse normal’s Taylor coefficients', () => {
  it('are the literals of π/3, 7π²/30 and 127π³/630', () => {
    expect(CENTRAL_3).toBe(Math.PI / 3)
    expect(CENTRAL_5).toBe((7 * Math.PI * Math.PI) / 30)
    expect(CENTRAL_7).toBe((127 * Math.PI * Math.PI * Math.PI) / 630)
  })
})
