// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {ISpotOracleRouter} from "../interfaces/ISpotOracleRouter.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title SpotOracleRouter
/// @notice Cross-checks a primary and a secondary spot source and returns the primary's price when they agree; in
/// degraded mode (see `ISpotOracleRouter`) the range between them for actions that reduce risk.
contract SpotOracleRouter is Ownable2Step, ISpotOracleRouter {
    /// @notice Tightest deviation bound, 0.5 %: Chainlink's own deviation trigger on major pairs, below which two
    /// healthy sources routinely disagree.
    uint256 public constant MIN_MAX_DEVIATION_WAD = 0.005e18;
    /// @notice Loosest deviation bound, 10 %: beyond it the cross-check no longer protects option pricing.
    uint256 public constant MAX_MAX_DEVIATION_WAD = 0.1e18;
    /// @notice Loosest degraded-mode bound, 50 %: the largest crash the margin engine's spot shock covers; beyond it
    /// the two sources no longer describe the same market. The tightest is `maxDeviationWad` (mode off).
    uint256 public constant MAX_MAX_DEGRADED_DEVIATION_WAD = 0.5e18;
    /// @notice Shortest maximum age: one minute, a handful of blocks.
    uint256 public constant MIN_MAX_AGE = 1 minutes;
    /// @notice Longest maximum age: two days, the longest heartbeat an adapter accepts.
    uint256 public constant MAX_MAX_AGE = 2 days;

    /// @inheritdoc ISpotOracleRouter
    ISpotOracle public immutable primary;
    /// @inheritdoc ISpotOracleRouter
    ISpotOracle public immutable secondary;

    /// @inheritdoc ISpotOracleRouter
    uint256 public maxDeviationWad;
    /// @inheritdoc ISpotOracleRouter
    uint256 public maxDegradedDeviationWad;
    /// @inheritdoc ISpotOracleRouter
    uint256 public maxAge;
    /// @inheritdoc ISpotOracleRouter
    bool public fallbackEnabled;

    /// @param owner_ The governance role.
    /// @param primary_ The primary source, whose price is returned when both agree.
    /// @param secondary_ The secondary source.
    /// @param maxDeviationWad_ Initial deviation bound, wad.
    /// @param maxDegradedDeviationWad_ Initial degraded-mode deviation bound, wad (`maxDeviationWad_`: mode off).
    /// @param maxAge_ Initial maximum source age, seconds.
    constructor(
        address owner_,
        ISpotOracle primary_,
        ISpotOracle secondary_,
        uint256 maxDeviationWad_,
        uint256 maxDegradedDeviationWad_,
        uint256 maxAge_
    ) Ownable(owner_) {
        primary = primary_;
        secondary = secondary_;
        // The degraded bound first: each bound checks against the other, and both start at zero.
        _setMaxDegradedDeviation(maxDegradedDeviationWad_);
        _setMaxDeviation(maxDeviationWad_);
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc ISpotOracle
    /// @dev See the rule on `ISpotOracleRouter`. Reverts `PriceDeviationTooHigh`, `PrimaryUnavailable`,
    /// `SecondaryUnavailable` or `NoValidSource`.
    function spot() external view returns (uint256 priceWad, uint256 updatedAt) {
        (priceWad,, updatedAt) = _range(false);
    }

    /// @inheritdoc ISpotOracle
    /// @dev Degraded mode, see `ISpotOracleRouter`: `(p, p, t)` whenever `spot` returns `(p, t)`; two valid sources
    /// apart by more than `maxDeviationWad` but at most `maxDegradedDeviationWad` give `(min, max)` of their prices
    /// and the older update time. Reverts as `spot`, `PriceDeviationTooHigh` beyond `maxDegradedDeviationWad`.
    function spotRange() external view returns (uint256 lowWad, uint256 highWad, uint256 updatedAt) {
        return _range(true);
    }

    /// @inheritdoc ISpotOracleRouter
    function setMaxDeviation(uint256 maxDeviationWad_) external onlyOwner {
        _setMaxDeviation(maxDeviationWad_);
    }

    /// @inheritdoc ISpotOracleRouter
    function setMaxDegradedDeviation(uint256 maxDegradedDeviationWad_) external onlyOwner {
        _setMaxDegradedDeviation(maxDegradedDeviationWad_);
    }

    /// @inheritdoc ISpotOracleRouter
    function setMaxAge(uint256 maxAge_) external onlyOwner {
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc ISpotOracleRouter
    function setFallbackEnabled(bool enabled) external onlyOwner {
        fallbackEnabled = enabled;
        emit FallbackEnabledSet(enabled);
    }

    /// @dev The rule of `ISpotOracleRouter`: the price range both sources support, `(p, p, t)` outside the degraded
    /// case, which only `degradedAllowed` (`spotRange`) accepts.
    function _range(bool degradedAllowed) private view returns (uint256 lowWad, uint256 highWad, uint256 updatedAt) {
        (bool primaryValid, uint256 primaryPrice, uint256 primaryAt, bytes memory primaryReason) = _read(primary);
        (bool secondaryValid, uint256 secondaryPrice, uint256 secondaryAt, bytes memory secondaryReason) =
            _read(secondary);
        if (primaryValid && secondaryValid) {
            lowWad = FixedPointMathLib.min(primaryPrice, secondaryPrice);
            uint256 deviationWad =
                FixedPointMathLib.fullMulDivUp(FixedPointMathLib.dist(primaryPrice, secondaryPrice), 1e18, lowWad);
            if (!(deviationWad > maxDeviationWad)) return (primaryPrice, primaryPrice, primaryAt);
            uint256 bound = degradedAllowed ? maxDegradedDeviationWad : maxDeviationWad;
            if (deviationWad > bound) revert PriceDeviationTooHigh(primaryPrice, secondaryPrice, deviationWad, bound);
            return (
                lowWad,
                FixedPointMathLib.max(primaryPrice, secondaryPrice),
                FixedPointMathLib.min(primaryAt, secondaryAt)
            );
        }
        if (!primaryValid && !secondaryValid) revert NoValidSource(primaryReason, secondaryReason);
        if (!fallbackEnabled) {
            if (primaryValid) revert SecondaryUnavailable(secondaryReason);
            revert PrimaryUnavailable(primaryReason);
        }
        return primaryValid ? (primaryPrice, primaryPrice, primaryAt) : (secondaryPrice, secondaryPrice, secondaryAt);
    }

    /// @dev Reads one source without letting its failure escape; `reason` explains an invalid read.
    function _read(ISpotOracle source)
        private
        view
        returns (bool valid, uint256 priceWad, uint256 updatedAt, bytes memory reason)
    {
        try source.spot() returns (uint256 price, uint256 at) {
            if (price == 0) return (false, 0, 0, abi.encodeWithSelector(ZeroPrice.selector));
            if (at > block.timestamp || block.timestamp - at > maxAge) {
                return (false, 0, 0, abi.encodeWithSelector(StaleSource.selector, at, maxAge));
            }
            return (true, price, at, "");
        } catch (bytes memory revertData) {
            return (false, 0, 0, revertData);
        }
    }

    /// @dev Stores the deviation bound (wad) inside its hard bounds and emits `MaxDeviationSet`
    /// (and at most the degraded bound, which must stay the looser one).
    function _setMaxDeviation(uint256 maxDeviationWad_) private {
        ParameterBounds.check(
            maxDeviationWad_,
            MIN_MAX_DEVIATION_WAD,
            FixedPointMathLib.min(MAX_MAX_DEVIATION_WAD, maxDegradedDeviationWad)
        );
        maxDeviationWad = maxDeviationWad_;
        emit MaxDeviationSet(maxDeviationWad_);
    }

    /// @dev Stores the degraded-mode bound (wad) in [maxDeviationWad, MAX_MAX_DEGRADED_DEVIATION_WAD] and emits
    /// `MaxDegradedDeviationSet`.
    function _setMaxDegradedDeviation(uint256 maxDegradedDeviationWad_) private {
        ParameterBounds.check(maxDegradedDeviationWad_, maxDeviationWad, MAX_MAX_DEGRADED_DEVIATION_WAD);
        maxDegradedDeviationWad = maxDegradedDeviationWad_;
        emit MaxDegradedDeviationSet(maxDegradedDeviationWad_);
    }

    /// @dev Stores the maximum source age (seconds) inside its hard bounds and emits `MaxAgeSet`.
    function _setMaxAge(uint256 maxAge_) private {
        ParameterBounds.check(maxAge_, MIN_MAX_AGE, MAX_MAX_AGE);
        maxAge = maxAge_;
        emit MaxAgeSet(maxAge_);
    }
}
