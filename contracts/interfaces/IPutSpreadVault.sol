// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IOptionMarket} from "./IOptionMarket.sol";
import {IOptionWritingVault} from "./IOptionWritingVault.sol";
import {IStrategyVault} from "./IStrategyVault.sol";

/// @title IPutSpreadVault
/// @notice A composed product built only on public interfaces: it holds shares of a put-selling vault (short puts at
/// K1, fully cash-secured) and buys, from the market, puts of the same expiry at a lower strike K2 on the same number
/// of options, so its loss below K2 is capped: a bull put spread. It is the put-selling vault's keeper, so that both
/// legs are entered in one transaction on the same expiry.
/// @dev Per round: deposit the NAV less the hedge budget into the put-selling vault, start its round (the short leg,
/// checked against that vault's own floor), buy the long leg sized to this vault's share of the short puts for at most
/// `hedgeBudgetWad`·NAV. The keeper's minimum and the floor apply to the net premium, this vault's share of the short
/// leg's premium less the long leg's cost: the floor is the legs' fair net value less `maxPremiumDiscountWad` of
/// their gross value, size·(P(K1)·(1 − d) − P(K2)·(1 + d)), rounded up. A manipulation of the put book that makes
/// one leg cheap makes the other rich, so the net is what the vault's holders get and what the floor protects.
/// Value: the put-selling vault's shares at its own on-chain NAV + the long puts marked with the market's pricer on its
/// smile (intrinsic value outside Black-Scholes' domain, the settlement payoff once settled).
interface IPutSpreadVault is IStrategyVault {
    /// @notice Round `round` bought `size` puts (wad) of `id` for `premiumAssets`.
    event HedgeBought(uint256 indexed round, SeriesId indexed id, uint256 size, uint256 premiumAssets);
    /// @notice The owner set the spread's width: K2 = K1·(1 − width), snapped down.
    event SpreadWidthSet(uint256 indexed widthWad);
    /// @notice The owner set the most the long leg may cost, as a share of the NAV.
    event HedgeBudgetSet(uint256 indexed budgetWad);

    /// @notice Sets the spread's width. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_SPREAD_WIDTH, MAX_SPREAD_WIDTH]`. Emits `SpreadWidthSet`.
    function setSpreadWidth(uint256 widthWad) external;

    /// @notice Sets the hedge budget. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_HEDGE_BUDGET`. Emits `HedgeBudgetSet`.
    function setHedgeBudget(uint256 budgetWad) external;

    /// @notice The put-selling vault (short leg).
    function putVault() external view returns (IOptionWritingVault);
    /// @notice The market (long leg).
    function market() external view returns (IOptionMarket);
    /// @notice K2 = K1·(1 − width), wad.
    function spreadWidthWad() external view returns (uint256);
    /// @notice Most the long leg may cost, share of the NAV, wad.
    function hedgeBudgetWad() external view returns (uint256);
    /// @notice Long puts of the running or last round.
    function hedgeSeries() external view returns (SeriesId);
    /// @notice Long puts held, wad.
    function hedgeSize() external view returns (uint256);
}
