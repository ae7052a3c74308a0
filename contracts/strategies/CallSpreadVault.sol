// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionWritingVault} from "../interfaces/IOptionWritingVault.sol";
import {SpreadVault} from "./SpreadVault.sol";

/// @title CallSpreadVault
/// @notice Deposits base (WETH); each round holds a covered-call vault's shares (short calls at K1, one base unit each)
/// and buys calls at K2 = K1·(1 + w) snapped up on the same expiry and size: a bear call spread. Per option the
/// short leg pays max(S_T − K1, 0)/S_T base and the long leg returns max(S_T − K2, 0)/S_T, so above K2 a holder's
/// loss is capped at size·(K2 − K1)/S_T base less the net premium; below K1 the holder keeps the net premium.
contract CallSpreadVault is SpreadVault {
    /// @param callVault_ A covered-call vault whose keeper is (or will be set to) this vault.
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param spreadWidthWad_ K2 = K1·(1 + width). @param hedgeBudgetWad_ Most the long leg costs, share of the NAV.
    constructor(
        IOptionWritingVault callVault_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 spreadWidthWad_,
        uint256 hedgeBudgetWad_
    )
        SpreadVault(
            callVault_, "Smile call spread", "scCSPREAD", owner_, keeper_, guardian_, spreadWidthWad_, hedgeBudgetWad_
        )
    {
        if (!callVault_.isCall()) revert WrongOptionType(false);
    }
}
