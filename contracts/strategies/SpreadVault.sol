// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../interfaces/IPortfolioMarginEngine.sol";
import {ISpreadVault} from "../interfaces/ISpreadVault.sol";
import {OptionLegs} from "../libraries/OptionLegs.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {PortfolioRisk} from "../libraries/PortfolioRisk.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {StrategyMath} from "../libraries/StrategyMath.sol";
import {Svi} from "../libraries/Svi.sol";
import {StrategyVault} from "./StrategyVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SpreadVault
/// @notice A vertical credit spread held in one portfolio-margin account: short K1 and long K2 of the same type and
/// expiry, the account posting the spread's maximum loss plus the engine's floor (see `ISpreadVault`). It uses the
/// protocol's public interfaces and libraries only: no core contract knows it exists. `PutSpreadVault` and
/// `CallSpreadVault` only name it.
/// @dev Funds move only between this vault and its own account in the engine (deposit at the round start, the excess
/// and after settlement the whole collateral back): the keeper's only power, `startRound`, cannot send them elsewhere.
abstract contract SpreadVault is ISpreadVault, StrategyVault {
    using SafeERC20 for IERC20;

    /// @notice Largest moneyness of the short leg: 50 % out of the money.
    uint256 public constant MAX_MONEYNESS = 0.5e18;
    /// @notice Shortest round: one day, the market's listing step.
    uint256 public constant MIN_ROUND_DURATION = 1 days;
    /// @notice Longest round: a quarter.
    uint256 public constant MAX_ROUND_DURATION = 91 days;
    /// @notice Narrowest spread: K2 at least 1 % away from K1.
    uint256 public constant MIN_SPREAD_WIDTH = 0.01e18;
    /// @notice Widest spread: K2 at most 50 % away from K1.
    uint256 public constant MAX_SPREAD_WIDTH = 0.5e18;
    /// @notice Largest hedge budget: half the NAV per round (a spread sized by its maximum loss buys many options:
    /// 15 % out-of-the-money weekly puts under 10 % out-of-the-money ones cost about 16 % of the NAV).
    uint256 public constant MAX_HEDGE_BUDGET = 0.5e18;
    /// @notice Token units posted above size·collateral per spread: the engine rounds each leg's payoff and the
    /// collateral's value by a wei, which a unit of the asset covers.
    uint256 public constant ENGINE_ROUNDING_ASSETS = 2;

    /// @inheritdoc ISpreadVault
    IPortfolioMarginEngine public immutable engine;
    /// @inheritdoc ISpreadVault
    IOptionMarket public immutable market;
    /// @inheritdoc ISpreadVault
    uint256 public immutable accountId;
    /// @inheritdoc ISpreadVault
    bool public immutable isCall;
    /// @dev 10^(18 − the asset's decimals).
    uint256 private immutable _scale;

    /// @inheritdoc ISpreadVault
    uint256 public moneynessWad;
    /// @inheritdoc ISpreadVault
    uint256 public roundDurationSec;
    /// @inheritdoc ISpreadVault
    uint256 public spreadWidthWad;
    /// @inheritdoc ISpreadVault
    uint256 public hedgeBudgetWad;
    /// @inheritdoc ISpreadVault
    SeriesId public shortSeries;
    /// @inheritdoc ISpreadVault
    SeriesId public longSeries;
    /// @inheritdoc ISpreadVault
    uint256 public roundSize;
    /// @inheritdoc ISpreadVault
    uint256 public postedAssets;

    /// @notice The spread's parameters, wad unless named otherwise.
    /// @param moneynessWad K1's moneyness m. @param roundDurationSec Target round length, seconds.
    /// @param spreadWidthWad K2 = K1·(1 ∓ width). @param hedgeBudgetWad Most the long leg costs, share of the NAV.
    struct SpreadParams {
        uint256 moneynessWad;
        uint256 roundDurationSec;
        uint256 spreadWidthWad;
        uint256 hedgeBudgetWad;
    }

    /// @param engine_ The portfolio margin engine (its market's call or put vault asset is this vault's asset).
    /// @param isCall_ A bear call spread in base, or a bull put spread in quote.
    /// @param name_ Share name. @param symbol_ Share symbol. @param owner_ Sets roles and parameters.
    /// @param keeper_ Starts rounds. @param guardian_ May pause entries. @param params The spread's parameters.
    constructor(
        IPortfolioMarginEngine engine_,
        bool isCall_,
        string memory name_,
        string memory symbol_,
        address owner_,
        address keeper_,
        address guardian_,
        SpreadParams memory params
    )
        StrategyVault(
            IERC20Metadata((isCall_ ? engine_.market().callVault() : engine_.market().putVault()).asset()),
            name_,
            symbol_,
            owner_,
            keeper_,
            guardian_
        )
    {
        engine = engine_;
        market = engine_.market();
        isCall = isCall_;
        _scale = 10 ** (18 - IERC20Metadata(asset()).decimals());
        accountId = engine_.openAccount();
        IERC20(asset()).forceApprove(address(engine_), type(uint256).max);
        _setMoneyness(params.moneynessWad);
        _setRoundDuration(params.roundDurationSec);
        _setSpreadWidth(params.spreadWidthWad);
        _setHedgeBudget(params.hedgeBudgetWad);
    }

    /// @inheritdoc ISpreadVault
    function setMoneyness(uint256 moneynessWad_) external onlyOwner {
        _setMoneyness(moneynessWad_);
    }

    /// @inheritdoc ISpreadVault
    function setRoundDuration(uint256 durationSec) external onlyOwner {
        _setRoundDuration(durationSec);
    }

    /// @inheritdoc ISpreadVault
    function setSpreadWidth(uint256 widthWad) external onlyOwner {
        _setSpreadWidth(widthWad);
    }

    /// @inheritdoc ISpreadVault
    function setHedgeBudget(uint256 budgetWad) external onlyOwner {
        _setHedgeBudget(budgetWad);
    }

    /// @dev The strikes and the expiry by the writing vaults' rule, the size the NAV covers at
    /// `_collateralPerSpreadWad`, then deposit the posted collateral, buy K2 (for at most the budget), write K1 and
    /// take the net premium back. The short leg must pay more than the long one (`DebitSpread`), and the net premium
    /// must reach the keeper's `minPremiumAssets` (the market's `PremiumBelowMin`) and the floor
    /// (`PremiumBelowFloor`). With nothing to write (an empty vault, or less than one spread's collateral in wei of
    /// options) the round runs empty.
    function _openRound(uint256 minPremiumAssets, uint256 deadline) internal override returns (uint256 expiry) {
        expiry = StrategyMath.listedExpiryAtOrAfter(block.timestamp + roundDurationSec);
        (uint256 spotWad,) = market.spotOracle().spot();
        bool call = isCall;
        uint256 k1 = StrategyMath.otmStrike(spotWad, moneynessWad, call);
        SeriesId shortId = SeriesIdLib.encode(expiry, k1, call);
        SeriesId longId = SeriesIdLib.encode(expiry, StrategyMath.otmStrike(k1, spreadWidthWad, call), call);
        uint256 nav = totalAssets();
        uint256 budget = Math.mulDiv(nav, hedgeBudgetWad, StrategyMath.WAD);
        uint256 perSpreadWad = _collateralPerSpreadWad(spotWad, shortId, longId);
        uint256 reserved = 2 * ENGINE_ROUNDING_ASSETS;
        uint256 size = nav > reserved ? Math.mulDiv((nav - reserved) * _scale, StrategyMath.WAD, perSpreadWad) : 0;
        shortSeries = shortId;
        longSeries = longId;
        roundSize = size;
        if (size == 0) {
            emit SpreadOpened(round, shortId, longId, 0, 0, 0, 0);
            return expiry;
        }
        uint256 posted =
            Math.mulDiv(size, perSpreadWad, StrategyMath.WAD * _scale, Math.Rounding.Ceil) + ENGINE_ROUNDING_ASSETS;
        postedAssets = posted;
        (uint256 shortPremium, uint256 longPremium) = _trade(shortId, longId, size, posted, budget, deadline);
        uint256 netAssets = shortPremium > longPremium ? shortPremium - longPremium : 0;
        if (netAssets < minPremiumAssets) revert IOptionMarket.PremiumBelowMin(netAssets, minPremiumAssets);
        _checkPremiumFloor(
            netAssets,
            StrategyMath.premiumFloorUp(
                size,
                OptionLegs.fairValueWadUp(market, shortId),
                OptionLegs.fairValueWadUp(market, longId),
                maxPremiumDiscountWad,
                _scale
            )
        );
        emit SpreadOpened(round, shortId, longId, size, shortPremium, longPremium, posted);
    }

    /// @dev Settles the expiry in the market if nobody did yet, settles the account, and takes the whole collateral of
    /// the vault's asset back.
    function _closeRound() internal override {
        if (roundSize == 0) return;
        roundSize = 0;
        postedAssets = 0;
        uint256 expiry = shortSeries.expiry();
        if (market.settledPrice(expiry) == 0) market.settle(expiry);
        engine.settleAccount(accountId);
        uint256 collateral = _collateral();
        if (collateral != 0) engine.withdraw(accountId, isCall, collateral, address(this));
    }

    /// @dev The account's collateral of the vault's asset at face + its longs at `OptionLegs.longValueAssetsDown` −
    /// its shorts at `OptionLegs.shortValueAssetsUp`, floored at 0; 0 with no round running.
    function _positionsValue() internal view override returns (uint256) {
        if (roundSize == 0) return 0;
        IPortfolioMarginEngine.Position[] memory positions = engine.positionsOf(accountId);
        uint256 assets = _collateral();
        uint256 owed;
        for (uint256 i; i < positions.length; ++i) {
            IPortfolioMarginEngine.Position memory p = positions[i];
            // Only the vault's own type is ever held; a position of the other asset (taken over in a liquidation,
            // never by this vault) is left out, which can only understate the value.
            if (p.id.isCall() != isCall) continue;
            if (p.isLong) assets += OptionLegs.longValueAssetsDown(market, p.id, p.size, _scale);
            else owed += OptionLegs.shortValueAssetsUp(market, p.id, p.size, _scale);
        }
        return assets > owed ? assets - owed : 0;
    }

    /// @dev Deposits `posted`, buys `size` of `longId` for at most `budget` (the engine caps it at what the account
    /// holds), writes `size` of `shortId`, and withdraws the net premium, so the account holds exactly `posted`.
    function _trade(SeriesId shortId, SeriesId longId, uint256 size, uint256 posted, uint256 budget, uint256 deadline)
        private
        returns (uint256 shortPremium, uint256 longPremium)
    {
        uint256 id = accountId;
        bool call = isCall;
        engine.deposit(id, call, posted);
        longPremium = engine.buy(id, longId, size, budget, deadline);
        shortPremium = engine.write(id, shortId, size, 0, deadline);
        if (!(shortPremium > longPremium)) revert DebitSpread(shortPremium, longPremium);
        engine.withdraw(id, call, shortPremium - longPremium, address(this));
    }

    /// @dev Collateral per spread, wad of the asset per option: `StrategyMath.spreadCollateralWadUp` at the engine's
    /// floor share and haircut, with the spot shock its margin check will apply (the round's expiry is the account's
    /// only one, so the nearest: `PortfolioRisk.spotShockWad` on its smile).
    function _collateralPerSpreadWad(uint256 spotWad, SeriesId shortId, SeriesId longId)
        private
        view
        returns (uint256)
    {
        IPortfolioMarginEngine.PortfolioParams memory p = engine.portfolioParams();
        uint256 shockWad;
        if (isCall) {
            uint256 expiry = shortId.expiry();
            (Svi.Params memory smile,) = market.volatilityOracle().smile(expiry);
            shockWad = PortfolioRisk.spotShockWad(
                smile,
                expiry - block.timestamp,
                PortfolioRisk.ShockRule({
                    multiplierWad: p.shockMultiplierWad,
                    horizonSec: p.shockHorizonSec,
                    minShockWad: p.minSpotShockWad,
                    maxShockWad: p.maxSpotShockWad
                })
            );
        }
        return StrategyMath.spreadCollateralWadUp(
            isCall,
            spotWad,
            shockWad,
            shortId.strike(),
            longId.strike(),
            p.floorShareWad,
            isCall ? p.baseHaircutWad : p.quoteHaircutWad
        );
    }

    /// @dev The account's collateral of the vault's asset, token units (reads the spot range, as the engine does).
    function _collateral() private view returns (uint256) {
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(accountId, true);
        return isCall ? m.baseAssets : m.quoteAssets;
    }

    function _setMoneyness(uint256 moneynessWad_) private {
        ParameterBounds.check(moneynessWad_, 0, MAX_MONEYNESS);
        moneynessWad = moneynessWad_;
        emit MoneynessSet(moneynessWad_);
    }

    function _setRoundDuration(uint256 durationSec) private {
        ParameterBounds.check(durationSec, MIN_ROUND_DURATION, MAX_ROUND_DURATION);
        roundDurationSec = durationSec;
        emit RoundDurationSet(durationSec);
    }

    function _setSpreadWidth(uint256 widthWad) private {
        ParameterBounds.check(widthWad, MIN_SPREAD_WIDTH, MAX_SPREAD_WIDTH);
        spreadWidthWad = widthWad;
        emit SpreadWidthSet(widthWad);
    }

    function _setHedgeBudget(uint256 budgetWad) private {
        ParameterBounds.check(budgetWad, 0, MAX_HEDGE_BUDGET);
        hedgeBudgetWad = budgetWad;
        emit HedgeBudgetSet(budgetWad);
    }
}
