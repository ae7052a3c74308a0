// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Svi} from "../libraries/Svi.sol";

/// @title IVolatilityOracle
/// @notice The read the option market needs from the volatility surface of one pair: the SVI smile of an expiry.
/// @dev Minimal read declared by the market until the oracle layer's volatility oracle lands; that contract is
/// expected to implement it (or the market's adapter to be reconciled with its interface).
interface IVolatilityOracle {
    /// @notice The SVI smile of `expiry`, validated when it was posted.
    /// @dev Reverts (with the oracle's own custom error) when no smile was posted for `expiry` or when it is stale:
    /// the market then refuses to trade the expiry and the vaults refuse deposits and withdrawals, rather than
    /// price on an old surface.
    /// @param expiry Expiry timestamp, seconds.
    /// @return params Raw SVI parameters in total variance, wad.
    function smile(uint256 expiry) external view returns (Svi.Params memory params);
}
