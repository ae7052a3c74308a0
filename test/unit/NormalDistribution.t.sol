// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {NormalDistribution} from "../../contracts/libraries/NormalDistribution.sol";
import {BlackScholesHarness} from "../utils/BlackScholesHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Expected values from mpmath at 50 digits, in the 1e27 fixed point.
contract NormalDistributionTest is Test {
    BlackScholesHarness internal h;

    function setUp() public {
        h = new BlackScholesHarness();
    }

    function test_cdf_knownValues() public view {
        assertApproxEqAbs(h.cdf(0), 5e26, 1e7);
        // N(1) = 0.84134474606854293...
        assertApproxEqAbs(h.cdf(1e27), 841_344_746_068_542_948_585_232_546, 1e7);
        // N(-6) = 9.8658764503769814e-10: relative error 1e-12 at most
        assertApproxEqAbs(h.cdf(-6e27), 986_587_645_037_698_141, 1e6);
        // N(-8) = 6.2209605742717841e-16: relative error 1e-12 (or 2 units)
        assertApproxEqAbs(h.cdf(-8e27), 622_096_057_427, 2);
        // N(-10) = 7.6198530241605260e-24: 7620 units of 1e-27
        assertApproxEqAbs(h.cdf(-10e27), 7620, 2);
    }

    function test_cdf_isZeroOnlyBelowTheUnitOfTheFixedPoint() public view {
        assertGt(h.cdf(-10.5e27), 0);
        assertEq(h.cdf(-11e27), 0);
        assertEq(h.cdf(11e27), 1e27);
    }

    function test_pdf_knownValues() public view {
        assertApproxEqAbs(h.pdf(0), 398_942_280_401_432_677_939_946_060, 2);
        // φ(1) = 0.24197072451914334979783...
        assertApproxEqAbs(h.pdf(-1e27), 241_970_724_519_143_349_797_830_193, 1e4);
        assertEq(h.pdf(12e27), 0);
    }

    function testFuzz_cdfIsSymmetric(int256 x) public view {
        // Away from 0, N(-x) is Q(x) and N(x) is 1 - Q(x): they add up to 1 exactly.
        x = bound(x, 1, 12e27);
        assertEq(h.cdf(x) + h.cdf(-x), 1e27);
    }

    function testFuzz_cdfIsNonDecreasing(int256 x, uint256 step) public view {
        x = bound(x, -12e27, 12e27);
        int256 y = x + int256(bound(step, 0, 1e27));
        // Non-decreasing up to twice the approximation error (1e-20).
        assertGe(h.cdf(y) + 2e7, h.cdf(x));
    }

    function testFuzz_pdfIsTheSlopeOfTheCdf(int256 x) public view {
        x = bound(x, -8e27, 8e27);
        int256 dx = 1e18;
        int256 slope = (int256(h.cdf(x + dx)) - int256(h.cdf(x - dx))) * 1e27 / (2 * dx);
        assertApproxEqAbs(slope, int256(h.pdf(x)), 1e18);
    }
}
