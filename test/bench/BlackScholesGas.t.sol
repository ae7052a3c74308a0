// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {Test, console} from "forge-std/Test.sol";

/// @dev The probes measured by `BlackScholesGasBench`: one external function each, with the same selector, so
/// that dispatch and ABI costs are identical and cancel against `BaselineProbe`.
interface IProbe {
    function run(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256);
}

contract BaselineProbe is IProbe {
    function run(uint256 spot, uint256, uint256, uint256, uint256, bool) external pure returns (uint256) {
        return spot;
    }
}

contract PriceProbe is IProbe {
    function run(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.price(spot, strike, timeSec, vol, rate, isCall);
    }
}

contract PriceAndDeltaProbe is IProbe {
    function run(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256)
    {
        (uint256 p, int256 d) = BlackScholes.priceAndDelta(spot, strike, timeSec, vol, rate, isCall);
        return p ^ uint256(d);
    }
}

/// @dev Includes five XORs (15 gas) to return the six outputs as one word.
contract GreeksProbe is IProbe {
    function run(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256)
    {
        BlackScholes.Greeks memory g = BlackScholes.greeks(spot, strike, timeSec, vol, rate, isCall);
        return g.price ^ uint256(g.delta) ^ g.gamma ^ g.vega ^ uint256(g.theta) ^ uint256(g.rho);
    }
}

/// @notice Gas of price, price+delta and all Greeks over the differential fixture's points (>= 1,000 over
/// the whole domain): the gas of an external call to a probe that inlines the library, minus the gas of the same
/// call to a probe that returns at once. Prints median, p90 and max; asserts nothing. Run:
/// forge test --match-path 'test/bench/*' -vv
contract BlackScholesGasBench is Test {
    IProbe internal baseline;
    uint256[] internal spot;
    uint256[] internal strike;
    uint256[] internal timeSec;
    uint256[] internal vol;
    uint256[] internal rate;
    bool[] internal isCall;

    function setUp() public {
        baseline = new BaselineProbe();
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/blackScholes.json"));
        spot = vm.parseJsonUintArray(json, ".spot");
        strike = vm.parseJsonUintArray(json, ".strike");
        timeSec = vm.parseJsonUintArray(json, ".timeSec");
        vol = vm.parseJsonUintArray(json, ".vol");
        rate = vm.parseJsonUintArray(json, ".rate");
        isCall = vm.parseJsonBoolArray(json, ".isCall");
    }

    function test_gas_price() public {
        _report("price", new PriceProbe());
    }

    function test_gas_priceAndDelta() public {
        _report("price+delta", new PriceAndDeltaProbe());
    }

    function test_gas_greeks() public {
        _report("greeks (all six)", new GreeksProbe());
    }

    /// @dev One fixture point, copied to memory so that storage reads stay outside the measurement.
    struct Point {
        uint256 spot;
        uint256 strike;
        uint256 timeSec;
        uint256 vol;
        uint256 rate;
        bool isCall;
    }

    function _gasOf(IProbe probe, Point memory p) internal view returns (uint256 used) {
        used = gasleft();
        probe.run(p.spot, p.strike, p.timeSec, p.vol, p.rate, p.isCall);
        used -= gasleft();
    }

    function _report(string memory name, IProbe probe) internal view {
        uint256 n = spot.length;
        uint256[] memory used = new uint256[](n);
        // Warm both accounts first, so that no measurement pays a cold account access.
        Point memory first = Point(spot[0], strike[0], timeSec[0], vol[0], rate[0], isCall[0]);
        _gasOf(probe, first);
        _gasOf(baseline, first);
        for (uint256 i; i < n; ++i) {
            Point memory p = Point(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            used[i] = _gasOf(probe, p) - _gasOf(baseline, p);
        }
        _sort(used);
        console.log(name, "points", n);
        console.log("  median", used[n / 2]);
        console.log("  p90   ", used[n * 9 / 10]);
        console.log("  max   ", used[n - 1]);
    }

    function _sort(uint256[] memory a) internal pure {
        for (uint256 i = 1; i < a.length; ++i) {
            uint256 key = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > key) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = key;
        }
    }
}
