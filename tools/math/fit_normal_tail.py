"""Derives the coefficients of BlackScholes' upper normal tail Q(x) = 1 - N(x).

On each interval [j/2, (j+1)/2) (j = 0..21) Q(j/2 + 1/4 + u), u in [-1/4, 1/4], is replaced by the
Chebyshev interpolant (mpmath.chebyfit, 60 significant digits) of the lowest degree whose error,
evaluated with the exact integer Horner scheme of the contract (1e27 fixed point, truncating
division), stays on a dense grid below min(ABSOLUTE_ERROR, RELATIVE_ERROR·Q(x)), or 2 units of the
fixed point where that is smaller. Beyond x = 11, Q(x) < 2e-28 is below the unit of the fixed point.
Run from the repository root: python3 tools/math/fit_normal_tail.py  (needs mpmath). It rewrites the
generated part of contracts/libraries/NormalDistribution.sol (upperTail's body) and of
sdk/src/math/wad/normalWad.ts (TAIL_COEFFICIENTS); then run `forge fmt`, `biome check --write .` and
regenerate the fixture (sdk/scripts/generateFixtures.ts).
"""
import mpmath as mp

mp.mp.dps = 60
ONE = 10**27
ABSOLUTE_ERROR = mp.mpf('1e-20') * ONE
RELATIVE_ERROR = mp.mpf('1e-12')
FLOOR = 2  # units of 1e-27
WIDTH = ONE // 2
INTERVALS = 22
CENTRAL = 5  # intervals in [0, 2.5)
GRID = 1000


def tdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def horner(coeffs, u):
    acc = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        acc = tdiv(acc * u, ONE) + c
    return acc


def fit(j):
    mid = (j * WIDTH + WIDTH // 2)
    half = mp.mpf(WIDTH) / 2 / ONE
    f = lambda u: mp.ncdf(-(mp.mpf(mid) / ONE + u))
    grid = [-WIDTH // 2 + i * WIDTH // GRID for i in range(GRID + 1)]
    exact = [f(mp.mpf(u) / ONE) * ONE for u in grid]
    bound = [max(FLOOR, min(ABSOLUTE_ERROR, RELATIVE_ERROR * e)) for e in exact]
    for degree in range(1, 40):
        poly, _ = mp.chebyfit(f, [-half, half], degree + 1, error=True)
        coeffs = [int(mp.nint(c * ONE)) for c in reversed(poly)]  # lowest order first
        ratio = max(abs(horner(coeffs, u) - e) / b for u, e, b in zip(grid, exact, bound))
        if ratio <= 1:
            return mid, coeffs, ratio
    raise RuntimeError(j)




def solidity(fits):
    """Emits the interval search and Horner evaluation used in NormalDistribution.upperTail."""

    def block(lo, hi, indent, last=True):
        pad = ' ' * indent
        if last and hi - lo == 1 and hi == len(fits):
            # The last interval also holds every x beyond it, where Q is below the unit: p stays 0.
            inner = block(lo, hi, indent + 4, last=False)
            return [f'{pad}if (x < TAIL_CUTOFF) {{'] + inner + [f'{pad}}}']
        if hi - lo == 1:
            mid, c = fits[lo]
            lines = [f'{pad}u = int256(x) - {mid};', f'{pad}assembly ("memory-safe") {{']
            lines.append(f'{pad}    p := {c[-1]}' if c[-1] >= 0 else f'{pad}    p := sub(0, {-c[-1]})')
            for k in reversed(c[:-1]):
                op = 'add' if k >= 0 else 'sub'
                lines.append(f'{pad}    p := {op}(sdiv(mul(p, u), {ONE}), {abs(k)})')
            return lines + [f'{pad}}}']
        # The first split isolates [0, 2.5), where most arguments fall, one comparison closer to the root.
        mid = CENTRAL if (lo, hi) == (0, INTERVALS) else (lo + hi) // 2
        return (
            [f'{pad}if (x < {mid * WIDTH}) {{']
            + block(lo, mid, indent + 4)
            + [f'{pad}}} else {{']
            + block(mid, hi, indent + 4)
            + [f'{pad}}}']
        )

    return '\n'.join(block(0, len(fits), 12))


def typescript(fits):
    rows = ['  [' + ', '.join(f'{k}n' for k in c) + '],' for _, c in fits]
    return '\n'.join(rows)


def write(fits):
    sol_path = 'contracts/libraries/NormalDistribution.sol'
    s = open(sol_path).read()
    start = s.index('            int256 p;\n') + len('            int256 p;\n')
    end = s.index('            return p > 0')
    open(sol_path, 'w').write(s[:start] + solidity(fits) + '\n' + s[end:])
    ts_path = 'sdk/src/math/wad/normalWad.ts'
    s = open(ts_path).read()
    head = 'const TAIL_COEFFICIENTS: readonly (readonly bigint[])[] = [\n'
    start = s.index(head) + len(head)
    end = s.index('\n]\n', start)
    open(ts_path, 'w').write(s[:start] + typescript(fits) + s[end:])


if __name__ == '__main__':
    fits = []
    for j in range(INTERVALS):
        mid, coeffs, ratio = fit(j)
        print(f'[{j * WIDTH}, {(j + 1) * WIDTH}): degree {len(coeffs) - 1}, error/bound {float(ratio):.3f}')
        fits.append((mid, coeffs))
    write(fits)
