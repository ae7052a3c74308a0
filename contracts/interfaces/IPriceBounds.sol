// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";

/// @title IPriceBounds
/// @notice The governed band of prices an adapter accepts: a circuit breaker against a feed that reports an absurd
/// value. A price outside the band reverts with `ISpotOracle.PriceOutOfBounds`.
interface IPriceBounds is IBoundedParameters {
    /// @notice The accepted band became `[minPriceWad, maxPriceWad]`.
    event PriceBoundsSet(uint256 indexed minPriceWad, uint256 indexed maxPriceWad);

    /// @notice Lowest accepted price, wad.
    function minPriceWad() external view returns (uint256);

    /// @notice Highest accepted price, wad.
    function maxPriceWad() external view returns (uint256);

    /// @notice Sets the accepted band. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` unless `ABSOLUTE_MIN_PRICE_WAD <= minPriceWad_ < maxPriceWad_ <=
    /// ABSOLUTE_MAX_PRICE_WAD` (the maximum is checked first). Emits `PriceBoundsSet`.
    /// @param minPriceWad_ Lowest accepted price, wad.
    /// @param maxPriceWad_ Highest accepted price, wad.
    function setPriceBounds(uint256 minPriceWad_, uint256 maxPriceWad_) external;
}
