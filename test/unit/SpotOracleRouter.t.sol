// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {ISpotOracleRouter} from "../../contracts/interfaces/ISpotOracleRouter.sol";
import {SpotOracleRouter} from "../../contracts/oracle/SpotOracleRouter.sol";
import {MockSpotOracle} from "../utils/MockSpotOracle.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "forge-std/Test.sol";

contract SpotOracleRouterTest is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant MAX_DEVIATION = 0.02e18;
    uint256 internal constant MAX_AGE = 1 hours;

    address internal governor = makeAddr("governor");
    MockSpotOracle internal primary;
    MockSpotOracle internal secondary;
    SpotOracleRouter internal router;

    function setUp() public {
        vm.warp(START);
        primary = new MockSpotOracle();
        secondary = new MockSpotOracle();
        router = new SpotOracleRouter(governor, primary, secondary, MAX_DEVIATION, MAX_AGE);
        primary.set(3000e18, START);
        secondary.set(3010e18, START);
    }

    function _enableFallback() internal {
        vm.prank(governor);
        router.setFallbackEnabled(true);
    }

    function test_spot_returnsPrimaryWhenBothAgree() public view {
        (uint256 priceWad, uint256 updatedAt) = router.spot();
        assertEq(priceWad, 3000e18);
        assertEq(updatedAt, START);
    }

    function test_spot_acceptsDeviationAtTheBound() public {
        secondary.set(3060e18, START);
        (uint256 priceWad,) = router.spot();
        assertEq(priceWad, 3000e18);
    }

    function test_spot_revertsWhenSourcesDisagree() public {
        secondary.set(3061e18, START);
        // |3000 - 3061| / 3000 = 2.0333...% rounded up.
        uint256 diff = 61e18;
        uint256 deviation = (diff * 1e18 + 3000e18 - 1) / 3000e18;
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 3000e18, 3061e18, deviation, MAX_DEVIATION
            )
        );
        router.spot();
        // The deviation is symmetric: relative to the lower price.
        primary.set(3061e18, START);
        secondary.set(3000e18, START);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 3061e18, 3000e18, deviation, MAX_DEVIATION
            )
        );
        router.spot();
    }

    function test_spot_refusesPrimaryFailureUnlessFallbackEnabled() public {
        bytes memory reason = abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, 1, 2, 3);
        primary.setRevert(reason);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracleRouter.PrimaryUnavailable.selector, reason));
        router.spot();
        _enableFallback();
        (uint256 priceWad,) = router.spot();
        assertEq(priceWad, 3010e18);
    }

    function test_spot_refusesSecondaryFailureUnlessFallbackEnabled() public {
        secondary.set(3010e18, START - MAX_AGE - 1);
        bytes memory reason =
            abi.encodeWithSelector(ISpotOracleRouter.StaleSource.selector, START - MAX_AGE - 1, MAX_AGE);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracleRouter.SecondaryUnavailable.selector, reason));
        router.spot();
        _enableFallback();
        (uint256 priceWad,) = router.spot();
        assertEq(priceWad, 3000e18);
    }

    function test_spot_treatsZeroAndFutureAsInvalid() public {
        primary.set(0, START);
        secondary.set(3000e18, START + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.NoValidSource.selector,
                abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector),
                abi.encodeWithSelector(ISpotOracleRouter.StaleSource.selector, START + 1, MAX_AGE)
            )
        );
        router.spot();
    }

    function test_spot_revertsWhenNoSourceEvenWithFallback() public {
        _enableFallback();
        primary.setRevert(abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector));
        secondary.setRevert(abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.NoValidSource.selector,
                abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector),
                abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector)
            )
        );
        router.spot();
    }

    /// @dev Whatever the sources say, the router returns a non-zero, fresh price that (when both are valid) both
    /// sources confirm within the bound, or it reverts.
    function testFuzz_neverPassesAnInvalidPrice(
        uint256 primaryPrice,
        uint256 secondaryPrice,
        uint256 primaryAge,
        uint256 secondaryAge,
        bool fallbackOn
    ) public {
        primaryPrice = bound(primaryPrice, 0, 1e36);
        secondaryPrice = bound(secondaryPrice, 0, 1e36);
        primaryAge = bound(primaryAge, 0, 2 * MAX_AGE);
        secondaryAge = bound(secondaryAge, 0, 2 * MAX_AGE);
        primary.set(primaryPrice, START - primaryAge);
        secondary.set(secondaryPrice, START - secondaryAge);
        if (fallbackOn) _enableFallback();
        bool primaryValid = primaryPrice > 0 && primaryAge <= MAX_AGE;
        bool secondaryValid = secondaryPrice > 0 && secondaryAge <= MAX_AGE;
        uint256 low = primaryPrice < secondaryPrice ? primaryPrice : secondaryPrice;
        uint256 diff = primaryPrice > secondaryPrice ? primaryPrice - secondaryPrice : secondaryPrice - primaryPrice;
        bool agree = diff * 1e18 <= MAX_DEVIATION * low;
        bool shouldPrice = (primaryValid && secondaryValid && agree) || (fallbackOn && (primaryValid != secondaryValid));
        try router.spot() returns (uint256 priceWad, uint256 updatedAt) {
            assertTrue(shouldPrice, "priced when it should not");
            assertGt(priceWad, 0);
            assertLe(START - updatedAt, MAX_AGE);
            assertEq(priceWad, primaryValid ? primaryPrice : secondaryPrice);
        } catch {
            assertFalse(shouldPrice, "refused a valid price");
        }
    }

    function test_setters_emitAndEnforceBounds() public {
        vm.startPrank(governor);
        vm.expectEmit(address(router));
        emit ISpotOracleRouter.MaxDeviationSet(0.05e18);
        router.setMaxDeviation(0.05e18);
        assertEq(router.maxDeviationWad(), 0.05e18);
        vm.expectEmit(address(router));
        emit ISpotOracleRouter.MaxAgeSet(2 hours);
        router.setMaxAge(2 hours);
        vm.expectEmit(address(router));
        emit ISpotOracleRouter.FallbackEnabledSet(true);
        router.setFallbackEnabled(true);
        assertTrue(router.fallbackEnabled());
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.004e18, 0.005e18, 0.1e18)
        );
        router.setMaxDeviation(0.004e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.11e18, 0.005e18, 0.1e18)
        );
        router.setMaxDeviation(0.11e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 59, 60, 2 days));
        router.setMaxAge(59);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 2 days + 1, 60, 2 days)
        );
        router.setMaxAge(2 days + 1);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        router.setFallbackEnabled(false);
    }
}
