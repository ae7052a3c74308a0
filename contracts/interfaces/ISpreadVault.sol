// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IOptionMarket} from "./IOptionMarket.sol";
import {IOptionWritingVault} from "./IOptionWritingVault.sol";
import {IStrategyVault} from "./IStrategyVault.sol";

/// @title ISpreadVault
/// @notice A composed product built only on public interfaces: it holds shares of an option-writing vault (the short
/// leg: options at K1, fully collateralised) and buys, from the market, options of the same type and expiry one
/// spread width farther out of the money (the long leg, K2) on the same number of options, so its loss beyond K2 is
/// capped. On puts (`PutSpreadVault`, quote) it is a bull put spread, K2 = K1·(1 − w) snapped down; on calls
/// (`CallSpreadVault`, base) a bear call spread, K2 = K1·(1 + w) snapped up. It is the writing vault's keeper, so
/// that both legs are entered in one transaction on the same expiry.
/// @dev Per round: deposit the NAV less the hedge budget into the writing vault, start its round (the short leg,
/// checked against that vault's own floor), buy the long leg sized to this vault's share of the short options for at
/// most `hedgeBudgetWad`·NAV. The keeper's minimum and the floor apply to the net premium, this vault's share of the
/// short leg's premium less the long leg's cost: the floor is the legs' fair net value less `maxPremiumDiscountWad` of
/// their gross value, size·(V(K1)·(1 − d) − V(K2)·(1 + d)), rounded up. A manipulation of the book that makes one leg
/// cheap makes the other rich, so the net is what the vault's holders get and what the floor protects.
/// Value: the writing vault's shares at its own on-chain NAV + the long options at `OptionLegs.longValueWadDown` (the
/// market's pricer on its smile less one wei, intrinsic value outside Black-Scholes' domain, the settlement payoff
/// once settled), rounded down. Both legs must be inside the market's bounds at the round start (the long leg's
/// |delta| within `[minAbsDeltaWad, maxAbsDeltaWad]`, the expiry's inventory and the vault's utilisation within their
/// caps), else the round start reverts with the market's error and nothing is opened.
interface ISpreadVault is IStrategyVault {
    /// @notice At construction: the writing vault writes calls (`shortVaultIsCall`) where the product needs puts, or
    /// puts where it needs calls.
    error WrongOptionType(bool shortVaultIsCall);

    /// @notice Round `round` bought `size` options (wad) of `id` for `premiumAssets`.
    event HedgeBought(uint256 indexed round, SeriesId indexed id, uint256 size, uint256 premiumAssets);
    /// @notice The owner set the spread's width: K2 = K1·(1 ∓ width), snapped away from the money.
    event SpreadWidthSet(uint256 indexed widthWad);
    /// @notice The owner set the most the long leg may cost, as a share of the NAV.
    event HedgeBudgetSet(uint256 indexed budgetWad);

    /// @notice Sets the spread's width. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_SPREAD_WIDTH, MAX_SPREAD_WIDTH]`. Emits `SpreadWidthSet`.
    function setSpreadWidth(uint256 widthWad) external;

    /// @notice Sets the hedge budget. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_HEDGE_BUDGET`. Emits `HedgeBudgetSet`.
    function setHedgeBudget(uint256 budgetWad) external;

    /// @notice The option-writing vault (short leg): a put-selling vault for a put spread, a covered-call vault for a
    /// call spread.
    function shortVault() external view returns (IOptionWritingVault);
    /// @notice The market (long leg).
    function market() external view returns (IOptionMarket);
    /// @notice Whether both legs are calls (a bear call spread in base) or puts (a bull put spread in quote).
    function isCall() external view returns (bool);
    /// @notice The spread's width w, wad: K2 = K1·(1 + w) for calls, K1·(1 − w) for puts.
    function spreadWidthWad() external view returns (uint256);
    /// @notice Most the long leg may cost, share of the NAV, wad.
    function hedgeBudgetWad() external view returns (uint256);
    /// @notice Long options of the running or last round.
    function hedgeSeries() external view returns (SeriesId);
    /// @notice Long options held, wad.
    function hedgeSize() external view returns (uint256);
}
