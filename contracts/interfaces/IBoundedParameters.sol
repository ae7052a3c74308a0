// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IBoundedParameters
/// @notice The one error every governed setter raises (`ParameterBounds.check`): each parameter lives inside hard
/// bounds that are named constants of the contract that owns it.
interface IBoundedParameters {
    /// @notice A governed parameter was set outside its hard bounds `[minValue, maxValue]`.
    error ParameterOutOfBounds(uint256 value, uint256 minValue, uint256 maxValue);
}
