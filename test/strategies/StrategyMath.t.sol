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

    // ---------------------------------------------------------------- premium floor

    function test_premiumFloorUp_isTheFairValueLessTheTolerance() public pure {
        // 10 options at 0.01 each, 20 % off: 0.08.
        assertEq(StrategyMath.premiumFloorUp(10e18, 0.01e18, 0, 0.2e18, 1), 0.08e18);
        // In USDC units (scale 1e12): 100 puts at 43.5, 20 % off = 3,480 USDC.
        assertEq(StrategyMath.premiumFloorUp(100e18, 43.5e18, 0, 0.2e18, 1e12), 3480e6);
        // A spread: sell at 40, buy at 10, 10 % off the gross: 40·0.9 − 10·1.1 = 25 per option.
        assertEq(StrategyMath.premiumFloorUp(2e18, 40e18, 10e18, 0.1e18, 1e12), 50e6);
    }

    function test_premiumFloorUp_roundsUpTowardTheVault() public pure {
        // 0.08 WETH + 0.008 wei rounds up to 0.08 WETH + 1 wei, not down.
        assertEq(StrategyMath.premiumFloorUp(10e18 + 1, 0.01e18, 0, 0.2e18, 1), 0.08e18 + 1);
        // 3,480.000001 USDC-wad rounds up to the next unit.
        assertEq(StrategyMath.premiumFloorUp(100e18, 43.5e18 + 1e4, 0, 0.2e18, 1e12), 3480e6 + 1);
    }

    function test_premiumFloorUp_isZeroWhenTheToleranceCoversTheNetValue() public pure {
        assertEq(StrategyMath.premiumFloorUp(1e18, 11e18, 10e18, 0.1e18, 1), 0, "11 * 0.9 < 10 * 1.1");
        assertEq(StrategyMath.premiumFloorUp(0, 11e18, 0, 0.1e18, 1), 0, "no size");
        assertEq(StrategyMath.premiumFloorUp(1e18, 1e18, 0, 1e18, 1), 0, "a 100 % tolerance");
    }

    /// @notice The floor is never below the exact sold·(1 − d) − bought·(1 + d), and at most 4 wei of wad above it
    /// before the conversion to token units rounds up.
    function testFuzz_premiumFloorUp_roundsUpByLittle(
        uint256 size,
        uint256 soldMark,
        uint256 boughtMark,
        uint256 discount,
        bool usdc
    ) public pure {
        size = bound(size, 0, 1e30);
        soldMark = bound(soldMark, 0, 1e24);
        boughtMark = bound(boughtMark, 0, soldMark);
        discount = bound(discount, 0, 1e18);
        uint256 scale = usdc ? 1e12 : 1;
        uint256 floor = StrategyMath.premiumFloorUp(size, soldMark, boughtMark, discount, scale);
        uint256 sold = size * soldMark * (1e18 - discount);
        uint256 cost = size * boughtMark * (1e18 + discount);
        if (sold <= cost) {
            assertLe(floor, FixedPointMathLib.divUp(4, scale), "not positive: (almost) no floor");
            return;
        }
        uint256 exactUp = FixedPointMathLib.divUp(sold - cost, 1e36);
        assertGe(floor * scale, exactUp, "rounded up");
        assertLe(floor, FixedPointMathLib.divUp(exactUp + 4, scale), "by at most 4 wei before the unit");
    }

    /// @notice A larger tolerance never raises the floor.
    function testFuzz_premiumFloorUp_fallsWithTheTolerance(uint256 size, uint256 mark, uint256 d1, uint256 d2)
        public
        pure
    {
        size = bound(size, 0, 1e30);
        mark = bound(mark, 0, 1e24);
        d1 = bound(d1, 0, 1e18);
        d2 = bound(d2, d1, 1e18);
        assertGe(
            StrategyMath.premiumFloorUp(size, mark, mark / 3, d1, 1e12),
            StrategyMath.premiumFloorUp(size, mark, mark / 3, d2, 1e12)
        );
    }
}
