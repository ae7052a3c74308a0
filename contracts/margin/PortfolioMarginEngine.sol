// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../interfaces/IPortfolioMarginEngine.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../interfaces/IVolatilityOracle.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {OptionValuation} from "../libraries/OptionValuation.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {PortfolioRisk} from "../libraries/PortfolioRisk.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {Svi} from "../libraries/Svi.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC6909} from "solady/tokens/ERC6909.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title PortfolioMarginEngine
/// @notice Portfolio margin accounts on one market (see `IPortfolioMarginEngine` and contracts/margin/PORTFOLIO.md):
/// longs and shorts of any listed series, base and quote collateral, margined by `PortfolioRisk` over the whole book.
/// @dev Positions. Shorts are written to the market's vaults (the market's receivable, as for `MarginEngine`); longs
/// are the market's ERC-6909 option tokens, held by this engine for the account. One slot per position: the series id
/// in the low `SeriesIdLib.ID_BITS` bits, the size above, the side in the top bit.
///
/// A margin check reads the account (one slot for both collaterals, one per position), the parameters (three slots),
/// the spot and the rate, one smile per expiry, and revalues the book on the grid. Positions of an expiry already
/// settled count at their fixed payoff, outside the grid (no risk is left in them).
///
/// Liquidation moves a set of positions, each at its mark, to the liquidator's account and pays it a bonus bounded by
/// the health the step gains the account; the health is recomputed after the move, so no choice of positions can
/// lower it. Settlement and bad debt pay the vaults in the asset each side owes; a shortfall in one asset is bought
/// with the account's other asset by the caller (`_cover`) before the insurance fund and the vault bear anything.
contract PortfolioMarginEngine is IPortfolioMarginEngine, Ownable2Step, ReentrancyGuardTransient {
    /// @notice Most series an account may hold (long or short): the grid revalues each at n + 2 spots.
    uint256 public constant MAX_POSITIONS = PortfolioRisk.MAX_LEGS;
    /// @notice Largest position, wad of options (2^86 − 1, about 7.7e7 options): id, size and side share one slot.
    uint256 public constant MAX_POSITION_SIZE = (1 << (255 - SeriesIdLib.ID_BITS)) - 1;
    /// @notice Most collateral of one asset in one account, token units: both fit one slot.
    uint256 public constant MAX_COLLATERAL = type(uint128).max;
    /// @notice Floor per short at most 20 % of its maximum payoff.
    uint256 public constant MAX_FLOOR_SHARE = 0.2e18;
    /// @notice MM/IM in [50 %, 95 %]: a buffer between the two, and a real one below IM.
    uint256 public constant MIN_MAINTENANCE_RATIO = 0.5e18;
    uint256 public constant MAX_MAINTENANCE_RATIO = 0.95e18;
    /// @notice Haircuts: base collateral at most 50 % (its value moves with the spot, which the grid already shocks),
    /// quote at most 20 %.
    uint256 public constant MAX_BASE_HAIRCUT = 0.5e18;
    uint256 public constant MAX_QUOTE_HAIRCUT = 0.2e18;
    /// @notice Liquidation bonus at most 20 % of the gross mark taken over; insurance share in [0, 100 %].
    uint256 public constant MAX_LIQUIDATION_DISCOUNT = 0.2e18;
    uint256 public constant MAX_INSURANCE_SHARE = 1e18;

    uint256 private constant WAD = 1e18;
    uint256 private constant LONG_FLAG = 1 << 255;
    uint256 private constant ID_MASK = (1 << SeriesIdLib.ID_BITS) - 1;

    /// @inheritdoc IPortfolioMarginEngine
    IOptionMarket public immutable market;
    ISpotOracle private immutable spotOracle;
    IVolatilityOracle private immutable volatilityOracle;
    address private immutable baseAsset;
    address private immutable quoteAsset;
    address private immutable callVault;
    address private immutable putVault;
    uint256 private immutable baseScale;
    uint256 private immutable quoteScale;

    /// @dev One account: owner; both collaterals (token units) in one slot; one slot per position.
    struct Account {
        address owner;
        uint128 baseAssets;
        uint128 quoteAssets;
        uint256[] positions;
    }

    PortfolioParams private _params;
    mapping(uint256 accountId => Account) private _accounts;
    /// @notice Accounts opened so far; ids are 1 to `accountCount`.
    uint256 public accountCount;
    /// @inheritdoc IPortfolioMarginEngine
    mapping(address owner => mapping(address operator => bool)) public isOperator;
    /// @dev Index 0: quote, 1: base.
    uint256[2] private _insurance;

    /// @param owner_ Sets the parameters. @param market_ The market (it must then `setMarginEngine(this)`).
    /// @param params Initial parameters.
    constructor(address owner_, IOptionMarket market_, PortfolioParams memory params) Ownable(owner_) {
        market = market_;
        spotOracle = market_.spotOracle();
        volatilityOracle = market_.volatilityOracle();
        callVault = address(market_.callVault());
        putVault = address(market_.putVault());
        baseAsset = ICollateralVault(callVault).asset();
        quoteAsset = ICollateralVault(putVault).asset();
        baseScale = 10 ** (18 - IERC20Metadata(baseAsset).decimals());
        quoteScale = 10 ** (18 - IERC20Metadata(quoteAsset).decimals());
        // The market pulls premiums (buys, buy-backs) from the engine, each bounded by the account it is paid for.
        SafeTransferLib.safeApprove(baseAsset, address(market_), type(uint256).max);
        SafeTransferLib.safeApprove(quoteAsset, address(market_), type(uint256).max);
        _setPortfolioParams(params);
    }

    // ---------------------------------------------------------------- accounts and collateral

    /// @inheritdoc IPortfolioMarginEngine
    function openAccount() external returns (uint256 accountId) {
        accountId = ++accountCount;
        _accounts[accountId].owner = msg.sender;
        emit AccountOpened(accountId, msg.sender);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function setOperator(address operator, bool approved) external {
        isOperator[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function deposit(uint256 accountId, bool isBase, uint256 assets) external nonReentrant {
        Account storage a = _existing(accountId);
        _credit(accountId, a, isBase, assets);
        SafeTransferLib.safeTransferFrom(_asset(isBase), msg.sender, address(this), assets);
        emit Deposited(accountId, msg.sender, isBase, assets);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function withdraw(uint256 accountId, bool isBase, uint256 assets, address receiver) external nonReentrant {
        Account storage a = _authorized(accountId);
        _debit(accountId, a, isBase, assets);
        if (a.positions.length != 0) _checkInitialMargin(accountId, a, false);
        SafeTransferLib.safeTransfer(_asset(isBase), receiver, assets);
        emit Withdrawn(accountId, receiver, isBase, assets);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc IPortfolioMarginEngine
    function buy(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        _addPosition(accountId, a, id, size, true);
        bool isBase = id.isCall();
        // The market pulls the premium from the engine: never more than this account holds.
        uint256 held = _collateralOf(a, isBase);
        premiumAssets = market.buy(id, size, FixedPointMathLib.min(maxPremiumAssets, held), deadline);
        _debit(accountId, a, isBase, premiumAssets);
        _checkInitialMargin(accountId, a, false);
        emit PositionChanged(accountId, id, true, int256(size), premiumAssets);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function sell(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        _reducePosition(accountId, a, id, size, true);
        premiumAssets = market.sell(id, size, minPremiumAssets, deadline);
        _credit(accountId, a, id.isCall(), premiumAssets);
        if (a.positions.length != 0) _checkInitialMargin(accountId, a, false);
        emit PositionChanged(accountId, id, true, -int256(size), premiumAssets);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function write(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        _addPosition(accountId, a, id, size, false);
        premiumAssets = market.write(id, size, minPremiumAssets, deadline);
        _credit(accountId, a, id.isCall(), premiumAssets);
        _checkInitialMargin(accountId, a, false);
        emit PositionChanged(accountId, id, false, int256(size), premiumAssets);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function close(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        _reducePosition(accountId, a, id, size, false);
        bool isBase = id.isCall();
        uint256 held = _collateralOf(a, isBase);
        premiumAssets = market.buyBack(id, size, FixedPointMathLib.min(maxPremiumAssets, held), deadline);
        _debit(accountId, a, isBase, premiumAssets);
        emit PositionChanged(accountId, id, false, -int256(size), premiumAssets);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function depositOptions(uint256 accountId, SeriesId id, uint256 size) external nonReentrant {
        Account storage a = _existing(accountId);
        _addPosition(accountId, a, id, size, true);
        ERC6909(address(market)).transferFrom(msg.sender, address(this), SeriesId.unwrap(id), size);
        emit PositionChanged(accountId, id, true, int256(size), 0);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function withdrawOptions(uint256 accountId, SeriesId id, uint256 size, address receiver) external nonReentrant {
        Account storage a = _authorized(accountId);
        _reducePosition(accountId, a, id, size, true);
        if (a.positions.length != 0) _checkInitialMargin(accountId, a, false);
        ERC6909(address(market)).transfer(receiver, SeriesId.unwrap(id), size);
        emit PositionChanged(accountId, id, true, -int256(size), 0);
    }

    // ---------------------------------------------------------------- liquidation

    /// @inheritdoc IPortfolioMarginEngine
    function liquidate(
        uint256 accountId,
        uint256 liquidatorAccountId,
        SeriesId[] calldata ids,
        uint256[] calldata sizes
    ) external nonReentrant returns (int256 transferWad, uint256 bonusWad) {
        if (accountId == liquidatorAccountId) revert SelfLiquidation(accountId);
        if (ids.length == 0 || ids.length != sizes.length) revert InvalidTakeover();
        Account storage liquidator = _authorized(liquidatorAccountId);
        Account storage a = _existing(accountId);
        int256 healthBefore;
        {
            AccountMargin memory m;
            (healthBefore, m) = _health(a, true);
            if (!(healthBefore < 0)) revert AccountHealthy(accountId, m.equityWad, m.maintenanceMarginWad);
            if (m.equityWad < 0) revert AccountInsolvent(accountId, m.equityWad);
        }
        (uint256 lowWad, uint256 highWad,) = spotOracle.spotRange();
        uint256 grossWad;
        (transferWad, grossWad) = _takeOver(accountId, a, liquidatorAccountId, liquidator, ids, sizes, lowWad, highWad);
        // The net mark: the account pays for the shorts taken over, the liquidator for the longs, base valued at the
        // low end of the price range (against the payer).
        if (transferWad > 0) {
            (uint256 b, uint256 q) = _takeValue(accountId, a, uint256(transferWad), lowWad);
            _creditBoth(liquidatorAccountId, liquidator, b, q);
        } else if (transferWad < 0) {
            (uint256 b, uint256 q) = _takeValue(liquidatorAccountId, liquidator, uint256(-transferWad), lowWad);
            _creditBoth(accountId, a, b, q);
        }
        (int256 healthMoved,) = _health(a, true);
        if (!(healthMoved > healthBefore)) revert HealthNotImproved(accountId, healthBefore, healthMoved);
        uint256 insuranceWad;
        (bonusWad, insuranceWad) =
            _payBonus(accountId, a, liquidatorAccountId, liquidator, grossWad, healthMoved - healthBefore, lowWad);
        _checkInitialMargin(liquidatorAccountId, liquidator, true);
        emit Liquidated(
            accountId,
            liquidatorAccountId,
            ids,
            sizes,
            transferWad,
            bonusWad,
            insuranceWad,
            healthBefore,
            healthMoved - int256(bonusWad)
        );
    }

    // ---------------------------------------------------------------- settlement and bad debt

    /// @inheritdoc IPortfolioMarginEngine
    function settleAccount(uint256 accountId) external nonReentrant {
        _settle(accountId, _existing(accountId));
    }

    /// @inheritdoc IPortfolioMarginEngine
    function resolveBadDebt(uint256 accountId) external nonReentrant {
        Account storage a = _existing(accountId);
        _settle(accountId, a);
        {
            (, AccountMargin memory m) = _health(a, true);
            if (!(m.equityWad < 0)) revert AccountSolvent(accountId, m.equityWad);
        }
        (uint256 lowWad, uint256 highWad,) = spotOracle.spotRange();
        uint256 rateWad = market.rateWad();
        uint256[] memory positions = a.positions;
        delete a.positions;
        uint256[2] memory owed;
        uint256[] memory marks = new uint256[](positions.length);
        for (uint256 i; i < positions.length; ++i) {
            (SeriesId id, uint256 size, bool isLong) = _unpack(positions[i]);
            bool isBase = id.isCall();
            if (isLong) {
                // The longs are sold to the market first: their premium pays the shorts.
                _credit(accountId, a, isBase, market.sell(id, size, 0, block.timestamp));
                continue;
            }
            // Each short at its mark in its own asset, at the end of the range where it is worth most.
            uint256 markWad = _markWad(id, isBase ? highWad : lowWad, rateWad);
            marks[i] = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(size, markWad), _scale(isBase));
            owed[_side(isBase)] += marks[i];
        }
        (uint256[2] memory paid, uint256[2] memory fromFund) = _payOwed(accountId, a, owed, lowWad, highWad);
        uint256[2] memory available = [paid[0] + fromFund[0], paid[1] + fromFund[1]];
        for (uint256 i; i < positions.length; ++i) {
            if (positions[i] & LONG_FLAG != 0) continue;
            (SeriesId id, uint256 size,) = _unpack(positions[i]);
            uint256 side = _side(id.isCall());
            uint256 pay = FixedPointMathLib.min(available[side], marks[i]);
            available[side] -= pay;
            market.cancelWritten(id, size, pay);
        }
    }

    /// @inheritdoc IPortfolioMarginEngine
    function fundInsurance(bool isBase, uint256 assets) external nonReentrant {
        _insurance[_side(isBase)] += assets;
        SafeTransferLib.safeTransferFrom(_asset(isBase), msg.sender, address(this), assets);
        emit InsuranceFunded(msg.sender, isBase, assets);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IPortfolioMarginEngine
    function setPortfolioParams(PortfolioParams calldata params) external onlyOwner {
        _setPortfolioParams(params);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPortfolioMarginEngine
    function marginOf(uint256 accountId, bool riskReducing) external view returns (AccountMargin memory m) {
        (, m) = _health(_existing(accountId), riskReducing);
    }

    /// @inheritdoc IPortfolioMarginEngine
    function ownerOf(uint256 accountId) external view returns (address) {
        return _accounts[accountId].owner;
    }

    /// @inheritdoc IPortfolioMarginEngine
    function positionsOf(uint256 accountId) external view returns (Position[] memory positions) {
        uint256[] storage packed = _accounts[accountId].positions;
        positions = new Position[](packed.length);
        for (uint256 i; i < positions.length; ++i) {
            (SeriesId id, uint256 size, bool isLong) = _unpack(packed[i]);
            // forge-lint: disable-next-line(unsafe-typecast)
            positions[i] = Position({id: id, isLong: isLong, size: uint128(size)});
        }
    }

    /// @inheritdoc IPortfolioMarginEngine
    function insuranceAssets(bool isBase) external view returns (uint256) {
        return _insurance[_side(isBase)];
    }

    /// @inheritdoc IPortfolioMarginEngine
    function portfolioParams() external view returns (PortfolioParams memory) {
        return _params;
    }

    // ---------------------------------------------------------------- margin

    /// @dev Reverts `BelowInitialMargin` unless equity ≥ IM: at the strict spot, or (`riskReducing`, a liquidator's
    /// own check) at the worse end of the price range.
    function _checkInitialMargin(uint256 accountId, Account storage a, bool riskReducing) private view {
        (, AccountMargin memory m) = _health(a, riskReducing);
        if (m.equityWad < int256(m.initialMarginWad)) {
            revert BelowInitialMargin(accountId, m.equityWad, m.initialMarginWad);
        }
    }

    /// @dev Health = equity − MM and the margin it comes from: at the strict `spot()` (the oracle's error without
    /// one), or, `riskReducing`, at both ends of `spotRange()` when they differ (degraded mode), the worse one.
    function _health(Account storage a, bool riskReducing)
        private
        view
        returns (int256 health, AccountMargin memory m)
    {
        if (!riskReducing) {
            (uint256 spotWad,) = spotOracle.spot();
            m = _margin(a, spotWad);
            return (m.equityWad - int256(m.maintenanceMarginWad), m);
        }
        (uint256 lowWad, uint256 highWad,) = spotOracle.spotRange();
        m = _margin(a, lowWad);
        health = m.equityWad - int256(m.maintenanceMarginWad);
        if (highWad != lowWad) {
            AccountMargin memory high = _margin(a, highWad);
            int256 highHealth = high.equityWad - int256(high.maintenanceMarginWad);
            if (highHealth < health) (health, m) = (highHealth, high);
        }
    }

    /// @dev The account's margin at `spotWad` (`PortfolioRisk.margin` over its live positions, plus the fixed value of
    /// positions in settled expiries), with the spot shock of the nearest live expiry's smile.
    function _margin(Account storage a, uint256 spotWad) private view returns (AccountMargin memory m) {
        (m.baseAssets, m.quoteAssets) = (a.baseAssets, a.quoteAssets);
        m.spotWad = spotWad;
        (PortfolioRisk.ExpiryLegs[] memory book, int256 settledWad, uint256 nearest) = _book(a, spotWad);
        PortfolioParams memory p = _params;
        m.spotShockWad = nearest == type(uint256).max
            ? uint256(p.maxSpotShockWad)
            : PortfolioRisk.spotShockWad(book[nearest].smile, book[nearest].timeSec, _shockRule(p));
        PortfolioRisk.Margin memory r = PortfolioRisk.margin(
            book,
            spotWad,
            market.rateWad(),
            PortfolioRisk.Shocks({
                spotIntervals: p.spotIntervals,
                spotShockWad: m.spotShockWad,
                volShockWad: p.volShockWad,
                floorShareWad: p.floorShareWad,
                maintenanceRatioWad: p.maintenanceRatioWad
            }),
            PortfolioRisk.Collateral({
                baseWad: m.baseAssets * baseScale,
                quoteWad: m.quoteAssets * quoteScale,
                baseHaircutWad: p.baseHaircutWad,
                quoteHaircutWad: p.quoteHaircutWad
            })
        );
        m.equityWad = r.equityWad + settledWad;
        m.worstLossWad = r.worstLossWad;
        m.floorWad = r.floorWad;
        m.initialMarginWad = r.initialMarginWad;
        m.maintenanceMarginWad = r.maintenanceMarginWad;
    }

    /// @dev The account's live positions grouped by expiry with each expiry's smile (read once; none for an expiry
    /// under a minute away, marked at intrinsic), the quote value of positions in settled expiries, and the index in
    /// `book` of the nearest expiry at least a minute away (`type(uint256).max`: none).
    function _book(Account storage a, uint256 spotWad)
        private
        view
        returns (PortfolioRisk.ExpiryLegs[] memory book, int256 settledWad, uint256 nearest)
    {
        uint256[] memory packed = a.positions;
        uint256 count = packed.length;
        uint256[] memory expiries = new uint256[](count);
        uint256[] memory legCounts = new uint256[](count);
        uint256 live;
        for (uint256 i; i < count; ++i) {
            (SeriesId id, uint256 size, bool isLong) = _unpack(packed[i]);
            uint256 expiry = id.expiry();
            if (!(expiry > block.timestamp)) {
                uint256 priceWad = market.settledPrice(expiry);
                if (priceWad != 0) {
                    settledWad += _settledValueWad(id, size, isLong, priceWad, spotWad);
                    packed[i] = 0;
                    continue;
                }
            }
            uint256 j = _indexOfExpiry(expiries, live, expiry);
            if (j == live) {
                expiries[j] = expiry;
                ++live;
            }
            ++legCounts[j];
        }
        book = new PortfolioRisk.ExpiryLegs[](live);
        nearest = type(uint256).max;
        for (uint256 j; j < live; ++j) {
            uint256 timeSec = expiries[j] > block.timestamp ? expiries[j] - block.timestamp : 0;
            book[j].timeSec = timeSec;
            book[j].legs = new PortfolioRisk.Leg[](legCounts[j]);
            legCounts[j] = 0;
            if (timeSec < BlackScholes.MIN_TIME_SEC) continue;
            (book[j].smile,) = volatilityOracle.smile(expiries[j]);
            if (nearest == type(uint256).max || timeSec < book[nearest].timeSec) nearest = j;
        }
        for (uint256 i; i < count; ++i) {
            if (packed[i] == 0) continue;
            (SeriesId id, uint256 size, bool isLong) = _unpack(packed[i]);
            uint256 j = _indexOfExpiry(expiries, live, id.expiry());
            book[j].legs[legCounts[j]] = PortfolioRisk.Leg({
                strikeWad: id.strike(), isCall: id.isCall(), sizeWad: isLong ? int256(size) : -int256(size)
            });
            ++legCounts[j];
        }
    }

    /// @dev Quote value of a position of a settled expiry at `spotWad`: a long its payoff rounded down, a short minus
    /// its payoff rounded up (a call's payoff is base, valued at the spot).
    function _settledValueWad(SeriesId id, uint256 size, bool isLong, uint256 priceWad, uint256 spotWad)
        private
        pure
        returns (int256)
    {
        bool isCall = id.isCall();
        if (isLong) {
            uint256 payoff = OptionValuation.payoffWadDown(priceWad, id.strike(), isCall);
            return int256(FixedPointMathLib.mulWad(size, PortfolioRisk.quoteValueWad(payoff, spotWad, isCall, false)));
        }
        uint256 owed = OptionValuation.payoffWadUp(priceWad, id.strike(), isCall);
        return -int256(FixedPointMathLib.mulWadUp(size, PortfolioRisk.quoteValueWad(owed, spotWad, isCall, true)));
    }

    /// @dev Per-option mark of `id` at `spotWad`, collateral units (base for a call, quote for a put), rounded up.
    function _markWad(SeriesId id, uint256 spotWad, uint256 rateWad) private view returns (uint256) {
        uint256 expiry = id.expiry();
        uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        Svi.Params memory smile;
        if (!(timeSec < BlackScholes.MIN_TIME_SEC)) (smile,) = volatilityOracle.smile(expiry);
        return OptionValuation.markWad(smile, spotWad, id.strike(), timeSec, rateWad, id.isCall());
    }

    function _shockRule(PortfolioParams memory p) private pure returns (PortfolioRisk.ShockRule memory) {
        return PortfolioRisk.ShockRule({
            multiplierWad: p.shockMultiplierWad,
            horizonSec: p.shockHorizonSec,
            minShockWad: p.minSpotShockWad,
            maxShockWad: p.maxSpotShockWad
        });
    }

    // ---------------------------------------------------------------- liquidation internals

    /// @dev Moves `sizes` of `ids` from the account to the liquidator's, each on the side the account holds, and
    /// returns the net mark the account owes for them (shorts at their mark rounded up, less longs at theirs rounded
    /// down, wad of quote; calls priced at the high end of the range, puts at the low end: where each is worth most)
    /// and the gross mark moved.
    function _takeOver(
        uint256 accountId,
        Account storage a,
        uint256 liquidatorAccountId,
        Account storage liquidator,
        SeriesId[] calldata ids,
        uint256[] calldata sizes,
        uint256 lowWad,
        uint256 highWad
    ) private returns (int256 transferWad, uint256 grossWad) {
        uint256 rateWad = market.rateWad();
        for (uint256 k; k < ids.length; ++k) {
            SeriesId id = ids[k];
            uint256 expiry = id.expiry();
            if (!(expiry > block.timestamp) && market.settledPrice(expiry) != 0) revert ExpirySettled(expiry);
            bool isLong = _sideHeld(accountId, a, id);
            uint256 size = sizes[k];
            _reducePosition(accountId, a, id, size, isLong);
            _addPosition(liquidatorAccountId, liquidator, id, size, isLong);
            bool isCall = id.isCall();
            uint256 spotWad = isCall ? highWad : lowWad;
            uint256 markWad = _markWad(id, spotWad, rateWad);
            if (isLong) {
                uint256 valueWad = FixedPointMathLib.mulWad(
                    size, PortfolioRisk.quoteValueWad(markWad == 0 ? 0 : markWad - 1, spotWad, isCall, false)
                );
                transferWad -= int256(valueWad);
                grossWad += valueWad;
            } else {
                uint256 valueWad =
                    FixedPointMathLib.mulWadUp(size, PortfolioRisk.quoteValueWad(markWad, spotWad, isCall, true));
                transferWad += int256(valueWad);
                grossWad += valueWad;
            }
        }
    }

    /// @dev Pays the liquidator min(d·gross, ⅔·gain) from the account (quote first, then base at `lowWad`), a share f
    /// to the insurance fund. Why ⅔: paying b of value lowers the account's health by at most b·(1 + x) ≤ 1.5·b (base
    /// paid out was worth up to S·(1 + x) on the grid), so the health stays above where it was before the step.
    function _payBonus(
        uint256 accountId,
        Account storage a,
        uint256 liquidatorAccountId,
        Account storage liquidator,
        uint256 grossWad,
        int256 gainWad,
        uint256 lowWad
    ) private returns (uint256 bonusWad, uint256 insuranceWad) {
        PortfolioParams storage p = _params;
        bonusWad = FixedPointMathLib.min(
            FixedPointMathLib.mulWad(grossWad, p.liquidationDiscountWad), uint256(gainWad) * 2 / 3
        );
        uint256 available = FixedPointMathLib.mulWad(a.baseAssets * baseScale, lowWad) + a.quoteAssets * quoteScale;
        // A bonus is never a reason to revert: it is at most what the account still holds.
        bonusWad = FixedPointMathLib.min(bonusWad, available);
        if (bonusWad == 0) return (0, 0);
        (uint256 b, uint256 q) = _takeValue(accountId, a, bonusWad, lowWad);
        uint256 share = p.insuranceShareWad;
        uint256 insuredBase = FixedPointMathLib.mulWad(b, share);
        uint256 insuredQuote = FixedPointMathLib.mulWad(q, share);
        _insurance[1] += insuredBase;
        _insurance[0] += insuredQuote;
        insuranceWad = FixedPointMathLib.mulWad(insuredBase * baseScale, lowWad) + insuredQuote * quoteScale;
        _creditBoth(liquidatorAccountId, liquidator, b - insuredBase, q - insuredQuote);
    }

    /// @dev Takes `valueWad` of quote value from the account: its quote first, then base at `spotWad`, each rounded up
    /// (against the payer). Reverts `InsufficientCollateral` when both fall short.
    function _takeValue(uint256 accountId, Account storage a, uint256 valueWad, uint256 spotWad)
        private
        returns (uint256 baseTaken, uint256 quoteTaken)
    {
        uint256 heldQuote = a.quoteAssets;
        quoteTaken = FixedPointMathLib.divUp(valueWad, quoteScale);
        if (!(quoteTaken > heldQuote)) {
            // forge-lint: disable-next-line(unsafe-typecast)
            a.quoteAssets = uint128(heldQuote - quoteTaken);
            return (0, quoteTaken);
        }
        quoteTaken = heldQuote;
        uint256 restWad = valueWad - heldQuote * quoteScale;
        baseTaken = FixedPointMathLib.divUp(FixedPointMathLib.mulDivUp(restWad, WAD, spotWad), baseScale);
        uint256 heldBase = a.baseAssets;
        if (baseTaken > heldBase) revert InsufficientCollateral(accountId, true, heldBase, baseTaken);
        a.quoteAssets = 0;
        // forge-lint: disable-next-line(unsafe-typecast)
        a.baseAssets = uint128(heldBase - baseTaken);
    }

    // ---------------------------------------------------------------- settlement internals

    /// @dev Removes the account's positions of settled expiries: longs redeemed into its collateral, shorts' payoffs
    /// owed to the vaults (rounded up) and paid by `_payOwed` at the latest settlement price among them.
    function _settle(uint256 accountId, Account storage a) private {
        uint256[2] memory received;
        uint256[2] memory owed;
        uint256 latestExpiry;
        uint256 latestPriceWad;
        // Backwards, so that the swap-and-pop of a removal only moves a position already visited.
        for (uint256 i = a.positions.length; i != 0; --i) {
            (SeriesId id, uint256 size, bool isLong) = _unpack(a.positions[i - 1]);
            uint256 expiry = id.expiry();
            if (expiry > block.timestamp) continue;
            uint256 priceWad = market.settledPrice(expiry);
            if (priceWad == 0) continue;
            if (expiry > latestExpiry) (latestExpiry, latestPriceWad) = (expiry, priceWad);
            bool isBase = id.isCall();
            if (isLong) {
                received[_side(isBase)] += market.redeem(id, size, address(this));
            } else {
                owed[
                    _side(isBase)
                ] += FixedPointMathLib.mulDivUp(
                    size, OptionValuation.payoffWadUp(priceWad, id.strike(), isBase), WAD * _scale(isBase)
                );
            }
            _removeAt(a, i - 1);
        }
        if (latestExpiry == 0) return;
        _creditBoth(accountId, a, received[1], received[0]);
        (uint256[2] memory paid, uint256[2] memory fromFund) =
            _payOwed(accountId, a, owed, latestPriceWad, latestPriceWad);
        for (uint256 side; side < 2; ++side) {
            if (owed[side] == 0) continue;
            uint256 writtenOff = owed[side] - paid[side] - fromFund[side];
            market.settleReceivable(side == 1, paid[side] + fromFund[side], writtenOff);
        }
        emit AccountSettled(accountId, received[1], received[0], owed[1], owed[0]);
    }

    /// @dev Pays what the account owes each vault (`owed`, token units; index 0 quote, 1 base) and sends it there: its
    /// collateral of that asset; then a shortfall bought by the caller with the account's other asset (`_cover`, at
    /// `lowWad` for base paid out and `highWad` for quote paid out: against the account); then the insurance fund of
    /// the asset. Returns what the account paid and what the fund paid per asset; the rest is the vault's loss.
    function _payOwed(uint256 accountId, Account storage a, uint256[2] memory owed, uint256 lowWad, uint256 highWad)
        private
        returns (uint256[2] memory paid, uint256[2] memory fromFund)
    {
        for (uint256 side; side < 2; ++side) {
            if (owed[side] == 0) continue;
            bool isBase = side == 1;
            paid[side] = FixedPointMathLib.min(owed[side], _collateralOf(a, isBase));
            _debit(accountId, a, isBase, paid[side]);
        }
        for (uint256 side; side < 2; ++side) {
            uint256 shortfall = owed[side] - paid[side];
            if (shortfall == 0) continue;
            bool isBase = side == 1;
            paid[side] += _cover(accountId, a, isBase, shortfall, isBase ? highWad : lowWad);
            shortfall = owed[side] - paid[side];
            uint256 fund = _insurance[side];
            fromFund[side] = FixedPointMathLib.min(fund, shortfall);
            _insurance[side] = fund - fromFund[side];
            if (fromFund[side] != 0) emit BadDebtFromInsurance(accountId, isBase, fromFund[side]);
            if (shortfall != fromFund[side]) emit BadDebtFromVault(accountId, isBase, shortfall - fromFund[side]);
        }
        for (uint256 side; side < 2; ++side) {
            uint256 sent = paid[side] + fromFund[side];
            if (sent != 0) SafeTransferLib.safeTransfer(_asset(side == 1), _vault(side == 1), sent);
        }
    }

    /// @dev The caller buys up to `shortfall` of the owed asset (`owedIsBase`) from the account, paying it in (pulled
    /// from the caller into the engine) and receiving the account's other asset at `priceWad` (quote per base) plus
    /// the liquidation discount, rounded up for the caller's side of it. Returns how much of the owed asset it paid.
    function _cover(uint256 accountId, Account storage a, bool owedIsBase, uint256 shortfall, uint256 priceWad)
        private
        returns (uint256 covered)
    {
        uint256 held = _collateralOf(a, !owedIsBase);
        if (held == 0) return 0;
        uint256 d = _params.liquidationDiscountWad;
        uint256 given;
        if (owedIsBase) {
            // Quote wad per base wad, with the discount.
            uint256 perBaseWad = FixedPointMathLib.mulWadUp(priceWad, WAD + d);
            given = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(shortfall * baseScale, perBaseWad), quoteScale);
            covered = shortfall;
            if (given > held) {
                (given, covered) = (held, FixedPointMathLib.mulDiv(held * quoteScale, WAD, perBaseWad) / baseScale);
            }
        } else {
            // Base wad per quote wad, with the discount.
            uint256 perQuoteWad = FixedPointMathLib.divWadUp(WAD + d, priceWad);
            given = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(shortfall * quoteScale, perQuoteWad), baseScale);
            covered = shortfall;
            if (given > held) {
                (given, covered) = (held, FixedPointMathLib.mulDiv(held * baseScale, WAD, perQuoteWad) / quoteScale);
            }
        }
        if (covered == 0) return 0;
        _debit(accountId, a, !owedIsBase, given);
        SafeTransferLib.safeTransferFrom(_asset(owedIsBase), msg.sender, address(this), covered);
        SafeTransferLib.safeTransfer(_asset(!owedIsBase), msg.sender, given);
        emit ShortfallCovered(accountId, msg.sender, owedIsBase, covered, given, priceWad);
    }

    // ---------------------------------------------------------------- positions and collateral

    /// @dev Adds `size` to the account's position in `id` on the given side, or appends one.
    function _addPosition(uint256 accountId, Account storage a, SeriesId id, uint256 size, bool isLong) private {
        if (size == 0 || size > MAX_POSITION_SIZE) revert InvalidSize(size);
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId held, uint256 heldSize, bool heldLong) = _unpack(a.positions[i]);
            if (SeriesId.unwrap(held) != SeriesId.unwrap(id)) continue;
            if (heldLong != isLong) revert OppositePosition(accountId, id);
            uint256 total = heldSize + size;
            if (total > MAX_POSITION_SIZE) revert InvalidSize(total);
            a.positions[i] = _pack(id, total, isLong);
            return;
        }
        if (count == MAX_POSITIONS) revert TooManyPositions(accountId);
        a.positions.push(_pack(id, size, isLong));
    }

    /// @dev Removes `size` from the account's position in `id` on the given side, and the position once empty.
    function _reducePosition(uint256 accountId, Account storage a, SeriesId id, uint256 size, bool isLong) private {
        if (size == 0) revert InvalidSize(size);
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId held, uint256 heldSize, bool heldLong) = _unpack(a.positions[i]);
            if (SeriesId.unwrap(held) != SeriesId.unwrap(id) || heldLong != isLong) continue;
            if (size > heldSize) revert InvalidSize(size);
            // Unchecked: size ≤ heldSize.
            unchecked {
                if (size == heldSize) _removeAt(a, i);
                else a.positions[i] = _pack(id, heldSize - size, isLong);
            }
            return;
        }
        revert PositionNotFound(accountId, id, isLong);
    }

    /// @dev The side the account holds `id` on; reverts `PositionNotFound`.
    function _sideHeld(uint256 accountId, Account storage a, SeriesId id) private view returns (bool isLong) {
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId held,, bool heldLong) = _unpack(a.positions[i]);
            if (SeriesId.unwrap(held) == SeriesId.unwrap(id)) return heldLong;
        }
        revert PositionNotFound(accountId, id, false);
    }

    /// @dev `id | size << ID_BITS | side << 255`: listed ids are canonical (below 2^ID_BITS; the market reverts on
    /// any other) and sizes at most `MAX_POSITION_SIZE`, so no field spills into another.
    function _pack(SeriesId id, uint256 size, bool isLong) private pure returns (uint256) {
        return SeriesId.unwrap(id) | size << SeriesIdLib.ID_BITS | (isLong ? LONG_FLAG : 0);
    }

    function _unpack(uint256 packed) private pure returns (SeriesId id, uint256 size, bool isLong) {
        id = SeriesId.wrap(packed & ID_MASK);
        size = (packed & ~LONG_FLAG) >> SeriesIdLib.ID_BITS;
        isLong = packed & LONG_FLAG != 0;
    }

    /// @dev Removes the position at `index` by moving the last one into its place.
    function _removeAt(Account storage a, uint256 index) private {
        uint256 last = a.positions.length - 1;
        if (index != last) a.positions[index] = a.positions[last];
        a.positions.pop();
    }

    /// @dev Index of `expiry` among the first `count` of `expiries`, or `count` when absent.
    function _indexOfExpiry(uint256[] memory expiries, uint256 count, uint256 expiry) private pure returns (uint256 j) {
        while (j < count && expiries[j] != expiry) ++j;
    }

    function _collateralOf(Account storage a, bool isBase) private view returns (uint256) {
        return isBase ? a.baseAssets : a.quoteAssets;
    }

    /// @dev Adds `assets` to the account's base or quote collateral; reverts `CollateralTooLarge` above the maximum.
    function _credit(uint256 accountId, Account storage a, bool isBase, uint256 assets) private {
        uint256 total = _collateralOf(a, isBase) + assets;
        if (total > MAX_COLLATERAL) revert CollateralTooLarge(accountId, total);
        // forge-lint: disable-next-line(unsafe-typecast)
        if (isBase) a.baseAssets = uint128(total);
        // forge-lint: disable-next-line(unsafe-typecast)
        else a.quoteAssets = uint128(total);
    }

    function _creditBoth(uint256 accountId, Account storage a, uint256 baseAssets_, uint256 quoteAssets_) private {
        if (baseAssets_ != 0) _credit(accountId, a, true, baseAssets_);
        if (quoteAssets_ != 0) _credit(accountId, a, false, quoteAssets_);
    }

    /// @dev Removes `assets` from the account's base or quote collateral; reverts `InsufficientCollateral`.
    function _debit(uint256 accountId, Account storage a, bool isBase, uint256 assets) private {
        uint256 held = _collateralOf(a, isBase);
        if (assets > held) revert InsufficientCollateral(accountId, isBase, held, assets);
        // forge-lint: disable-next-line(unsafe-typecast)
        if (isBase) a.baseAssets = uint128(held - assets);
        // forge-lint: disable-next-line(unsafe-typecast)
        else a.quoteAssets = uint128(held - assets);
    }

    function _existing(uint256 accountId) private view returns (Account storage a) {
        a = _accounts[accountId];
        if (a.owner == address(0)) revert AccountNotFound(accountId);
    }

    function _authorized(uint256 accountId) private view returns (Account storage a) {
        a = _existing(accountId);
        address owner = a.owner;
        if (msg.sender != owner && !isOperator[owner][msg.sender]) revert NotAuthorized(msg.sender, accountId);
    }

    /// @dev Index 1: base (the call side), 0: quote (the put side).
    function _side(bool isBase) private pure returns (uint256) {
        return isBase ? 1 : 0;
    }

    function _asset(bool isBase) private view returns (address) {
        return isBase ? baseAsset : quoteAsset;
    }

    function _scale(bool isBase) private view returns (uint256) {
        return isBase ? baseScale : quoteScale;
    }

    function _vault(bool isBase) private view returns (address) {
        return isBase ? callVault : putVault;
    }

    function _setPortfolioParams(PortfolioParams memory p) private {
        ParameterBounds.check(p.spotIntervals, PortfolioRisk.MIN_SPOT_INTERVALS, PortfolioRisk.MAX_SPOT_INTERVALS);
        ParameterBounds.check(p.volShockWad, 0, PortfolioRisk.MAX_VOL_SHOCK);
        ParameterBounds.check(p.shockMultiplierWad, PortfolioRisk.MIN_MULTIPLIER, PortfolioRisk.MAX_MULTIPLIER);
        ParameterBounds.check(p.shockHorizonSec, PortfolioRisk.MIN_HORIZON_SEC, PortfolioRisk.MAX_HORIZON_SEC);
        ParameterBounds.check(p.maxSpotShockWad, PortfolioRisk.MIN_SPOT_SHOCK, PortfolioRisk.MAX_SPOT_SHOCK);
        ParameterBounds.check(p.minSpotShockWad, PortfolioRisk.MIN_SPOT_SHOCK, p.maxSpotShockWad);
        ParameterBounds.check(p.floorShareWad, 0, MAX_FLOOR_SHARE);
        ParameterBounds.check(p.maintenanceRatioWad, MIN_MAINTENANCE_RATIO, MAX_MAINTENANCE_RATIO);
        ParameterBounds.check(p.baseHaircutWad, 0, MAX_BASE_HAIRCUT);
        ParameterBounds.check(p.quoteHaircutWad, 0, MAX_QUOTE_HAIRCUT);
        ParameterBounds.check(p.liquidationDiscountWad, 0, MAX_LIQUIDATION_DISCOUNT);
        ParameterBounds.check(p.insuranceShareWad, 0, MAX_INSURANCE_SHARE);
        _params = p;
        emit PortfolioParamsSet(p);
    }
}
