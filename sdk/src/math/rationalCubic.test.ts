import { describe, expect, it } from 'vitest'
import {
  rationalCubic,
  rationalCubicParameterForLeftCurvature,
  rationalCubicParameterForRightCurvature,
  shapePreservingParameter,
} from './rationalCubic.js'

/** Data of f(x) = 1/x on [1, 2]: convex and decreasing. */
const XL = 1
const XR = 2
const YL = 1
const YR = 0.5
const DL = -1
const DR = -0.25

function second(f: (x: number) => number, x: number, step: number): number {
  return (f(x + step) - 2 * f(x) + f(x - step)) / (step * step)
}

describe('rationalCubic', () => {
  it('matches end values and slopes for any control parameter', () => {
    for (const r of [0, 1, 3, 10]) {
      const f = (x: number) => rationalCubic(x, XL, XR, YL, YR, DL, DR, r)
      expect(f(XL)).toBeCloseTo(YL, 15)
      expect(f(XR)).toBeCloseTo(YR, 15)
      expect((f(XL + 1e-7) - f(XL)) / 1e-7).toBeCloseTo(DL, 4)
      expect((f(XR) - f(XR - 1e-7)) / 1e-7).toBeCloseTo(DR, 4)
    }
  })

  it('is the cubic Hermite interpolant at r = 3 (reproduces a cubic)', () => {
    const cubic = (x: number) => x * x * x - 2 * x
    const slope = (x: number) => 3 * x * x - 2
    for (const x of [1.1, 1.5, 1.93]) {
      expect(rationalCubic(x, 1, 2, cubic(1), cubic(2), slope(1), slope(2), 3)).toBeCloseTo(
        cubic(x),
        14,
      )
    }
  })

  it('hits the prescribed curvature at the chosen end', () => {
    const left = rationalCubicParameterForLeftCurvature(XL, XR, YL, YR, DL, DR, 2)
    const right = rationalCubicParameterForRightCurvature(XL, XR, YL, YR, DL, DR, 0.25)
    const fl = (x: number) => rationalCubic(x, XL, XR, YL, YR, DL, DR, left)
    const fr = (x: number) => rationalCubic(x, XL, XR, YL, YR, DL, DR, right)
    expect(second(fl, XL + 1e-4, 1e-4)).toBeCloseTo(2, 2)
    expect(second(fr, XR - 1e-4, 1e-4)).toBeCloseTo(0.25, 2)
  })
})

describe('shapePreservingParameter', () => {
  it('raises r until convex monotone data give a convex monotone interpolant', () => {
    const r = shapePreservingParameter(-0.5, XL, XR, YL, YR, DL, DR)
    expect(r).toBeGreaterThan(-0.5)
    let previous = Number.POSITIVE_INFINITY
    let previousSlope = Number.NEGATIVE_INFINITY
    for (let x = XL; x < XR; x += 0.01) {
      const y = rationalCubic(x, XL, XR, YL, YR, DL, DR, r)
      const slope = (rationalCubic(x + 0.01, XL, XR, YL, YR, DL, DR, r) - y) / 0.01
      expect(y).toBeLessThan(previous)
      expect(slope).toBeGreaterThanOrEqual(previousSlope - 1e-9)
      previous = y
      previousSlope = slope
    }
  })

  it('keeps a larger r as it is', () => {
    expect(shapePreservingParameter(50, XL, XR, YL, YR, DL, DR)).toBe(50)
  })
})
