// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OptionValuation} from "../../contracts/libraries/OptionValuation.sol";
import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
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

    /// @dev How far IM sits above the true worst loss: the worst loss by full revaluation over a dense scan of the box
    /// (61 spots × 3 vol scales) against `worstLossWad`, on grids of 3 and 5 spots (x = 20 %, y = 30 %, no floor).
    function test_bench_tightness() public pure {
        PortfolioRisk.Leg[] memory condor = new PortfolioRisk.Leg[](4);
        condor[0] = PortfolioRisk.Leg({strikeWad: 2800e18, isCall: false, sizeWad: -2e18});
        condor[1] = PortfolioRisk.Leg({strikeWad: 2600e18, isCall: false, sizeWad: 2e18});
        condor[2] = PortfolioRisk.Leg({strikeWad: 3200e18, isCall: true, sizeWad: -2e18});
        condor[3] = PortfolioRisk.Leg({strikeWad: 3400e18, isCall: true, sizeWad: 2e18});
        _tightness("iron condor", oneExpiry(1, condor));
        PortfolioRisk.Leg[] memory straddle = new PortfolioRisk.Leg[](2);
        straddle[0] = PortfolioRisk.Leg({strikeWad: SPOT, isCall: true, sizeWad: -1e18});
        straddle[1] = PortfolioRisk.Leg({strikeWad: SPOT, isCall: false, sizeWad: -1e18});
        _tightness("short straddle", oneExpiry(1, straddle));
        straddle[0].sizeWad = 1e18;
        straddle[1].sizeWad = 1e18;
        _tightness("long straddle", oneExpiry(0, straddle));
        for (uint256 seed = 1; seed < 4; ++seed) {
            _tightness("random 16 legs", randomBook(seed, 16));
        }
    }

    function _tightness(string memory label, PortfolioRisk.ExpiryLegs[] memory book) private pure {
        PortfolioRisk.Collateral memory c;
        PortfolioRisk.Margin memory m = PortfolioRisk.margin(book, SPOT, 0, shocksOn(4, 0.2e18, 0.3e18, 0), c);
        int256 worst;
        int256 worstCorner;
        for (uint256 i; i < 61; ++i) {
            uint256 s = 2400e18 + i * 20e18;
            for (uint256 v; v < 3; ++v) {
                int256 loss = lossAt(book, c, m, s, 0.7e18 + v * 0.3e18);
                if (loss > worst) worst = loss;
                // The 5-spot grid's corners (every 15th spot of the scan) at both vol ends: a joint-revaluation grid.
                if (i % 15 == 0 && v != 1 && loss > worstCorner) worstCorner = loss;
            }
        }
        console.log(label);
        console.log("  worst loss: scanned, joint grid corners; worstLoss on 5 spots, on 3 spots (quote):");
        console.log("  ", uint256(worst) / 1e18, uint256(worstCorner) / 1e18);
        console.log(
            "  ",
            m.worstLossWad / 1e18,
            PortfolioRisk.margin(book, SPOT, 0, shocksOn(2, 0.2e18, 0.3e18, 0), c).worstLossWad / 1e18
        );
    }

    /// @dev One `OptionValuation.markWad` (what the check spends 6 of per leg), at a zero and a 5 % rate.
    function test_bench_oneMark() public view {
        Svi.Params memory smile = smileOf(30 days);
        uint256 before = gasleft();
        OptionValuation.markWad(smile, 2900e18, SPOT, 30 days, 0, true);
        console.log("one markWad, rate 0:", before - gasleft());
        before = gasleft();
        OptionValuation.markWad(smile, 2900e18, SPOT, 30 days, 0.05e18, true);
        console.log("one markWad, rate 5 %:", before - gasleft());
    }

    /// @dev The check on grids of 3 and 5 spots, at a zero rate (the deployment's default) and at 5 % (one more
    /// e^(−rT) per mark).
    function _measure(string memory label, PortfolioRisk.ExpiryLegs[] memory book) private view {
        PortfolioRisk.Collateral memory c =
            PortfolioRisk.Collateral({baseWad: 1e18, quoteWad: 5000e18, baseHaircutWad: 0.1e18, quoteHaircutWad: 0});
        for (uint256 intervals = 2; intervals < 5; intervals += 2) {
            PortfolioRisk.Shocks memory s = shocksOn(intervals, 0.2e18, 0.3e18, 0.05e18);
            uint256 before = gasleft();
            PortfolioRisk.margin(book, SPOT, 0, s, c);
            uint256 atZero = before - gasleft();
            before = gasleft();
            PortfolioRisk.margin(book, SPOT, 0.05e18, s, c);
            console.log(label, intervals + 1, "spots; rate 0 / 5 %:");
            console.log("   ", atZero, before - gasleft());
        }
    }
}
