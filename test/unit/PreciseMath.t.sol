// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PreciseMath} from "../../contracts/libraries/PreciseMath.sol";
import {BlackScholesHarness} from "../utils/BlackScholesHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Expected values from mpmath at 50 digits, in the 1e27 fixed point.
contract PreciseMathTest is Test {
    BlackScholesHarness internal h;

    function setUp() public {
        h = new BlackScholesHarness();
    }

    function test_expNeg_knownValues() public view {
        assertEq(h.expNeg(0), 1e27);
        // e^-1 = 0.367879441171442321595523770161...
        assertApproxEqAbs(h.expNeg(1e27), 367_879_441_171_442_321_595_523_770, 2);
        // e^-20 = 2.0611536224385578279659403801558e-9
        assertApproxEqAbs(h.expNeg(20e27), 2_061_153_622_438_557_828, 2);
        assertEq(h.expNeg(64e27), 0);
    }

    function test_ln_knownValues() public view {
        assertEq(h.ln(1e27), 0);
        // ln 2 = 0.693147180559945309417232121458...
        assertApproxEqAbs(h.ln(2e27), 693_147_180_559_945_309_417_232_121, 1e6);
        // ln 0.2 = -1.6094379124341003746007593332262
        assertApproxEqAbs(h.ln(0.2e27), -1_609_437_912_434_100_374_600_759_333, 1e6);
    }

    function test_ln_revertsOutsideItsRange() public {
        vm.expectRevert(abi.encodeWithSelector(PreciseMath.LnOutOfRange.selector, 1e27 / 8 - 1));
        h.ln(1e27 / 8 - 1);
        vm.expectRevert(abi.encodeWithSelector(PreciseMath.LnOutOfRange.selector, 8e27));
        h.ln(8e27);
    }

    function testFuzz_sqrtInTimeRangeIsTheFloorOrOneAbove(uint256 x) public view {
        x = bound(x, 2 ** 160, 2 ** 182 - 1);
        uint256 z = h.sqrtInTimeRange(x);
        assertLe((z - 1) * (z - 1), x);
        assertGt((z + 1) * (z + 1), x);
    }

    function test_sqrtInTimeRange_coversTheTimeDomain() public view {
        // One minute and five years, as BlackScholes passes them: timeSec·1e54/YEAR.
        assertApproxEqAbs(h.sqrtInTimeRange(60e54 / uint256(365 days)), 1_379_343_147_670_613_249_803_977, 1);
        assertApproxEqAbs(h.sqrtInTimeRange(5e54), 2_236_067_977_499_789_696_409_173_668, 1);
    }

    function testFuzz_lnInvertsExp(uint256 y) public view {
        // y in [0, 2]: e^-y in [0.135, 1], inside ln's range.
        y = bound(y, 0, 2e27);
        assertApproxEqAbs(-h.ln(h.expNeg(y)), int256(y), 2e6);
    }

    function testFuzz_expOfASumIsTheProduct(uint256 a, uint256 b) public view {
        a = bound(a, 0, 30e27);
        b = bound(b, 0, 30e27);
        // Each value is within 3e-23 relative.
        uint256 product = h.expNeg(a) * h.expNeg(b) / 1e27;
        assertApproxEqAbs(h.expNeg(a + b), product, product / 1e22 + 10);
    }
}
