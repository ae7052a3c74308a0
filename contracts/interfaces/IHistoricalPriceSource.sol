// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IHistoricalPriceSource
/// @notice A price source that can prove the first valid observation at or after a past timestamp. The settlement
/// oracle fixes expiry prices through it.
interface IHistoricalPriceSource {
    /// @notice The first valid observation at or after `timestamp`.
    /// @dev Reverts when `hint` does not locate that observation, when it is not valid (zero, negative, out of
    /// bounds, incomplete), or when it does not exist yet. What `hint` means is up to the source (a round id for a
    /// Chainlink feed; ignored by a TWAP source).
    /// @param timestamp Seconds; must not be in the future.
    /// @param hint Source-specific locator of the observation.
    /// @return priceWad Price of one whole base unit in whole quote units, wad, rounded down.
    /// @return observedAt Timestamp (seconds) of the observation, `>= timestamp`.
    function priceAt(uint256 timestamp, uint256 hint) external view returns (uint256 priceWad, uint256 observedAt);
}
