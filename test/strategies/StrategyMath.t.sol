// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

contract StrategyMathTest is Test {
    function test_snapStrike_keepsListedStrikes() public pure {
        assertEq(StrategyMath.snapStrike(3300e18, true), 3300e18);
        assertEq(StrategyMath.snapStrike(3300e18, false), 3300e18);
        assertEq(StrategyMath.snapStrike(123, true), 123);
    }

    function test_snapStrike_roundsAwayFromTheMoney() public pure {
        assertEq(StrategyMath.snapStrike(3301e18, true), 3310e18);
        assertEq(StrategyMath.snapStrike(3309e18, false), 3300e18);
        assertEq(StrategyMath.snapStrike(9991e18, true), 10_000e18, "999u up is 1000u");
    }

    function test_otmStrike_appliesTheMoneyness() public pure {
        assertEq(StrategyMath.otmStrike(3000e18, 0.1e18, true), 3300e18);
        assertEq(StrategyMath.otmStrike(3000e18, 0.1e18, false), 2700e18);
        assertEq(StrategyMath.otmStrike(3123e18, 0.1e18, true), 3440e18);
        assertEq(StrategyMath.otmStrike(3123e18, 0.1e18, false), 2810e18);
    }

    function test_listedExpiryAtOrAfter() public pure {
        uint256 day = 20_000 days;
        assertEq(StrategyMath.listedExpiryAtOrAfter(day), day + 8 hours);
        assertEq(StrategyMath.listedExpiryAtOrAfter(day + 8 hours), day + 8 hours);
        assertEq(StrategyMath.listedExpiryAtOrAfter(day + 8 hours + 1), day + 1 days + 8 hours);
    }

    /// @notice The snapped strike has at most three significant digits, lies on the right side and within one unit.
    function testFuzz_snapStrike_isListedAndNearest(uint256 strikeWad, bool up) public pure {
        strikeWad = bound(strikeWad, 1000, 1e30);
        uint256 snapped = StrategyMath.snapStrike(strikeWad, up);
        uint256 digits = FixedPointMathLib.log10(snapped) + 1;
        assertEq(snapped % 10 ** (digits - 3), 0, "three significant digits");
        uint256 unit = 10 ** (FixedPointMathLib.log10(strikeWad) + 1 - 3);
        if (up) {
            assertGe(snapped, strikeWad);
            assertLt(snapped - strikeWad, unit);
        } else {
            assertLe(snapped, strikeWad);
            assertLt(strikeWad - snapped, unit);
        }
    }

    /// @notice The expiry is on the grid, at or after the time, and less than a day after it.
    function testFuzz_listedExpiryAtOrAfter(uint256 timestamp) public pure {
        timestamp = bound(timestamp, 0, type(uint40).max);
        uint256 expiry = StrategyMath.listedExpiryAtOrAfter(timestamp);
        assertEq(expiry % 1 days, 8 hours);
        assertGe(expiry, timestamp);
        assertLt(expiry - timestamp, 1 days);
    }

    /// @notice The size's maximum payoff never exceeds the collateral.
    function testFuzz_fullyCollateralisedSize_isCovered(uint256 assets, uint256 strikeWad) public pure {
        assets = bound(assets, 0, 1e30);
        strikeWad = bound(strikeWad, 1e15, 1e24);
        uint256 size = StrategyMath.fullyCollateralisedSize(assets, 1e12, strikeWad, false);
        assertLe(FixedPointMathLib.mulDivUp(size, strikeWad, 1e30), assets);
        assertEq(StrategyMath.fullyCollateralisedSize(assets, 1, strikeWad, true), assets);
    }
}
