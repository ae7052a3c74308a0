// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {BlackScholesHarness} from "../utils/BlackScholesHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The contract against `test/fixtures/blackScholes.json` (written by sdk/scripts/generateFixtures.ts):
/// equal to the SDK's wad mirror to the wei on every output, and within the library's error bound of the
/// 100-digit reference price.
contract BlackScholesDifferentialTest is Test {
    BlackScholesHarness internal harness;
    string internal json;

    function setUp() public {
        harness = new BlackScholesHarness();
        json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/blackScholes.json"));
    }

    function _uints(string memory key) internal view returns (uint256[] memory) {
        return vm.parseJsonUintArray(json, key);
    }

    function _ints(string memory key) internal view returns (int256[] memory) {
        return vm.parseJsonIntArray(json, key);
    }

    function test_fixture_coversTheDomain() public view {
        assertGe(_uints(".spot").length, 1000);
    }

    function test_greeks_equalsTheWadMirrorToTheWei() public view {
        uint256[] memory spot = _uints(".spot");
        uint256[] memory strike = _uints(".strike");
        uint256[] memory timeSec = _uints(".timeSec");
        uint256[] memory vol = _uints(".vol");
        uint256[] memory rate = _uints(".rate");
        bool[] memory isCall = vm.parseJsonBoolArray(json, ".isCall");
        uint256[] memory price = _uints(".price");
        int256[] memory delta = _ints(".delta");
        uint256[] memory gamma = _uints(".gamma");
        uint256[] memory vega = _uints(".vega");
        int256[] memory theta = _ints(".theta");
        int256[] memory rho = _ints(".rho");
        for (uint256 i; i < spot.length; ++i) {
            BlackScholes.Greeks memory g = harness.greeks(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            assertEq(g.price, price[i], "price");
            assertEq(g.delta, delta[i], "delta");
            assertEq(g.gamma, gamma[i], "gamma");
            assertEq(g.vega, vega[i], "vega");
            assertEq(g.theta, theta[i], "theta");
            assertEq(g.rho, rho[i], "rho");
            (uint256 p, int256 d) = harness.priceAndDelta(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            assertEq(p, price[i], "priceAndDelta.price");
            assertEq(d, delta[i], "priceAndDelta.delta");
            assertEq(harness.price(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]), price[i], "price()");
        }
    }

    /// @dev Error measured beyond the 1-wei quantisation of the rounded-down output: excess = max(0, |price -
    /// reference| - 1 wei). Bounds: excess <= 1e-16·spot everywhere, excess <= 1e-12·reference where
    /// reference >= 1e-6·spot. Reference and error are carried at 1e-18 wei (`referencePriceE36` = price·1e36).
    function test_price_isWithinTheErrorBoundOfTheReference() public view {
        uint256[] memory spot = _uints(".spot");
        uint256[] memory price = _uints(".price");
        uint256[] memory referenceE36 = _uints(".referencePriceE36");
        for (uint256 i; i < spot.length; ++i) {
            uint256 actual = price[i] * 1e18;
            uint256 error = actual > referenceE36[i] ? actual - referenceE36[i] : referenceE36[i] - actual;
            uint256 excess = error > 1e18 ? error - 1e18 : 0;
            assertLe(excess, spot[i] * 100, "absolute: 1e-16 of spot");
            if (referenceE36[i] >= spot[i] * 1e12) assertLe(excess, referenceE36[i] / 1e12, "relative: 1e-12");
        }
    }
}
