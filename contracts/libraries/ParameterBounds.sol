// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "../interfaces/IBoundedParameters.sol";

/// @title ParameterBounds
/// @notice The one check behind every governed setter: a parameter inside its hard bounds, which are named constants
/// of the contract that owns it (`IBoundedParameters`).
library ParameterBounds {
    /// @dev Reverts `ParameterOutOfBounds(value, minValue, maxValue)` unless `minValue <= value <= maxValue`.
    function check(uint256 value, uint256 minValue, uint256 maxValue) internal pure {
        if (value < minValue || value > maxValue) {
            revert IBoundedParameters.ParameterOutOfBounds(value, minValue, maxValue);
        }
    }
}
