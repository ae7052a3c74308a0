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

    /// @notice A range that contains the price, for actions that reduce risk: each prices at the end conservative
    /// for the protocol. A single source returns `(p, p, t)` from the read `spot` makes, and reverts as `spot` does.
    /// @return lowWad Lowest price the sources support, wad, rounded down.
    /// @return highWad Highest price the sources support, wad, rounded down; `lowWad <= highWad`.
    /// @return updatedAt Timestamp (seconds) of the oldest observation the range comes from; never in the future.
    function spotRange() external view returns (uint256 lowWad, uint256 highWad, uint256 updatedAt);
}
