// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IOptionMarket} from "./IOptionMarket.sol";
import {IPortfolioMarginEngine} from "./IPortfolioMarginEngine.sol";
import {IStrategyVault} from "./IStrategyVault.sol";

/// @title ISpreadVault
/// @notice A vertical credit spread held in one portfolio-margin account (`IPortfolioMarginEngine`): each round the
/// vault writes options at K1 (the short leg) and buys as many options of the same type and expiry one spread width
/// farther out of the money (the long leg, K2), both in its own account, so the account is margined on the spread's
/// risk and posts only the spread's maximum loss plus the engine's floor instead of the short leg's full collateral.
/// On puts (`PutSpreadVault`, quote) it is a bull put spread, K2 = K1·(1 − w) snapped down; on calls
/// (`CallSpreadVault`, base) a bear call spread, K2 = K1·(1 + w) snapped up.
/// @dev Per round (keeper only): K1 is the option-writing vaults' rule, `StrategyMath.otmStrike` at `moneynessWad` from
/// the spot on the listed expiry `roundDurationSec` ahead (`StrategyMath.listedExpiryAtOrAfter`), and K2 is
/// `StrategyMath.otmStrike` from K1 at `spreadWidthWad`. The collateral per spread `c` is
/// `StrategyMath.spreadCollateralWadUp` at the engine's parameters (floor share, haircut, and the spot shock its margin
/// check applies), the size n = NAV/c rounded down (less the engine's rounding units): the whole NAV is at work as the
/// spread's maximum loss plus floor. The vault deposits n·c, buys n options at K2 from it (`engine.buy`, for at most
/// `hedgeBudgetWad`·NAV: the market's `PremiumAboveMax`), writes n at K1 (`engine.write`, whose premium refills the
/// account; a short leg paying no more than the long one reverts `DebitSpread`), and takes the net premium back: the
/// account keeps exactly the spread's collateral (`postedAssets`), the net premium stays in the vault.
/// The account then meets IM by the engine's payoff-cap bound alone, and for a put spread at every spot (quote
/// collateral against a loss bounded in quote); at settlement it always pays the spread's loss in full (never a
/// shortfall, never the insurance fund). The keeper's minimum and the floor apply to the net premium (short leg's
/// premium less the long leg's cost): size·(V(K1)·(1 − d) − V(K2)·(1 + d)) rounded up (`PremiumBelowFloor`), with
/// V the fair values `OptionLegs.fairValueWadUp`. Both legs must be inside the market's bounds, else the round start
/// reverts with the market's error and nothing is opened. After the expiry `closeRound` settles the expiry if needed,
/// settles the account (`engine.settleAccount`) and withdraws all its collateral of the vault's asset.
/// Value (`positionsValue`): the account's collateral of the vault's asset at face, plus each long position at
/// `OptionLegs.longValueAssetsDown`, less each short at `OptionLegs.shortValueAssetsUp` (the positions as the engine
/// holds them, so a liquidation is reflected), floored at 0; 0 between rounds.
interface ISpreadVault is IStrategyVault {
    /// @notice The round's short leg paid `shortPremiumAssets`, no more than the long leg's `longPremiumAssets`: a
    /// debit where a credit spread is meant (a manipulated book); nothing is opened.
    error DebitSpread(uint256 shortPremiumAssets, uint256 longPremiumAssets);

    /// @notice Round `round` wrote `size` options (wad) of `shortId` for `shortPremiumAssets`, bought `size` of
    /// `longId` for `longPremiumAssets`, and left `postedAssets` of collateral in the account, token units.
    event SpreadOpened(
        uint256 indexed round,
        SeriesId indexed shortId,
        SeriesId indexed longId,
        uint256 size,
        uint256 shortPremiumAssets,
        uint256 longPremiumAssets,
        uint256 postedAssets
    );
    /// @notice The owner set the short leg's moneyness.
    event MoneynessSet(uint256 indexed moneynessWad);
    /// @notice The owner set the target round length.
    event RoundDurationSet(uint256 indexed durationSec);
    /// @notice The owner set the spread's width: K2 = K1·(1 ∓ width), snapped away from the money.
    event SpreadWidthSet(uint256 indexed widthWad);
    /// @notice The owner set the most the long leg may cost, as a share of the NAV.
    event HedgeBudgetSet(uint256 indexed budgetWad);

    /// @notice Sets the short leg's moneyness. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_MONEYNESS`. Emits `MoneynessSet`.
    function setMoneyness(uint256 moneynessWad) external;

    /// @notice Sets the target round length. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_ROUND_DURATION, MAX_ROUND_DURATION]`. Emits
    /// `RoundDurationSet`.
    function setRoundDuration(uint256 durationSec) external;

    /// @notice Sets the spread's width. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_SPREAD_WIDTH, MAX_SPREAD_WIDTH]`. Emits `SpreadWidthSet`.
    function setSpreadWidth(uint256 widthWad) external;

    /// @notice Sets the hedge budget. Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_HEDGE_BUDGET`. Emits `HedgeBudgetSet`.
    function setHedgeBudget(uint256 budgetWad) external;

    /// @notice The portfolio margin engine holding both legs.
    function engine() external view returns (IPortfolioMarginEngine);
    /// @notice The vault's account in `engine`, opened at construction.
    function accountId() external view returns (uint256);
    /// @notice The engine's market, where both legs trade.
    function market() external view returns (IOptionMarket);
    /// @notice Whether both legs are calls (a bear call spread in base) or puts (a bull put spread in quote).
    function isCall() external view returns (bool);
    /// @notice The short leg's moneyness m, wad: K1 = spot·(1 + m) snapped up for calls, spot·(1 − m) snapped down
    /// for puts.
    function moneynessWad() external view returns (uint256);
    /// @notice Target round length, seconds: the expiry is the first listed one at or after now + this.
    function roundDurationSec() external view returns (uint256);
    /// @notice The spread's width w, wad: K2 = K1·(1 + w) for calls, K1·(1 − w) for puts.
    function spreadWidthWad() external view returns (uint256);
    /// @notice Most the long leg may cost, share of the NAV, wad.
    function hedgeBudgetWad() external view returns (uint256);
    /// @notice Short options (K1) of the running or last round.
    function shortSeries() external view returns (SeriesId);
    /// @notice Long options (K2) of the running or last round.
    function longSeries() external view returns (SeriesId);
    /// @notice Options per leg of the running round, wad; 0 between rounds.
    function roundSize() external view returns (uint256);
    /// @notice Collateral the running round left in the account, token units; 0 between rounds.
    function postedAssets() external view returns (uint256);
}
