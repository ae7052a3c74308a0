// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPortfolioMarginEngine} from "../interfaces/IPortfolioMarginEngine.sol";
import {SpreadVault} from "./SpreadVault.sol";

/// @title PutSpreadVault
/// @notice Deposits quote (USDC); each round its portfolio-margin account writes puts at K1 = spot·(1 − m) snapped
/// down and buys as many puts at K2 = K1·(1 − w) snapped down on the same expiry: a bull put spread. The account posts
/// size·(K1 − K2 + φ·K1)/(1 − h): the spread's maximum loss plus the engine's floor, not K1 per put. The payoff is the
/// spread's, nav + net premium − n·max(K1 − S_T, 0) + n·max(K2 − S_T, 0), in quote; below K2 the loss is capped at
/// n·(K1 − K2) less the net premium.
contract PutSpreadVault is SpreadVault {
    /// @param engine_ The portfolio margin engine (its market's put vault asset is the quote).
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param params Moneyness, round length, spread width, hedge budget.
    constructor(
        IPortfolioMarginEngine engine_,
        address owner_,
        address keeper_,
        address guardian_,
        SpreadParams memory params
    ) SpreadVault(engine_, false, "Smile put spread", "scSPREAD", owner_, keeper_, guardian_, params) {}
}
