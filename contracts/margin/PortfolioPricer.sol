// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPortfolioPricer} from "../interfaces/IPortfolioPricer.sol";
import {PortfolioRisk} from "../libraries/PortfolioRisk.sol";

/// @title PortfolioPricer
/// @notice `PortfolioRisk.margin` behind an external interface (see `IPortfolioPricer`), deployed once and shared.
contract PortfolioPricer is IPortfolioPricer {
    /// @inheritdoc IPortfolioPricer
    function margin(
        PortfolioRisk.ExpiryLegs[] calldata book,
        uint256 spotWad,
        uint256 rateWad,
        PortfolioRisk.Shocks calldata shocks,
        PortfolioRisk.Collateral calldata collateral
    ) external pure returns (PortfolioRisk.Margin memory) {
        return PortfolioRisk.margin(book, spotWad, rateWad, shocks, collateral);
    }
}
