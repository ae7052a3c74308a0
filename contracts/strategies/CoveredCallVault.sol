// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../interfaces/IMarginEngine.sol";
import {OptionWritingVault} from "./OptionWritingVault.sol";

/// @title CoveredCallVault
/// @notice Deposits base (WETH); each round writes out-of-the-money calls on all of it through the margin engine,
/// collects the premium and settles at expiry. A holder's payoff per base unit over a round is a covered call's,
/// min(S_T, K)/S_T + premium in base (min(S_T, K) + premium·S_T in quote), less the market's fees, which the
/// premium is net of.
contract CoveredCallVault is OptionWritingVault {
    /// @param engine_ The margin engine. @param owner_ Sets roles and parameters. @param keeper_ Starts rounds.
    /// @param guardian_ May pause entries. @param moneynessWad_ Calls at spot·(1 + m). @param roundDurationSec_ s.
    constructor(
        IMarginEngine engine_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 moneynessWad_,
        uint256 roundDurationSec_
    )
        OptionWritingVault(
            engine_, true, "Smile covered call", "scCALL", owner_, keeper_, guardian_, moneynessWad_, roundDurationSec_
        )
    {}
}
