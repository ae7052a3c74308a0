// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPortfolioMarginEngine} from "../interfaces/IPortfolioMarginEngine.sol";
import {SpreadVault} from "./SpreadVault.sol";

/// @title CallSpreadVault
/// @notice Deposits base (WETH); each round its portfolio-margin account writes calls at K1 = spot·(1 + m) snapped up
/// and buys as many calls at K2 = K1·(1 + w) snapped up on the same expiry: a bear call spread. Per option the short
/// leg pays max(S_T − K1, 0)/S_T base and the long leg returns max(S_T − K2, 0)/S_T, so above K2 a holder's loss is
/// capped at n·(K2 − K1)/S_T base less the net premium. The account posts (K2 − K1 + φ·S)/(S·(1 − x)·(1 − h)) base
/// per spread (the loss is in quote, the collateral in base valued at the engine's shocked spot), not one base unit.
contract CallSpreadVault is SpreadVault {
    /// @param engine_ The portfolio margin engine (its market's call vault asset is the base).
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param params Moneyness, round length, spread width, hedge budget.
    constructor(
        IPortfolioMarginEngine engine_,
        address owner_,
        address keeper_,
        address guardian_,
        SpreadParams memory params
    ) SpreadVault(engine_, true, "Smile call spread", "scCSPREAD", owner_, keeper_, guardian_, params) {}
}
