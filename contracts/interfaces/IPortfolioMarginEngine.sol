// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IOptionMarket} from "./IOptionMarket.sol";
import {IPortfolioPricer} from "./IPortfolioPricer.sol";

/// @title IPortfolioMarginEngine
/// @notice Portfolio margin accounts on one market (contracts/margin/PORTFOLIO.md): an account holds long and short
/// positions of any listed series, calls and puts of several expiries, and collateral in the base and the quote
/// asset. It is margined by the risk of the whole portfolio (`PortfolioRisk`): IM is the worst loss over a grid of
/// spot × volatility scenarios plus a floor per short, MM = m·IM, and the spot shock follows the predicted
/// volatility (the nearest expiry's at-the-money vol) inside governance bounds.
/// @dev Units: sizes are wad of options; collateral is token units of its asset; values, equity and margins are wad
/// of quote. Equity = collateral after haircuts + longs − shorts at today's spot and smiles (longs rounded down,
/// shorts up); health = equity − MM. Every action that adds risk (writing, buying, selling a long, withdrawing
/// collateral or options) requires equity ≥ IM afterwards; an account with equity < MM can be liquidated.
interface IPortfolioMarginEngine is IBoundedParameters {
    /// @notice Governed parameters, wad unless named otherwise, each inside the engine's hard bounds; 64 bits each, so
    /// a margin check reads them in three slots.
    /// @param spotIntervals n: the spot grid's intervals (n + 1 spots). @param volShockWad y: relative vol shock.
    /// @param shockMultiplierWad k: the spot shock is k·σ_ATM·sqrt(h/year), standard deviations.
    /// @param shockHorizonSec h: the liquidation horizon, seconds. @param minSpotShockWad Lower bound of the shock.
    /// @param maxSpotShockWad Upper bound of the shock. @param floorShareWad Per-short floor, share of its maximum
    /// payoff. @param maintenanceRatioWad m: MM = m·IM. @param baseHaircutWad Haircut of base collateral.
    /// @param quoteHaircutWad Haircut of quote collateral. @param liquidationDiscountWad d: a liquidator's bonus is at
    /// most d of the gross mark it takes over. @param insuranceShareWad f: share of that bonus paid to the insurance
    /// fund instead.
    struct PortfolioParams {
        uint64 spotIntervals;
        uint64 volShockWad;
        uint64 shockMultiplierWad;
        uint64 shockHorizonSec;
        uint64 minSpotShockWad;
        uint64 maxSpotShockWad;
        uint64 floorShareWad;
        uint64 maintenanceRatioWad;
        uint64 baseHaircutWad;
        uint64 quoteHaircutWad;
        uint64 liquidationDiscountWad;
        uint64 insuranceShareWad;
    }

    /// @notice One position: `size` options (wad) of series `id`, long or short.
    struct Position {
        SeriesId id;
        bool isLong;
        uint128 size;
    }

    /// @notice An account's margin, wad of quote, at the spot it was computed at.
    /// @param baseAssets Base collateral, token units. @param quoteAssets Quote collateral, token units.
    /// @param spotWad The spot of the computation. @param spotShockWad x used. @param equityWad Equity.
    /// @param worstLossWad Worst loss from equity over the scenarios' box. @param floorWad Σ per-short floors.
    /// @param initialMarginWad IM. @param maintenanceMarginWad MM.
    struct AccountMargin {
        uint256 baseAssets;
        uint256 quoteAssets;
        uint256 spotWad;
        uint256 spotShockWad;
        int256 equityWad;
        uint256 worstLossWad;
        uint256 floorWad;
        uint256 initialMarginWad;
        uint256 maintenanceMarginWad;
    }

    /// @notice No account `accountId`.
    error AccountNotFound(uint256 accountId);
    /// @notice `caller` is neither the account's owner nor an operator it approved.
    error NotAuthorized(address caller, uint256 accountId);
    /// @notice The account already holds `MAX_POSITIONS` series.
    error TooManyPositions(uint256 accountId);
    /// @notice The account holds no position of the required side in `id`.
    error PositionNotFound(uint256 accountId, SeriesId id, bool isLong);
    /// @notice The account holds the opposite side of `id`: close it first.
    error OppositePosition(uint256 accountId, SeriesId id);
    /// @notice Zero size, or a position above `MAX_POSITION_SIZE`.
    error InvalidSize(uint256 size);
    /// @notice Collateral of the account above `MAX_COLLATERAL`.
    error CollateralTooLarge(uint256 accountId, uint256 collateralAssets);
    /// @notice An account holds `heldAssets` of the asset and `requiredAssets` are needed.
    error InsufficientCollateral(uint256 accountId, bool isBase, uint256 heldAssets, uint256 requiredAssets);
    /// @notice Equity below IM after an action that adds risk, wad of quote.
    error BelowInitialMargin(uint256 accountId, int256 equityWad, uint256 initialMarginWad);
    /// @notice Liquidation of an account at or above MM, wad of quote.
    error AccountHealthy(uint256 accountId, int256 equityWad, uint256 maintenanceMarginWad);
    /// @notice Liquidation of an account whose equity is negative: its bad debt is resolved instead.
    error AccountInsolvent(uint256 accountId, int256 equityWad);
    /// @notice Bad-debt resolution of an account whose equity is not negative.
    error AccountSolvent(uint256 accountId, int256 equityWad);
    /// @notice A liquidation step that does not raise the account's health (health wad of quote, before and after):
    /// taking over only the hedges of a portfolio is refused here.
    error HealthNotImproved(uint256 accountId, int256 healthBeforeWad, int256 healthAfterWad);
    /// @notice An account liquidating itself.
    error SelfLiquidation(uint256 accountId);
    /// @notice A liquidation naming no series, or `ids` and `sizes` of different lengths.
    error InvalidTakeover();
    /// @notice A position of a settled expiry: settle the account first.
    error ExpirySettled(uint256 expiry);

    /// @notice A new account.
    event AccountOpened(uint256 indexed accountId, address indexed owner);
    /// @notice `owner` (dis)approved `operator` for all its accounts.
    event OperatorSet(address indexed owner, address indexed operator, bool indexed approved);
    /// @notice Collateral deposited (`isBase`: the base asset, else quote), token units.
    event Deposited(uint256 indexed accountId, address indexed from, bool indexed isBase, uint256 assets);
    /// @notice Collateral withdrawn, token units.
    event Withdrawn(uint256 indexed accountId, address indexed receiver, bool indexed isBase, uint256 assets);
    /// @notice A position changed: `sizeDelta` options added (> 0) or removed (< 0) on the long or the short side, and
    /// `premiumAssets` paid (buy, close) or received (sell, write) in the series' asset; 0 for a transfer of option
    /// tokens.
    event PositionChanged(
        uint256 indexed accountId, SeriesId indexed id, bool indexed isLong, int256 sizeDelta, uint256 premiumAssets
    );
    /// @notice A liquidation step: the liquidator's account took over `sizes` of `ids` (each on the side the account
    /// held) for `transferWad` (> 0 paid by the account, < 0 by the liquidator) plus `bonusWad`, of which
    /// `insuranceWad` went to the insurance fund; health before and after, wad of quote.
    event Liquidated(
        uint256 indexed accountId,
        uint256 indexed liquidatorAccountId,
        SeriesId[] ids,
        uint256[] sizes,
        int256 transferWad,
        uint256 bonusWad,
        uint256 insuranceWad,
        int256 healthBeforeWad,
        int256 healthAfterWad
    );
    /// @notice Settled positions removed: longs redeemed for `receivedBase`/`receivedQuote`, shorts owed
    /// `owedBase`/`owedQuote`, token units.
    event AccountSettled(
        uint256 indexed accountId,
        uint256 receivedBase,
        uint256 receivedQuote,
        uint256 indexed owedBase,
        uint256 indexed owedQuote
    );
    /// @notice A shortfall in one asset bought by `coverer` with the account's other asset: it paid `paidAssets` of
    /// the owed asset (`owedIsBase`) and received `receivedAssets` of the other, at `priceWad` plus the discount.
    event ShortfallCovered(
        uint256 indexed accountId,
        address indexed coverer,
        bool indexed owedIsBase,
        uint256 paidAssets,
        uint256 receivedAssets,
        uint256 priceWad
    );
    /// @notice Bad debt paid by the insurance fund of an asset, token units.
    event BadDebtFromInsurance(uint256 indexed accountId, bool indexed isBase, uint256 indexed assets);
    /// @notice Bad debt written off a vault's receivable or paid short of a cancelled position's mark, token units.
    event BadDebtFromVault(uint256 indexed accountId, bool indexed isBase, uint256 indexed assets);
    /// @notice The insurance fund of an asset received `assets` from `from`.
    event InsuranceFunded(address indexed from, bool indexed isBase, uint256 indexed assets);
    /// @notice New parameters.
    event PortfolioParamsSet(PortfolioParams params);

    /// @notice The market whose options the accounts hold.
    function market() external view returns (IOptionMarket);

    /// @notice The contract that revalues an account's book on the grid (`PortfolioRisk.margin`).
    function portfolioPricer() external view returns (IPortfolioPricer);

    /// @notice Opens an account owned by the caller. @return accountId Its id.
    function openAccount() external returns (uint256 accountId);

    /// @notice Approves or revokes `operator` to act on all the caller's accounts.
    function setOperator(address operator, bool approved) external;

    /// @notice Whether `operator` acts on `owner`'s accounts.
    function isOperator(address owner, address operator) external view returns (bool);

    /// @notice Adds `assets` of the base (`isBase`) or quote asset, pulled from the caller, to any account.
    /// Reverts `AccountNotFound` or `CollateralTooLarge`. Emits `Deposited`.
    function deposit(uint256 accountId, bool isBase, uint256 assets) external;

    /// @notice Sends `assets` of the account's base or quote collateral to `receiver`; with positions, equity must
    /// stay ≥ IM (strict spot). Reverts `NotAuthorized`, `InsufficientCollateral`, `BelowInitialMargin` or the
    /// oracle's errors. Emits `Withdrawn`.
    function withdraw(uint256 accountId, bool isBase, uint256 assets, address receiver) external;

    /// @notice Buys `size` options of `id` from the market into the account (long), the premium paid from its
    /// collateral in the series' asset, at most `maxPremiumAssets`. Then equity must be ≥ IM.
    /// Reverts `OppositePosition` if short `id`, `TooManyPositions`, `InvalidSize`, `BelowInitialMargin` or the
    /// market's errors. Emits `PositionChanged`. @return premiumAssets Paid, token units.
    function buy(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Sells `size` of the account's long `id` to the market for at least `minPremiumAssets`, credited to
    /// its collateral. A long can be a hedge: equity must then still be ≥ IM. Reverts `PositionNotFound`,
    /// `InvalidSize`, `BelowInitialMargin` or the market's errors. Emits `PositionChanged`.
    /// @return premiumAssets Received, token units.
    function sell(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Writes `size` options of `id` to the market's vault (short), crediting the premium (at least
    /// `minPremiumAssets`); then equity must be ≥ IM. Reverts `OppositePosition` if long `id`, `TooManyPositions`,
    /// `InvalidSize`, `CollateralTooLarge`, `BelowInitialMargin` or the market's errors. Emits `PositionChanged`.
    /// @return premiumAssets Received, token units.
    function write(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Buys back `size` of the account's short `id` from the market, paying at most `maxPremiumAssets`
    /// (and never more than the account holds of the series' asset). Closing a short needs no margin check.
    /// Reverts `PositionNotFound`, `InvalidSize` or the market's errors. Emits `PositionChanged`.
    /// @return premiumAssets Paid, token units.
    function close(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Moves `size` option tokens of `id` (the market's ERC-6909, bought on the AMM or elsewhere) from the
    /// caller, the account's owner or an operator (a stranger's options could fill its slots or move its nearest
    /// expiry, and so its shock), into the account as a long; the caller must have made the engine its operator or
    /// allowed it on the market. Reverts `NotAuthorized`, `OppositePosition`, `TooManyPositions` or `InvalidSize`.
    /// Emits `PositionChanged`.
    function depositOptions(uint256 accountId, SeriesId id, uint256 size) external;

    /// @notice Sends `size` of the account's long `id` as option tokens to `receiver`; equity must then be ≥ IM.
    /// Reverts `PositionNotFound`, `InvalidSize` or `BelowInitialMargin`. Emits `PositionChanged`.
    function withdrawOptions(uint256 accountId, SeriesId id, uint256 size, address receiver) external;

    /// @notice Liquidates an account below MM: the caller's account `liquidatorAccountId` takes over `sizes` of the
    /// positions `ids` (a set, or all of them), each on the side the account holds, at their marks, plus a bonus of
    /// at most d of the gross mark taken over, at most two thirds of the health the step gains the account (so its
    /// health never falls, whatever asset pays the bonus), a share f to the insurance fund. A step that does not
    /// raise the account's health reverts: taking over only hedges leaves the shorts nakeder and is refused. The
    /// liquidator's account must meet IM after. In the oracle's degraded mode the health is the worse of the two ends
    /// of the price range.
    /// Reverts `SelfLiquidation`, `NotAuthorized`, `InvalidTakeover`, `AccountHealthy`, `AccountInsolvent`,
    /// `PositionNotFound`, `ExpirySettled`, `HealthNotImproved`, `InsufficientCollateral`, `BelowInitialMargin`.
    /// Emits `Liquidated`. @return transferWad Net mark paid by the account (< 0: by the liquidator), wad of quote.
    /// @return bonusWad The bonus, wad of quote.
    function liquidate(
        uint256 accountId,
        uint256 liquidatorAccountId,
        SeriesId[] calldata ids,
        uint256[] calldata sizes
    ) external returns (int256 transferWad, uint256 bonusWad);

    /// @notice Removes the account's positions of settled expiries: longs are redeemed into its collateral, shorts pay
    /// the vault from the collateral of their asset. A shortfall in one asset with collateral left in the other is
    /// bought by the caller (it pays the owed asset, pulled from it, and receives the other at the settlement price
    /// plus the liquidation discount); what remains comes from the insurance fund of the asset, then is written off
    /// the vault's receivable. Emits `AccountSettled`, and `ShortfallCovered` and the bad-debt events when they apply.
    function settleAccount(uint256 accountId) external;

    /// @notice Resolves an insolvent account (equity < 0 at the worse end of the price range): settles it, sells its
    /// longs to the market, then cancels its shorts against the vaults, paying their marks from the collateral of
    /// their asset, the caller's cover with the other asset (as in `settleAccount`, at the spot), the insurance fund,
    /// and the vault bears the rest. Reverts `AccountSolvent` or the market's errors. Emits the bad-debt events.
    function resolveBadDebt(uint256 accountId) external;

    /// @notice Adds `assets` of the base or quote asset, pulled from the caller, to its insurance fund.
    function fundInsurance(bool isBase, uint256 assets) external;

    /// @notice Sets the parameters (owner only). Reverts `ParameterOutOfBounds` outside the hard bounds.
    function setPortfolioParams(PortfolioParams calldata params) external;

    /// @notice The account's margin at the strict spot (reverts with the oracle's error when it has none), or, if
    /// `riskReducing`, at the worse end of the oracle's price range (what liquidations use).
    function marginOf(uint256 accountId, bool riskReducing) external view returns (AccountMargin memory);

    /// @notice The account's owner (zero: none).
    function ownerOf(uint256 accountId) external view returns (address);

    /// @notice The account's positions.
    function positionsOf(uint256 accountId) external view returns (Position[] memory);

    /// @notice The insurance fund of the base or quote asset, token units.
    function insuranceAssets(bool isBase) external view returns (uint256);

    /// @notice The current parameters.
    function portfolioParams() external view returns (PortfolioParams memory);
}
