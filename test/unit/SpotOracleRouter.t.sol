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
    uint256 internal constant MAX_DEGRADED_DEVIATION = 0.2e18;
    uint256 internal constant MAX_AGE = 1 hours;

    address internal governor = makeAddr("governor");
    MockSpotOracle internal primary;
    MockSpotOracle internal secondary;
    SpotOracleRouter internal router;

    function setUp() public {
        vm.warp(START);
        primary = new MockSpotOracle();
        secondary = new MockSpotOracle();
        router = new SpotOracleRouter(governor, primary, secondary, MAX_DEVIATION, MAX_DEGRADED_DEVIATION, MAX_AGE);
        primary.set(3000e18, START);
        secondary.set(3010e18, START);
    }

    /// @dev |a − b| / min(a, b), wad, rounded up, as the router measures it.
    function _deviationUp(uint256 diff, uint256 low) internal pure returns (uint256) {
        return (diff * 1e18 + low - 1) / low;
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

    // ------------------------------------------------------------ degraded mode (spotRange)

    function test_spotRange_isSpotWhenBothAgree() public view {
        (uint256 lowWad, uint256 highWad, uint256 updatedAt) = router.spotRange();
        (uint256 priceWad, uint256 spotAt) = router.spot();
        assertEq(lowWad, priceWad);
        assertEq(highWad, priceWad);
        assertEq(updatedAt, spotAt);
    }

    function test_spotRange_returnsBothPricesWhenDegraded() public {
        // −10 %: the live primary moved, the lagging secondary did not yet.
        primary.set(2700e18, START);
        secondary.set(3000e18, START - 10 minutes);
        uint256 deviation = _deviationUp(300e18, 2700e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 2700e18, 3000e18, deviation, MAX_DEVIATION
            )
        );
        router.spot();
        (uint256 lowWad, uint256 highWad, uint256 updatedAt) = router.spotRange();
        assertEq(lowWad, 2700e18);
        assertEq(highWad, 3000e18);
        assertEq(updatedAt, START - 10 minutes, "the older observation");
        // Symmetric in which source is ahead.
        primary.set(3300e18, START);
        (lowWad, highWad,) = router.spotRange();
        assertEq(lowWad, 3000e18);
        assertEq(highWad, 3300e18);
    }

    function test_spotRange_refusesBeyondTheDegradedBound() public {
        primary.set(2500e18, START);
        secondary.set(3001e18, START);
        // 501/2500 = 20.04 % > 20 %.
        uint256 deviation = _deviationUp(501e18, 2500e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 2500e18, 3001e18, deviation, MAX_DEGRADED_DEVIATION
            )
        );
        router.spotRange();
        // At the bound it still answers.
        secondary.set(3000e18, START);
        (uint256 lowWad, uint256 highWad,) = router.spotRange();
        assertEq(lowWad, 2500e18);
        assertEq(highWad, 3000e18);
    }

    function test_spotRange_offWhenDegradedBoundEqualsTheStrictOne() public {
        vm.prank(governor);
        router.setMaxDegradedDeviation(MAX_DEVIATION);
        secondary.set(3061e18, START);
        uint256 deviation = _deviationUp(61e18, 3000e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpotOracleRouter.PriceDeviationTooHigh.selector, 3000e18, 3061e18, deviation, MAX_DEVIATION
            )
        );
        router.spotRange();
    }

    function test_spotRange_singleSourceAsSpot() public {
        bytes memory reason = abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, 1, 2, 3);
        primary.setRevert(reason);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracleRouter.PrimaryUnavailable.selector, reason));
        router.spotRange();
        _enableFallback();
        (uint256 lowWad, uint256 highWad, uint256 updatedAt) = router.spotRange();
        assertEq(lowWad, 3010e18);
        assertEq(highWad, 3010e18);
        assertEq(updatedAt, START);
    }

    /// @dev Whatever the sources say, `spotRange` answers whenever `spot` does and then equals it; otherwise it
    /// answers exactly when both sources are valid and within the degraded bound, with a range holding both prices.
    function testFuzz_spotRange_containsBothPricesAndIsSpotWhenTheyAgree(
        uint256 primaryPrice,
        uint256 secondaryPrice,
        uint256 primaryAge,
        uint256 secondaryAge,
        bool fallbackOn
    ) public {
        primaryPrice = bound(primaryPrice, 0, 1e36);
        secondaryPrice = bound(secondaryPrice, 0, 1e36);
        // Often close, to reach the degraded band.
        if (primaryPrice % 2 == 0) secondaryPrice = bound(secondaryPrice, primaryPrice / 2, primaryPrice * 3 / 2 + 1);
        primaryAge = bound(primaryAge, 0, 2 * MAX_AGE);
        secondaryAge = bound(secondaryAge, 0, 2 * MAX_AGE);
        primary.set(primaryPrice, START - primaryAge);
        secondary.set(secondaryPrice, START - secondaryAge);
        if (fallbackOn) _enableFallback();
        bool bothValid = primaryPrice > 0 && primaryAge <= MAX_AGE && secondaryPrice > 0 && secondaryAge <= MAX_AGE;
        uint256 low = primaryPrice < secondaryPrice ? primaryPrice : secondaryPrice;
        uint256 high = primaryPrice < secondaryPrice ? secondaryPrice : primaryPrice;
        bool withinDegraded = (high - low) * 1e18 <= MAX_DEGRADED_DEVIATION * low;

        (bool spotOk, bytes memory spotData) = address(router).staticcall(abi.encodeCall(router.spot, ()));
        (bool rangeOk, bytes memory rangeData) = address(router).staticcall(abi.encodeCall(router.spotRange, ()));
        if (spotOk) {
            (uint256 priceWad, uint256 updatedAt) = abi.decode(spotData, (uint256, uint256));
            assertTrue(rangeOk, "spot priced, range refused");
            (uint256 lowWad, uint256 highWad, uint256 rangeAt) = abi.decode(rangeData, (uint256, uint256, uint256));
            assertEq(lowWad, priceWad);
            assertEq(highWad, priceWad);
            assertEq(rangeAt, updatedAt);
        } else if (bothValid && withinDegraded) {
            assertTrue(rangeOk, "refused a degraded range");
            (uint256 lowWad, uint256 highWad, uint256 rangeAt) = abi.decode(rangeData, (uint256, uint256, uint256));
            assertEq(lowWad, low);
            assertEq(highWad, high);
            assertEq(rangeAt, START - (primaryAge > secondaryAge ? primaryAge : secondaryAge));
        } else {
            assertFalse(rangeOk, "priced a range it should refuse");
            // Beyond the degraded bound both refuse `PriceDeviationTooHigh`, each with its own bound.
            if (!bothValid) assertEq(rangeData, spotData, "the same refusal as spot");
        }
    }

    function test_setMaxDegradedDeviation_emitsAndStaysAboveTheStrictBound() public {
        vm.startPrank(governor);
        vm.expectEmit(address(router));
        emit ISpotOracleRouter.MaxDegradedDeviationSet(0.5e18);
        router.setMaxDegradedDeviation(0.5e18);
        assertEq(router.maxDegradedDeviationWad(), 0.5e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.5e18 + 1, MAX_DEVIATION, 0.5e18)
        );
        router.setMaxDegradedDeviation(0.5e18 + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.01e18, MAX_DEVIATION, 0.5e18)
        );
        router.setMaxDegradedDeviation(0.01e18);
        // The strict bound may not pass the degraded one.
        router.setMaxDegradedDeviation(0.03e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.04e18, 0.005e18, 0.03e18)
        );
        router.setMaxDeviation(0.04e18);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        router.setMaxDegradedDeviation(0.2e18);
    }

    function test_constructor_refusesADegradedBoundBelowTheStrictOne() public {
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.02e18, 0.005e18, 0.01e18)
        );
        new SpotOracleRouter(governor, primary, secondary, 0.02e18, 0.01e18, MAX_AGE);
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
