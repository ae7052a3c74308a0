// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPriceBounds} from "../interfaces/IPriceBounds.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title PriceBounds
/// @notice The governed price band shared by the spot adapters, and the one check that applies it.
abstract contract PriceBounds is Ownable2Step, IPriceBounds {
    /// @notice Lowest band floor: 1e-18 quote per base, the smallest non-zero wad.
    uint256 public constant ABSOLUTE_MIN_PRICE_WAD = 1;
    /// @notice Highest band ceiling: 1e18 quote per base (1e36 wad), far above any real pair and far below the
    /// point where `price * 1e18` products in downstream math could overflow (1e54 < 2^256 ≈ 1.2e77).
    uint256 public constant ABSOLUTE_MAX_PRICE_WAD = 1e36;

    /// @dev The band, wad, in one slot (both at most `ABSOLUTE_MAX_PRICE_WAD` < 2^128): every price read checks both
    /// with one storage read.
    uint128 private _minPriceWad;
    uint128 private _maxPriceWad;

    /// @param owner_ The governance role.
    /// @param minPriceWad_ Initial lowest accepted price, wad.
    /// @param maxPriceWad_ Initial highest accepted price, wad.
    constructor(address owner_, uint256 minPriceWad_, uint256 maxPriceWad_) Ownable(owner_) {
        _setPriceBounds(minPriceWad_, maxPriceWad_);
    }

    /// @inheritdoc IPriceBounds
    function setPriceBounds(uint256 minPriceWad_, uint256 maxPriceWad_) external onlyOwner {
        _setPriceBounds(minPriceWad_, maxPriceWad_);
    }

    /// @inheritdoc IPriceBounds
    function minPriceWad() external view returns (uint256) {
        return _minPriceWad;
    }

    /// @inheritdoc IPriceBounds
    function maxPriceWad() external view returns (uint256) {
        return _maxPriceWad;
    }

    /// @dev Reverts `ZeroPrice` or `PriceOutOfBounds` unless `priceWad` is inside the band.
    function _checkPrice(uint256 priceWad) internal view {
        if (priceWad == 0) revert ISpotOracle.ZeroPrice();
        (uint256 minPrice, uint256 maxPrice) = (_minPriceWad, _maxPriceWad);
        if (priceWad < minPrice || priceWad > maxPrice) {
            revert ISpotOracle.PriceOutOfBounds(priceWad, minPrice, maxPrice);
        }
    }

    /// @dev Stores the band (wad) after checking the maximum, then the minimum against it; emits `PriceBoundsSet`.
    function _setPriceBounds(uint256 minPriceWad_, uint256 maxPriceWad_) private {
        ParameterBounds.check(maxPriceWad_, ABSOLUTE_MIN_PRICE_WAD + 1, ABSOLUTE_MAX_PRICE_WAD);
        // Cannot underflow: maxPriceWad_ >= 2 here.
        ParameterBounds.check(minPriceWad_, ABSOLUTE_MIN_PRICE_WAD, maxPriceWad_ - 1);
        // Both fit 128 bits: maxPriceWad_ ≤ ABSOLUTE_MAX_PRICE_WAD = 1e36 and minPriceWad_ < maxPriceWad_.
        // forge-lint: disable-next-line(unsafe-typecast)
        (_minPriceWad, _maxPriceWad) = (uint128(minPriceWad_), uint128(maxPriceWad_));
        emit PriceBoundsSet(minPriceWad_, maxPriceWad_);
    }
}
