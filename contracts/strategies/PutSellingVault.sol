// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../interfaces/IMarginEngine.sol";
import {OptionWritingVault} from "./OptionWritingVault.sol";

/// @title PutSellingVault
/// @notice Deposits quote (USDC); each round writes cash-secured out-of-the-money puts on all of it through the
/// margin engine (one put per strike of quote), collects the premium and settles at expiry. A holder's payoff per
/// put written is a short put's plus the cash, K − max(K − S_T, 0) + premium = min(S_T, K) + premium in quote, less
/// the market's fees, which the premium is net of.
contract PutSellingVault is OptionWritingVault {
    /// @param engine_ The margin engine. @param owner_ Sets roles and parameters. @param keeper_ Starts rounds.
    /// @param guardian_ May pause entries. @param moneynessWad_ Puts at spot·(1 − m). @param roundDurationSec_ s.
    constructor(
        IMarginEngine engine_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 moneynessWad_,
        uint256 roundDurationSec_
    )
        OptionWritingVault(
            engine_, false, "Smile put selling", "scPUT", owner_, keeper_, guardian_, moneynessWad_, roundDurationSec_
        )
    {}
}
