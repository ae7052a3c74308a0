// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IOptionWritingVault} from "../interfaces/IOptionWritingVault.sol";
import {ISpreadVault} from "../interfaces/ISpreadVault.sol";
import {OptionLegs} from "../libraries/OptionLegs.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {StrategyMath} from "../libraries/StrategyMath.sol";
import {StrategyVault} from "./StrategyVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SpreadVault
/// @notice A vertical credit spread composed of an option-writing vault's shares (short K1) and options of the same
/// type bought from the market one width farther out of the money (long K2), see `ISpreadVault`. It uses the
/// protocol's public interfaces and libraries only: no core contract knows it exists. `PutSpreadVault` and
/// `CallSpreadVault` only name it.
/// @dev Funds move only into the writing vault (deposit, redeem) and the market (the long options' premium, their
/// payoff), both on this vault's behalf: the keeper's only power, `startRound`, cannot send them elsewhere. The type
/// (call or put) and the asset are the writing vault's.
abstract contract SpreadVault is ISpreadVault, StrategyVault {
    using SafeERC20 for IERC20;

    /// @notice Narrowest spread: K2 at least 1 % away from K1.
    uint256 public constant MIN_SPREAD_WIDTH = 0.01e18;
    /// @notice Widest spread: K2 at most 50 % away from K1.
    uint256 public constant MAX_SPREAD_WIDTH = 0.5e18;
    /// @notice Largest hedge budget: 10 % of the NAV per round.
    uint256 public constant MAX_HEDGE_BUDGET = 0.1e18;

    /// @inheritdoc ISpreadVault
    IOptionWritingVault public immutable shortVault;
    /// @inheritdoc ISpreadVault
    IOptionMarket public immutable market;
    /// @inheritdoc ISpreadVault
    bool public immutable isCall;
    /// @dev 10^(18 − the asset's decimals).
    uint256 private immutable _scale;

    /// @inheritdoc ISpreadVault
    uint256 public spreadWidthWad;
    /// @inheritdoc ISpreadVault
    uint256 public hedgeBudgetWad;
    /// @inheritdoc ISpreadVault
    SeriesId public hedgeSeries;
    /// @inheritdoc ISpreadVault
    uint256 public hedgeSize;

    /// @param shortVault_ An option-writing vault whose keeper is (or will be set to) this vault; its asset and type
    /// are the spread's. @param name_ Share name. @param symbol_ Share symbol.
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param spreadWidthWad_ K2 = K1·(1 ∓ width). @param hedgeBudgetWad_ Most the long leg costs, share of the NAV.
    constructor(
        IOptionWritingVault shortVault_,
        string memory name_,
        string memory symbol_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 spreadWidthWad_,
        uint256 hedgeBudgetWad_
    ) StrategyVault(IERC20Metadata(shortVault_.asset()), name_, symbol_, owner_, keeper_, guardian_) {
        shortVault = shortVault_;
        market = shortVault_.market();
        isCall = shortVault_.isCall();
        _scale = 10 ** (18 - IERC20Metadata(asset()).decimals());
        IERC20(asset()).forceApprove(address(shortVault_), type(uint256).max);
        IERC20(asset()).forceApprove(address(market), type(uint256).max);
        _setSpreadWidth(spreadWidthWad_);
        _setHedgeBudget(hedgeBudgetWad_);
    }

    /// @inheritdoc ISpreadVault
    function setSpreadWidth(uint256 widthWad) external onlyOwner {
        _setSpreadWidth(widthWad);
    }

    /// @inheritdoc ISpreadVault
    function setHedgeBudget(uint256 budgetWad) external onlyOwner {
        _setHedgeBudget(budgetWad);
    }

    /// @dev Short leg: deposits the NAV less the budget into the writing vault and starts its round (which checks its
    /// own floor on its gross premium). Long leg: this vault's share of the short options, at K2 = K1·(1 ∓ width)
    /// snapped away from the money (`StrategyMath.otmStrike` from K1) on the same expiry, for at most the budget
    /// (`PremiumAboveMax` beyond; the market's `DeltaOutOfBounds`, `InventoryCapExceeded` when K2 is out of its
    /// bounds). The net premium, this vault's share of the short leg's premium (rounded down) less the long leg's cost,
    /// must reach the keeper's `minPremiumAssets` (the market's `PremiumBelowMin`) and the vault's floor, the two legs'
    /// fair net value less `maxPremiumDiscountWad` of their gross value, rounded up (`PremiumBelowFloor`).
    function _openRound(uint256 minPremiumAssets, uint256 deadline) internal override returns (uint256 expiry) {
        uint256 nav = totalAssets();
        uint256 budget = Math.mulDiv(nav, hedgeBudgetWad, StrategyMath.WAD);
        if (nav > budget) shortVault.deposit(nav - budget, address(this));
        shortVault.startRound(0, deadline);
        SeriesId shortId = shortVault.roundSeries();
        expiry = shortId.expiry();
        bool call = isCall;
        SeriesId id = SeriesIdLib.encode(expiry, StrategyMath.otmStrike(shortId.strike(), spreadWidthWad, call), call);
        uint256 shares = shortVault.balanceOf(address(this));
        uint256 supply = shortVault.totalSupply();
        uint256 size = shares == 0 ? 0 : Math.mulDiv(shortVault.roundSize(), shares, supply);
        hedgeSeries = id;
        hedgeSize = size;
        uint256 premiumAssets;
        if (size != 0) {
            premiumAssets = market.buy(id, size, budget, deadline);
            uint256 soldAssets = Math.mulDiv(shortVault.roundPremium(), shares, supply);
            uint256 netAssets = soldAssets > premiumAssets ? soldAssets - premiumAssets : 0;
            if (netAssets < minPremiumAssets) revert IOptionMarket.PremiumBelowMin(netAssets, minPremiumAssets);
            _checkPremiumFloor(
                netAssets,
                StrategyMath.premiumFloorUp(
                    size,
                    OptionLegs.fairValueWadUp(market, shortId),
                    OptionLegs.fairValueWadUp(market, id),
                    maxPremiumDiscountWad,
                    _scale
                )
            );
        }
        emit HedgeBought(round, id, size, premiumAssets);
    }

    /// @dev Closes the writing vault's round if nobody did, settles the expiry if needed, redeems the long options
    /// and all the writing vault's shares.
    function _closeRound() internal override {
        if (shortVault.roundActive()) shortVault.closeRound();
        uint256 size = hedgeSize;
        if (size != 0) {
            uint256 expiry = hedgeSeries.expiry();
            if (market.settledPrice(expiry) == 0) market.settle(expiry);
            hedgeSize = 0;
            market.redeem(hedgeSeries, size, address(this));
        }
        uint256 shares = shortVault.balanceOf(address(this));
        if (shares != 0) shortVault.redeem(shares, address(this), address(this));
    }

    /// @dev The writing vault's shares at its NAV (rounded down) + the long options at
    /// `OptionLegs.longValueAssetsDown`.
    function _positionsValue() internal view override returns (uint256 value) {
        uint256 shares = shortVault.balanceOf(address(this));
        if (shares != 0) value = shortVault.convertToAssets(shares);
        uint256 size = hedgeSize;
        if (size != 0) value += OptionLegs.longValueAssetsDown(market, hedgeSeries, size, _scale);
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
