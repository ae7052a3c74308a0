// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {PortfolioPricer} from "../../contracts/margin/PortfolioPricer.sol";

/// @notice The deployed `PortfolioPricer` plus an external `spotShockWad`, so the SDK's bigint mirror of
/// `PortfolioRisk` can be compared with both to the wei.
contract PortfolioRiskHarness is PortfolioPricer {
    function spotShockWad(
        Svi.Params calldata nearestSmile,
        uint256 nearestTimeSec,
        PortfolioRisk.ShockRule calldata rule
    ) external pure returns (uint256) {
        return PortfolioRisk.spotShockWad(nearestSmile, nearestTimeSec, rule);
    }
}
