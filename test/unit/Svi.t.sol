// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

import {Svi} from "../../contracts/libraries/Svi.sol";

contract SviTest is Test {
    uint256 internal constant DAYS_30 = 30 days;

    /// @dev A left-skewed smile: a = 0.04, b = 0.4, ρ = −0.4, m = 0.1, s = 0.2.
    function _skewed() internal pure returns (Svi.Params memory) {
        return Svi.Params({a: 0.04e18, b: 0.4e18, rho: -0.4e18, m: 0.1e18, sigma: 0.2e18});
    }

    // External wrappers so that `vm.expectRevert` sees the library's revert one call deeper.

    function totalVariance(Svi.Params memory p, int256 k) external pure returns (int256) {
        return Svi.totalVariance(p, k);
    }

    function impliedVol(Svi.Params memory p, int256 k, uint256 timeSec) external pure returns (uint256) {
        return Svi.impliedVol(p, k, timeSec);
    }

    function validate(Svi.Params memory p, uint256 timeSec) external pure {
        Svi.validate(p, timeSec);
    }

    /*//////////////////////////////////////////////////////////////
                                KNOWN VALUES
    //////////////////////////////////////////////////////////////*/

    /// @dev Expected values: ceil(exact·1e18) from 80-digit decimal arithmetic; the library may exceed
    ///      the exact value by less than 2 wei and is never below it.
    function test_totalVariance_knownValues() public pure {
        Svi.Params memory p = _skewed();
        _assertWithin(Svi.totalVariance(p, 0), 145_442_719_099_991_588, 1);
        _assertWithin(Svi.totalVariance(p, -1e18), 663_213_595_499_957_940, 1);
        _assertWithin(Svi.totalVariance(p, 2e18), 500_198_926_981_712_008, 1);
    }

    function test_totalVariance_exactWhenRootIsExact() public pure {
        // ρ = 0, k = m: w = a + b·s exactly.
        Svi.Params memory p = Svi.Params({a: 0.04e18, b: 0.1e18, rho: 0, m: 0.25e18, sigma: 0.3e18});
        assertEq(Svi.totalVariance(p, 0.25e18), 0.07e18);
        // b = 0: a flat smile at a.
        p.b = 0;
        assertEq(Svi.totalVariance(p, -7e18), 0.04e18);
        // k − m = 0.4, s = 0.3: sqrt = 0.5 exactly; w = 0.04 + 0.1·(0.5·0.4 + 0.5) = 0.11.
        p = Svi.Params({a: 0.04e18, b: 0.1e18, rho: 0.5e18, m: 0, sigma: 0.3e18});
        assertEq(Svi.totalVariance(p, 0.4e18), 0.11e18);
    }

    function test_impliedVol_knownValues() public pure {
        Svi.Params memory p = _skewed();
        // Expected: ceil(sqrt(w_exact / T)·1e18). The library's w is < 2 wei above w_exact, which moves
        // σ by dσ/dw·2 wei = YEAR/(2σT)·2 wei < 10 wei at σ ≥ 1.3, T = 30 days.
        _assertWithin(int256(Svi.impliedVol(p, 0, DAYS_30)), 1_330_245_497_035_502_461, 10);
        _assertWithin(int256(Svi.impliedVol(p, -1e18, DAYS_30)), 2_840_615_909_490_314_789, 10);
        _assertWithin(int256(Svi.impliedVol(p, 2e18, DAYS_30)), 2_466_932_024_116_357_654, 10);
    }

    function test_impliedVol_exactFlatSmile() public pure {
        Svi.Params memory p = Svi.Params({a: 0.04e18, b: 0, rho: 0, m: 0, sigma: 1e18});
        assertEq(Svi.impliedVol(p, 0, Svi.YEAR_SEC), 0.2e18);
        p.a = 0.01e18;
        assertEq(Svi.impliedVol(p, 3e18, Svi.YEAR_SEC / 4), 0.2e18);
    }

    function test_validate_acceptsBoundaries() public pure {
        // Wing slope exactly 2: b = 1.6, |ρ| = 0.25.
        Svi.validate(Svi.Params({a: 0.5e18, b: 1.6e18, rho: -0.25e18, m: 0, sigma: 0.1e18}), Svi.YEAR_SEC);
        // Extremes of m, s and time.
        Svi.validate(Svi.Params({a: 0, b: 0.01e18, rho: 0, m: 8e18, sigma: 16e18}), Svi.MAX_TIME_SEC);
        Svi.validate(Svi.Params({a: 1e9, b: 0, rho: 0, m: -8e18, sigma: 1}), Svi.MIN_TIME_SEC);
        // Minimum variance exactly at the vol floor for one year: 0.01² = 1e-4.
        Svi.validate(Svi.Params({a: 1e14, b: 0, rho: 0, m: 0, sigma: 1}), Svi.YEAR_SEC);
        // ... and at the vol ceiling: 5² = 25.
        Svi.validate(Svi.Params({a: 25e18, b: 0, rho: 0, m: 0, sigma: 1}), Svi.YEAR_SEC);
        // Negative a is fine while the minimum a + b·s·sqrt(1−ρ²) stays in range: −0.1 + 1·0.2·0.6 = 0.02.
        Svi.validate(Svi.Params({a: -0.1e18, b: 1e18, rho: 0.8e18, m: 0, sigma: 0.2e18}), Svi.YEAR_SEC);
    }

    /*//////////////////////////////////////////////////////////////
                                   REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_validate_revertsOnTimeOutOfRange() public {
        Svi.Params memory p = _skewed();
        vm.expectRevert(abi.encodeWithSelector(Svi.TimeOutOfRange.selector, 59));
        this.validate(p, 59);
        vm.expectRevert(abi.encodeWithSelector(Svi.TimeOutOfRange.selector, Svi.MAX_TIME_SEC + 1));
        this.validate(p, Svi.MAX_TIME_SEC + 1);
    }

    function test_impliedVol_revertsOnTimeOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(Svi.TimeOutOfRange.selector, 0));
        this.impliedVol(_skewed(), 0, 0);
    }

    function test_totalVariance_revertsOnLogMoneynessOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(Svi.LogMoneynessOutOfRange.selector, 8e18 + 1));
        this.totalVariance(_skewed(), 8e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(Svi.LogMoneynessOutOfRange.selector, -8e18 - 1));
        this.impliedVol(_skewed(), -8e18 - 1, DAYS_30);
    }

    function test_totalVariance_revertsBeyondValidatedMagnitudes() public {
        // Each bound `validate` puts on a magnitude, exceeded by one wei: the unchecked arithmetic is never reached.
        Svi.Params memory p = _skewed();
        p.a = Svi.MAX_ABS_A + 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.LevelOutOfRange.selector, p.a));
        this.totalVariance(p, 0);
        p = _skewed();
        p.rho = -1e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.RotationOutOfRange.selector, p.rho));
        this.totalVariance(p, 0);
        p = _skewed();
        p.m = -Svi.MAX_ABS_M - 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.VertexOutOfRange.selector, p.m));
        this.totalVariance(p, 0);
        p = _skewed();
        p.sigma = Svi.MAX_SIGMA + 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.CurvatureOutOfRange.selector, p.sigma));
        this.impliedVol(p, 0, DAYS_30);
        p = _skewed();
        p.b = Svi.MAX_WING_SLOPE + 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.WingTooSteep.selector, p.b, p.rho));
        this.totalVariance(p, 0);
    }

    function test_validate_revertsOnLevelOutOfRange() public {
        Svi.Params memory p = _skewed();
        p.a = 125e18 + 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.LevelOutOfRange.selector, p.a));
        this.validate(p, DAYS_30);
        p.a = type(int256).min;
        vm.expectRevert(abi.encodeWithSelector(Svi.LevelOutOfRange.selector, p.a));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnRotationOutOfRange() public {
        Svi.Params memory p = _skewed();
        p.rho = 1e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.RotationOutOfRange.selector, p.rho));
        this.validate(p, DAYS_30);
        p.rho = -1e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.RotationOutOfRange.selector, p.rho));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnVertexOutOfRange() public {
        Svi.Params memory p = _skewed();
        p.m = -8e18 - 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.VertexOutOfRange.selector, p.m));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnCurvatureOutOfRange() public {
        Svi.Params memory p = _skewed();
        p.sigma = 0;
        vm.expectRevert(abi.encodeWithSelector(Svi.CurvatureOutOfRange.selector, 0));
        this.validate(p, DAYS_30);
        p.sigma = 16e18 + 1;
        vm.expectRevert(abi.encodeWithSelector(Svi.CurvatureOutOfRange.selector, p.sigma));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnWingTooSteep() public {
        Svi.Params memory p = _skewed();
        // b alone above 2.
        p.b = type(uint256).max;
        vm.expectRevert(abi.encodeWithSelector(Svi.WingTooSteep.selector, p.b, p.rho));
        this.validate(p, DAYS_30);
        // b·(1+|ρ|) one wei above 2: 1.6·1.25 = 2 exactly is accepted (see above), 1.6 + 1 wei is not.
        p.b = 1.6e18 + 1;
        p.rho = 0.25e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.WingTooSteep.selector, p.b, p.rho));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnNegativeMinimumVariance() public {
        // a + b·s·sqrt(1−ρ²) = −0.1 + 0.2·0.2·0.6 = −0.076.
        Svi.Params memory p = Svi.Params({a: -0.1e18, b: 0.2e18, rho: 0.8e18, m: 0, sigma: 0.2e18});
        uint256 lower = 1e14 * DAYS_30 / Svi.YEAR_SEC + 1; // 1e14·30/365 is not an integer: rounded up.
        uint256 upper = 25e18 * DAYS_30 / Svi.YEAR_SEC;
        vm.expectRevert(abi.encodeWithSelector(Svi.MinimumVarianceOutOfRange.selector, -0.076e18, lower, upper));
        this.validate(p, DAYS_30);
    }

    function test_validate_revertsOnMinimumVolBelowFloor() public {
        // One wei under 1 % vol for a year.
        Svi.Params memory p = Svi.Params({a: 1e14 - 1, b: 0, rho: 0, m: 0, sigma: 1});
        vm.expectRevert(abi.encodeWithSelector(Svi.MinimumVarianceOutOfRange.selector, p.a, 1e14, 25e18));
        this.validate(p, Svi.YEAR_SEC);
    }

    function test_validate_revertsOnMinimumVolAboveCeiling() public {
        // One wei over 500 % vol for a year.
        Svi.Params memory p = Svi.Params({a: 25e18 + 1, b: 0, rho: 0, m: 0, sigma: 1});
        vm.expectRevert(abi.encodeWithSelector(Svi.MinimumVarianceOutOfRange.selector, p.a, 1e14, 25e18));
        this.validate(p, Svi.YEAR_SEC);
    }

    function test_impliedVol_revertsOnNegativeTotalVariance() public {
        // Not validated: the minimum −0.1 + 0.1·0.2 = −0.08 is reached at k = m.
        Svi.Params memory p = Svi.Params({a: -0.1e18, b: 0.1e18, rho: 0, m: 0, sigma: 0.2e18});
        vm.expectRevert(abi.encodeWithSelector(Svi.NegativeTotalVariance.selector, 0, -0.08e18));
        this.impliedVol(p, 0, DAYS_30);
    }

    /*//////////////////////////////////////////////////////////////
                                  PROPERTIES
    //////////////////////////////////////////////////////////////*/

    struct Smile {
        Svi.Params p;
        uint256 timeSec;
        int256 minVariance;
        int256 kMin;
    }

    /// @dev Builds a smile that passes `validate` by construction: ρ, m, s, b inside their bounds with
    ///      b·(1+|ρ|) ≤ 2, then a chosen so that the minimum variance is a target in [floor, ceiling].
    function _validSmile(uint256 seedRho, uint256 seedM, uint256 seedS, uint256 seedB, uint256 seedV, uint256 seedT)
        internal
        pure
        returns (Smile memory smile)
    {
        smile.timeSec = bound(seedT, Svi.MIN_TIME_SEC, Svi.MAX_TIME_SEC);
        int256 rho = bound(int256(seedRho), -0.999e18, 0.999e18);
        uint256 sigma = bound(seedS, 1e12, Svi.MAX_SIGMA);
        uint256 b = bound(seedB, 0, FixedPointMathLib.divWad(Svi.MAX_WING_SLOPE, 1e18 + FixedPointMathLib.abs(rho)));
        uint256 lower = FixedPointMathLib.mulDivUp(1e14, smile.timeSec, Svi.YEAR_SEC);
        uint256 upper = 25e18 * smile.timeSec / Svi.YEAR_SEC;
        int256 target = int256(bound(seedV, lower, upper));
        uint256 cosine = FixedPointMathLib.sqrt(uint256((1e18 - rho) * (1e18 + rho)));
        int256 lift = int256(b * sigma * cosine / 1e36);
        smile.p = Svi.Params({a: target - lift, b: b, rho: rho, m: bound(int256(seedM), -8e18, 8e18), sigma: sigma});
        smile.minVariance = target;
        // Vertex of w: k* = m − ρ·s / sqrt(1−ρ²).
        smile.kMin =
            smile.p.m - FixedPointMathLib.sDivWad(FixedPointMathLib.sMulWad(rho, int256(sigma)), int256(cosine));
    }

    function testFuzz_validatedSmileNeverBelowItsMinimum(
        uint256 seedRho,
        uint256 seedM,
        uint256 seedS,
        uint256 seedB,
        uint256 seedV,
        uint256 seedT,
        int256 k
    ) public pure {
        Smile memory smile = _validSmile(seedRho, seedM, seedS, seedB, seedV, seedT);
        Svi.validate(smile.p, smile.timeSec);
        k = bound(k, -8e18, 8e18);
        int256 w = Svi.totalVariance(smile.p, k);
        assertGe(w, smile.minVariance);
        assertGt(w, 0);
        assertGe(Svi.impliedVol(smile.p, k, smile.timeSec), 0.01e18);
    }

    /// @dev Soundness of `validate` on arbitrary inputs, not built to pass: a is put within a few wei of
    ///      −b·s·sqrt(1−ρ²) so that the rounding of the minimum-variance check is what decides.
    function testFuzz_anyAcceptedSmileIsNonNegative(
        uint256 seedRho,
        uint256 seedM,
        uint256 seedS,
        uint256 seedB,
        int256 offset,
        uint256 seedT,
        int256 k
    ) public view {
        int256 rho = bound(int256(seedRho), -1e18, 1e18);
        uint256 sigma = bound(seedS, 1, 16e18);
        uint256 b = bound(seedB, 0, 2e18);
        uint256 timeSec = bound(seedT, Svi.MIN_TIME_SEC, Svi.MAX_TIME_SEC);
        uint256 cosine = FixedPointMathLib.sqrt(uint256((1e18 - rho) * (1e18 + rho)));
        int256 a = -int256(b * sigma * cosine / 1e36) + bound(offset, -1e3, 1e16);
        Svi.Params memory p = Svi.Params({a: a, b: b, rho: rho, m: bound(int256(seedM), -8e18, 8e18), sigma: sigma});
        try this.validate(p, timeSec) {
            int256 w = Svi.totalVariance(p, bound(k, -8e18, 8e18));
            assertGe(w, int256(FixedPointMathLib.mulDivUp(1e14, timeSec, Svi.YEAR_SEC)));
        } catch (bytes memory reason) {
            // Rejected: only for a rule the inputs do break (ρ = ±1, a wing too steep, a low minimum).
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == Svi.RotationOutOfRange.selector || selector == Svi.WingTooSteep.selector
                    || selector == Svi.MinimumVarianceOutOfRange.selector
            );
        }
    }

    function testFuzz_wingsAreMonotonic(
        uint256 seedRho,
        uint256 seedM,
        uint256 seedS,
        uint256 seedB,
        uint256 seedV,
        uint256 seedT,
        int256 k1,
        int256 k2
    ) public pure {
        Smile memory smile = _validSmile(seedRho, seedM, seedS, seedB, seedV, seedT);
        int256 lo = FixedPointMathLib.max(smile.kMin, -8e18);
        int256 hi = FixedPointMathLib.min(smile.kMin, 8e18);
        // Right wing: increasing on [k*, 8]; left wing: decreasing on [−8, k*]. Rounding: < 2 wei.
        if (lo < 8e18) {
            k1 = bound(k1, lo, 8e18);
            k2 = bound(k2, k1, 8e18);
            assertLe(Svi.totalVariance(smile.p, k1), Svi.totalVariance(smile.p, k2) + 2);
        }
        if (hi > -8e18) {
            k1 = bound(k1, -8e18, hi);
            k2 = bound(k2, k1, hi);
            assertGe(Svi.totalVariance(smile.p, k1) + 2, Svi.totalVariance(smile.p, k2));
        }
    }

    function testFuzz_symmetricWhenRhoIsZero(uint256 seedM, uint256 seedS, uint256 seedB, int256 a, uint256 x)
        public
        pure
    {
        int256 m = bound(int256(seedM), -4e18, 4e18);
        Svi.Params memory p =
            Svi.Params({a: bound(a, 0, 10e18), b: bound(seedB, 0, 2e18), rho: 0, m: m, sigma: bound(seedS, 1, 16e18)});
        int256 offset = int256(bound(x, 0, 4e18));
        assertEq(Svi.totalVariance(p, m + offset), Svi.totalVariance(p, m - offset));
    }

    function testFuzz_smileIsConvex(
        uint256 seedRho,
        uint256 seedM,
        uint256 seedS,
        uint256 seedB,
        uint256 seedV,
        uint256 seedT,
        int256 k1,
        int256 k2
    ) public pure {
        Smile memory smile = _validSmile(seedRho, seedM, seedS, seedB, seedV, seedT);
        k1 = bound(k1, -8e18, 8e18);
        k2 = bound(k2, -8e18, 8e18);
        int256 mid = Svi.totalVariance(smile.p, (k1 + k2) / 2);
        int256 chord = (Svi.totalVariance(smile.p, k1) + Svi.totalVariance(smile.p, k2)) / 2;
        // w is convex. Slack: the midpoint is up to 2 wei above its exact value, truncating (k1 + k2)/2
        // moves k by ≤ 1 wei and w by ≤ slope·1 wei ≤ 2 wei, and halving the chord floors by ≤ 1 wei.
        assertLe(mid, chord + 5);
    }

    function testFuzz_impliedVolSquaredTimesTimeIsTotalVariance(
        uint256 seedRho,
        uint256 seedM,
        uint256 seedS,
        uint256 seedB,
        uint256 seedV,
        uint256 seedT,
        int256 k
    ) public pure {
        Smile memory smile = _validSmile(seedRho, seedM, seedS, seedB, seedV, seedT);
        k = bound(k, -8e18, 8e18);
        uint256 vol = Svi.impliedVol(smile.p, k, smile.timeSec);
        uint256 w = uint256(Svi.totalVariance(smile.p, k));
        // σ is the smallest wad with σ²·T ≥ w: σ²·T ≥ w and (σ − 1 wei)²·T < w.
        assertGe(FixedPointMathLib.mulDiv(vol * vol, smile.timeSec, Svi.YEAR_SEC * 1e18), w);
        assertLt(FixedPointMathLib.mulDiv((vol - 1) * (vol - 1), smile.timeSec, Svi.YEAR_SEC * 1e18), w);
    }

    function _assertWithin(int256 actual, int256 expectedCeil, int256 above) internal pure {
        assertGe(actual, expectedCeil);
        assertLe(actual, expectedCeil + above);
    }
}
