// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ISpotOracle
/// @notice The one spot interface the protocol reads: the price of the base asset in the quote asset.
/// @dev Implementations revert (with a custom error) rather than return a zero, stale or out-of-bound price.
interface ISpotOracle {
    /// @notice The price read is zero.
    error ZeroPrice();

    /// @notice The price `priceWad` lies outside the accepted band `[minPriceWad, maxPriceWad]`.
    error PriceOutOfBounds(uint256 priceWad, uint256 minPriceWad, uint256 maxPriceWad);

    /// @notice The current spot price.
    /// @return priceWad Price of one whole base unit in whole quote units, wad (1e18 = 1.0), rounded down.
    /// @return updatedAt Timestamp (seconds) of the observation the price comes from; never in the future.
    function spot() external view returns (uint256 priceWad, uint256 updatedAt);
}
