// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title InventoryPotential
/// @notice The inventory potential Φ(E) = E² / (2·L) of docs/math.md (pricing), and the charge Φ(E') − Φ(E) of a
/// trade that moves the vault's net short vega from E to E'.
/// @dev E (net short vega) and L (vega depth) are wad of collateral per 1.0 of volatility; Φ is wad of collateral.
/// Because the charge is a difference of one function of state, any sequence of trades telescopes: the sum of the
/// charges is Φ(E_last) − Φ(E_first) exactly, whatever the rounding inside Φ (it is deterministic). Φ rounds up.
library InventoryPotential {
    /// @notice Φ(E) = E² / (2·L), wad, rounded up.
    /// @dev |E| and L are bounded by the market's parameter bounds (<= 1e36), so E² < 2^256 inside mulDiv's 512 bits.
    /// @param inventoryWad E, signed wad. @param depthWad L, wad, > 0.
    function potential(int256 inventoryWad, uint256 depthWad) internal pure returns (uint256) {
        uint256 absInventory = FixedPointMathLib.abs(inventoryWad);
        return FixedPointMathLib.mulDivUp(absInventory, absInventory, 2 * depthWad);
    }

    /// @notice Φ(E') − Φ(E): what moving the inventory from `fromWad` to `toWad` costs the trader (negative: pays
    /// the trader), wad.
    /// @param fromWad E before the trade. @param toWad E' after it. @param depthWad L, wad, > 0.
    function charge(int256 fromWad, int256 toWad, uint256 depthWad) internal pure returns (int256) {
        return int256(potential(toWad, depthWad)) - int256(potential(fromWad, depthWad));
    }
}
