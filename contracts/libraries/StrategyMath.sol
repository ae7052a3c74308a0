// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title StrategyMath
/// @notice Pure rules of the option-writing strategies: the round's expiry on the market's listing grid, its strike
/// by a moneyness rule snapped to the market's strike rule, the size a fully collateralised account can write, and
/// the least premium a round accepts (its floor under the options' fair value).
library StrategyMath {
    /// @dev 1.0 in wad.
    uint256 internal constant WAD = 1e18;
    /// @notice The market lists an expiry every day at 08:00 UTC (`OptionMarket.EXPIRY_TIME_OF_DAY`).
    uint256 internal constant EXPIRY_TIME_OF_DAY = 8 hours;
    /// @notice Listed strikes have at most three significant digits (`OptionMarket.STRIKE_SIGNIFICANT_DIGITS`).
    uint256 internal constant STRIKE_SIGNIFICANT_DIGITS = 3;

    /// @notice The first listed expiry at or after `timestamp`, seconds.
    function listedExpiryAtOrAfter(uint256 timestamp) internal pure returns (uint256) {
        uint256 sameDay = timestamp - (timestamp % 1 days) + EXPIRY_TIME_OF_DAY;
        return sameDay < timestamp ? sameDay + 1 days : sameDay;
    }

    /// @notice `strikeWad` snapped to three significant digits: up (`roundUp`) or down to the nearest listed strike.
    /// @dev A strike of at most three digits is kept; otherwise the unit is 10^(digits − 3). Rounding 999·u up gives
    /// 1000·u, which has three significant digits again.
    function snapStrike(uint256 strikeWad, bool roundUp) internal pure returns (uint256) {
        uint256 digits = FixedPointMathLib.log10(strikeWad) + 1;
        if (digits < STRIKE_SIGNIFICANT_DIGITS + 1) return strikeWad;
        uint256 unit = 10 ** (digits - STRIKE_SIGNIFICANT_DIGITS);
        uint256 down = strikeWad - strikeWad % unit;
        return roundUp && down != strikeWad ? down + unit : down;
    }

    /// @notice The strike a writer picks at `moneynessWad` out of the money: a call's at spot·(1 + m) snapped up, a
    /// put's at spot·(1 − m) snapped down, so the option is never nearer the money than the rule asks.
    /// @param spotWad Spot, wad. @param moneynessWad m, wad (below 1 for a put). @param isCall Call or put.
    function otmStrike(uint256 spotWad, uint256 moneynessWad, bool isCall) internal pure returns (uint256) {
        return isCall
            ? snapStrike(FixedPointMathLib.mulWadUp(spotWad, WAD + moneynessWad), true)
            : snapStrike(FixedPointMathLib.mulWad(spotWad, WAD - moneynessWad), false);
    }

    /// @notice Options (wad) whose maximum payoff `assets` cover in full: one call per whole base unit, one put per
    /// `strikeWad` of quote. Rounded down.
    /// @param assets Collateral, token units. @param scale 10^(18 − the collateral's decimals).
    /// @param strikeWad Strike, wad. @param isCall Call (collateral in base) or put (in quote).
    function fullyCollateralisedSize(uint256 assets, uint256 scale, uint256 strikeWad, bool isCall)
        internal
        pure
        returns (uint256)
    {
        return isCall ? assets * scale : FixedPointMathLib.mulDiv(assets * scale, WAD, strikeWad);
    }

    /// @notice The least premium, token units, a round accepts for selling `size` options marked `soldMarkWad` each
    /// and buying `size` marked `boughtMarkWad` each (0 for a plain sale): the fair net value less `discountWad` of
    /// the legs' gross value, sold·(1 − d) − bought·(1 + d); 0 when that is not positive. Rounded up, toward the vault:
    /// the sold leg's value rounds up, the bought leg's and the tolerance round down.
    /// @param size Options per leg, wad. @param soldMarkWad Fair value of one option sold, wad of collateral.
    /// @param boughtMarkWad Fair value of one option bought, wad of collateral.
    /// @param discountWad Tolerance d, wad, at most 1. @param scale 10^(18 − the collateral's decimals).
    function premiumFloorUp(
        uint256 size,
        uint256 soldMarkWad,
        uint256 boughtMarkWad,
        uint256 discountWad,
        uint256 scale
    ) internal pure returns (uint256) {
        uint256 soldWad = FixedPointMathLib.mulWadUp(size, soldMarkWad);
        uint256 boughtWad = FixedPointMathLib.mulWad(size, boughtMarkWad);
        uint256 costWad = boughtWad + FixedPointMathLib.mulWad(soldWad + boughtWad, discountWad);
        return soldWad > costWad ? FixedPointMathLib.divUp(soldWad - costWad, scale) : 0;
    }

    /// @notice Collateral a portfolio-margin account posts per vertical credit spread (one option short at `k1`, one
    /// long at `k2`, farther out of the money), wad of the spread's collateral per option, rounded up: enough that the
    /// engine's payoff-cap bound (`PortfolioRisk`: collateral at the grid's lowest spot S·(1 − x), after its haircut,
    /// plus the spread's lowest payoff) stays at or above the per-short floor, so equity ≥ IM with no help from the
    /// premium. A put spread (quote): (K1 − K2 + φ·K1 + a)/(1 − h), its maximum loss plus the floor. A call spread
    /// (base, a loss in quote): (K2 − K1 + φ·S + a)/(S·(1 − x)·(1 − h)), at least its maximum loss in base,
    /// (K2 − K1)/K2, since K2 > S·(1 − x). a = 4·S + 4 wei per spread covers the engine's rounding allowance (its
    /// S·(1 + x) + 2 wei per option of each leg, x ≤ 1).
    /// @param isCall Call spread (base) or put spread (quote). @param spotWad Spot S. @param spotShockWad x.
    /// @param k1 The short strike. @param k2 The long strike. @param floorShareWad φ, the engine's per-short floor.
    /// @param haircutWad h, the engine's haircut of the collateral's asset.
    function spreadCollateralWadUp(
        bool isCall,
        uint256 spotWad,
        uint256 spotShockWad,
        uint256 k1,
        uint256 k2,
        uint256 floorShareWad,
        uint256 haircutWad
    ) internal pure returns (uint256) {
        uint256 allowanceWad = 4 * spotWad / WAD + 4;
        if (!isCall) {
            uint256 putWad = k1 - k2 + FixedPointMathLib.mulWadUp(floorShareWad, k1) + allowanceWad;
            return FixedPointMathLib.divWadUp(putWad, WAD - haircutWad);
        }
        uint256 callWad = k2 - k1 + FixedPointMathLib.mulWadUp(floorShareWad, spotWad) + allowanceWad;
        uint256 lowSpotWad = FixedPointMathLib.mulWad(spotWad, WAD - spotShockWad);
        return FixedPointMathLib.divWadUp(callWad, FixedPointMathLib.mulWad(lowSpotWad, WAD - haircutWad));
    }
}
