import { describe, expect, it } from 'vitest'
import { SviCalibrationError, SviTimeOutOfRangeError } from '../errors/svi.js'
import { calibrateSvi, type SviQuote } from './calibrateSvi.js'
import { type SviParams, sviImpliedVol, validateSvi } from './svi.js'
import { validateSviWad } from './wad/sviWad.js'

const DAYS_30 = 30 * 86_400
/** A 30-day crypto-like smile: ATM vol ≈ 27 %, puts dearer (ρ < 0). */
const TRUE_PARAMS: SviParams = { a: 0.004, b: 0.02, rho: -0.4, m: 0.02, sigma: 0.08 }
const STRIKES_K = Array.from({ length: 21 }, (_, i) => -0.6 + i * 0.05)

/** Deterministic uniform [0, 1) generator (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function quotesOf(params: SviParams, timeSec: number, noise: number, seed: number): SviQuote[] {
  const random = prng(seed)
  return STRIKES_K.map((k) => ({
    k,
    vol: sviImpliedVol(params, k, timeSec) + noise * (2 * random() - 1),
  }))
}

function maxSmileDistance(fitted: SviParams, timeSec: number): number {
  return Math.max(
    ...STRIKES_K.map((k) =>
      Math.abs(sviImpliedVol(fitted, k, timeSec) - sviImpliedVol(TRUE_PARAMS, k, timeSec)),
    ),
  )
}

describe('calibrateSvi', () => {
  it('recovers a noiseless smile', () => {
    const fit = calibrateSvi({ quotes: quotesOf(TRUE_PARAMS, DAYS_30, 0, 1), timeSec: DAYS_30 })
    // Measured: RMS 1.0e-9, max 2.0e-9 (vol units).
    expect(fit.rmsVolError).toBeLessThan(1e-7)
    expect(fit.maxVolError).toBeLessThan(1e-7)
    expect(fit.params.rho).toBeCloseTo(TRUE_PARAMS.rho, 5)
    expect(fit.params.m).toBeCloseTo(TRUE_PARAMS.m, 5)
  })

  it('fits a smile with ±0.2 vol-point noise to the noise level', () => {
    const fit = calibrateSvi({ quotes: quotesOf(TRUE_PARAMS, DAYS_30, 0.002, 7), timeSec: DAYS_30 })
    // Uniform noise on ±0.002 has RMS 0.00115: the fit cannot do much better and must not do worse.
    // Measured: RMS 0.00105, max 0.00224, distance to the true smile ≤ 0.00056.
    expect(fit.rmsVolError).toBeLessThan(0.0015)
    expect(fit.maxVolError).toBeLessThan(0.003)
    expect(maxSmileDistance(fit.params, DAYS_30)).toBeLessThan(0.002)
  })

  it('accepts strikes with a forward', () => {
    const forward = 3000
    const quotes = STRIKES_K.map((k) => ({
      strike: forward * Math.exp(k),
      vol: sviImpliedVol(TRUE_PARAMS, k, DAYS_30),
    }))
    const fit = calibrateSvi({ quotes, timeSec: DAYS_30, forward })
    expect(fit.rmsVolError).toBeLessThan(1e-5)
  })

  it('always returns parameters that pass validateSvi and validateSviWad', () => {
    const random = prng(42)
    for (let trial = 0; trial < 40; trial++) {
      const timeSec = Math.round(60 + random() * (2 * 31_536_000))
      const n = 3 + Math.floor(random() * 12)
      const width = 0.05 + random() * 3
      // Arbitrary, often arbitrageable vols: steep wings, frowns, jumps, from 1 % to 400 %.
      const quotes = Array.from({ length: n }, (_, i) => ({
        k: -width + (2 * width * i) / Math.max(1, n - 1),
        vol: 0.01 + random() * 4,
        weight: 0.1 + random(),
      }))
      const fit = calibrateSvi({ quotes, timeSec })
      validateSvi(fit.params, timeSec)
      validateSviWad(fit.paramsWad, BigInt(timeSec))
      expect(Number.isFinite(fit.rmsVolError)).toBe(true)
    }
  })

  it('keeps to the wing bound when the quotes are steeper than Lee allows', () => {
    // Total variance slope 5 > 2 on both wings.
    const timeSec = 31_536_000
    const quotes = STRIKES_K.map((k) => ({ k, vol: Math.sqrt(0.04 + 5 * Math.abs(k)) }))
    const fit = calibrateSvi({ quotes, timeSec })
    expect(fit.params.b * (1 + Math.abs(fit.params.rho))).toBeLessThanOrEqual(2)
    validateSviWad(fit.paramsWad, BigInt(timeSec))
  })

  it('rejects quotes it cannot fit', () => {
    const good = { k: 0, vol: 0.5 }
    const cases: Parameters<typeof calibrateSvi>[0][] = [
      { quotes: [good, { k: 0.1, vol: 0.5 }], timeSec: DAYS_30 },
      { quotes: [good, good, good, { k: 0.1, vol: 0.5 }], timeSec: DAYS_30 },
      { quotes: [good, { k: 0.1, vol: 0.5 }, { k: 9, vol: 0.5 }], timeSec: DAYS_30 },
      { quotes: [good, { k: 0.1, vol: 0.5 }, { k: 0.2, vol: -1 }], timeSec: DAYS_30 },
      { quotes: [good, { k: 0.1, vol: 0.5 }, { k: 0.2, vol: 0.5, weight: 0 }], timeSec: DAYS_30 },
      { quotes: [good, { k: 0.1, vol: 0.5 }, { strike: 100, vol: 0.5 }], timeSec: DAYS_30 },
    ]
    for (const parameters of cases) {
      expect(() => calibrateSvi(parameters)).toThrow(SviCalibrationError)
    }
    expect(() => calibrateSvi({ quotes: [good], timeSec: 10 })).toThrow(SviTimeOutOfRangeError)
  })

  it('reports which quote is bad', () => {
    try {
      calibrateSvi({
        quotes: [
          { k: 0, vol: 0.5 },
          { k: 0.1, vol: Number.NaN },
        ],
        timeSec: DAYS_30,
      })
      expect.unreachable()
    } catch (error) {
      expect((error as SviCalibrationError).quoteIndex).toBe(1)
    }
  })
})
