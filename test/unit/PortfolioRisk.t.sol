// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Shared fixture: three expiries (7, 30 and 90 days) with arbitrage-free smiles near 60 % ATM vol, spot 3,000.
abstract contract PortfolioRiskBase is Test {
    uint256 internal constant SPOT = 3000e18;
    uint256 internal constant YEAR = 365 days;

    /// @dev Seconds to each of the three expiries.
    function expiryTime(uint256 e) internal pure returns (uint256) {
        return e == 0 ? 7 days : e == 1 ? 30 days : 90 days;
    }

    /// @dev Total variance 0.36·T at the money, a gentle put skew (ρ = −0.3) and curvature b/s = 5·T.
    function smileOf(uint256 timeSec) internal pure returns (Svi.Params memory p) {
        uint256 tWad = timeSec * 1e18 / YEAR;
        p = Svi.Params({
            a: int256(FixedPointMathLib.mulWad(0.3e18, tWad)),
            b: FixedPointMathLib.mulWad(0.5e18, tWad),
            rho: -0.3e18,
            m: 0,
            sigma: 0.1e18
        });
        Svi.validate(p, timeSec);
    }

    /// @dev x, y and floor share on the 5-spot grid (4 intervals), MM = 80 % of IM.
    function shocks(uint256 x, uint256 y, uint256 floorShare) internal pure returns (PortfolioRisk.Shocks memory) {
        return shocksOn(4, x, y, floorShare);
    }

    function shocksOn(uint256 intervals, uint256 x, uint256 y, uint256 floorShare)
        internal
        pure
        returns (PortfolioRisk.Shocks memory)
    {
        return PortfolioRisk.Shocks({
            spotIntervals: intervals,
            spotShockWad: x,
            volShockWad: y,
            floorShareWad: floorShare,
            maintenanceRatioWad: 0.8e18
        });
    }

    function noCollateral() internal pure returns (PortfolioRisk.Collateral memory c) {}

    /// @dev A book of one expiry holding `legs`.
    function oneExpiry(uint256 e, PortfolioRisk.Leg[] memory legs)
        internal
        pure
        returns (PortfolioRisk.ExpiryLegs[] memory book)
    {
        book = new PortfolioRisk.ExpiryLegs[](1);
        book[0] = PortfolioRisk.ExpiryLegs({timeSec: expiryTime(e), smile: smileOf(expiryTime(e)), legs: legs});
    }

    /// @dev A random book of `count` legs over the three expiries: strikes 2,000 to 4,500 by 100, calls and puts,
    /// long and short, 0.1 to 10 options each.
    function randomBook(uint256 seed, uint256 count) internal pure returns (PortfolioRisk.ExpiryLegs[] memory book) {
        uint256[3] memory perExpiry;
        uint256[] memory expiryOf = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            expiryOf[i] = uint256(keccak256(abi.encode(seed, i, "expiry"))) % 3;
            ++perExpiry[expiryOf[i]];
        }
        book = new PortfolioRisk.ExpiryLegs[](3);
        for (uint256 e; e < 3; ++e) {
            book[e] = PortfolioRisk.ExpiryLegs({
                timeSec: expiryTime(e), smile: smileOf(expiryTime(e)), legs: new PortfolioRisk.Leg[](perExpiry[e])
            });
            perExpiry[e] = 0;
        }
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i, "leg")));
            uint256 size = 0.1e18 + (r >> 8) % 9.9e18;
            book[expiryOf[i]].legs[perExpiry[expiryOf[i]]++] = PortfolioRisk.Leg({
                strikeWad: 2000e18 + (r >> 128) % 26 * 100e18,
                isCall: r & 1 == 0,
                sizeWad: r & 2 == 0 ? int256(size) : -int256(size)
            });
        }
    }

    /// @dev Full revaluation: collateral + longs − shorts at spot `s`, every smile scaled by `volScale` (rounded up),
    /// each option at its `markWad` (longs rounded down, shorts up), wad of quote.
    function revalue(
        PortfolioRisk.ExpiryLegs[] memory book,
        PortfolioRisk.Collateral memory c,
        uint256 s,
        uint256 volScale
    ) internal pure returns (int256 valueWad) {
        valueWad = int256(PortfolioRisk.collateralValueWad(c, s));
        for (uint256 e; e < book.length; ++e) {
            Svi.Params memory smile = PortfolioRisk.scaledSmile(book[e].smile, volScale, true);
            for (uint256 j; j < book[e].legs.length; ++j) {
                PortfolioRisk.Leg memory leg = book[e].legs[j];
                uint256 mark = OptionValuation.markWad(smile, s, leg.strikeWad, book[e].timeSec, 0, leg.isCall);
                if (leg.sizeWad > 0) {
                    valueWad += int256(
                        FixedPointMathLib.mulWad(
                            uint256(leg.sizeWad), PortfolioRisk.quoteValueWad(mark, s, leg.isCall, false)
                        )
                    );
                } else {
                    valueWad -= int256(
                        FixedPointMathLib.mulWadUp(
                            uint256(-leg.sizeWad), PortfolioRisk.quoteValueWad(mark, s, leg.isCall, true)
                        )
                    );
                }
            }
        }
    }

    /// @dev Loss from the margin's equity at (s, volScale) by full revaluation.
    function lossAt(
        PortfolioRisk.ExpiryLegs[] memory book,
        PortfolioRisk.Collateral memory c,
        PortfolioRisk.Margin memory m,
        uint256 s,
        uint256 volScale
    ) internal pure returns (int256) {
        return m.equityWad - revalue(book, c, s, volScale);
    }

    function single(uint256 strike, bool isCall, int256 size) internal pure returns (PortfolioRisk.Leg[] memory legs) {
        legs = new PortfolioRisk.Leg[](1);
        legs[0] = PortfolioRisk.Leg({strikeWad: strike, isCall: isCall, sizeWad: size});
    }

    function pair(uint256 k1, int256 n1, uint256 k2, int256 n2, bool isCall)
        internal
        pure
        returns (PortfolioRisk.Leg[] memory legs)
    {
        legs = new PortfolioRisk.Leg[](2);
        legs[0] = PortfolioRisk.Leg({strikeWad: k1, isCall: isCall, sizeWad: n1});
        legs[1] = PortfolioRisk.Leg({strikeWad: k2, isCall: isCall, sizeWad: n2});
    }
}

contract PortfolioRiskTest is PortfolioRiskBase {
    // ---------------------------------------------------------------- the box guarantee

    /// @dev IM ≥ the loss by full revaluation at each of the grid's 2(n + 1) corners (n + 1 spots × both vol ends), for
    /// random books of 1 to 16 legs with random collateral, shocks and grids of 2 to 8 intervals.
    /// forge-config: default.fuzz.runs = 64
    function testFuzz_worstLossCoversEveryGridPoint(uint256 seed, uint256 count, uint256 x, uint256 y) public pure {
        count = bound(count, 1, 16);
        x = bound(x, 0.05e18, 0.3e18);
        y = bound(y, 0, 0.5e18);
        uint256 intervals = 2 + (seed >> 128) % 7;
        PortfolioRisk.ExpiryLegs[] memory book = randomBook(seed, count);
        PortfolioRisk.Collateral memory c = PortfolioRisk.Collateral({
            baseWad: seed % 5e18, quoteWad: (seed >> 64) % 20_000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0.01e18
        });
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocksOn(intervals, x, y, 0), c);
        for (uint256 i; i < intervals + 1; ++i) {
            uint256 s = PortfolioRisk.gridSpotWad(SPOT, x, intervals, i);
            assertLe(lossAt(book, c, m, s, 1e18 + y), int256(m.worstLossWad), "high vol");
            assertLe(lossAt(book, c, m, s, 1e18 - y), int256(m.worstLossWad), "low vol");
        }
    }

    /// @dev IM ≥ the loss by full revaluation at a random point inside the box, spot in [S(1−x), S(1+x)] and vol scale
    /// in [1−y, 1+y], for random books of up to 16 legs, x in [5 %, 30 %], y in [0, 50 %], 2 to 8 intervals.
    /// forge-config: default.fuzz.runs = 256
    function testFuzz_worstLossCoversTheBox(uint256 seed, uint256 count, uint256 spotPick, uint256 volPick)
        public
        pure
    {
        count = bound(count, 1, 16);
        uint256 x = 0.05e18 + (seed >> 96) % 0.25e18;
        uint256 y = (seed >> 160) % 0.5e18;
        uint256 intervals = 2 + (seed >> 128) % 7;
        PortfolioRisk.ExpiryLegs[] memory book = randomBook(seed, count);
        PortfolioRisk.Collateral memory c = PortfolioRisk.Collateral({
            baseWad: seed % 3e18, quoteWad: (seed >> 64) % 10_000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0
        });
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocksOn(intervals, x, y, 0), c);
        uint256 s = bound(spotPick, PortfolioRisk.gridSpotWad(SPOT, x, 1, 0), PortfolioRisk.gridSpotWad(SPOT, x, 1, 1));
        uint256 volScale = bound(volPick, 1e18 - y, 1e18 + y);
        assertLe(lossAt(book, c, m, s, volScale), int256(m.worstLossWad));
    }

    /// @dev The box bound holds where it is tightest: a long butterfly (worst in the middle of the spot range and where
    /// its longs' chords sag) and a calendar, at random points.
    function testFuzz_butterflyAndCalendarCovered(uint256 spotPick, uint256 volPick, uint256 center) public pure {
        uint256 k = 2600e18 + bound(center, 0, 8) * 100e18;
        PortfolioRisk.ExpiryLegs[] memory book = new PortfolioRisk.ExpiryLegs[](2);
        PortfolioRisk.Leg[] memory fly = new PortfolioRisk.Leg[](3);
        fly[0] = PortfolioRisk.Leg({strikeWad: k - 200e18, isCall: true, sizeWad: 1e18});
        fly[1] = PortfolioRisk.Leg({strikeWad: k, isCall: true, sizeWad: -2e18});
        fly[2] = PortfolioRisk.Leg({strikeWad: k + 200e18, isCall: true, sizeWad: 1e18});
        book[0] = PortfolioRisk.ExpiryLegs({timeSec: expiryTime(0), smile: smileOf(expiryTime(0)), legs: fly});
        book[1] = PortfolioRisk.ExpiryLegs({
            timeSec: expiryTime(2), smile: smileOf(expiryTime(2)), legs: single(k, false, 1e18)
        });
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.3e18, 0), noCollateral());
        uint256 s = bound(spotPick, 2400e18, 3600e18);
        uint256 volScale = bound(volPick, 0.7e18, 1.3e18);
        assertLe(lossAt(book, noCollateral(), m, s, volScale), int256(m.worstLossWad));
    }

    /// @dev Why the chord gap is needed: a long 7-day straddle struck between two grid points (2,850, between 2,700 and
    /// 3,000) is worth less there than at any grid point, so the portfolio's loss inside the box exceeds its loss at
    /// every one of the 10 grid corners; a sliver of a short far call switches the payoff cap off. The gap covers it.
    function test_interiorLossBeyondEveryGridPoint_coveredByTheChordGap() public pure {
        PortfolioRisk.ExpiryLegs[] memory book = new PortfolioRisk.ExpiryLegs[](2);
        PortfolioRisk.Leg[] memory straddle = new PortfolioRisk.Leg[](2);
        straddle[0] = PortfolioRisk.Leg({strikeWad: 2850e18, isCall: true, sizeWad: 1e18});
        straddle[1] = PortfolioRisk.Leg({strikeWad: 2850e18, isCall: false, sizeWad: 1e18});
        book[0] = PortfolioRisk.ExpiryLegs({timeSec: expiryTime(0), smile: smileOf(expiryTime(0)), legs: straddle});
        book[1] = PortfolioRisk.ExpiryLegs({
            timeSec: expiryTime(2), smile: smileOf(expiryTime(2)), legs: single(4000e18, true, -0.01e18)
        });
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.3e18, 0), noCollateral());
        int256 worstCorner = type(int256).min;
        for (uint256 i; i < 5; ++i) {
            uint256 s = PortfolioRisk.gridSpotWad(SPOT, 0.2e18, 4, i);
            worstCorner = FixedPointMathLib.max(worstCorner, lossAt(book, noCollateral(), m, s, 1.3e18));
            worstCorner = FixedPointMathLib.max(worstCorner, lossAt(book, noCollateral(), m, s, 0.7e18));
        }
        int256 inside = lossAt(book, noCollateral(), m, 2850e18, 0.7e18);
        assertGt(inside, worstCorner + 10e18, "the box is worse than every grid point");
        assertLe(inside, int256(m.worstLossWad), "the chord gap covers it");
    }

    // ---------------------------------------------------------------- offsets

    /// @dev A call spread (short K1, long K2 > K1) needs at most its maximum loss K2 − K1 beyond its value, plus the
    /// floor: collateral ≥ IM − equity ≤ (K2 − K1) + floor (+ the rounding allowance), whatever the vol shock.
    function testFuzz_spreadNeedsAtMostItsMaxLoss(uint256 k1Pick, uint256 width, uint256 y, bool isCall) public pure {
        uint256 k1 = 2400e18 + bound(k1Pick, 0, 12) * 100e18;
        width = bound(width, 1, 10) * 50e18;
        y = bound(y, 0, 0.9e18);
        // A call spread is short the lower strike, a put spread short the higher one.
        PortfolioRisk.Leg[] memory legs =
            isCall ? pair(k1, -1e18, k1 + width, 1e18, true) : pair(k1 + width, -1e18, k1, 1e18, false);
        PortfolioRisk.Margin memory m =
            PortfolioRisk.margin(oneExpiry(1, legs), SPOT, 0, shocks(0.3e18, y, 0.1e18), noCollateral());
        uint256 needed = uint256(int256(m.initialMarginWad) - m.equityWad);
        assertLe(needed, width + m.floorWad + 1e6, "at most the max loss and the floor");
        uint256 floor = isCall ? 300e18 : FixedPointMathLib.mulWadUp(0.1e18, k1 + width);
        assertEq(m.floorWad, floor, "one floor, on the short");
    }

    /// @dev A covered call (short call, as much base as calls) needs nothing beyond its cover but the floor.
    function testFuzz_coveredCallNeedsOnlyTheFloor(uint256 strikePick, uint256 size, uint256 y) public pure {
        uint256 strike = 2000e18 + bound(strikePick, 0, 25) * 100e18;
        size = bound(size, 0.01e18, 100e18);
        y = bound(y, 0, 0.9e18);
        PortfolioRisk.Collateral memory c =
            PortfolioRisk.Collateral({baseWad: size, quoteWad: 0, baseHaircutWad: 0, quoteHaircutWad: 0});
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(
            oneExpiry(1, single(strike, true, -int256(size))), SPOT, 0, shocks(0.3e18, y, 0.05e18), c
        );
        assertGe(m.equityWad, 0);
        assertLe(m.initialMarginWad, uint256(m.equityWad) + m.floorWad + 1e6, "the cover and the floor suffice");
        assertEq(m.floorWad, FixedPointMathLib.mulWadUp(size, 150e18));
    }

    /// @dev A short straddle is worst at the ends of the spot range: IM ≥ the loss at each end on the high smile, and
    /// the middle loses less. A long straddle is worst in the middle, and never needs more than its premium.
    function test_straddles() public pure {
        PortfolioRisk.Leg[] memory short_ = new PortfolioRisk.Leg[](2);
        short_[0] = PortfolioRisk.Leg({strikeWad: SPOT, isCall: true, sizeWad: -1e18});
        short_[1] = PortfolioRisk.Leg({strikeWad: SPOT, isCall: false, sizeWad: -1e18});
        PortfolioRisk.ExpiryLegs[] memory book = oneExpiry(1, short_);
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.3e18, 0), noCollateral());
        int256 down = lossAt(book, noCollateral(), m, 2400e18, 1.3e18);
        int256 up = lossAt(book, noCollateral(), m, 3600e18, 1.3e18);
        int256 middle = lossAt(book, noCollateral(), m, SPOT, 1.3e18);
        assertLe(down, int256(m.worstLossWad));
        assertLe(up, int256(m.worstLossWad));
        assertLt(middle, FixedPointMathLib.min(down, up), "the ends are worse");
        // Exact at the ends: no long, so no chord gap; only the rounding allowance separates them.
        assertLe(m.worstLossWad - uint256(FixedPointMathLib.max(down, up)), 1e6);

        short_[0].sizeWad = 1e18;
        short_[1].sizeWad = 1e18;
        m = PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.3e18, 0), noCollateral());
        assertGt(m.equityWad, 0);
        assertLe(m.worstLossWad, uint256(m.equityWad) + 1e6, "never more than the premium");
        assertLe(lossAt(book, noCollateral(), m, SPOT, 0.7e18), int256(m.worstLossWad), "the middle, low vol");
        assertEq(m.floorWad, 0, "no short, no floor");
    }

    /// @dev A steep, validated two-year smile (b·(1 + |ρ|) = 1.92) at y = 90 %: its scaled b (4.3) is beyond
    /// `Svi.MAX_WING_SLOPE`, so the high smile is cut to the bounds, raised to stay above the scaled one; the margin
    /// prices (no `WingTooSteep`), still covers full revaluation at the grid's high-vol corners and rises with y.
    function test_steepSmileAtALargeVolShock_staysPricedAndConservative() public pure {
        uint256 timeSec = 2 * YEAR;
        Svi.Params memory steep = Svi.Params({a: 0.05e18, b: 1.2e18, rho: -0.6e18, m: 0, sigma: 0.3e18});
        Svi.validate(steep, timeSec);
        PortfolioRisk.Leg[] memory legs = new PortfolioRisk.Leg[](2);
        legs[0] = PortfolioRisk.Leg({strikeWad: 2000e18, isCall: false, sizeWad: -1e18});
        legs[1] = PortfolioRisk.Leg({strikeWad: 4500e18, isCall: true, sizeWad: -1e18});
        PortfolioRisk.ExpiryLegs[] memory book = new PortfolioRisk.ExpiryLegs[](1);
        book[0] = PortfolioRisk.ExpiryLegs({timeSec: timeSec, smile: steep, legs: legs});
        PortfolioRisk.Margin memory wide =
            PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.9e18, 0), noCollateral());
        PortfolioRisk.Margin memory narrow =
            PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.2e18, 0), noCollateral());
        assertGt(wide.worstLossWad, narrow.worstLossWad);
        // Full revaluation on the smile scaled by 1.2 (its b, 1.73, within the bounds) at the grid's ends.
        assertLe(lossAt(book, noCollateral(), wide, 2400e18, 1.2e18), int256(wide.worstLossWad));
        assertLe(lossAt(book, noCollateral(), wide, 3600e18, 1.2e18), int256(wide.worstLossWad));
        Svi.Params memory high = PortfolioRisk.scaledSmile(steep, 1.9e18, true);
        assertEq(high.b, Svi.MAX_WING_SLOPE);
        assertGt(high.a, steep.a * 361 / 100);
    }

    /// @dev Base collateral alone loses S·x·(1 − h) at the low end; quote collateral nothing.
    function test_collateralOnly() public pure {
        PortfolioRisk.ExpiryLegs[] memory book;
        PortfolioRisk.Collateral memory c = PortfolioRisk.Collateral({
            baseWad: 2e18, quoteWad: 1000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0.02e18
        });
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocks(0.2e18, 0.3e18, 0), c);
        assertEq(m.equityWad, 2 * 2700e18 + 980e18);
        assertEq(m.worstLossWad, 2 * 2700e18 / 5);
        assertEq(m.initialMarginWad, m.worstLossWad);
        assertEq(m.maintenanceMarginWad, FixedPointMathLib.mulWadUp(m.worstLossWad, 0.8e18));
    }

    // ---------------------------------------------------------------- the vol rule

    /// @dev x = k·σ_ATM·sqrt(h/YEAR) inside the bounds, clamped outside them.
    function test_spotShock_followsAtmVolWithinBounds() public pure {
        Svi.Params memory smile = smileOf(30 days);
        uint256 atm = Svi.impliedVol(smile, 0, 30 days);
        PortfolioRisk.ShockRule memory rule = PortfolioRisk.ShockRule({
            multiplierWad: 4e18, horizonSec: 1 days, minShockWad: 0.05e18, maxShockWad: 0.5e18
        });
        uint256 x = PortfolioRisk.spotShockWad(smile, 30 days, rule);
        // 4 · ~0.6 · sqrt(1/365) ≈ 0.126.
        assertApproxEqRel(x, atm * 4 * 1e9 / FixedPointMathLib.sqrt(365e18), 1e12);
        rule.minShockWad = 0.2e18;
        assertEq(PortfolioRisk.spotShockWad(smile, 30 days, rule), 0.2e18, "clamped up");
        rule.minShockWad = 0.05e18;
        rule.maxShockWad = 0.1e18;
        assertEq(PortfolioRisk.spotShockWad(smile, 30 days, rule), 0.1e18, "clamped down");
        assertEq(PortfolioRisk.spotShockWad(smile, 59, rule), 0.1e18, "no live expiry: the largest shock");
    }

    /// @dev Monotone in the vol it follows and in the horizon.
    function testFuzz_spotShock_monotone(uint256 level, uint256 horizon) public pure {
        horizon = bound(horizon, 1 hours, 7 days - 1);
        Svi.Params memory smile = smileOf(30 days);
        Svi.Params memory wilder = PortfolioRisk.scaledSmile(smile, 1e18 + bound(level, 1, 1e18), true);
        PortfolioRisk.ShockRule memory rule = PortfolioRisk.ShockRule({
            multiplierWad: 3e18, horizonSec: horizon, minShockWad: 0.01e18, maxShockWad: 0.5e18
        });
        uint256 x = PortfolioRisk.spotShockWad(smile, 30 days, rule);
        assertGe(PortfolioRisk.spotShockWad(wilder, 30 days, rule), x);
        rule.horizonSec = horizon + 1;
        assertGe(PortfolioRisk.spotShockWad(smile, 30 days, rule), x);
    }

    function test_spotShock_revertsOutsideItsBounds() public {
        Svi.Params memory smile = smileOf(30 days);
        PortfolioRisk.ShockRule memory rule = PortfolioRisk.ShockRule({
            multiplierWad: 0.5e18, horizonSec: 1 days, minShockWad: 0.05e18, maxShockWad: 0.5e18
        });
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.5e18, 1e18, 10e18));
        this.shockOf(smile, rule);
        rule.multiplierWad = 3e18;
        rule.horizonSec = 8 days;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 8 days, 1 hours, 7 days)
        );
        this.shockOf(smile, rule);
        rule.horizonSec = 1 days;
        rule.maxShockWad = 0.6e18;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0.01e18, 0.5e18)
        );
        this.shockOf(smile, rule);
        rule.maxShockWad = 0.1e18;
        rule.minShockWad = 0.2e18;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.2e18, 0.01e18, 0.1e18)
        );
        this.shockOf(smile, rule);
    }

    // ---------------------------------------------------------------- inputs

    function test_margin_revertsOnBadInputs() public {
        vm.expectRevert(abi.encodeWithSelector(PortfolioRisk.TooManyLegs.selector, 17));
        this.marginOf(randomBook(1, 17), shocks(0.2e18, 0.3e18, 0));
        PortfolioRisk.ExpiryLegs[] memory book = oneExpiry(0, single(SPOT, true, -int256(1 << 96)));
        vm.expectRevert(abi.encodeWithSelector(PortfolioRisk.LegSizeOutOfRange.selector, -int256(1 << 96)));
        this.marginOf(book, shocks(0.2e18, 0.3e18, 0));
        book = oneExpiry(0, single(SPOT, true, 1e18));
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.51e18, 0.01e18, 0.5e18)
        );
        this.marginOf(book, shocks(0.51e18, 0.3e18, 0));
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.91e18, 0, 0.9e18));
        this.marginOf(book, shocks(0.2e18, 0.91e18, 0));
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 9, 2, 8));
        this.marginOf(book, shocksOn(9, 0.2e18, 0.3e18, 0));
    }

    /// @dev External entry points so that `expectRevert` sees the library's reverts.
    function shockOf(Svi.Params memory smile, PortfolioRisk.ShockRule memory rule) external pure returns (uint256) {
        return PortfolioRisk.spotShockWad(smile, 30 days, rule);
    }

    function marginOf(PortfolioRisk.ExpiryLegs[] memory book, PortfolioRisk.Shocks memory s)
        external
        pure
        returns (PortfolioRisk.Margin memory)
    {
        return PortfolioRisk.margin(book, SPOT, 0, s, noCollateral());
    }
}
