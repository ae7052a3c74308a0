// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {Test, console} from "forge-std/Test.sol";

/// @notice Measures the library's internal calls with gasleft() around them, inside the contract that
/// inlines them, so neither the external call nor ABI decoding is counted. `baseline` measures the same
/// bracket around a trivial expression; its cost is subtracted.
contract BlackScholesGasProbe {
    function baseline(uint256 spot) external view returns (uint256 result, uint256 gasUsed) {
        uint256 before = gasleft();
        result = spot;
        gasUsed = before - gasleft();
    }

    function price(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        result = BlackScholes.price(spot, strike, timeSec, vol, rate, isCall);
        gasUsed = before - gasleft();
    }

    function priceAndDelta(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        (uint256 p, int256 d) = BlackScholes.priceAndDelta(spot, strike, timeSec, vol, rate, isCall);
        gasUsed = before - gasleft();
        result = p ^ uint256(d);
    }

    function greeks(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        BlackScholes.Greeks memory g = BlackScholes.greeks(spot, strike, timeSec, vol, rate, isCall);
        gasUsed = before - gasleft();
        result = g.price ^ uint256(g.delta) ^ g.gamma ^ g.vega ^ uint256(g.theta) ^ uint256(g.rho);
    }
}

/// @notice Gas of price, price+delta and all Greeks over the differential fixture's points (>= 1,000 over
/// the whole domain). Prints median, p90 and max; asserts nothing. Run:
/// forge test --match-path 'test/bench/*' -vv
contract BlackScholesGasBench is Test {
    enum Kind {
        Price,
        PriceAndDelta,
        Greeks
    }

    BlackScholesGasProbe internal probe;
    uint256[] internal spot;
    uint256[] internal strike;
    uint256[] internal timeSec;
    uint256[] internal vol;
    uint256[] internal rate;
    bool[] internal isCall;

    function setUp() public {
        probe = new BlackScholesGasProbe();
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/test/fixtures/blackScholes.json"));
        spot = vm.parseJsonUintArray(json, ".spot");
        strike = vm.parseJsonUintArray(json, ".strike");
        timeSec = vm.parseJsonUintArray(json, ".timeSec");
        vol = vm.parseJsonUintArray(json, ".vol");
        rate = vm.parseJsonUintArray(json, ".rate");
        isCall = vm.parseJsonBoolArray(json, ".isCall");
    }

    function test_gas_price() public view {
        _report("price", Kind.Price);
    }

    function test_gas_priceAndDelta() public view {
        _report("price+delta", Kind.PriceAndDelta);
    }

    function test_gas_greeks() public view {
        _report("greeks (all six)", Kind.Greeks);
    }

    function _report(string memory name, Kind kind) internal view {
        (, uint256 overhead) = probe.baseline(1);
        uint256 n = spot.length;
        uint256[] memory used = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 g;
            if (kind == Kind.Price) {
                (, g) = probe.price(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            } else if (kind == Kind.PriceAndDelta) {
                (, g) = probe.priceAndDelta(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            } else {
                (, g) = probe.greeks(spot[i], strike[i], timeSec[i], vol[i], rate[i], isCall[i]);
            }
            used[i] = g - overhead;
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
