// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Svi} from "../../contracts/libraries/Svi.sol";
import {OptionPricer} from "../../contracts/market/OptionPricer.sol";
import {Test} from "forge-std/Test.sol";

/// @notice `OptionPricer.marks` (one call per expiry) and `markPair` (two states of one option) against `mark` (one
/// call per strike and state): the same value to the wei, inside and outside Black-Scholes' domain, so the vault's NAV,
/// the margin engine and the SDK's mirror of `mark` stay exact whichever the caller uses.
contract OptionPricerTest is Test {
    OptionPricer internal pricer;

    function setUp() public {
        pricer = new OptionPricer();
    }

    function testFuzz_marksEqualsMarkForEveryStrike(
        uint256 spotSeed,
        uint256 timeSeed,
        uint256 rateSeed,
        bool isCall,
        uint256[6] memory strikeSeeds,
        int256 rhoSeed,
        uint256 bSeed
    ) public view {
        uint256 spotWad = bound(spotSeed, 1e15, 1e24);
        // Includes times under a minute (intrinsic values) and up to two years.
        uint256 timeSec = bound(timeSeed, 0, 2 * 365 days);
        uint256 rateWad = bound(rateSeed, 0, 0.2e18);
        Svi.Params memory smile = Svi.Params({
            a: 0.01e18, b: bound(bSeed, 0, 0.5e18), rho: bound(rhoSeed, -0.9e18, 0.9e18), m: 0, sigma: 0.2e18
        });
        uint256[] memory strikesWad = new uint256[](strikeSeeds.length);
        for (uint256 i; i < strikesWad.length; ++i) {
            // Spot/8 to 8·spot: the outer strikes are outside the moneyness domain (spot/strike beyond 5).
            strikesWad[i] = bound(strikeSeeds[i], spotWad / 8, spotWad * 8);
        }
        uint256[] memory values = pricer.marks(smile, spotWad, timeSec, rateWad, isCall, strikesWad);
        assertEq(values.length, strikesWad.length);
        for (uint256 i; i < strikesWad.length; ++i) {
            assertEq(values[i], pricer.mark(smile, spotWad, strikesWad[i], timeSec, rateWad, isCall));
        }
    }

    function testFuzz_markPairEqualsTwoMarks(
        uint256 spotSeed,
        uint256 shockSeed,
        uint256 strikeSeed,
        uint256 timeSeed,
        uint256 rateSeed,
        bool isCall,
        uint256 scaleSeed
    ) public view {
        uint256 spotWad = bound(spotSeed, 1e15, 1e24);
        // Shocks of ±60 %, strikes from spot/8 to 8·spot: one or both states can fall outside the domain.
        uint256 shockedSpotWad = bound(shockSeed, spotWad * 4 / 10, spotWad * 16 / 10);
        uint256 strikeWad = bound(strikeSeed, spotWad / 8, spotWad * 8);
        uint256 timeSec = bound(timeSeed, 0, 2 * 365 days);
        uint256 rateWad = bound(rateSeed, 0, 0.2e18);
        uint256 scaleWad = bound(scaleSeed, 1e18, 4e18);
        Svi.Params memory smile = Svi.Params({a: 0.01e18, b: 0.1e18, rho: -0.3e18, m: 0, sigma: 0.2e18});
        Svi.Params memory shockedSmile = Svi.Params({
            a: int256(0.01e18 * scaleWad / 1e18), b: 0.1e18 * scaleWad / 1e18, rho: -0.3e18, m: 0, sigma: 0.2e18
        });
        (uint256 value, uint256 shocked) =
            pricer.markPair(smile, shockedSmile, spotWad, shockedSpotWad, strikeWad, timeSec, rateWad, isCall);
        assertEq(value, pricer.mark(smile, spotWad, strikeWad, timeSec, rateWad, isCall), "now");
        assertEq(shocked, pricer.mark(shockedSmile, shockedSpotWad, strikeWad, timeSec, rateWad, isCall), "shocked");
    }

    function test_marks_emptyBatch() public view {
        Svi.Params memory smile = Svi.Params({a: 0.01e18, b: 0.1e18, rho: -0.3e18, m: 0, sigma: 0.2e18});
        assertEq(pricer.marks(smile, 3000e18, 7 days, 0, true, new uint256[](0)).length, 0);
    }

    function test_marks_revertsOnSmileBeyondValidatedMagnitudes() public {
        uint256[] memory strikesWad = new uint256[](1);
        strikesWad[0] = 3000e18;
        Svi.Params memory smile = Svi.Params({a: 0.01e18, b: 0.1e18, rho: -0.3e18, m: 0, sigma: 17e18});
        vm.expectRevert(abi.encodeWithSelector(Svi.CurvatureOutOfRange.selector, 17e18));
        pricer.marks(smile, 3000e18, 7 days, 0, true, strikesWad);
    }
}
