// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IMarginEngine} from "./IMarginEngine.sol";
import {IOptionMarket} from "./IOptionMarket.sol";
import {IStrategyVault} from "./IStrategyVault.sol";

/// @title IOptionWritingVault
/// @notice A strategy vault that, each round, writes one series of out-of-the-money options from a fully
/// collateralised account of the margin engine, selling them to the market (`IMarginEngine.write`: the market's vault
/// buys and pays the premium into the account), and settles at expiry: a covered call on base (`isCall`) or a
/// cash-secured put on quote.
/// @dev The whole NAV is deposited into the account and the size is the most it covers in full (one call per base
/// unit, one put per strike of quote), so the account is never liquidatable and its value is collateral − the
/// engine's mark of the shorts (rounded up), read by `positionsValue()`. The premium must reach the vault's floor:
/// size · the pricer's mark of the series · (1 − `maxPremiumDiscountWad`), rounded up (`StrategyMath.premiumFloorUp`).
interface IOptionWritingVault is IStrategyVault {
    /// @notice Round `round` wrote `size` options (wad) of `id` for `premiumAssets`.
    event RoundWritten(uint256 indexed round, SeriesId indexed id, uint256 size, uint256 premiumAssets);
    /// @notice The owner set the moneyness of the strikes written.
    event MoneynessSet(uint256 indexed moneynessWad);
    /// @notice The owner set the round's target length.
    event RoundDurationSet(uint256 indexed durationSec);

    /// @notice Sets the moneyness m: calls at spot·(1 + m), puts at spot·(1 − m), snapped away from the money. Only the
    /// owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_MONEYNESS`. Emits `MoneynessSet`.
    function setMoneyness(uint256 moneynessWad) external;

    /// @notice Sets the round's length: the round writes the first listed expiry at least this long after its start.
    /// Only the owner; applies from the next round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_ROUND_DURATION, MAX_ROUND_DURATION]`. Emits
    /// `RoundDurationSet`.
    function setRoundDuration(uint256 durationSec) external;

    /// @notice The margin engine holding the vault's account.
    function engine() external view returns (IMarginEngine);
    /// @notice The market the options are sold to.
    function market() external view returns (IOptionMarket);
    /// @notice The vault's margin account.
    function accountId() external view returns (uint256);
    /// @notice Calls (collateral in base) or puts (in quote).
    function isCall() external view returns (bool);
    /// @notice m, wad.
    function moneynessWad() external view returns (uint256);
    /// @notice Target round length, seconds.
    function roundDurationSec() external view returns (uint256);
    /// @notice Series written in the running or last round.
    function roundSeries() external view returns (SeriesId);
    /// @notice Options written in the running or last round, wad.
    function roundSize() external view returns (uint256);
    /// @notice Premium the running or last round's write credited to the account, token units.
    function roundPremium() external view returns (uint256);
}
