// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, console} from "forge-std/Test.sol";

import {Svi} from "../../contracts/libraries/Svi.sol";

/// @notice Gas of the SVI library's three functions on a typical smile, printed, not asserted.
///         Run: `npx forge test --match-path 'test/bench/SviGas.t.sol' -vv`.
///         Inputs live in storage and are copied to memory before measuring, so the optimiser cannot
///         fold the computation into constants.
contract SviGasBench is Test {
    Svi.Params internal params;
    int256 internal logMoneyness;
    uint256 internal timeToExpirySec;

    function setUp() public {
        params = Svi.Params({a: 0.04e18, b: 0.4e18, rho: -0.4e18, m: 0.1e18, sigma: 0.2e18});
        logMoneyness = -0.15e18;
        timeToExpirySec = 30 days;
    }

    function test_bench_svi() public view {
        Svi.Params memory p = params;
        int256 k = logMoneyness;
        uint256 timeSec = timeToExpirySec;

        uint256 before = gasleft();
        int256 w = Svi.totalVariance(p, k);
        uint256 gasTotalVariance = before - gasleft();

        before = gasleft();
        uint256 vol = Svi.impliedVol(p, k, timeSec);
        uint256 gasImpliedVol = before - gasleft();

        before = gasleft();
        Svi.validate(p, timeSec);
        uint256 gasValidate = before - gasleft();

        console.log("Svi.totalVariance gas", gasTotalVariance, "w", uint256(w));
        console.log("Svi.impliedVol gas", gasImpliedVol, "vol", vol);
        console.log("Svi.validate gas", gasValidate);
    }
}
