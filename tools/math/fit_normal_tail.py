"""Derives the coefficients of BlackScholes' upper normal tail Q(x) = 1 - N(x).

On each interval (width 1/8 on [0, 3), where most arguments fall, then 1/2 up to 11) Q(m + u) around the
interval's midpoint m is replaced by the Chebyshev interpolant (mpmath.chebyfit, 60 significant digits) of
the lowest degree whose error, evaluated with the exact integer Horner scheme of the contract (1e27 fixed
point; the i-th coefficient scaled by (2^SHIFT/1e27)^i so that each step is an arithmetic shift by SHIFT
bits), stays on a dense grid below min(ABSOLUTE_ERROR, RELATIVE_ERROR·Q(x)), or 2 units of the fixed point
where that is smaller. Beyond x = 11, Q(x) < 2e-28 is below the unit of the fixed point.
Run from the repository root: python3 tools/math/fit_normal_tail.py  (needs mpmath). It rewrites the
generated part of contracts/libraries/NormalDistribution.sol (upperTail's body) and of
sdk/src/math/wad/normalWad.ts (TAIL_COEFFICIENTS and the interval grid); then run `forge fmt`,
`biome check --write .` and regenerate the fixture (sdk/scripts/generateFixtures.ts).
"""
import mpmath as mp

mp.mp.dps = 60
ONE = 10**27
ABSOLUTE_ERROR = mp.mpf('2e-20') * ONE
RELATIVE_ERROR = mp.mpf('1e-12')
FLOOR = 2  # units of 1e-27
FINE_WIDTH = ONE // 8  # intervals of [0, FINE_END), where most arguments fall
FINE_END = 3 * ONE
COARSE_WIDTH = ONE // 2  # intervals of [FINE_END, 11)
END = 11 * ONE
INTERVALS = [(lo, FINE_WIDTH) for lo in range(0, FINE_END, FINE_WIDTH)] + [
    (lo, COARSE_WIDTH) for lo in range(FINE_END, END, COARSE_WIDTH)
]
CENTRAL = FINE_END // FINE_WIDTH  # the first split isolates [0, FINE_END)
GRID = 1000
SHIFT = 90
SCALE = mp.mpf(2) ** SHIFT / ONE


def horner(coeffs, u):
    acc = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        acc = ((acc * u) >> SHIFT) + c
    return acc


def fit(lo, width):
    mid = lo + width // 2
    half = mp.mpf(width) / 2 / ONE
    f = lambda u: mp.ncdf(-(mp.mpf(mid) / ONE + u))
    grid = [-width // 2 + i * width // GRID for i in range(GRID + 1)]
    exact = [f(mp.mpf(u) / ONE) * ONE for u in grid]
    bound = [max(FLOOR, min(ABSOLUTE_ERROR, RELATIVE_ERROR * e)) for e in exact]
    for degree in range(1, 40):
        poly, _ = mp.chebyfit(f, [-half, half], degree + 1, error=True)
        # Lowest order first; the i-th scaled by SCALE^i so that Horner divides by 2^SHIFT, not by ONE.
        coeffs = [int(mp.nint(c * ONE * SCALE**i)) for i, c in enumerate(reversed(poly))]
        ratio = max(abs(horner(coeffs, u) - e) / b for u, e, b in zip(grid, exact, bound))
        if ratio <= 1:
            return mid, coeffs, ratio
    raise RuntimeError(lo)




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
                lines.append(f'{pad}    p := {op}(sar({SHIFT}, mul(p, u)), {abs(k)})')
            return lines + [f'{pad}}}']
        # The first split isolates [0, 2.5), where most arguments fall, one comparison closer to the root.
        mid = CENTRAL if (lo, hi) == (0, len(fits)) else (lo + hi) // 2
        return (
            [f'{pad}if (x < {INTERVALS[mid][0]}) {{']
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
    s = s[:start] + typescript(fits) + s[end:]
    for name, value in (('FINE_WIDTH', FINE_WIDTH), ('FINE_END', FINE_END), ('COARSE_WIDTH', COARSE_WIDTH)):
        start = s.index(f'const {name} = ') + len(f'const {name} = ')
        end = s.index('\n', start)
        s = s[:start] + f'{value}n' + s[end:]
    open(ts_path, 'w').write(s)


if __name__ == '__main__':
    fits = []
    for lo, width in INTERVALS:
        mid, coeffs, ratio = fit(lo, width)
        print(f'[{lo}, {lo + width}): degree {len(coeffs) - 1}, error/bound {float(ratio):.3f}')
        fits.append((mid, coeffs))
    write(fits)
