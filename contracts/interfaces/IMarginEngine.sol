// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IOptionMarket} from "./IOptionMarket.sol";

/// @title IMarginEngine
/// @notice Margin accounts that write options to the market's vaults against partial collateral (docs/architecture.md,
/// margin engine). An account has one owner, one collateral asset (calls: base, puts: quote, the asset the options'
/// premiums and payoffs are paid in, so an account only ever writes calls or only puts) and at most
/// `MAX_POSITIONS` short positions. The owner and the operators it approves act on it; anyone may deposit to it,
/// liquidate it when it is below maintenance margin, settle its expired positions and resolve its bad debt.
/// @dev Units: sizes are wad of options; collateral, marks and margins are the collateral's token units; parameters
/// are wad. Values: the mark of a short is `pricer.mark` (Black-Scholes on the SVI smile, rounded up: the account's
/// liability is never understated).
///
/// Initial margin. IM = Σ size·(V(S·(1 ± x), σ·(1 + y)) − V(S, σ)) + Σ size·floorShare·maxPayoff, each position at
/// most size·maxPayoff − its mark (an account that holds the full maximum payoff always meets IM), rounded up. The
/// scenario grid is spot shocks in [−x, +x] times relative vol shocks in [−y, +y]; for a portfolio of shorts of one
/// option type only two corners can be worst, and one of them is dominated:
/// - vol: each option's value rises with its volatility (vega ≥ 0), and the shock scales every strike's total
///   variance by (1 ± y)² (the smile's a and b, exactly, SVI being linear in them), so +y dominates −y for shorts;
/// - spot: with the smile sticky in moneyness a price is homogeneous, C(λS, λK) = λC(S, K), so
///   d(C/S)/dS = −K·∂C/∂K / S² ≥ 0 and dP/dS = (P − K·∂P/∂K)/S ≤ 0 (P convex in K with P(0) = 0); a call's value in
///   base rises with spot and a put's in quote falls, for any smile free of strike arbitrage. A call account's worst
///   spot is +x, a put account's −x, and the grid's worst loss is the sum of each position's loss at that corner.
/// The per-option floor covers the rest: smiles whose wings are clamped or not arbitrage-free, and dust.
/// Maintenance margin MM = m·IM. Equity = collateral − mark of the shorts; health = equity − MM.
interface IMarginEngine is IBoundedParameters {
    /// @notice Margin and liquidation parameters, wad, each inside the engine's hard bounds.
    /// @param spotShockWad x: the spot shock of the scenarios. @param volShockWad y: the relative vol shock.
    /// @param floorShareWad Per-option floor, as a share of the option's maximum payoff.
    /// @param maintenanceRatioWad m: MM = m·IM. @param liquidationDiscountWad d: a liquidator is paid the mark of what
    /// it takes over plus d of it. @param insuranceShareWad f: share of that bonus paid to the insurance fund instead.
    struct MarginParams {
        uint64 spotShockWad;
        uint64 volShockWad;
        uint64 floorShareWad;
        uint64 maintenanceRatioWad;
        uint64 liquidationDiscountWad;
        uint64 insuranceShareWad;
    }

    /// @notice One short position: `size` options (wad) of series `id`.
    struct Position {
        SeriesId id;
        uint128 size;
    }

    /// @notice A margin account's state, token units of its collateral.
    /// @param collateralAssets Held. @param markAssets Mark of its shorts, rounded up. @param initialMarginAssets IM.
    /// @param maintenanceMarginAssets MM.
    struct Margin {
        uint256 collateralAssets;
        uint256 markAssets;
        uint256 initialMarginAssets;
        uint256 maintenanceMarginAssets;
    }

    /// @notice No account has id `accountId`.
    error AccountNotFound(uint256 accountId);
    /// @notice `caller` is neither the account's owner nor an operator the owner approved.
    error NotAuthorized(address caller, uint256 accountId);
    /// @notice The series' collateral (call: base, put: quote) is not the account's.
    error CollateralMismatch(uint256 accountId, SeriesId id);
    /// @notice The account already holds `MAX_POSITIONS` series.
    error TooManyPositions(uint256 accountId);
    /// @notice The account holds no position in `id`, or less than `size` of it.
    error PositionNotFound(uint256 accountId, SeriesId id);
    /// @notice A size of zero, a position above `MAX_POSITION_SIZE` (2^87 − 1 wad), or a liquidation step so small
    /// (a few wei of options) that its rounded-up cost would lower the account's health.
    error InvalidSize(uint256 size);
    /// @notice The account would hold `collateralAssets`, above `MAX_COLLATERAL` (2^88 − 1 token units).
    error CollateralTooLarge(uint256 accountId, uint256 collateralAssets);
    /// @notice The account holds `collateralAssets`, less than the `requiredAssets` asked of it.
    error InsufficientCollateral(uint256 collateralAssets, uint256 requiredAssets);
    /// @notice After the action the account would hold `collateralAssets`, less than its mark plus IM,
    /// `requiredAssets`.
    error BelowInitialMargin(uint256 accountId, uint256 collateralAssets, uint256 requiredAssets);
    /// @notice The account holds `collateralAssets`, at least its mark plus MM, `maintenanceAssets`: not liquidatable.
    error AccountHealthy(uint256 accountId, uint256 collateralAssets, uint256 maintenanceAssets);
    /// @notice The account's collateral `collateralAssets` is below the mark of its shorts `markAssets`: resolve its
    /// bad debt instead of liquidating it.
    error AccountInsolvent(uint256 accountId, uint256 collateralAssets, uint256 markAssets);
    /// @notice The account's collateral `collateralAssets` covers the mark of its shorts `markAssets`: no bad debt.
    error AccountSolvent(uint256 accountId, uint256 collateralAssets, uint256 markAssets);
    /// @notice A liquidator's account cannot be the liquidated account.
    error SelfLiquidation(uint256 accountId);

    /// @notice `owner` opened account `accountId` with the call (`isCall`: base) or put (quote) collateral.
    event AccountOpened(uint256 indexed accountId, address indexed owner, bool indexed isCall);
    /// @notice `owner` approved (or revoked) `operator` for all its accounts.
    event OperatorSet(address indexed owner, address indexed operator, bool indexed approved);
    /// @notice `from` deposited `assets` into the account.
    event Deposited(uint256 indexed accountId, address indexed from, uint256 indexed assets);
    /// @notice `assets` left the account for `receiver`.
    event Withdrawn(uint256 indexed accountId, address indexed receiver, uint256 indexed assets);
    /// @notice The account wrote `size` options of `id` to the vault and was credited `premiumAssets`.
    event OptionsWritten(uint256 indexed accountId, SeriesId indexed id, uint256 size, uint256 premiumAssets);
    /// @notice The account bought back `size` options of `id` from the vault for `premiumAssets`.
    event OptionsClosed(uint256 indexed accountId, SeriesId indexed id, uint256 size, uint256 premiumAssets);
    /// @notice `liquidatorAccountId` took over `size` options of `id` from `accountId` (the size asked, at most what
    /// was left), receiving `paidAssets` (the mark and its share of the bonus) while `insuranceAssets` went to the
    /// insurance fund.
    event Liquidated(
        uint256 indexed accountId,
        uint256 indexed liquidatorAccountId,
        SeriesId indexed id,
        uint256 size,
        uint256 paidAssets,
        uint256 insuranceAssets
    );
    /// @notice The account's positions of settled expiries owed the vault `owedAssets`; it paid `paidAssets` from its
    /// collateral (any rest is bad debt, see `BadDebtFromInsurance` and `BadDebtFromVault`).
    event AccountSettled(uint256 indexed accountId, uint256 indexed owedAssets, uint256 indexed paidAssets);
    /// @notice The insurance fund of the call (`isCall`) or put collateral paid `assets` of the account's bad debt.
    event BadDebtFromInsurance(uint256 indexed accountId, bool indexed isCall, uint256 indexed assets);
    /// @notice The vault that is long against the account bore `assets` of its bad debt.
    event BadDebtFromVault(uint256 indexed accountId, bool indexed isCall, uint256 indexed assets);
    /// @notice `from` added `assets` to the call or put insurance fund.
    event InsuranceFunded(address indexed from, bool indexed isCall, uint256 indexed assets);
    /// @notice The owner set the margin parameters.
    event MarginParamsSet(MarginParams params);

    /// @notice The market whose vaults the accounts write to.
    function market() external view returns (IOptionMarket);

    /// @notice Opens an account owned by the caller, collateralised in base (`isCall`) or quote. Emits
    /// `AccountOpened`.
    /// @return accountId The new account's id (ids start at 1).
    function openAccount(bool isCall) external returns (uint256 accountId);

    /// @notice Approves or revokes `operator` for every account of the caller: it may withdraw, write, close and
    /// liquidate with them. Emits `OperatorSet`.
    function setOperator(address operator, bool approved) external;

    /// @notice Pulls `assets` of the account's collateral from the caller into it (approve the engine). Anyone.
    /// @dev Reverts `AccountNotFound`, or `CollateralTooLarge` above `MAX_COLLATERAL`. Emits `Deposited`.
    function deposit(uint256 accountId, uint256 assets) external;

    /// @notice Sends `assets` of the account's collateral to `receiver`. Owner or operator.
    /// @dev An account with positions must stay at or above mark + IM: the strict spot is read, so a stale or invalid
    /// price, or the oracle's degraded mode, stops the withdrawal with the oracle's error. Reverts `NotAuthorized`,
    /// `InsufficientCollateral`, `BelowInitialMargin`. Emits `Withdrawn`.
    function withdraw(uint256 accountId, uint256 assets, address receiver) external;

    /// @notice Writes `size` options of `id` to the vault (`IOptionMarket.write`); the premium is credited to the
    /// account, which must then be at or above mark + IM. Owner or operator.
    /// @dev Reverts `NotAuthorized`, `CollateralMismatch`, `InvalidSize`, `TooManyPositions`, `BelowInitialMargin`,
    /// `CollateralTooLarge`, or the market's errors. Emits `OptionsWritten`.
    /// @return premiumAssets Credited, token units.
    function write(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Buys back `size` options of `id` from the vault (`IOptionMarket.buyBack`), paid from the account's
    /// collateral. Owner or operator. Closing reduces risk: no margin check, no spot check beyond the market's.
    /// @dev The premium is capped at min(`maxPremiumAssets`, the account's collateral). Reverts `NotAuthorized`,
    /// `PositionNotFound`, `InvalidSize`, or the market's errors (`PremiumAboveMax` beyond the cap). Emits
    /// `OptionsClosed`.
    /// @return premiumAssets Paid, token units.
    function close(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Liquidates `size` options of `id` of account `accountId`, whose collateral is below mark + MM: the
    /// caller's account `liquidatorAccountId` (same collateral) takes them over and is paid their mark plus a bonus
    /// from the liquidated account, a share of the bonus going to the insurance fund. Caller: owner or operator of
    /// the liquidator's account. A `size` larger than the position takes what is left of it (`type(uint256).max`:
    /// all of it), so a step sent for a position that has since shrunk still goes through.
    /// @dev Bonus = min(d·mark, the gain in the account's health from shedding the position, what it holds beyond the
    /// mark): the account never pays more than it holds and its health (collateral − mark − MM) never falls (a step
    /// that would lower it by rounding, a few wei of options, reverts `InvalidSize`). The liquidator's account must
    /// be at or above mark + IM afterwards. The spot is read through `spotRange()` at the end where the shorts are
    /// worth most (a call account's high end, a put account's low end), for both accounts' checks: liquidations go
    /// on in the oracle's degraded mode (`ISpotOracleRouter`); beyond it a stale or invalid price stops them with the
    /// oracle's error. Reverts `SelfLiquidation`, `NotAuthorized`, `CollateralMismatch`, `PositionNotFound` (no
    /// position in `id`), `InvalidSize`, `AccountHealthy`, `AccountInsolvent`, `TooManyPositions`,
    /// `BelowInitialMargin`, `CollateralTooLarge` (the liquidator's account). Emits `Liquidated` with the size
    /// taken over.
    /// @return paidAssets Paid to the liquidator's account, token units.
    function liquidate(uint256 accountId, SeriesId id, uint256 size, uint256 liquidatorAccountId)
        external
        returns (uint256 paidAssets);

    /// @notice Pays what the account owes the vault for its positions of settled expiries and removes them. Anyone.
    /// @dev Owed = ceil(size·payoff) per position. The collateral pays first, then the insurance fund; the rest is
    /// written off against the vault's receivable. Emits `AccountSettled`, and `BadDebtFromInsurance` /
    /// `BadDebtFromVault` when they pay.
    function settleAccount(uint256 accountId) external;

    /// @notice Closes every position of an account whose collateral is below the mark of its shorts, cancelling them
    /// against the vault: the vault is paid their mark from the account's collateral, then from the insurance fund,
    /// and bears the rest. Anyone. Settles the account's settled positions first.
    /// @dev No other account is touched. The spot is read as `liquidate` reads it (at the end of `spotRange()` where
    /// the shorts are worth most: it goes on in the oracle's degraded mode; other oracle errors stop it). Reverts
    /// `AccountSolvent`. Emits `BadDebtFromInsurance` and `BadDebtFromVault` for each step that pays.
    function resolveBadDebt(uint256 accountId) external;

    /// @notice Adds `assets` to the call (base) or put (quote) insurance fund, pulled from the caller. Anyone.
    /// @dev Emits `InsuranceFunded`.
    function fundInsurance(bool isCall, uint256 assets) external;

    /// @notice Sets the margin parameters. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds`. Emits `MarginParamsSet`.
    function setMarginParams(MarginParams calldata params) external;

    /// @notice The account's collateral, mark, IM and MM now, token units. Reads the oracles as `liquidate` does: in
    /// the oracle's degraded mode at the end of the price range where the shorts are worth most.
    function marginOf(uint256 accountId) external view returns (Margin memory);

    /// @notice The account's owner (zero: no such account) and collateral side.
    function accountInfo(uint256 accountId) external view returns (address owner, bool isCall);

    /// @notice The account's short positions.
    function positionsOf(uint256 accountId) external view returns (Position[] memory);

    /// @notice Whether `operator` may act on every account of `owner`.
    function isOperator(address owner, address operator) external view returns (bool);

    /// @notice The call (base) or put (quote) insurance fund, token units.
    function insuranceAssets(bool isCall) external view returns (uint256);

    /// @notice The margin parameters.
    function marginParams() external view returns (MarginParams memory);
}
