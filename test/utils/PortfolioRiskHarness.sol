// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PortfolioRisk} from "../../contracts/libraries/PortfolioRisk.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";

/// @notice External entry points to `PortfolioRisk`, so the SDK's bigint mirror can be compared with it to the wei.
contract PortfolioRiskHarness {
    function margin(
        PortfolioRisk.ExpiryLegs[] calldata book,
        uint256 spotWad,
        uint256 rateWad,
        PortfolioRisk.Shocks calldata shocks,
        PortfolioRisk.Collateral calldata collateral
    ) external pure returns (PortfolioRisk.Margin memory) {
        return PortfolioRisk.margin(book, spotWad, rateWad, shocks, collateral);
    }

    function spotShockWad(
        Svi.Params calldata nearestSmile,
        uint256 nearestTimeSec,
        PortfolioRisk.ShockRule calldata rule
    ) external pure returns (uint256) {
        return PortfolioRisk.spotShockWad(nearestSmile, nearestTimeSec, rule);
    }
}
