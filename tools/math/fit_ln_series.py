"""Derives the coefficients of PreciseMath.ln's kernel atanh(z)/z = g(z²).

After the range reduction |z| <= (2^(1/4) - 1)/(2^(1/4) + 1) = 0.08643 (0.0866 with rounding margin), so
w = z² is in [0, W], W = 0.0866². g(w) = Σ w^n/(2n+1) is replaced by its Chebyshev interpolant of degree
DEGREE on [0, W] (mpmath.chebyfit, 60 digits), evaluated by the contract's integer Horner scheme: the i-th
coefficient is scaled by (2^SHIFT/1e27)^i so that each step divides by 2^SHIFT (an arithmetic shift).
Prints the coefficients (lowest order first) and the largest error of 2·z·g(z²) over a dense grid, in units
of 1e-27. Run from the repository root: python3 tools/math/fit_ln_series.py
"""
import mpmath as mp

mp.mp.dps = 60
ONE = 10**27
SHIFT = 90
SCALE = mp.mpf(2) ** SHIFT / ONE
DEGREE = 6
Z_MAX = mp.mpf('0.0866')
GRID = 4000


def g(w):
    if w == 0:
        return mp.mpf(1)
    s = mp.sqrt(w)
    return mp.atanh(s) / s


def coefficients():
    poly, _ = mp.chebyfit(g, [0, Z_MAX**2], DEGREE + 1, error=True)
    return [int(mp.nint(c * ONE * SCALE**i)) for i, c in enumerate(reversed(poly))]


def kernel(coeffs, z):
    """2·atanh(z) in 1e27 exactly as the contract: w = z·z/ONE, Horner by shifts, 2·z·t/ONE."""
    w = abs(z * z) // ONE
    t = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        t = ((t * w) >> SHIFT) + c
    q = abs(2 * z * t) // ONE
    return q if z >= 0 else -q


if __name__ == '__main__':
    coeffs = coefficients()
    print('coefficients', coeffs)
    zmax = int(Z_MAX * ONE)
    worst = 0
    for i in range(-GRID, GRID + 1):
        z = zmax * i // GRID
        exact = 2 * mp.atanh(mp.mpf(z) / ONE) * ONE
        worst = max(worst, abs(kernel(coeffs, z) - exact))
    print('max error (units of 1e-27)', mp.nstr(worst, 5))
