// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IOptionWritingVault} from "../interfaces/IOptionWritingVault.sol";
import {IPutSpreadVault} from "../interfaces/IPutSpreadVault.sol";
import {OptionValuation} from "../libraries/OptionValuation.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {StrategyMath} from "../libraries/StrategyMath.sol";
import {Svi} from "../libraries/Svi.sol";
import {StrategyVault} from "./StrategyVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title PutSpreadVault
/// @notice A bull put spread composed of a put-selling vault's shares and puts bought from the market (see
/// `IPutSpreadVault`). It uses the protocol's public interfaces only: no core contract knows it exists.
/// @dev Funds move only into the put-selling vault (deposit, redeem) and the market (the long puts' premium, their
/// payoff), both on this vault's behalf: the keeper's only power, `startRound`, cannot send them elsewhere.
contract PutSpreadVault is IPutSpreadVault, StrategyVault {
    using SafeERC20 for IERC20;

    /// @notice Narrowest spread: K2 at least 1 % below K1.
    uint256 public constant MIN_SPREAD_WIDTH = 0.01e18;
    /// @notice Widest spread: K2 at most 50 % below K1.
    uint256 public constant MAX_SPREAD_WIDTH = 0.5e18;
    /// @notice Largest hedge budget: 10 % of the NAV per round.
    uint256 public constant MAX_HEDGE_BUDGET = 0.1e18;

    /// @inheritdoc IPutSpreadVault
    IOptionWritingVault public immutable putVault;
    /// @inheritdoc IPutSpreadVault
    IOptionMarket public immutable market;
    /// @dev 10^(18 − the asset's decimals).
    uint256 private immutable _scale;

    /// @inheritdoc IPutSpreadVault
    uint256 public spreadWidthWad;
    /// @inheritdoc IPutSpreadVault
    uint256 public hedgeBudgetWad;
    /// @inheritdoc IPutSpreadVault
    SeriesId public hedgeSeries;
    /// @inheritdoc IPutSpreadVault
    uint256 public hedgeSize;

    /// @param putVault_ A put-selling vault whose keeper is (or will be set to) this vault.
    /// @param owner_ Sets roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause entries.
    /// @param spreadWidthWad_ K2 = K1·(1 − width). @param hedgeBudgetWad_ Most the long leg costs, share of the NAV.
    constructor(
        IOptionWritingVault putVault_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 spreadWidthWad_,
        uint256 hedgeBudgetWad_
    ) StrategyVault(IERC20Metadata(putVault_.asset()), "Smile put spread", "scSPREAD", owner_, keeper_, guardian_) {
        putVault = putVault_;
        market = putVault_.market();
        _scale = 10 ** (18 - IERC20Metadata(asset()).decimals());
        IERC20(asset()).forceApprove(address(putVault_), type(uint256).max);
        IERC20(asset()).forceApprove(address(market), type(uint256).max);
        _setSpreadWidth(spreadWidthWad_);
        _setHedgeBudget(hedgeBudgetWad_);
    }

    /// @inheritdoc IPutSpreadVault
    function setSpreadWidth(uint256 widthWad) external onlyOwner {
        _setSpreadWidth(widthWad);
    }

    /// @inheritdoc IPutSpreadVault
    function setHedgeBudget(uint256 budgetWad) external onlyOwner {
        _setHedgeBudget(budgetWad);
    }

    /// @dev Short leg: deposits the NAV less the budget into the put-selling vault and starts its round (which checks
    /// its own floor on its gross premium). Long leg: this vault's share of the short puts, at K2 on the same expiry,
    /// for at most the budget (`PremiumAboveMax` beyond). The net premium, this vault's share of the short leg's
    /// premium (rounded down) less the long leg's cost, must reach the keeper's `minPremiumAssets` (the market's
    /// `PremiumBelowMin`) and the vault's floor, the two legs' fair net value less `maxPremiumDiscountWad` of their
    /// gross value, rounded up (`PremiumBelowFloor`).
    function _openRound(uint256 minPremiumAssets, uint256 deadline) internal override returns (uint256 expiry) {
        uint256 nav = totalAssets();
        uint256 budget = Math.mulDiv(nav, hedgeBudgetWad, StrategyMath.WAD);
        if (nav > budget) putVault.deposit(nav - budget, address(this));
        putVault.startRound(0, deadline);
        SeriesId shortId = putVault.roundSeries();
        expiry = shortId.expiry();
        uint256 strikeWad = StrategyMath.snapStrike(
            Math.mulDiv(shortId.strike(), StrategyMath.WAD - spreadWidthWad, StrategyMath.WAD), false
        );
        SeriesId id = SeriesIdLib.encode(expiry, strikeWad, false);
        uint256 shares = putVault.balanceOf(address(this));
        uint256 supply = putVault.totalSupply();
        uint256 size = shares == 0 ? 0 : Math.mulDiv(putVault.roundSize(), shares, supply);
        hedgeSeries = id;
        hedgeSize = size;
        uint256 premiumAssets;
        if (size != 0) {
            premiumAssets = market.buy(id, size, budget, deadline);
            uint256 soldAssets = Math.mulDiv(putVault.roundPremium(), shares, supply);
            uint256 netAssets = soldAssets > premiumAssets ? soldAssets - premiumAssets : 0;
            if (netAssets < minPremiumAssets) revert IOptionMarket.PremiumBelowMin(netAssets, minPremiumAssets);
            _checkPremiumFloor(
                netAssets,
                StrategyMath.premiumFloorUp(
                    size, _fairMarkWad(market, shortId), _fairMarkWad(market, id), maxPremiumDiscountWad, _scale
                )
            );
        }
        emit HedgeBought(round, id, size, premiumAssets);
    }

    /// @dev Closes the put-selling vault's round if nobody did, settles the expiry if needed, redeems the long puts
    /// and all the put-selling vault's shares.
    function _closeRound() internal override {
        if (putVault.roundActive()) putVault.closeRound();
        uint256 size = hedgeSize;
        if (size != 0) {
            uint256 expiry = hedgeSeries.expiry();
            if (market.settledPrice(expiry) == 0) market.settle(expiry);
            hedgeSize = 0;
            market.redeem(hedgeSeries, size, address(this));
        }
        uint256 shares = putVault.balanceOf(address(this));
        if (shares != 0) putVault.redeem(shares, address(this), address(this));
    }

    /// @dev The put-selling vault's shares at its NAV (rounded down) + the long puts' value, rounded down.
    function _positionsValue() internal view override returns (uint256 value) {
        uint256 shares = putVault.balanceOf(address(this));
        if (shares != 0) value = putVault.convertToAssets(shares);
        uint256 size = hedgeSize;
        if (size != 0) value += Math.mulDiv(size, _hedgeValueWad(), StrategyMath.WAD) / _scale;
    }

    /// @dev One long put's value, wad of quote: the settlement payoff once the expiry is settled, else the pricer's
    /// mark on the expiry's smile inside Black-Scholes' domain and the intrinsic value outside it (as the market
    /// marks its vaults). The pricer's mark rounds up by at most one wei: one wei less keeps a long rounded down.
    function _hedgeValueWad() private view returns (uint256) {
        SeriesId id = hedgeSeries;
        uint256 expiry = id.expiry();
        uint256 strikeWad = id.strike();
        uint256 settled = market.settledPrice(expiry);
        if (settled != 0) return OptionValuation.payoffWad(settled, strikeWad, false, false);
        (uint256 spotWad,) = market.spotOracle().spot();
        uint256 timeSec = expiry > block.timestamp ? expiry - block.timestamp : 0;
        if (!OptionValuation.inDomain(spotWad, strikeWad, timeSec)) {
            return OptionValuation.payoffWad(spotWad, strikeWad, false, false);
        }
        (Svi.Params memory smile,) = market.volatilityOracle().smile(expiry);
        uint256 markWad = market.pricer().mark(smile, spotWad, strikeWad, timeSec, market.rateWad(), false);
        return markWad == 0 ? 0 : markWad - 1;
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
