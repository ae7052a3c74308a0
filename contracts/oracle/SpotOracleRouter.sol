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
/// @notice Cross-checks a primary and a secondary spot source and returns the primary's price when they agree.
contract SpotOracleRouter is Ownable2Step, ISpotOracleRouter {
    /// @notice Tightest deviation bound, 0.5 %: Chainlink's own deviation trigger on major pairs, below which two
    /// healthy sources routinely disagree.
    uint256 public constant MIN_MAX_DEVIATION_WAD = 0.005e18;
    /// @notice Loosest deviation bound, 10 %: beyond it the cross-check no longer protects option pricing.
    uint256 public constant MAX_MAX_DEVIATION_WAD = 0.1e18;
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
    uint256 public maxAge;
    /// @inheritdoc ISpotOracleRouter
    bool public fallbackEnabled;

    /// @param owner_ The governance role.
    /// @param primary_ The primary source, whose price is returned when both agree.
    /// @param secondary_ The secondary source.
    /// @param maxDeviationWad_ Initial deviation bound, wad.
    /// @param maxAge_ Initial maximum source age, seconds.
    constructor(address owner_, ISpotOracle primary_, ISpotOracle secondary_, uint256 maxDeviationWad_, uint256 maxAge_)
        Ownable(owner_)
    {
        primary = primary_;
        secondary = secondary_;
        _setMaxDeviation(maxDeviationWad_);
        _setMaxAge(maxAge_);
    }

    /// @inheritdoc ISpotOracle
    /// @dev See the rule on `ISpotOracleRouter`. Reverts `PriceDeviationTooHigh`, `PrimaryUnavailable`,
    /// `SecondaryUnavailable` or `NoValidSource`.
    function spot() external view returns (uint256 priceWad, uint256 updatedAt) {
        (bool primaryValid, uint256 primaryPrice, uint256 primaryAt, bytes memory primaryReason) = _read(primary);
        (bool secondaryValid, uint256 secondaryPrice, uint256 secondaryAt, bytes memory secondaryReason) =
            _read(secondary);
        if (primaryValid && secondaryValid) {
            uint256 deviationWad = FixedPointMathLib.fullMulDivUp(
                FixedPointMathLib.dist(primaryPrice, secondaryPrice),
                1e18,
                FixedPointMathLib.min(primaryPrice, secondaryPrice)
            );
            if (deviationWad > maxDeviationWad) {
                revert PriceDeviationTooHigh(primaryPrice, secondaryPrice, deviationWad, maxDeviationWad);
            }
            return (primaryPrice, primaryAt);
        }
        if (!primaryValid && !secondaryValid) revert NoValidSource(primaryReason, secondaryReason);
        if (!fallbackEnabled) {
            if (primaryValid) revert SecondaryUnavailable(secondaryReason);
            revert PrimaryUnavailable(primaryReason);
        }
        return primaryValid ? (primaryPrice, primaryAt) : (secondaryPrice, secondaryAt);
    }

    /// @inheritdoc ISpotOracleRouter
    function setMaxDeviation(uint256 maxDeviationWad_) external onlyOwner {
        _setMaxDeviation(maxDeviationWad_);
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

    /// @dev Stores the deviation bound (wad) inside its hard bounds and emits `MaxDeviationSet`.
    function _setMaxDeviation(uint256 maxDeviationWad_) private {
        ParameterBounds.check(maxDeviationWad_, MIN_MAX_DEVIATION_WAD, MAX_MAX_DEVIATION_WAD);
        maxDeviationWad = maxDeviationWad_;
        emit MaxDeviationSet(maxDeviationWad_);
    }

    /// @dev Stores the maximum source age (seconds) inside its hard bounds and emits `MaxAgeSet`.
    function _setMaxAge(uint256 maxAge_) private {
        ParameterBounds.check(maxAge_, MIN_MAX_AGE, MAX_MAX_AGE);
        maxAge = maxAge_;
        emit MaxAgeSet(maxAge_);
    }
}
