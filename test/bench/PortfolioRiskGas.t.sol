// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {PortfolioRiskBase} from "../unit/PortfolioRisk.t.sol";
import {console} from "forge-std/Test.sol";

/// @notice Gas of `PortfolioRisk.margin` alone (no oracle or storage reads), printed, not asserted. Run:
/// `pnpm forge test --match-path 'test/bench/PortfolioRiskGas.t.sol' -vv`. Each figure is `gasleft()` around the
/// library call on a book built beforehand: mixed calls and puts, longs and shorts, over three expiries (16 legs) or
/// one expiry (4 legs, the engine's current maximum). Goals (issue #16): 4 legs ≤ 150k, 16 ≤ 600k for the whole check.
contract PortfolioRiskGasBench is PortfolioRiskBase {
    function test_bench_marginFourLegs() public view {
        PortfolioRisk.Leg[] memory legs = new PortfolioRisk.Leg[](4);
        legs[0] = PortfolioRisk.Leg({strikeWad: 2800e18, isCall: false, sizeWad: -2e18});
        legs[1] = PortfolioRisk.Leg({strikeWad: 2600e18, isCall: false, sizeWad: 2e18});
        legs[2] = PortfolioRisk.Leg({strikeWad: 3200e18, isCall: true, sizeWad: -2e18});
        legs[3] = PortfolioRisk.Leg({strikeWad: 3400e18, isCall: true, sizeWad: 2e18});
        _measure("portfolio margin, 4 legs (iron condor, one expiry):", oneExpiry(1, legs));
    }

    function test_bench_marginSixteenLegs() public view {
        _measure("portfolio margin, 16 legs (three expiries):", randomBook(16, 16));
    }

    function _measure(string memory label, PortfolioRisk.ExpiryLegs[] memory book) private view {
        PortfolioRisk.Collateral memory c =
            PortfolioRisk.Collateral({baseWad: 1e18, quoteWad: 5000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0});
        PortfolioRisk.Shocks memory s = shocks(0.2e18, 0.3e18, 0.05e18);
        uint256 before = gasleft();
        PortfolioRisk.margin(book, SPOT, 0.05e18, s, c);
        console.log(label, before - gasleft());
    }
}
