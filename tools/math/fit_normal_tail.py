"""Derives the coefficients of BlackScholes' upper normal tail Q(x) = 1 - N(x).

On each unit interval [j, j+1) (j = 0..10) Q(j + 1/2 + u), u in [-1/2, 1/2], is replaced by the
Chebyshev interpolant (mpmath.chebyfit, 60 significant digits) of the lowest degree whose error,
evaluated with the exact integer Horner scheme of the contract (1e27 fixed point, truncating
division), stays below MAX_ERROR on a dense grid. Beyond x = 11, Q(x) < 2e-28 is below the unit of
the fixed point. Run: python3 tools/math/fit_normal_tail.py  (needs mpmath).
"""
import mpmath as mp

mp.mp.dps = 60
ONE = 10**27
MAX_ERROR = 10**6  # 1e-21 in units of 1e-27
GRID = 2000


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def horner(coeffs, u):
    acc = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        acc = tdiv(acc * u, ONE) + c
    return acc


def fit(j):
    mid = mp.mpf(j) + mp.mpf(1) / 2
    f = lambda u: mp.ncdf(-(mid + u))
    for degree in range(2, 40):
        poly, _ = mp.chebyfit(f, [-0.5, 0.5], degree + 1, error=True)
        coeffs = [int(mp.nint(c * ONE)) for c in reversed(poly)]  # lowest order first
        worst = 0
        for i in range(GRID + 1):
            u = -ONE // 2 + i * ONE // GRID
            exact = mp.ncdf(-(mid + mp.mpf(u) / ONE)) * ONE
            worst = max(worst, abs(horner(coeffs, u) - exact))
        if worst <= MAX_ERROR:
            return coeffs, worst
    raise RuntimeError(j)


if __name__ == '__main__':
    for j in range(11):
        coeffs, worst = fit(j)
        print(j, len(coeffs) - 1, float(worst), coeffs)


def solidity(all_coeffs):
    """Emits the interval search and Horner evaluation used in NormalDistribution.upperTail."""

    def block(lo, hi, indent):
        pad = ' ' * indent
        if hi - lo == 1:
            c = all_coeffs[lo]
            lines = [f'{pad}u = int256(x) - {(2 * lo + 1) * 5}e26;', f'{pad}p = {c[-1]};']
            lines += [f'{pad}p = p * u / ONE + {k};' for k in reversed(c[:-1])]
            return lines
        mid = (lo + hi) // 2
        return (
            [f'{pad}if (x < {mid}e27) {{']
            + block(lo, mid, indent + 4)
            + [f'{pad}}} else {{']
            + block(mid, hi, indent + 4)
            + [f'{pad}}}']
        )

    return '\n'.join(block(0, len(all_coeffs), 12))


def typescript(all_coeffs):
    rows = ['  [' + ', '.join(f'{k}n' for k in c) + '],' for c in all_coeffs]
    return '\n'.join(rows)
