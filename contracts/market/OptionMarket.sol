// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IOptionPricer} from "../interfaces/IOptionPricer.sol";
import {ISettlementOracle} from "../interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../interfaces/IVolatilityOracle.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {InventoryPotential} from "../libraries/InventoryPotential.sol";
import {OptionValuation} from "../libraries/OptionValuation.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {SeriesId} from "../libraries/SeriesId.sol";
import {Svi} from "../libraries/Svi.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC6909} from "solady/tokens/ERC6909.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {SafeCastLib} from "solady/utils/SafeCastLib.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title OptionMarket
/// @notice The option AMM of one pair, counterparty through its two vaults (see `IOptionMarket`).
/// @dev Listing. Expiries are every day at 08:00 UTC (`expiry % 1 days == EXPIRY_TIME_OF_DAY`), the Deribit
/// convention; weeklies and monthlies are the same grid, and a smile must be posted for an expiry before it trades.
/// Strikes have at most three significant digits (1230e18, 0.0451e18, ...), so that liquidity is not split across
/// near-identical strikes, and lie in Black-Scholes' price range. A buy may open a strike only while its |delta| is
/// inside `[minAbsDeltaWad, maxAbsDeltaWad]`; trading (both ways) stops `minTimeToExpirySec` before expiry.
///
/// Positions are ERC-6909 tokens, not ERC-1155: ERC-6909 has no receiver callback, so minting or sending a
/// position never calls into the recipient (no reentrancy surface in the middle of a trade, no need to make
/// contracts implement a hook to hold options), and it has no batch/callback machinery, so a mint or transfer is a
/// couple of storage writes. The token id is the `SeriesId`.
///
/// Pricing runs in `pricer`, a stateless contract: Black-Scholes inlined twice (trade Greeks and marks) would put the
/// market far over EIP-170's size limit; the call costs about 3k gas per trade.
///
/// Degraded oracle mode (`ISpotOracleRouter`). Trades that add risk or move the LPs' value (buy, write, the NAV of
/// deposits and withdrawals) price at the strict `spot()` and wait while the sources disagree; trades that shrink the
/// vault's exposure (sell, buyBack) price at the end of `spotRange()` that favours the vault (`_riskReducingSpot`).
///
/// Gas is bounded: each vault has at most `MAX_LIVE_SERIES` series outstanding, and its NAV costs one Black-Scholes
/// price per live series.
///
/// Rounding always favours the vault: what the trader pays is rounded up, what the trader receives rounded down, the
/// locked collateral and the reserve for holders rounded up, each payout rounded down.
contract OptionMarket is IOptionMarket, ERC6909, Ownable2Step, ReentrancyGuardTransient {
    /// @notice Most series a vault may be short at once: its NAV prices each one at every deposit and withdrawal,
    /// about 10k gas apiece, so 64 keeps the worst deposit under ~700k gas, well inside a block.
    uint256 public constant MAX_LIVE_SERIES = 64;
    /// @notice Expiries are at 08:00 UTC.
    uint256 public constant EXPIRY_TIME_OF_DAY = 8 hours;
    /// @notice Strikes have at most this many significant decimal digits.
    uint256 public constant STRIKE_SIGNIFICANT_DIGITS = 3;

    /// @notice Fee share of |q·P|: at most 5 %.
    uint256 public constant MAX_FEE_SHARE = 0.05e18;
    /// @notice Vega fee: at most 5 vol points per unit of vega.
    uint256 public constant MAX_VEGA_FEE = 0.05e18;
    /// @notice Utilisation cap: between 10 % (a vault that can sell something) and 100 % (all it holds locked).
    uint256 public constant MIN_MAX_UTILISATION = 0.1e18;
    uint256 public constant MAX_MAX_UTILISATION = 1e18;
    /// @notice Lower delta bound in [0.1 %, 25 %], upper in [75 %, 99.9 %]: a buy never opens a strike whose price is
    /// all intrinsic or nothing, where the model and the oracle's error dominate.
    uint256 public constant MIN_MIN_ABS_DELTA = 0.001e18;
    uint256 public constant MAX_MIN_ABS_DELTA = 0.25e18;
    uint256 public constant MIN_MAX_ABS_DELTA = 0.75e18;
    uint256 public constant MAX_MAX_ABS_DELTA = 0.999e18;
    /// @notice Trading closes between 5 minutes (Black-Scholes needs a minute) and a day before expiry.
    uint256 public constant MIN_TRADING_CUTOFF = 5 minutes;
    uint256 public constant MAX_TRADING_CUTOFF = 1 days;
    /// @notice Farthest expiry traded: between a day and two years (inside Black-Scholes' five).
    uint256 public constant MIN_MAX_TIME_TO_EXPIRY = 1 days;
    uint256 public constant MAX_MAX_TIME_TO_EXPIRY = 2 * 365 days;
    /// @notice Vega depth L in [1e-6, 1e36] wad: positive, and small enough that E² fits 256 bits.
    uint256 public constant MIN_VEGA_DEPTH = 1e12;
    uint256 public constant MAX_VEGA_DEPTH = 1e36;
    /// @notice E_max ≤ L/2: at the cap the quoted vol is at most 50 points away from the smile (σ + E/L).
    uint256 public constant MAX_INVENTORY_TO_DEPTH = 0.5e18;
    /// @notice Fee floor: at most one unit of collateral per option.
    uint256 public constant MAX_MIN_FEE_PER_OPTION = 1e18;

    /// @dev 1.0 in wad.
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IOptionMarket
    ICollateralVault public immutable callVault;
    /// @inheritdoc IOptionMarket
    ICollateralVault public immutable putVault;
    /// @inheritdoc IOptionMarket
    ISpotOracle public immutable spotOracle;
    /// @inheritdoc IOptionMarket
    IVolatilityOracle public immutable volatilityOracle;
    /// @inheritdoc IOptionMarket
    ISettlementOracle public immutable settlementOracle;
    /// @inheritdoc IOptionMarket
    IOptionPricer public immutable pricer;
    /// @dev The vaults' assets, and 10^(18 − decimals) to convert wad of each to its token units.
    address private immutable callAsset;
    address private immutable putAsset;
    uint256 private immutable callScale;
    uint256 private immutable putScale;

    /// @dev One series: options outstanding (wad, the vault is short them), options written by margin accounts (wad,
    /// the vault is long them) and its 1-based position in its vault's live list (0: not live). One slot, so that a
    /// trade reads all three at once; `liveIndex` ≤ `MAX_LIVE_SERIES` = 64 fits 8 bits.
    struct Series {
        uint128 openInterest;
        uint120 written;
        uint8 liveIndex;
    }

    /// @dev One vault's books, token units. Locked and reserved share a slot: a trade and a mark read both. Each
    /// increase is cast with a check; each decrease removes less than what an earlier increase added, so its cast of
    /// the amount removed is exact.
    struct Book {
        uint128 lockedAssets;
        uint128 reservedAssets;
        SeriesId[] live;
    }

    /// @dev A trade priced, before it is applied, with the option's delta for the caller's bound.
    struct Priced {
        uint256 premiumAssets;
        uint256 feeAssets;
        int256 inventoryAfterWad;
        int256 deltaWad;
    }

    RiskParams private _riskParams;
    /// @dev Index 0: puts (quote vault), 1: calls (base vault), as everywhere below.
    SideParams[2] private _sideParams;
    Book[2] private _books;
    mapping(uint256 expiry => int256)[2] private _inventory;
    mapping(SeriesId id => Series) private _series;
    /// @inheritdoc IOptionMarket
    mapping(uint256 expiry => uint256) public settledPrice;
    /// @inheritdoc IOptionMarket
    address public marginEngine;
    /// @dev Per side: written·payoff of settled series the margin engine owes the vault, token units (rounded down).
    uint256[2] private _receivable;

    /// @param owner_ Sets the risk parameters. @param callVault_ Base-asset vault. @param putVault_ Quote-asset vault.
    /// @param spotOracle_ Spot. @param volatilityOracle_ Smiles. @param settlementOracle_ Settlement prices.
    /// @param pricer_ Black-Scholes on the smile. @param risk Shared parameters.
    /// @param callSide Call vault's parameters. @param putSide Put vault's.
    constructor(
        address owner_,
        ICollateralVault callVault_,
        ICollateralVault putVault_,
        ISpotOracle spotOracle_,
        IVolatilityOracle volatilityOracle_,
        ISettlementOracle settlementOracle_,
        IOptionPricer pricer_,
        RiskParams memory risk,
        SideParams memory callSide,
        SideParams memory putSide
    ) Ownable(owner_) {
        if (callVault_.market() != address(this)) revert VaultMismatch(address(callVault_));
        if (putVault_.market() != address(this) || putVault_.asset() == callVault_.asset()) {
            revert VaultMismatch(address(putVault_));
        }
        callVault = callVault_;
        putVault = putVault_;
        spotOracle = spotOracle_;
        volatilityOracle = volatilityOracle_;
        settlementOracle = settlementOracle_;
        pricer = pricer_;
        callAsset = callVault_.asset();
        putAsset = putVault_.asset();
        // The vaults refuse assets with more than 18 decimals.
        callScale = 10 ** (18 - IERC20Metadata(callAsset).decimals());
        putScale = 10 ** (18 - IERC20Metadata(putAsset).decimals());
        _setRiskParams(risk);
        _setSideParams(true, callSide);
        _setSideParams(false, putSide);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc IOptionMarket
    function buy(SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        _checkDeadline(deadline);
        Priced memory p = _price(id, size, true, _strictSpot());
        _checkDelta(p.deltaWad);
        premiumAssets = p.premiumAssets;
        if (premiumAssets > maxPremiumAssets) revert PremiumAboveMax(premiumAssets, maxPremiumAssets);

        bool isCall = id.isCall();
        uint256 side = _side(isCall);
        Book storage book = _books[side];
        _inventory[side][id.expiry()] = p.inventoryAfterWad;
        Series storage series = _series[id];
        uint256 before = series.openInterest;
        uint256 afterBuy = before + size;
        if (afterBuy > type(uint128).max) revert SizeTooLarge(afterBuy);
        if (series.liveIndex == 0) _addLive(book, series, id);
        series.openInterest = uint128(afterBuy);
        uint256 maxWad = OptionValuation.maxPayoffWad(id.strike(), isCall);
        uint256 scale = _scale(isCall);
        uint256 locked = book.lockedAssets + _lockedOf(afterBuy, maxWad, scale) - _lockedOf(before, maxWad, scale);
        book.lockedAssets = SafeCastLib.toUint128(locked);

        ICollateralVault vault = _vault(isCall);
        address asset = _asset(isCall);
        uint256 encumbered = locked + book.reservedAssets;
        uint256 held = SafeTransferLib.balanceOf(asset, address(vault)) + premiumAssets;
        if (encumbered * WAD > uint256(_riskParams.maxUtilisationWad) * held) {
            revert UtilisationCapExceeded(encumbered, held);
        }

        _mint(msg.sender, SeriesId.unwrap(id), size);
        SafeTransferLib.safeTransferFrom(asset, msg.sender, address(vault), premiumAssets);
        emit Traded(msg.sender, id, true, size, premiumAssets, p.feeAssets, p.inventoryAfterWad);
    }

    /// @inheritdoc IOptionMarket
    function sell(SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        _checkDeadline(deadline);
        Priced memory p = _price(id, size, false, _riskReducingSpot(id, false));
        premiumAssets = p.premiumAssets;
        if (premiumAssets < minPremiumAssets) revert PremiumBelowMin(premiumAssets, minPremiumAssets);

        _burn(msg.sender, SeriesId.unwrap(id), size);
        bool isCall = id.isCall();
        uint256 side = _side(isCall);
        Book storage book = _books[side];
        _inventory[side][id.expiry()] = p.inventoryAfterWad;
        Series storage series = _series[id];
        uint256 before = series.openInterest;
        // Checked: the caller held `size` of this series, so the open interest is at least `size`.
        uint256 afterSale = before - size;
        series.openInterest = uint128(afterSale);
        if (afterSale == 0 && series.written == 0) _removeLive(book, series.liveIndex);
        uint256 maxPayoff = OptionValuation.maxPayoffWad(id.strike(), isCall);
        uint256 scale = _scale(isCall);
        // forge-lint: disable-next-line(unsafe-typecast)
        book.lockedAssets -= uint128(_lockedOf(before, maxPayoff, scale) - _lockedOf(afterSale, maxPayoff, scale));

        if (premiumAssets != 0) _vault(isCall).pay(msg.sender, premiumAssets);
        emit Traded(msg.sender, id, false, size, premiumAssets, p.feeAssets, p.inventoryAfterWad);
    }

    /// @inheritdoc IOptionMarket
    function quoteBuy(SeriesId id, uint256 size) external view returns (uint256 premiumAssets) {
        Priced memory p = _price(id, size, true, _strictSpot());
        _checkDelta(p.deltaWad);
        return p.premiumAssets;
    }

    /// @inheritdoc IOptionMarket
    function quoteSell(SeriesId id, uint256 size) external view returns (uint256 premiumAssets) {
        return _price(id, size, false, _riskReducingSpot(id, false)).premiumAssets;
    }

    // ---------------------------------------------------------------- margin engine

    /// @inheritdoc IOptionMarket
    function write(SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        _checkMarginEngine();
        _checkDeadline(deadline);
        Priced memory p = _price(id, size, false, _strictSpot());
        _checkDelta(p.deltaWad);
        premiumAssets = p.premiumAssets;
        if (premiumAssets < minPremiumAssets) revert PremiumBelowMin(premiumAssets, minPremiumAssets);

        bool isCall = id.isCall();
        uint256 side = _side(isCall);
        Book storage book = _books[side];
        _inventory[side][id.expiry()] = p.inventoryAfterWad;
        Series storage series = _series[id];
        uint256 afterWrite = series.written + size;
        if (afterWrite > type(uint120).max) revert SizeTooLarge(afterWrite);
        if (series.liveIndex == 0) _addLive(book, series, id);
        series.written = uint120(afterWrite);
        // The premium leaves the vault's held assets: what stays must still cover every lock and reserve.
        ICollateralVault vault = _vault(isCall);
        uint256 held = SafeTransferLib.balanceOf(_asset(isCall), address(vault));
        uint256 encumbered = uint256(book.lockedAssets) + book.reservedAssets;
        if (held < premiumAssets + encumbered) revert VaultCannotPayPremium(premiumAssets, held, encumbered);
        if (premiumAssets != 0) vault.pay(msg.sender, premiumAssets);
        emit Traded(msg.sender, id, false, size, premiumAssets, p.feeAssets, p.inventoryAfterWad);
    }

    /// @inheritdoc IOptionMarket
    function buyBack(SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        nonReentrant
        returns (uint256 premiumAssets)
    {
        _checkMarginEngine();
        _checkDeadline(deadline);
        Priced memory p = _price(id, size, true, _riskReducingSpot(id, true));
        premiumAssets = p.premiumAssets;
        if (premiumAssets > maxPremiumAssets) revert PremiumAboveMax(premiumAssets, maxPremiumAssets);

        bool isCall = id.isCall();
        uint256 side = _side(isCall);
        _inventory[side][id.expiry()] = p.inventoryAfterWad;
        _reduceWritten(_books[side], id, size);
        SafeTransferLib.safeTransferFrom(_asset(isCall), msg.sender, address(_vault(isCall)), premiumAssets);
        emit Traded(msg.sender, id, true, size, premiumAssets, p.feeAssets, p.inventoryAfterWad);
    }

    /// @inheritdoc IOptionMarket
    function cancelWritten(SeriesId id, uint256 size, uint256 paidAssets) external {
        _checkMarginEngine();
        _reduceWritten(_books[_side(id.isCall())], id, size);
        emit WrittenCancelled(id, size, paidAssets);
    }

    /// @inheritdoc IOptionMarket
    function settleReceivable(bool isCall, uint256 paidAssets, uint256 writtenOffAssets) external {
        _checkMarginEngine();
        uint256 side = _side(isCall);
        uint256 receivable = _receivable[side];
        uint256 cleared = paidAssets + writtenOffAssets;
        _receivable[side] = receivable > cleared ? receivable - cleared : 0;
        emit ReceivableSettled(isCall, paidAssets, writtenOffAssets);
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc IOptionMarket
    function settle(uint256 expiry) external nonReentrant {
        if (block.timestamp < expiry) revert ExpiryNotReached(expiry);
        if (settledPrice[expiry] != 0) revert ExpiryAlreadySettled(expiry);
        uint256 priceWad = settlementOracle.settlementPrice(expiry);
        settledPrice[expiry] = priceWad;
        uint256 owedCall = _settleBook(true, expiry, priceWad);
        uint256 owedPut = _settleBook(false, expiry, priceWad);
        emit ExpirySettled(expiry, priceWad, owedCall, owedPut);
    }

    /// @inheritdoc IOptionMarket
    function redeem(SeriesId id, uint256 size, address receiver) external nonReentrant returns (uint256 payoutAssets) {
        if (size == 0) revert ZeroSize();
        uint256 expiry = id.expiry();
        uint256 priceWad = settledPrice[expiry];
        if (priceWad == 0) revert ExpiryNotSettled(expiry);
        _burn(msg.sender, SeriesId.unwrap(id), size);
        Series storage series = _series[id];
        uint256 before = series.openInterest;
        uint256 afterRedeem = before - size;
        series.openInterest = uint128(afterRedeem);
        bool isCall = id.isCall();
        uint256 payoff = OptionValuation.payoffWadDown(priceWad, id.strike(), isCall);
        if (payoff != 0) {
            uint256 scale = _scale(isCall);
            Book storage book = _books[_side(isCall)];
            // forge-lint: disable-next-line(unsafe-typecast)
            book.reservedAssets -= uint128(_reserveOf(before, payoff, scale) - _reserveOf(afterRedeem, payoff, scale));
            payoutAssets = FixedPointMathLib.mulDiv(size, payoff, WAD * scale);
            if (payoutAssets != 0) _vault(isCall).pay(receiver, payoutAssets);
        }
        emit Redeemed(msg.sender, id, size, payoutAssets, receiver);
    }

    // ---------------------------------------------------------------- vault marks

    /// @inheritdoc IOptionMarket
    // solhint-disable-next-line function-max-lines
    function liabilities(address vault)
        external
        view
        returns (uint256 markAssets, uint256 encumberedAssets, uint256 longAssets)
    {
        if (_reentrancyGuardEntered()) revert MarketLocked();
        bool isCall;
        if (vault == address(callVault)) isCall = true;
        else if (vault != address(putVault)) revert UnknownVault(vault);
        Book storage book = _books[_side(isCall)];
        uint256 reserved = book.reservedAssets;
        encumberedAssets = book.lockedAssets + reserved;
        uint256 receivable = _receivable[_side(isCall)];
        uint256 count = book.live.length;
        if (count == 0) return (reserved, encumberedAssets, receivable);

        uint256 spotWad = _strictSpot();
        uint256 rateWad = _riskParams.rateWad;
        uint256 markWad;
        uint256 longWad;
        // One pricer call per expiry: each pass takes the first series not yet marked and marks every live series of
        // its expiry (zeroing them in `ids`: a live id is never 0, its expiry is at least 08:00 of day 0).
        SeriesId[] memory ids = book.live;
        SeriesId[] memory batch = new SeriesId[](count);
        uint256[] memory strikesWad = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 expiry = ids[i].expiry();
            if (expiry == 0) continue;
            uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
            uint256 n;
            for (uint256 j = i; j < count; ++j) {
                SeriesId id = ids[j];
                if (id.expiry() != expiry) continue;
                ids[j] = SeriesId.wrap(0);
                uint256 strikeWad = id.strike();
                // Outside Black-Scholes' domain the mark is the intrinsic value, without the smile (which an expired
                // expiry no longer has).
                if (OptionValuation.inDomain(spotWad, strikeWad, timeSec)) {
                    (batch[n], strikesWad[n]) = (id, strikeWad);
                    ++n;
                } else {
                    (markWad, longWad) =
                        _accrue(id, OptionValuation.payoffWadUp(spotWad, strikeWad, isCall), markWad, longWad);
                }
            }
            if (n == 0) continue;
            (Svi.Params memory smile,) = volatilityOracle.smile(expiry);
            // The pricer gets the first n strikes: the array's length is n for the call (n ≤ count, the length it
            // was allocated with), then count again for the next pass.
            assembly ("memory-safe") {
                mstore(strikesWad, n)
            }
            uint256[] memory valuesWad = pricer.marks(smile, spotWad, timeSec, rateWad, isCall, strikesWad);
            assembly ("memory-safe") {
                mstore(strikesWad, count)
            }
            for (uint256 k; k < n; ++k) {
                (markWad, longWad) = _accrue(batch[k], valuesWad[k], markWad, longWad);
            }
        }
        uint256 scale = _scale(isCall);
        markAssets = reserved + FixedPointMathLib.divUp(markWad, scale);
        longAssets = receivable + longWad / scale;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IOptionMarket
    function openInterest(SeriesId id) external view returns (uint256) {
        return _series[id].openInterest;
    }

    /// @inheritdoc IOptionMarket
    function written(SeriesId id) external view returns (uint256) {
        return _series[id].written;
    }

    /// @inheritdoc IOptionMarket
    function receivableAssets(bool isCall) external view returns (uint256) {
        return _receivable[_side(isCall)];
    }

    /// @inheritdoc IOptionMarket
    function liveSeries(bool isCall) external view returns (SeriesId[] memory) {
        return _books[_side(isCall)].live;
    }

    /// @inheritdoc IOptionMarket
    function inventory(bool isCall, uint256 expiry) external view returns (int256) {
        return _inventory[_side(isCall)][expiry];
    }

    /// @inheritdoc IOptionMarket
    function lockedAssets(bool isCall) external view returns (uint256) {
        return _books[_side(isCall)].lockedAssets;
    }

    /// @inheritdoc IOptionMarket
    function reservedAssets(bool isCall) external view returns (uint256) {
        return _books[_side(isCall)].reservedAssets;
    }

    /// @inheritdoc IOptionMarket
    function riskParams() external view returns (RiskParams memory) {
        return _riskParams;
    }

    /// @inheritdoc IOptionMarket
    function rateWad() external view returns (uint256) {
        return _riskParams.rateWad;
    }

    /// @inheritdoc IOptionMarket
    function sideParams(bool isCall) external view returns (SideParams memory) {
        return _sideParams[_side(isCall)];
    }

    /// @notice Name of every position token.
    function name(uint256) public pure override returns (string memory) {
        return "Smile option";
    }

    /// @notice Symbol of every position token.
    function symbol(uint256) public pure override returns (string memory) {
        return "SMILE-OPT";
    }

    /// @notice No metadata URI: the id itself encodes the series (see `SeriesId`).
    function tokenURI(uint256) public pure override returns (string memory) {
        return "";
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IOptionMarket
    function setRiskParams(RiskParams calldata params) external onlyOwner {
        _setRiskParams(params);
    }

    /// @inheritdoc IOptionMarket
    function setSideParams(bool isCall, SideParams calldata params) external onlyOwner {
        _setSideParams(isCall, params);
    }

    /// @inheritdoc IOptionMarket
    function setMarginEngine(address engine) external onlyOwner {
        if (marginEngine != address(0)) revert MarginEngineAlreadySet(marginEngine);
        marginEngine = engine;
        emit MarginEngineSet(engine);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Prices a trade of `size` options (buy: the trader pays, sell: the trader receives) at `spotWad` after
    /// checking the series is listed and tradable now. Premium per docs/math.md: q·P + Φ(E') − Φ(E) + fee. The delta
    /// bound is the caller's (`_checkDelta`, for trades that open a position) and so is the spot (`_strictSpot` or
    /// `_riskReducingSpot`): with no mode flag here the compiler keeps one copy of this function per direction, not
    /// one per direction and mode, which keeps the market under EIP-170.
    function _price(SeriesId id, uint256 size, bool isBuy, uint256 spotWad) private view returns (Priced memory p) {
        if (size == 0) revert ZeroSize();
        if (size > type(uint128).max) revert SizeTooLarge(size);
        uint256 timeSec = _checkTradable(id);
        bool isCall = id.isCall();
        OptionValuation.Quote memory q = _quote(id, timeSec, isBuy, spotWad);
        p.deltaWad = q.deltaWad;
        SideParams memory sp = _sideParams[_side(isCall)];

        // E' = E ± q·v. Vega traded rounds down: it only sizes the inventory step and the vega fee.
        int256 inventoryBefore = _inventory[_side(isCall)][id.expiry()];
        uint256 vegaTraded = FixedPointMathLib.mulWad(size, q.vegaWad);
        p.inventoryAfterWad = isBuy ? inventoryBefore + int256(vegaTraded) : inventoryBefore - int256(vegaTraded);
        uint256 absAfter = FixedPointMathLib.abs(p.inventoryAfterWad);
        if (absAfter > sp.maxInventoryWad && absAfter > FixedPointMathLib.abs(inventoryBefore)) {
            revert InventoryCapExceeded(p.inventoryAfterWad, sp.maxInventoryWad);
        }

        uint256 valueWad =
            isBuy ? FixedPointMathLib.mulWadUp(size, q.valueWad) : FixedPointMathLib.mulWad(size, q.valueWad);
        uint256 feeWad = _fee(valueWad, vegaTraded, size, sp.minFeePerOptionWad);
        int256 charge = InventoryPotential.charge(inventoryBefore, p.inventoryAfterWad, sp.vegaDepthWad);
        uint256 scale = _scale(isCall);
        if (isBuy) {
            // A buy that unwinds a large long-vega inventory could be paid to take options; it pays the fee at least.
            int256 net = int256(valueWad) + charge;
            p.premiumAssets = FixedPointMathLib.divUp((net > 0 ? uint256(net) : 0) + feeWad, scale);
            p.feeAssets = FixedPointMathLib.divUp(feeWad, scale);
        } else {
            // Proceeds never exceed the maximum payoff the sale releases, so a sale cannot reach collateral that
            // stays locked for other options.
            int256 net = int256(valueWad) - charge - int256(feeWad);
            uint256 maxProceedsWad = FixedPointMathLib.mulWad(size, OptionValuation.maxPayoffWad(id.strike(), isCall));
            p.premiumAssets = FixedPointMathLib.min(net > 0 ? uint256(net) : 0, maxProceedsWad) / scale;
            p.feeAssets = feeWad / scale;
        }
    }

    /// @dev Value, vega and delta of one option of `id` now, at `spotWad` on the expiry's smile.
    function _quote(SeriesId id, uint256 timeSec, bool isBuy, uint256 spotWad)
        private
        view
        returns (OptionValuation.Quote memory q)
    {
        (Svi.Params memory smile,) = volatilityOracle.smile(id.expiry());
        q = pricer.quote(smile, spotWad, id.strike(), timeSec, _riskParams.rateWad, id.isCall(), isBuy);
    }

    /// @dev The spot of what adds risk or moves the LPs' value (buy, write, the NAV): the strict `spot()`, which
    /// refuses to price while the oracle's sources disagree (see `ISpotOracleRouter`).
    function _strictSpot() private view returns (uint256 spotWad) {
        (spotWad,) = spotOracle.spot();
    }

    /// @dev The spot of a trade that shrinks the vault's exposure, which goes on in the oracle's degraded mode: the
    /// end of `spotRange()` at which the option is worth least to the other side. A call is worth more at a higher
    /// spot, a put at a lower one. A sale to the vault (`isBuy` false) is valued at the low end for a call, the high
    /// end for a put (worth least: the vault pays least); a buy-back (`isBuy` true) at the high end for a call, the
    /// low end for a put (worth most: the vault is paid most). While the sources agree the range is `spot()`.
    function _riskReducingSpot(SeriesId id, bool isBuy) private view returns (uint256) {
        (uint256 lowWad, uint256 highWad,) = spotOracle.spotRange();
        return id.isCall() == isBuy ? highWad : lowWad;
    }

    /// @dev A trade that opens a position (a buy, a write) must be on a strike whose |delta| is inside the bounds.
    function _checkDelta(int256 deltaWad) private view {
        uint256 minAbs = _riskParams.minAbsDeltaWad;
        uint256 maxAbs = _riskParams.maxAbsDeltaWad;
        uint256 absDelta = FixedPointMathLib.abs(deltaWad);
        if (absDelta < minAbs || absDelta > maxAbs) revert DeltaOutOfBounds(deltaWad, minAbs, maxAbs);
    }

    /// @dev fee = max(feeShare·|q·P| + vegaFee·|q|·v, minFeePerOption·|q|), wad, rounded up.
    function _fee(uint256 valueWad, uint256 vegaTradedWad, uint256 size, uint256 minFeePerOptionWad)
        private
        view
        returns (uint256)
    {
        return FixedPointMathLib.max(
            FixedPointMathLib.mulWadUp(valueWad, _riskParams.feeShareWad)
                + FixedPointMathLib.mulWadUp(vegaTradedWad, _riskParams.vegaFeeWad),
            FixedPointMathLib.mulWadUp(size, minFeePerOptionWad)
        );
    }

    /// @dev Checks the id names a listed series and that it trades now; returns the seconds to expiry.
    function _checkTradable(SeriesId id) private view returns (uint256 timeSec) {
        if (!id.isCanonical()) revert NonCanonicalSeries(id);
        uint256 expiry = id.expiry();
        if (expiry % 1 days != EXPIRY_TIME_OF_DAY) revert ExpiryNotListed(expiry);
        uint256 strikeWad = id.strike();
        if (strikeWad < BlackScholes.MIN_PRICE || strikeWad > BlackScholes.MAX_PRICE) {
            revert StrikeNotListed(strikeWad);
        }
        // At most three significant digits: the strike is a multiple of 10^(digits − 3).
        uint256 digits = FixedPointMathLib.log10(strikeWad) + 1;
        if (strikeWad % 10 ** (digits - STRIKE_SIGNIFICANT_DIGITS) != 0) revert StrikeNotListed(strikeWad);
        timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        uint256 minSec = _riskParams.minTimeToExpirySec;
        uint256 maxSec = _riskParams.maxTimeToExpirySec;
        if (timeSec < minSec || timeSec > maxSec) revert OutsideTradingWindow(timeSec, minSec, maxSec);
    }

    /// @dev Releases the locks of every live series of `expiry` in one vault and reserves their payoffs.
    function _settleBook(bool isCall, uint256 expiry, uint256 priceWad) private returns (uint256 owed) {
        Book storage book = _books[_side(isCall)];
        uint256 scale = _scale(isCall);
        uint256 released;
        uint256 receivable;
        // Backwards, so that the swap-and-pop of a removal only moves an element already visited.
        for (uint256 i = book.live.length; i != 0; --i) {
            SeriesId id = book.live[i - 1];
            if (id.expiry() != expiry) continue;
            Series storage series = _series[id];
            uint256 oi = series.openInterest;
            uint256 strikeWad = id.strike();
            uint256 payoff = OptionValuation.payoffWadDown(priceWad, strikeWad, isCall);
            released += _lockedOf(oi, OptionValuation.maxPayoffWad(strikeWad, isCall), scale);
            owed += _reserveOf(oi, payoff, scale);
            // What margin accounts owe the vault is an asset: rounded down.
            receivable += FixedPointMathLib.mulDiv(series.written, payoff, WAD * scale);
            series.written = 0;
            _removeLive(book, i);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        book.lockedAssets -= uint128(released);
        book.reservedAssets = SafeCastLib.toUint128(book.reservedAssets + owed);
        if (receivable != 0) _receivable[_side(isCall)] += receivable;
    }

    /// @dev Reduces the written amount of `id` by `size` (checked: the engine wrote at least that much) and retires
    /// the series from the live list once nothing is outstanding either way.
    function _reduceWritten(Book storage book, SeriesId id, uint256 size) private {
        Series storage series = _series[id];
        uint256 afterWritten = series.written - size;
        // forge-lint: disable-next-line(unsafe-typecast)
        series.written = uint120(afterWritten);
        if (afterWritten == 0 && series.openInterest == 0 && series.liveIndex != 0) {
            _removeLive(book, series.liveIndex);
        }
    }

    /// @dev Appends `id` to its vault's live list.
    function _addLive(Book storage book, Series storage series, SeriesId id) private {
        if (book.live.length == MAX_LIVE_SERIES) revert TooManyLiveSeries();
        book.live.push(id);
        // forge-lint: disable-next-line(unsafe-typecast)
        series.liveIndex = uint8(book.live.length);
    }

    /// @dev Removes the live series at 1-based `index` by moving the last one into its place.
    function _removeLive(Book storage book, uint256 index) private {
        uint256 last = book.live.length;
        SeriesId removed = book.live[index - 1];
        if (index != last) {
            SeriesId moved = book.live[last - 1];
            book.live[index - 1] = moved;
            // forge-lint: disable-next-line(unsafe-typecast)
            _series[moved].liveIndex = uint8(index);
        }
        book.live.pop();
        _series[removed].liveIndex = 0;
    }

    /// @dev Adds series `id` at `valueWad` per option to the marks: what the vault is short (rounded up) and long.
    function _accrue(SeriesId id, uint256 valueWad, uint256 markWad, uint256 longWad)
        private
        view
        returns (uint256, uint256)
    {
        Series storage series = _series[id];
        markWad += FixedPointMathLib.mulWadUp(series.openInterest, valueWad);
        // The mark rounds up by at most one wei per option: one wei less keeps the long's value rounded down.
        uint256 writtenWad = series.written;
        if (writtenWad != 0 && valueWad != 0) longWad += FixedPointMathLib.mulWad(writtenWad, valueWad - 1);
        return (markWad, longWad);
    }

    /// @dev Collateral locked for `oi` options of maximum payoff `maxPayoffWad`: ceil(oi·maxPayoff), token units.
    function _lockedOf(uint256 oi, uint256 maxPayoffWad, uint256 scale) private pure returns (uint256) {
        return FixedPointMathLib.mulDivUp(oi, maxPayoffWad, WAD * scale);
    }

    /// @dev Reserve for `oi` settled options paying `payoffWad` each: ceil(oi·payoff), token units. Every payout is
    /// floor(size·payoff), so the reserve always covers the holders of the open interest.
    function _reserveOf(uint256 oi, uint256 payoffWad, uint256 scale) private pure returns (uint256) {
        return FixedPointMathLib.mulDivUp(oi, payoffWad, WAD * scale);
    }

    function _checkMarginEngine() private view {
        if (msg.sender != marginEngine) revert OnlyMarginEngine(msg.sender);
    }

    function _checkDeadline(uint256 deadline) private view {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline);
    }

    function _side(bool isCall) private pure returns (uint256) {
        return isCall ? 1 : 0;
    }

    function _vault(bool isCall) private view returns (ICollateralVault) {
        return isCall ? callVault : putVault;
    }

    function _asset(bool isCall) private view returns (address) {
        return isCall ? callAsset : putAsset;
    }

    function _scale(bool isCall) private view returns (uint256) {
        return isCall ? callScale : putScale;
    }

    function _setRiskParams(RiskParams memory p) private {
        ParameterBounds.check(p.feeShareWad, 0, MAX_FEE_SHARE);
        ParameterBounds.check(p.vegaFeeWad, 0, MAX_VEGA_FEE);
        ParameterBounds.check(p.maxUtilisationWad, MIN_MAX_UTILISATION, MAX_MAX_UTILISATION);
        ParameterBounds.check(p.minAbsDeltaWad, MIN_MIN_ABS_DELTA, MAX_MIN_ABS_DELTA);
        ParameterBounds.check(p.maxAbsDeltaWad, MIN_MAX_ABS_DELTA, MAX_MAX_ABS_DELTA);
        ParameterBounds.check(p.minTimeToExpirySec, MIN_TRADING_CUTOFF, MAX_TRADING_CUTOFF);
        ParameterBounds.check(p.maxTimeToExpirySec, MIN_MAX_TIME_TO_EXPIRY, MAX_MAX_TIME_TO_EXPIRY);
        ParameterBounds.check(p.rateWad, 0, BlackScholes.MAX_RATE);
        _riskParams = p;
        emit RiskParamsSet(p);
    }

    function _setSideParams(bool isCall, SideParams memory p) private {
        ParameterBounds.check(p.vegaDepthWad, MIN_VEGA_DEPTH, MAX_VEGA_DEPTH);
        ParameterBounds.check(p.maxInventoryWad, 0, FixedPointMathLib.mulWad(p.vegaDepthWad, MAX_INVENTORY_TO_DEPTH));
        ParameterBounds.check(p.minFeePerOptionWad, 0, MAX_MIN_FEE_PER_OPTION);
        _sideParams[_side(isCall)] = p;
        emit SideParamsSet(isCall, p);
    }
}
