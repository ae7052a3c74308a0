// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IMarginEngine} from "../interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IOptionPricer} from "../interfaces/IOptionPricer.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../interfaces/IVolatilityOracle.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {OptionValuation} from "../libraries/OptionValuation.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {Svi} from "../libraries/Svi.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title MarginEngine
/// @notice Margin accounts writing options to one market's vaults (see `IMarginEngine` for the margin model).
/// @dev Accounts. One collateral asset each (calls: base, puts: quote), so every account's positions are all calls or
/// all puts and its worst scenario is one corner of the grid (the argument is on `IMarginEngine`): a margin check
/// costs two Black-Scholes marks per position. At most `MAX_POSITIONS` series per account bounds that cost.
///
/// Liquidation is a takeover: the liquidator's own account of the same collateral takes over part of a short and is
/// paid its mark plus a bonus from the liquidated account; it needs no market trade, so it works at any time (also in
/// the last hour before expiry, when the market no longer trades) and does not move the vault's inventory. The bonus
/// is at most d·mark, at most what shedding the position gains the account's health (so health never falls), and at
/// most what the account holds beyond the mark; a share f of it goes to the insurance fund. A step may take any part
/// of one position while the account is below MM: the liquidator, not the engine, sizes the step.
///
/// Bad debt. An account whose collateral is below the mark of its shorts is not liquidated but resolved: its shorts
/// are cancelled against the vault, which is paid their mark from the collateral, then from the insurance fund of that
/// asset, and bears the rest. At settlement an account pays what its settled positions owe from its collateral, then
/// from the fund; the rest is written off the vault's receivable. Each step emits an event; no other account pays.
///
/// Oracles. Every margin check reads the spot and the smiles through the market's oracles; their custom errors stop
/// withdrawals with positions, writes, liquidations and bad-debt resolution, which resume once the price is valid.
/// Deposits, closes' accounting and settlement at the fixed settlement price do not need the spot. In the oracle's
/// degraded mode (`ISpotOracleRouter`: the sources disagree beyond the strict bound, within the degraded one) writes
/// and withdrawals wait, while liquidations, bad-debt resolution and closes go on at the end of the price range
/// where the account's shorts are worth most (`_context`).
contract MarginEngine is IMarginEngine, Ownable2Step, ReentrancyGuardTransient {
    /// @notice Most series an account may be short: each costs two marks per margin check (~20k gas), so four keep a
    /// check near 80k gas and a liquidation step (two accounts) under ~200k.
    uint256 public constant MAX_POSITIONS = 4;
    /// @notice Spot shock x in [5 %, 50 %]: at least a normal day's move, at most a crash that keeps the put side's
    /// shocked spot positive and inside Black-Scholes' moneyness range for the listed strikes.
    uint256 public constant MIN_SPOT_SHOCK = 0.05e18;
    uint256 public constant MAX_SPOT_SHOCK = 0.5e18;
    /// @notice Relative vol shock y in [0, 100 %] (σ → σ·(1 + y)).
    uint256 public constant MAX_VOL_SHOCK = 1e18;
    /// @notice Per-option floor in [0, 20 %] of the maximum payoff.
    uint256 public constant MAX_FLOOR_SHARE = 0.2e18;
    /// @notice MM/IM in [50 %, 95 %]: a buffer between the two, and a real one below IM.
    uint256 public constant MIN_MAINTENANCE_RATIO = 0.5e18;
    uint256 public constant MAX_MAINTENANCE_RATIO = 0.95e18;
    /// @notice Liquidation bonus at most 20 % of the mark taken over.
    uint256 public constant MAX_LIQUIDATION_DISCOUNT = 0.2e18;
    /// @notice Share of the bonus to the insurance fund: [0, 100 %].
    uint256 public constant MAX_INSURANCE_SHARE = 1e18;
    /// @notice Largest position, wad of options (2^87 − 1, about 1.5e8 options): a position is one storage slot, the
    /// series id in its low 169 bits (`SeriesIdLib.ID_BITS`) and the size above, so a margin check reads one slot per
    /// position (4.2k gas less for four positions than two slots each).
    uint256 public constant MAX_POSITION_SIZE = (1 << (256 - SeriesIdLib.ID_BITS)) - 1;

    /// @notice Most collateral one account may hold, token units (2^88 − 1: about 3.1e8 whole tokens of 18 decimals):
    /// it shares its account's first slot with the owner, so a margin check reads one slot less.
    uint256 public constant MAX_COLLATERAL = type(uint88).max;

    /// @dev 1.0 in wad.
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IMarginEngine
    IOptionMarket public immutable market;
    /// @dev The market's oracles and pricer (immutable there too), and its two assets with their wad scales.
    ISpotOracle private immutable spotOracle;
    IVolatilityOracle private immutable volatilityOracle;
    IOptionPricer private immutable pricer;
    address private immutable callAsset;
    address private immutable putAsset;
    address private immutable callVault;
    address private immutable putVault;
    uint256 private immutable callScale;
    uint256 private immutable putScale;

    /// @dev One account: its owner (zero: none), side and collateral (token units, at most `MAX_COLLATERAL`) in one
    /// slot, and its shorts, each packed in one slot (`_pack`).
    struct Account {
        address owner;
        bool isCall;
        uint88 collateralAssets;
        uint256[] positions;
    }

    /// @dev What a margin check reads once: spot, its shocked value, rate, the vol scale (1 + y)², one smile (plain
    /// and shocked) cached across positions of the same expiry, and the values of one series already priced with
    /// this context (`pricedId`, 0: none), which a liquidation step reuses for the liquidator's check.
    struct Context {
        bool isCall;
        uint256 spotWad;
        uint256 shockedSpotWad;
        uint256 rateWad;
        uint256 varianceScaleWad;
        uint256 floorShareWad;
        uint256 smileExpiry;
        Svi.Params smile;
        Svi.Params shockedSmile;
        uint256 pricedId;
        uint256 pricedValue;
        uint256 pricedShocked;
    }

    MarginParams private _params;
    mapping(uint256 accountId => Account) private _accounts;
    /// @notice Accounts opened so far; ids are 1 to `accountCount`.
    uint256 public accountCount;
    /// @inheritdoc IMarginEngine
    mapping(address owner => mapping(address operator => bool)) public isOperator;
    /// @dev Index 0: puts (quote), 1: calls (base), as in the market.
    uint256[2] private _insurance;

    /// @param owner_ Sets the margin parameters. @param market_ The market (it must then `setMarginEngine(this)`).
    /// @param params Initial margin parameters.
    constructor(address owner_, IOptionMarket market_, MarginParams memory params) Ownable(owner_) {
        market = market_;
        spotOracle = market_.spotOracle();
        volatilityOracle = market_.volatilityOracle();
        pricer = market_.pricer();
        callVault = address(market_.callVault());
        putVault = address(market_.putVault());
        callAsset = ICollateralVault(callVault).asset();
        putAsset = ICollateralVault(putVault).asset();
        callScale = 10 ** (18 - IERC20Metadata(callAsset).decimals());
        putScale = 10 ** (18 - IERC20Metadata(putAsset).decimals());
        // The market pulls buy-back premiums from the engine, each bounded by the account it is paid for.
        SafeTransferLib.safeApprove(callAsset, address(market_), type(uint256).max);
        SafeTransferLib.safeApprove(putAsset, address(market_), type(uint256).max);
        _setMarginParams(params);
    }

    // ---------------------------------------------------------------- accounts

    /// @inheritdoc IMarginEngine
    function openAccount(bool isCall) external returns (uint256 accountId) {
        accountId = ++accountCount;
        Account storage a = _accounts[accountId];
        a.owner = msg.sender;
        a.isCall = isCall;
        emit AccountOpened(accountId, msg.sender, isCall);
    }

    /// @inheritdoc IMarginEngine
    function setOperator(address operator, bool approved) external {
        isOperator[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IMarginEngine
    function deposit(uint256 accountId, uint256 assets) external nonReentrant {
        Account storage a = _existing(accountId);
        _credit(accountId, a, assets);
        SafeTransferLib.safeTransferFrom(_asset(a.isCall), msg.sender, address(this), assets);
        emit Deposited(accountId, msg.sender, assets);
    }

    /// @inheritdoc IMarginEngine
    function withdraw(uint256 accountId, uint256 assets, address receiver) external nonReentrant {
        Account storage a = _authorized(accountId);
        uint256 collateral = a.collateralAssets;
        if (assets > collateral) revert InsufficientCollateral(collateral, assets);
        // forge-lint: disable-next-line(unsafe-typecast)
        a.collateralAssets = uint88(collateral - assets);
        if (a.positions.length != 0) _checkInitialMargin(accountId, a, _context(a.isCall, false));
        SafeTransferLib.safeTransfer(_asset(a.isCall), receiver, assets);
        emit Withdrawn(accountId, receiver, assets);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc IMarginEngine
    function write(uint256 accountId, SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        if (id.isCall() != a.isCall) revert CollateralMismatch(accountId, id);
        _addPosition(accountId, a, id, size);
        premiumAssets = market.write(id, size, minPremiumAssets, deadline);
        _credit(accountId, a, premiumAssets);
        _checkInitialMargin(accountId, a, _context(a.isCall, false));
        emit OptionsWritten(accountId, id, size, premiumAssets);
    }

    /// @inheritdoc IMarginEngine
    function close(uint256 accountId, SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        Account storage a = _authorized(accountId);
        _reducePosition(accountId, a, _indexOf(accountId, a, id), size);
        uint256 collateral = a.collateralAssets;
        // The market pulls the premium from the engine: never more than this account holds.
        premiumAssets = market.buyBack(id, size, FixedPointMathLib.min(maxPremiumAssets, collateral), deadline);
        // forge-lint: disable-next-line(unsafe-typecast)
        a.collateralAssets = uint88(collateral - premiumAssets);
        emit OptionsClosed(accountId, id, size, premiumAssets);
    }

    // ---------------------------------------------------------------- liquidation

    /// @inheritdoc IMarginEngine
    // solhint-disable-next-line function-max-lines
    function liquidate(uint256 accountId, SeriesId id, uint256 size, uint256 liquidatorAccountId)
        external
        nonReentrant
        returns (uint256 paidAssets)
    {
        if (accountId == liquidatorAccountId) revert SelfLiquidation(accountId);
        Account storage liquidator = _authorized(liquidatorAccountId);
        Account storage a = _existing(accountId);
        bool isCall = a.isCall;
        if (liquidator.isCall != isCall) revert CollateralMismatch(liquidatorAccountId, id);
        uint256 index = _indexOf(accountId, a, id);
        (, uint256 held) = _unpack(a.positions[index]);
        // A step larger than the position takes what is left: an owner's 1-wei close cannot make it revert.
        size = FixedPointMathLib.min(size, held);

        Context memory c = _context(isCall, true);
        (uint256 markWad, uint256 imWad, uint256 value, uint256 shocked) = _sum(c, a, index);
        // The liquidator's check below prices this series again with the same context: same values.
        (c.pricedId, c.pricedValue, c.pricedShocked) = (SeriesId.unwrap(id), value, shocked);
        uint256 collateral = a.collateralAssets;
        uint256 scale = _scale(isCall);
        uint256 bonus;
        uint256 cost;
        {
            uint256 markAssets = FixedPointMathLib.divUp(markWad, scale);
            uint256 maintenance = markAssets + _maintenanceOf(imWad, scale);
            if (!(collateral < maintenance)) revert AccountHealthy(accountId, collateral, maintenance);
            if (collateral < markAssets) revert AccountInsolvent(accountId, collateral, markAssets);
            // Reverts `InvalidSize` on zero; `size` is at most the position.
            _reducePosition(accountId, a, index, size);

            // The account after the step, with the same terms a fresh margin check would sum.
            uint256 maxPayoff = OptionValuation.maxPayoffWad(id.strike(), isCall);
            (uint256 markBefore, uint256 imBefore) = _terms(c, value, shocked, held, maxPayoff);
            (uint256 markAfter, uint256 imAfter) = _terms(c, value, shocked, held - size, maxPayoff);
            cost = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(size, value), scale);
            // Health = collateral − mark − MM. Paying `cost` and shedding the position raises it by `maintenance` −
            // (cost + mark' + MM'): the most the bonus may take. cost ≤ markAssets ≤ collateral: the position's own
            // mark is part of the account's. A step so small that the rounded-up cost outweighs what it sheds (a few
            // wei of options) would lower the health by rounding: refused.
            uint256 requiredAfter = cost + FixedPointMathLib.divUp(markWad - markBefore + markAfter, scale)
                + _maintenanceOf(imWad - imBefore + imAfter, scale);
            if (requiredAfter > maintenance) revert InvalidSize(size);
            uint256 gain = maintenance - requiredAfter;
            bonus = FixedPointMathLib.min(
                FixedPointMathLib.min(FixedPointMathLib.mulWad(cost, _params.liquidationDiscountWad), gain),
                collateral - cost
            );
        }
        uint256 insurance = FixedPointMathLib.mulWad(bonus, _params.insuranceShareWad);
        paidAssets = cost + bonus - insurance;
        // forge-lint: disable-next-line(unsafe-typecast)
        a.collateralAssets = uint88(collateral - cost - bonus);
        _credit(liquidatorAccountId, liquidator, paidAssets);
        if (insurance != 0) _insurance[_side(isCall)] += insurance;

        _addPosition(liquidatorAccountId, liquidator, id, size);
        _checkInitialMargin(liquidatorAccountId, liquidator, c);
        emit Liquidated(accountId, liquidatorAccountId, id, size, paidAssets, insurance);
    }

    // ---------------------------------------------------------------- settlement and bad debt

    /// @inheritdoc IMarginEngine
    function settleAccount(uint256 accountId) external nonReentrant {
        _settle(accountId, _existing(accountId));
    }

    /// @inheritdoc IMarginEngine
    function resolveBadDebt(uint256 accountId) external nonReentrant {
        Account storage a = _existing(accountId);
        _settle(accountId, a);
        bool isCall = a.isCall;
        Context memory c = _context(isCall, true);
        uint256 scale = _scale(isCall);
        uint256 count = a.positions.length;
        uint256[] memory positions = a.positions;
        uint256[] memory marks = new uint256[](count);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            (SeriesId id, uint256 size) = _unpack(positions[i]);
            (uint256 value,) = _values(c, id);
            marks[i] = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(size, value), scale);
            total += marks[i];
        }
        uint256 collateral = a.collateralAssets;
        if (!(collateral < total)) revert AccountSolvent(accountId, collateral, total);

        uint256 side = _side(isCall);
        uint256 fund = _insurance[side];
        uint256 fromFund = FixedPointMathLib.min(fund, total - collateral);
        _insurance[side] = fund - fromFund;
        a.collateralAssets = 0;
        delete a.positions;
        uint256 available = collateral + fromFund;
        if (available != 0) SafeTransferLib.safeTransfer(_asset(isCall), _vault(isCall), available);
        for (uint256 i; i < count; ++i) {
            uint256 pay = FixedPointMathLib.min(available, marks[i]);
            available -= pay;
            (SeriesId id, uint256 size) = _unpack(positions[i]);
            market.cancelWritten(id, size, pay);
        }
        _emitBadDebt(accountId, isCall, fromFund, total - collateral - fromFund);
    }

    /// @inheritdoc IMarginEngine
    function fundInsurance(bool isCall, uint256 assets) external nonReentrant {
        _insurance[_side(isCall)] += assets;
        SafeTransferLib.safeTransferFrom(_asset(isCall), msg.sender, address(this), assets);
        emit InsuranceFunded(msg.sender, isCall, assets);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IMarginEngine
    function setMarginParams(MarginParams calldata params) external onlyOwner {
        _setMarginParams(params);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IMarginEngine
    function marginOf(uint256 accountId) external view returns (Margin memory m) {
        Account storage a = _existing(accountId);
        m.collateralAssets = a.collateralAssets;
        if (a.positions.length == 0) return m;
        (uint256 markWad, uint256 imWad,,) = _sum(_context(a.isCall, true), a, type(uint256).max);
        uint256 scale = _scale(a.isCall);
        m.markAssets = FixedPointMathLib.divUp(markWad, scale);
        m.initialMarginAssets = FixedPointMathLib.divUp(imWad, scale);
        m.maintenanceMarginAssets = _maintenanceOf(imWad, scale);
    }

    /// @inheritdoc IMarginEngine
    function accountInfo(uint256 accountId) external view returns (address owner, bool isCall) {
        Account storage a = _accounts[accountId];
        return (a.owner, a.isCall);
    }

    /// @inheritdoc IMarginEngine
    function positionsOf(uint256 accountId) external view returns (Position[] memory positions) {
        uint256[] storage packed = _accounts[accountId].positions;
        positions = new Position[](packed.length);
        for (uint256 i; i < positions.length; ++i) {
            (SeriesId id, uint256 size) = _unpack(packed[i]);
            // forge-lint: disable-next-line(unsafe-typecast)
            positions[i] = Position({id: id, size: uint128(size)});
        }
    }

    /// @inheritdoc IMarginEngine
    function insuranceAssets(bool isCall) external view returns (uint256) {
        return _insurance[_side(isCall)];
    }

    /// @inheritdoc IMarginEngine
    function marginParams() external view returns (MarginParams memory) {
        return _params;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Pays what the account's positions of settled expiries owe the vault: collateral, then insurance fund,
    /// then written off the vault's receivable. Removes those positions.
    function _settle(uint256 accountId, Account storage a) private {
        bool isCall = a.isCall;
        uint256 scale = _scale(isCall);
        uint256 owed;
        bool any;
        // Backwards, so that the swap-and-pop of a removal only moves a position already visited.
        for (uint256 i = a.positions.length; i != 0; --i) {
            (SeriesId id, uint256 size) = _unpack(a.positions[i - 1]);
            uint256 priceWad = market.settledPrice(id.expiry());
            if (priceWad == 0) continue;
            any = true;
            // What the account owes is rounded up; the vault's receivable was rounded down.
            owed += FixedPointMathLib.mulDivUp(
                size, OptionValuation.payoffWadUp(priceWad, id.strike(), isCall), WAD * scale
            );
            _removeAt(a, i - 1);
        }
        if (!any) return;
        uint256 collateral = a.collateralAssets;
        uint256 paid = FixedPointMathLib.min(collateral, owed);
        // forge-lint: disable-next-line(unsafe-typecast)
        a.collateralAssets = uint88(collateral - paid);
        uint256 side = _side(isCall);
        uint256 fund = _insurance[side];
        uint256 fromFund = FixedPointMathLib.min(fund, owed - paid);
        _insurance[side] = fund - fromFund;
        uint256 writtenOff = owed - paid - fromFund;
        if (paid + fromFund != 0) SafeTransferLib.safeTransfer(_asset(isCall), _vault(isCall), paid + fromFund);
        market.settleReceivable(isCall, paid + fromFund, writtenOff);
        emit AccountSettled(accountId, owed, paid);
        _emitBadDebt(accountId, isCall, fromFund, writtenOff);
    }

    function _emitBadDebt(uint256 accountId, bool isCall, uint256 fromFund, uint256 fromVault) private {
        if (fromFund != 0) emit BadDebtFromInsurance(accountId, isCall, fromFund);
        if (fromVault != 0) emit BadDebtFromVault(accountId, isCall, fromVault);
    }

    /// @dev Reverts `BelowInitialMargin` unless collateral ≥ mark + IM.
    function _checkInitialMargin(uint256 accountId, Account storage a, Context memory c) private view {
        (uint256 markWad, uint256 imWad,,) = _sum(c, a, type(uint256).max);
        uint256 scale = _scale(c.isCall);
        uint256 required = FixedPointMathLib.divUp(markWad, scale) + FixedPointMathLib.divUp(imWad, scale);
        uint256 collateral = a.collateralAssets;
        if (collateral < required) revert BelowInitialMargin(accountId, collateral, required);
    }

    /// @dev The account's mark and IM, wad of collateral, and the per-option value and shocked value of the position
    /// at `index` (none when out of range).
    function _sum(Context memory c, Account storage a, uint256 index)
        private
        view
        returns (uint256 markWad, uint256 imWad, uint256 valueAt, uint256 shockedAt)
    {
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId id, uint256 size) = _unpack(a.positions[i]);
            (uint256 value, uint256 shocked) = _values(c, id);
            (uint256 m, uint256 im) =
                _terms(c, value, shocked, size, OptionValuation.maxPayoffWad(id.strike(), c.isCall));
            markWad += m;
            imWad += im;
            if (i == index) (valueAt, shockedAt) = (value, shocked);
        }
    }

    /// @dev One position's mark and IM, wad: mark = size·value (up); IM = size·(shocked − value) + size·floor, at most
    /// size·maxPayoff − mark (an account holding the maximum payoff always meets IM).
    function _terms(Context memory c, uint256 value, uint256 shocked, uint256 size, uint256 maxPayoffWad)
        private
        pure
        returns (uint256 markWad, uint256 imWad)
    {
        markWad = FixedPointMathLib.mulWadUp(size, value);
        uint256 loss = shocked > value ? FixedPointMathLib.mulWadUp(size, shocked - value) : 0;
        uint256 floorWad = FixedPointMathLib.mulWadUp(size, FixedPointMathLib.mulWadUp(c.floorShareWad, maxPayoffWad));
        uint256 maxWad = FixedPointMathLib.mulWad(size, maxPayoffWad);
        imWad = FixedPointMathLib.min(loss + floorWad, maxWad > markWad ? maxWad - markWad : 0);
    }

    /// @dev Value of one option of `id` now and in the account's worst scenario, wad of collateral, rounded up. Within
    /// a minute of expiry (or after it) the options are worth their intrinsic value, at the settlement price once
    /// fixed (no risk left) or at the spot and the shocked spot before; no smile is read for them.
    function _values(Context memory c, SeriesId id) private view returns (uint256 value, uint256 shocked) {
        if (SeriesId.unwrap(id) == c.pricedId) return (c.pricedValue, c.pricedShocked);
        uint256 expiry = id.expiry();
        uint256 strikeWad = id.strike();
        uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        if (timeSec < BlackScholes.MIN_TIME_SEC) {
            uint256 settled = market.settledPrice(expiry);
            if (settled != 0) {
                value = OptionValuation.payoffWadUp(settled, strikeWad, c.isCall);
                return (value, value);
            }
            return (
                OptionValuation.payoffWadUp(c.spotWad, strikeWad, c.isCall),
                OptionValuation.payoffWadUp(c.shockedSpotWad, strikeWad, c.isCall)
            );
        }
        if (expiry != c.smileExpiry) {
            (c.smile,) = volatilityOracle.smile(expiry);
            // (1 + y)² scales the total variance at every k exactly: w is linear in a and b. A negative a rounds
            // toward zero, which only raises the shocked variance.
            c.shockedSmile = Svi.Params({
                a: c.smile.a * int256(c.varianceScaleWad) / int256(WAD),
                b: FixedPointMathLib.mulWadUp(c.smile.b, c.varianceScaleWad),
                rho: c.smile.rho,
                m: c.smile.m,
                sigma: c.smile.sigma
            });
            c.smileExpiry = expiry;
        }
        (value, shocked) = pricer.markPair(
            c.smile, c.shockedSmile, c.spotWad, c.shockedSpotWad, strikeWad, timeSec, c.rateWad, c.isCall
        );
    }

    /// @dev Reads the spot (the oracle's error on a bad price) and the parameters for a margin check of one side.
    /// Checks before an action that adds risk (write, withdraw) read the strict `spot()`. Those of actions that reduce
    /// it (`riskReducing`: liquidation, bad-debt resolution, and `marginOf`, the view liquidators decide on) go on in
    /// the oracle's degraded mode at the end of `spotRange()` where the account's shorts are worth most: the high end
    /// for a call account, the low end for a put account (the same direction as its worst corner). While the sources
    /// agree both are `spot()`.
    function _context(bool isCall, bool riskReducing) private view returns (Context memory c) {
        // Field by field: the shocks and the floor share one slot, the liquidation terms (not needed here) the other.
        MarginParams storage p = _params;
        c.isCall = isCall;
        if (riskReducing) {
            (uint256 lowWad, uint256 highWad,) = spotOracle.spotRange();
            c.spotWad = isCall ? highWad : lowWad;
        } else {
            (c.spotWad,) = spotOracle.spot();
        }
        // A call account's worst spot is the highest, a put account's the lowest (see `IMarginEngine`).
        c.shockedSpotWad = isCall
            ? FixedPointMathLib.mulWadUp(c.spotWad, WAD + p.spotShockWad)
            : FixedPointMathLib.mulWad(c.spotWad, WAD - p.spotShockWad);
        c.rateWad = market.rateWad();
        uint256 volScale = WAD + p.volShockWad;
        c.varianceScaleWad = FixedPointMathLib.mulWadUp(volScale, volScale);
        c.floorShareWad = p.floorShareWad;
    }

    /// @dev MM = m·IM, token units, rounded up.
    function _maintenanceOf(uint256 imWad, uint256 scale) private view returns (uint256) {
        return FixedPointMathLib.mulWadUp(FixedPointMathLib.divUp(imWad, scale), _params.maintenanceRatioWad);
    }

    /// @dev Adds `assets` to the account's collateral; reverts `CollateralTooLarge` above `MAX_COLLATERAL`.
    function _credit(uint256 accountId, Account storage a, uint256 assets) private {
        uint256 total = a.collateralAssets + assets;
        if (total > MAX_COLLATERAL) revert CollateralTooLarge(accountId, total);
        // forge-lint: disable-next-line(unsafe-typecast)
        a.collateralAssets = uint88(total);
    }

    /// @dev Adds `size` of `id` to the account: merged into its position in `id` or appended.
    function _addPosition(uint256 accountId, Account storage a, SeriesId id, uint256 size) private {
        if (size == 0 || size > MAX_POSITION_SIZE) revert InvalidSize(size);
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId held, uint256 heldSize) = _unpack(a.positions[i]);
            if (SeriesId.unwrap(held) == SeriesId.unwrap(id)) {
                uint256 total = heldSize + size;
                if (total > MAX_POSITION_SIZE) revert InvalidSize(total);
                a.positions[i] = _pack(id, total);
                return;
            }
        }
        if (count == MAX_POSITIONS) revert TooManyPositions(accountId);
        a.positions.push(_pack(id, size));
    }

    /// @dev Removes `size` from the position at `index`, and the position once empty.
    function _reducePosition(uint256 accountId, Account storage a, uint256 index, uint256 size) private {
        if (size == 0) revert InvalidSize(size);
        (SeriesId id, uint256 held) = _unpack(a.positions[index]);
        if (size > held) revert PositionNotFound(accountId, id);
        // Unchecked: size ≤ held.
        unchecked {
            if (size == held) _removeAt(a, index);
            else a.positions[index] = _pack(id, held - size);
        }
    }

    /// @dev One slot per position: `id | size << ID_BITS`. Every id the market lists is canonical (below
    /// 2^ID_BITS; `market.write` reverts otherwise, undoing the position), and `_addPosition` keeps the size at most
    /// `MAX_POSITION_SIZE`, so neither field spills into the other.
    function _pack(SeriesId id, uint256 size) private pure returns (uint256) {
        return SeriesId.unwrap(id) | size << SeriesIdLib.ID_BITS;
    }

    function _unpack(uint256 packed) private pure returns (SeriesId id, uint256 size) {
        id = SeriesId.wrap(packed & ((1 << SeriesIdLib.ID_BITS) - 1));
        size = packed >> SeriesIdLib.ID_BITS;
    }

    /// @dev Removes the position at `index` by moving the last one into its place.
    function _removeAt(Account storage a, uint256 index) private {
        uint256 last = a.positions.length - 1;
        if (index != last) a.positions[index] = a.positions[last];
        a.positions.pop();
    }

    /// @dev The index of the account's position in `id`; reverts `PositionNotFound`.
    function _indexOf(uint256 accountId, Account storage a, SeriesId id) private view returns (uint256) {
        uint256 count = a.positions.length;
        for (uint256 i; i < count; ++i) {
            (SeriesId held,) = _unpack(a.positions[i]);
            if (SeriesId.unwrap(held) == SeriesId.unwrap(id)) return i;
        }
        revert PositionNotFound(accountId, id);
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

    function _side(bool isCall) private pure returns (uint256) {
        return isCall ? 1 : 0;
    }

    function _asset(bool isCall) private view returns (address) {
        return isCall ? callAsset : putAsset;
    }

    function _scale(bool isCall) private view returns (uint256) {
        return isCall ? callScale : putScale;
    }

    function _vault(bool isCall) private view returns (address) {
        return isCall ? callVault : putVault;
    }

    function _setMarginParams(MarginParams memory p) private {
        ParameterBounds.check(p.spotShockWad, MIN_SPOT_SHOCK, MAX_SPOT_SHOCK);
        ParameterBounds.check(p.volShockWad, 0, MAX_VOL_SHOCK);
        ParameterBounds.check(p.floorShareWad, 0, MAX_FLOOR_SHARE);
        ParameterBounds.check(p.maintenanceRatioWad, MIN_MAINTENANCE_RATIO, MAX_MAINTENANCE_RATIO);
        ParameterBounds.check(p.liquidationDiscountWad, 0, MAX_LIQUIDATION_DISCOUNT);
        ParameterBounds.check(p.insuranceShareWad, 0, MAX_INSURANCE_SHARE);
        _params = p;
        emit MarginParamsSet(p);
    }
}
