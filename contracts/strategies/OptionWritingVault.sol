// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IMarginEngine} from "../interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {IOptionWritingVault} from "../interfaces/IOptionWritingVault.sol";
import {OptionLegs} from "../libraries/OptionLegs.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {SeriesId, SeriesIdLib} from "../libraries/SeriesId.sol";
import {StrategyMath} from "../libraries/StrategyMath.sol";
import {StrategyVault} from "./StrategyVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title OptionWritingVault
/// @notice Writes fully collateralised out-of-the-money options each round through the margin engine (see
/// `IOptionWritingVault`). `CoveredCallVault` and `PutSellingVault` are its two sides.
/// @dev Funds only ever move between this vault and its own margin account (deposit at the start of a round, the
/// whole collateral back after settlement): the keeper's only power, `startRound`, cannot send them anywhere else.
abstract contract OptionWritingVault is IOptionWritingVault, StrategyVault {
    using SafeERC20 for IERC20;

    /// @notice Largest moneyness: strikes at most 50 % out of the money (the market's delta bounds stop far wings).
    uint256 public constant MAX_MONEYNESS = 0.5e18;
    /// @notice Shortest round: one day, the market's listing step.
    uint256 public constant MIN_ROUND_DURATION = 1 days;
    /// @notice Longest round: a quarter.
    uint256 public constant MAX_ROUND_DURATION = 91 days;
    /// @notice Assets kept out of the size: the engine rounds the mark and the IM up to token units each, so an
    /// account holding exactly the options' maximum payoff can fall two units short of mark + IM.
    uint256 public constant ENGINE_ROUNDING_ASSETS = 2;

    /// @inheritdoc IOptionWritingVault
    IMarginEngine public immutable engine;
    /// @inheritdoc IOptionWritingVault
    IOptionMarket public immutable market;
    /// @inheritdoc IOptionWritingVault
    uint256 public immutable accountId;
    /// @inheritdoc IOptionWritingVault
    bool public immutable isCall;
    /// @dev 10^(18 − the asset's decimals).
    uint256 private immutable _scale;

    /// @inheritdoc IOptionWritingVault
    uint256 public moneynessWad;
    /// @inheritdoc IOptionWritingVault
    uint256 public roundDurationSec;
    /// @inheritdoc IOptionWritingVault
    SeriesId public roundSeries;
    /// @inheritdoc IOptionWritingVault
    uint256 public roundSize;
    /// @inheritdoc IOptionWritingVault
    uint256 public roundPremium;

    /// @param engine_ The margin engine (its market's call or put vault asset is this vault's asset).
    /// @param isCall_ Covered calls on base, or cash-secured puts on quote.
    /// @param moneynessWad_ m, at most `MAX_MONEYNESS`. @param roundDurationSec_ Target round length, seconds.
    constructor(
        IMarginEngine engine_,
        bool isCall_,
        string memory name_,
        string memory symbol_,
        address owner_,
        address keeper_,
        address guardian_,
        uint256 moneynessWad_,
        uint256 roundDurationSec_
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
        accountId = engine_.openAccount(isCall_);
        IERC20(asset()).forceApprove(address(engine_), type(uint256).max);
        _setMoneyness(moneynessWad_);
        _setRoundDuration(roundDurationSec_);
    }

    /// @inheritdoc IOptionWritingVault
    function setMoneyness(uint256 moneynessWad_) external onlyOwner {
        _setMoneyness(moneynessWad_);
    }

    /// @inheritdoc IOptionWritingVault
    function setRoundDuration(uint256 durationSec) external onlyOwner {
        _setRoundDuration(durationSec);
    }

    /// @dev Deposits the whole NAV into the account and writes the most options it covers in full (less
    /// `ENGINE_ROUNDING_ASSETS`), at the listed expiry `roundDurationSec` ahead and the moneyness rule's strike, for at
    /// least `minPremiumAssets` (the market's `PremiumBelowMin`) and at least the vault's floor, size · fair value ·
    /// (1 − `maxPremiumDiscountWad`) rounded up (`PremiumBelowFloor`). With nothing to write (an empty vault, or less
    /// than one option's collateral) the round runs empty.
    function _openRound(uint256 minPremiumAssets, uint256 deadline) internal override returns (uint256 expiry) {
        expiry = StrategyMath.listedExpiryAtOrAfter(block.timestamp + roundDurationSec);
        (uint256 spotWad,) = market.spotOracle().spot();
        uint256 strikeWad = StrategyMath.otmStrike(spotWad, moneynessWad, isCall);
        SeriesId id = SeriesIdLib.encode(expiry, strikeWad, isCall);
        uint256 assets = totalAssets();
        uint256 covered = assets > ENGINE_ROUNDING_ASSETS ? assets - ENGINE_ROUNDING_ASSETS : 0;
        uint256 size = StrategyMath.fullyCollateralisedSize(covered, _scale, strikeWad, isCall);
        roundSeries = id;
        roundSize = size;
        uint256 premiumAssets;
        if (size != 0) {
            engine.deposit(accountId, assets);
            premiumAssets = engine.write(accountId, id, size, minPremiumAssets, deadline);
            _checkPremiumFloor(
                premiumAssets,
                StrategyMath.premiumFloorUp(
                    size, OptionLegs.fairValueWadUp(market, id), 0, maxPremiumDiscountWad, _scale
                )
            );
        }
        roundPremium = premiumAssets;
        emit RoundWritten(round, id, size, premiumAssets);
    }

    /// @dev Settles the expiry in the market if nobody did yet, pays what the account owes, and takes the whole
    /// collateral back.
    function _closeRound() internal override {
        if (roundSize == 0) return;
        uint256 expiry = roundSeries.expiry();
        if (market.settledPrice(expiry) == 0) market.settle(expiry);
        engine.settleAccount(accountId);
        uint256 collateral = engine.marginOf(accountId).collateralAssets;
        if (collateral != 0) engine.withdraw(accountId, collateral, address(this));
    }

    /// @dev Collateral − the engine's mark of the shorts (rounded up, so the value rounds down); 0 with no collateral.
    function _positionsValue() internal view override returns (uint256) {
        IMarginEngine.Margin memory m = engine.marginOf(accountId);
        return m.collateralAssets > m.markAssets ? m.collateralAssets - m.markAssets : 0;
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
}
