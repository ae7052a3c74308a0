// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PortfolioRisk} from "../libraries/PortfolioRisk.sol";

/// @title IPortfolioPricer
/// @notice `PortfolioRisk.margin` as a contract of its own: the grid revaluation is about 23.6 KB once the compiler
/// inlines it, so `PortfolioMarginEngine` calls it instead of carrying it and both stay under EIP-170's 24,576-byte
/// limit (as `IOptionPricer` does for the market). Pure; one deployment serves any number of engines.
interface IPortfolioPricer {
    /// @notice The portfolio's equity, worst loss over the scenarios' box, floor, IM and MM, wad of quote
    /// (`PortfolioRisk.margin`, to the wei). @param book Legs grouped by expiry. @param spotWad Spot, wad.
    /// @param rateWad Rate, wad per year. @param shocks Grid intervals, x, y, floor share, MM/IM.
    /// @param collateral Base and quote held, with their haircuts.
    /// @custom:reverts `PortfolioRisk`'s errors and `ParameterOutOfBounds` for inputs outside their bounds.
    function margin(
        PortfolioRisk.ExpiryLegs[] calldata book,
        uint256 spotWad,
        uint256 rateWad,
        PortfolioRisk.Shocks calldata shocks,
        PortfolioRisk.Collateral calldata collateral
    ) external pure returns (PortfolioRisk.Margin memory);
}
