// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {PortfolioRiskBase} from "./PortfolioRisk.t.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice `PortfolioRisk.margin` against a straightforward reference written here from the public
/// `OptionValuation.markWad` (one full mark per leg, per state, no shared terms) and PORTFOLIO.md's formulas: every
/// field equal to the wei, so that the library's gas cuts cannot move a result.
contract PortfolioRiskDifferentialTest is PortfolioRiskBase {
    uint256 private constant WAD = 1e18;

    /// @dev Random books of 0 to 16 legs over 1 to 4 expiries (one possibly under a minute away: payoff marks),
    /// strikes near and far (some outside Black-Scholes' moneyness domain), sizes from 0 to 2^96 − 1, random spot,
    /// rate in [0, 20 %], grid, shocks, floor, MM ratio and collateral.
    /// forge-config: default.fuzz.runs = 256
    function testFuzz_marginEqualsReference(uint256 seed) public pure {
        (
            PortfolioRisk.ExpiryLegs[] memory book,
            uint256 spot,
            uint256 rate,
            PortfolioRisk.Shocks memory s,
            PortfolioRisk.Collateral memory c
        ) = _randomCase(seed);
        _assertSame(PortfolioRisk.margin(book, spot, rate, s, c), referenceMargin(book, spot, rate, s, c));
    }

    /// @dev `scaledSmile` against its first version, for any a (both signs, inexact products) and scale.
    function testFuzz_scaledSmileEqualsReference(int256 a, uint256 b, uint256 volScale, bool roundUp) public pure {
        a = bound(a, -100e18, 100e18);
        b = bound(b, 0, 2e18);
        volScale = bound(volScale, 0, 2e18);
        Svi.Params memory smile = Svi.Params({a: a, b: b, rho: -0.3e18, m: 0.01e18, sigma: 0.1e18});
        Svi.Params memory got = PortfolioRisk.scaledSmile(smile, volScale, roundUp);
        Svi.Params memory want = _scaledSmile(smile, volScale, roundUp);
        assertEq(got.a, want.a, "a");
        assertEq(got.b, want.b, "b");
        assertEq(got.rho, want.rho, "rho");
        assertEq(got.m, want.m, "m");
        assertEq(got.sigma, want.sigma, "sigma");
    }

    /// @dev The bench's books (test/bench/PortfolioRiskGas.t.sol) on 3 and 5 spots, at rates 0 and 5 %.
    function test_benchBooksEqualReference() public pure {
        PortfolioRisk.Leg[] memory legs = new PortfolioRisk.Leg[](4);
        legs[0] = PortfolioRisk.Leg({strikeWad: 2800e18, isCall: false, sizeWad: -2e18});
        legs[1] = PortfolioRisk.Leg({strikeWad: 2600e18, isCall: false, sizeWad: 2e18});
        legs[2] = PortfolioRisk.Leg({strikeWad: 3200e18, isCall: true, sizeWad: -2e18});
        legs[3] = PortfolioRisk.Leg({strikeWad: 3400e18, isCall: true, sizeWad: 2e18});
        PortfolioRisk.Collateral memory c =
            PortfolioRisk.Collateral({baseWad: 1e18, quoteWad: 5000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0});
        for (uint256 intervals = 2; intervals < 5; intervals += 2) {
            PortfolioRisk.Shocks memory s = shocksOn(intervals, 0.2e18, 0.3e18, 0.05e18);
            for (uint256 rate; rate < 0.1e18; rate += 0.05e18) {
                _assertSame(
                    PortfolioRisk.margin(oneExpiry(1, legs), SPOT, rate, s, c),
                    referenceMargin(oneExpiry(1, legs), SPOT, rate, s, c)
                );
                _assertSame(
                    PortfolioRisk.margin(randomBook(16, 16), SPOT, rate, s, c),
                    referenceMargin(randomBook(16, 16), SPOT, rate, s, c)
                );
            }
        }
    }

    // ---------------------------------------------------------------- the reference

    /// @dev `PortfolioRisk.margin` recomputed: marks[leg][0] now, marks[leg][1 + i] at grid spot i (longs on the smile
    /// scaled by 1 − y rounded down, shorts on 1 + y rounded up), each a plain `OptionValuation.markWad`.
    function referenceMargin(
        PortfolioRisk.ExpiryLegs[] memory book,
        uint256 spot,
        uint256 rate,
        PortfolioRisk.Shocks memory s,
        PortfolioRisk.Collateral memory c
    ) internal pure returns (PortfolioRisk.Margin memory m) {
        uint256 n = s.spotIntervals;
        // Flatten the book.
        uint256 count;
        for (uint256 e; e < book.length; ++e) {
            count += book[e].legs.length;
        }
        PortfolioRisk.Leg[] memory legs = new PortfolioRisk.Leg[](count);
        uint256[][] memory marks = new uint256[][](count);
        uint256 g;
        for (uint256 e; e < book.length; ++e) {
            Svi.Params memory high = _scaledSmile(book[e].smile, WAD + s.volShockWad, true);
            Svi.Params memory low = _scaledSmile(book[e].smile, WAD - s.volShockWad, false);
            for (uint256 j; j < book[e].legs.length; ++j) {
                PortfolioRisk.Leg memory leg = book[e].legs[j];
                legs[g] = leg;
                marks[g] = new uint256[](n + 2);
                marks[g][0] =
                    OptionValuation.markWad(book[e].smile, spot, leg.strikeWad, book[e].timeSec, rate, leg.isCall);
                for (uint256 i; i <= n; ++i) {
                    marks[g][1 + i] = OptionValuation.markWad(
                        leg.sizeWad > 0 ? low : high,
                        PortfolioRisk.gridSpotWad(spot, s.spotShockWad, n, i),
                        leg.strikeWad,
                        book[e].timeSec,
                        rate,
                        leg.isCall
                    );
                }
                ++g;
            }
        }
        // Allowance: 2 wei + S·(1 + x)·1e-18 per option, rounded up per leg.
        uint256 perOption = PortfolioRisk.gridSpotWad(spot, s.spotShockWad, 1, 1) / WAD + 2;
        uint256 allowance;
        for (uint256 l; l < count; ++l) {
            allowance += FixedPointMathLib.mulWadUp(FixedPointMathLib.abs(legs[l].sizeWad), perOption);
        }
        // Equity and floor.
        m.equityWad = int256(PortfolioRisk.collateralValueWad(c, spot));
        for (uint256 l; l < count; ++l) {
            m.equityWad += _value(legs[l], marks[l][0], spot);
            if (legs[l].sizeWad < 0) {
                uint256 maxPayoff = legs[l].isCall ? spot : legs[l].strikeWad;
                m.floorWad += FixedPointMathLib.mulWadUp(
                    uint256(-legs[l].sizeWad), FixedPointMathLib.mulWadUp(s.floorShareWad, maxPayoff)
                );
            }
        }
        // The grid: min over intervals of min(D_i, D_{i+1}) − Σ_longs size·gap.
        int256 lowest = type(int256).max;
        for (uint256 i; i < n; ++i) {
            uint256 a = PortfolioRisk.gridSpotWad(spot, s.spotShockWad, n, i);
            uint256 b = PortfolioRisk.gridSpotWad(spot, s.spotShockWad, n, i + 1);
            int256 da = int256(PortfolioRisk.collateralValueWad(c, a));
            int256 db = int256(PortfolioRisk.collateralValueWad(c, b));
            uint256 gap;
            for (uint256 l; l < count; ++l) {
                da += _value(legs[l], marks[l][1 + i], a);
                db += _value(legs[l], marks[l][2 + i], b);
                if (legs[l].sizeWad > 0) {
                    gap += FixedPointMathLib.mulWadUp(
                        uint256(legs[l].sizeWad),
                        _gap(
                            _longQuote(marks[l][1 + i], a, legs[l].isCall),
                            _longQuote(marks[l][2 + i], b, legs[l].isCall),
                            b - a
                        )
                    );
                }
            }
            int256 v = (da < db ? da : db) - int256(gap);
            if (v < lowest) lowest = v;
        }
        // The payoff cap, unless some expiry is net short calls.
        (bool capped, int256 cap) = _payoffCap(book, PortfolioRisk.gridSpotWad(spot, s.spotShockWad, 1, 0), c);
        if (capped && cap > lowest) lowest = cap;
        lowest -= int256(allowance);
        if (m.equityWad > lowest) m.worstLossWad = uint256(m.equityWad - lowest);
        m.initialMarginWad = m.worstLossWad + m.floorWad;
        m.maintenanceMarginWad = FixedPointMathLib.mulWadUp(m.initialMarginWad, s.maintenanceRatioWad);
    }

    /// @dev `PortfolioRisk.scaledSmile` as first written: a and b times λ², rounded up or down.
    function _scaledSmile(Svi.Params memory smile, uint256 volScaleWad, bool roundUp)
        private
        pure
        returns (Svi.Params memory)
    {
        uint256 varianceScaleWad = roundUp
            ? FixedPointMathLib.mulWadUp(volScaleWad, volScaleWad)
            : FixedPointMathLib.mulWad(volScaleWad, volScaleWad);
        int256 a = smile.a * int256(varianceScaleWad) / int256(WAD);
        if (roundUp && smile.a > 0 && a * int256(WAD) != smile.a * int256(varianceScaleWad)) ++a;
        if (!roundUp && smile.a < 0 && a * int256(WAD) != smile.a * int256(varianceScaleWad)) --a;
        return Svi.Params({
            a: a,
            b: roundUp
                ? FixedPointMathLib.mulWadUp(smile.b, varianceScaleWad)
                : FixedPointMathLib.mulWad(smile.b, varianceScaleWad),
            rho: smile.rho,
            m: smile.m,
            sigma: smile.sigma
        });
    }

    /// @dev A long at (mark − 1 wei) in quote rounded down, times size rounded down; a short at its mark in quote
    /// rounded up, times |size| rounded up.
    function _value(PortfolioRisk.Leg memory leg, uint256 mark, uint256 s) private pure returns (int256) {
        if (leg.sizeWad > 0) {
            return int256(FixedPointMathLib.mulWad(uint256(leg.sizeWad), _longQuote(mark, s, leg.isCall)));
        }
        return -int256(
            FixedPointMathLib.mulWadUp(uint256(-leg.sizeWad), PortfolioRisk.quoteValueWad(mark, s, leg.isCall, true))
        );
    }

    function _longQuote(uint256 mark, uint256 s, bool isCall) private pure returns (uint256) {
        return PortfolioRisk.quoteValueWad(mark == 0 ? 0 : mark - 1, s, isCall, false);
    }

    /// @dev d·(h − d)/h rounded up, plus a wei; 1 when d ≥ h.
    function _gap(uint256 from, uint256 to, uint256 h) private pure returns (uint256) {
        uint256 d = to > from ? to - from : from - to;
        if (d >= h) return 1;
        return FixedPointMathLib.mulDivUp(d, h - d, h) + 1;
    }

    /// @dev collateral(S·(1 − x)) + Σ_expiries min(0, min over {0} ∪ strikes of the rounded payoff).
    function _payoffCap(PortfolioRisk.ExpiryLegs[] memory book, uint256 lowSpot, PortfolioRisk.Collateral memory c)
        private
        pure
        returns (bool, int256 cap)
    {
        cap = int256(PortfolioRisk.collateralValueWad(c, lowSpot));
        for (uint256 e; e < book.length; ++e) {
            PortfolioRisk.Leg[] memory legs = book[e].legs;
            int256 netCalls;
            for (uint256 j; j < legs.length; ++j) {
                if (legs[j].isCall) netCalls += legs[j].sizeWad;
            }
            if (netCalls < 0) return (false, 0);
            int256 minimum = _payoff(legs, 0);
            for (uint256 j; j < legs.length; ++j) {
                int256 p = _payoff(legs, legs[j].strikeWad);
                if (p < minimum) minimum = p;
            }
            if (minimum < 0) cap += minimum;
        }
        return (true, cap);
    }

    function _payoff(PortfolioRisk.Leg[] memory legs, uint256 price) private pure returns (int256 total) {
        for (uint256 j; j < legs.length; ++j) {
            uint256 k = legs[j].strikeWad;
            uint256 intrinsic = legs[j].isCall ? (price > k ? price - k : 0) : (k > price ? k - price : 0);
            int256 size = legs[j].sizeWad;
            total += size > 0
                ? int256(FixedPointMathLib.mulWad(uint256(size), intrinsic))
                : -int256(FixedPointMathLib.mulWadUp(uint256(-size), intrinsic));
        }
    }

    // ---------------------------------------------------------------- random cases

    function _randomCase(uint256 seed)
        private
        pure
        returns (
            PortfolioRisk.ExpiryLegs[] memory book,
            uint256 spot,
            uint256 rate,
            PortfolioRisk.Shocks memory s,
            PortfolioRisk.Collateral memory c
        )
    {
        spot = 1000e18 + _rand(seed, "spot") % 9000e18;
        rate = _rand(seed, "rate") % 4 == 0 ? 0 : _rand(seed, "rate value") % 0.2e18;
        s = PortfolioRisk.Shocks({
            spotIntervals: 2 + _rand(seed, "n") % 7,
            spotShockWad: 0.01e18 + _rand(seed, "x") % 0.49e18,
            volShockWad: _rand(seed, "y") % 0.9e18,
            floorShareWad: _rand(seed, "floor") % 0.2e18,
            maintenanceRatioWad: _rand(seed, "mm") % 1e18
        });
        c = PortfolioRisk.Collateral({
            baseWad: _rand(seed, "base") % 10e18,
            quoteWad: _rand(seed, "quote") % 50_000e18,
            baseHaircutWad: _rand(seed, "base haircut") % 0.5e18,
            quoteHaircutWad: _rand(seed, "quote haircut") % 0.05e18
        });
        uint256 expiries = 1 + _rand(seed, "expiries") % 4;
        uint256 count = _rand(seed, "count") % 17;
        uint256[] memory perExpiry = new uint256[](expiries);
        uint256[] memory expiryOf = new uint256[](count);
        for (uint256 l; l < count; ++l) {
            expiryOf[l] = uint256(keccak256(abi.encode(seed, l, "expiry"))) % expiries;
            ++perExpiry[expiryOf[l]];
        }
        book = new PortfolioRisk.ExpiryLegs[](expiries);
        for (uint256 e; e < expiries; ++e) {
            uint256 pick = uint256(keccak256(abi.encode(seed, e, "time")));
            // Mostly 1 to 400 days; one in eight under a minute (every mark its payoff), its smile a 7-day one.
            uint256 t = pick % 8 == 0 ? (pick >> 8) % 60 : 1 days + (pick >> 8) % 400 days;
            book[e] = PortfolioRisk.ExpiryLegs({
                timeSec: t, smile: smileOf(t < 1 minutes ? 7 days : t), legs: new PortfolioRisk.Leg[](perExpiry[e])
            });
            perExpiry[e] = 0;
        }
        for (uint256 l; l < count; ++l) {
            uint256 r = uint256(keccak256(abi.encode(seed, l, "leg")));
            // Strikes from spot/8 to 8·spot: outside [spot/5, 5·spot] some grid marks are payoffs.
            uint256 strike = spot / 8 + (r >> 16) % (spot * 8 - spot / 8);
            if ((r >> 8) % 3 == 0) strike = spot / 2 + (r >> 16) % spot;
            uint256 kind = (r >> 12) % 16;
            uint256 size = kind == 0 ? 0 : kind == 1 ? PortfolioRisk.MAX_LEG_SIZE - (r >> 200) : (r >> 100) % 100e18;
            book[expiryOf[l]].legs[perExpiry[expiryOf[l]]++] = PortfolioRisk.Leg({
                strikeWad: strike, isCall: r & 1 == 0, sizeWad: r & 2 == 0 ? int256(size) : -int256(size)
            });
        }
    }

    function _rand(uint256 seed, string memory label) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, label)));
    }

    function _assertSame(PortfolioRisk.Margin memory a, PortfolioRisk.Margin memory b) private pure {
        assertEq(a.equityWad, b.equityWad, "equity");
        assertEq(a.worstLossWad, b.worstLossWad, "worst loss");
        assertEq(a.floorWad, b.floorWad, "floor");
        assertEq(a.initialMarginWad, b.initialMarginWad, "IM");
        assertEq(a.maintenanceMarginWad, b.maintenanceMarginWad, "MM");
    }
}
