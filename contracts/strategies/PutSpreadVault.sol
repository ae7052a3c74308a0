// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionWritingVault} from "../interfaces/IOptionWritingVault.sol";
import {SpreadVault} from "./SpreadVault.sol";

/// @title PutSpreadVault
/// @notice Deposits quote (USDC); each round holds a put-selling vault's shares (short puts at K1) and buys puts at
/// K2 = K1·(1 − w) snapped down on the same expiry and size: a bull put spread. A holder's loss below K2 is capped at
/// size·(K1 − K2) less the net premium; the payoff is the spread's, nav + net premium − n·max(K1 − S_T, 0) +
/// n·max(K2 − S_T, 0), in quote.
contract PutSpreadVault is SpreadVault {
    /// @param putVault_ A put-selling vault whose keeper is (or will be set to) this vault.
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param spreadWidthWad_ K2 = K1·(1 − width). @param hedgeBudgetWad_ Most the long leg costs, share of the NAV.
    constructor(
        IOptionWritingVault putVault_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 spreadWidthWad_,
        uint256 hedgeBudgetWad_
    )
        SpreadVault(
            putVault_, "Smile put spread", "scSPREAD", owner_, keeper_, guardian_, spreadWidthWad_, hedgeBudgetWad_
        )
    {
        if (putVault_.isCall()) revert WrongOptionType(true);
    }
}
