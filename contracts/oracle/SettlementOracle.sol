// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IHistoricalPriceSource} from "../interfaces/IHistoricalPriceSource.sol";
import {ISettlementOracle} from "../interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";

/// @title SettlementOracle
/// @notice Fixes, once and for all, the settlement price of one pair at each expiry.
/// @dev The delays are immutable: settlement terms are fixed at deployment so that no governance action can change
/// how an already-listed expiry settles. They are still checked against the hard bounds below.
contract SettlementOracle is ISettlementOracle {
    /// @notice Longest settlement delay: one hour lets a Chainlink round land after expiry without holding payoffs.
    uint256 public constant MAX_SETTLEMENT_DELAY = 1 hours;
    /// @notice Shortest observation lag: one minute, a few blocks for the first post-expiry update.
    uint256 public constant MIN_OBSERVATION_LAG = 1 minutes;
    /// @notice Longest observation lag: six hours, a quarter of the slowest (daily) heartbeat; a later first round
    /// is no longer the price at expiry.
    uint256 public constant MAX_OBSERVATION_LAG = 6 hours;
    /// @notice Earliest fallback: one day after expiry, so the primary path always has most of a day alone.
    uint256 public constant MIN_FALLBACK_DELAY = 1 days;
    /// @notice Latest fallback: one week, the longest option holders should wait for a payoff.
    uint256 public constant MAX_FALLBACK_DELAY = 7 days;

    /// @inheritdoc ISettlementOracle
    IHistoricalPriceSource public immutable source;
    /// @inheritdoc ISettlementOracle
    ISpotOracle public immutable fallbackOracle;
    /// @inheritdoc ISettlementOracle
    uint256 public immutable settlementDelay;
    /// @inheritdoc ISettlementOracle
    uint256 public immutable maxObservationLag;
    /// @inheritdoc ISettlementOracle
    uint256 public immutable fallbackDelay;

    mapping(uint256 expiry => Settlement) private settlements;

    /// @param source_ Source of the primary path.
    /// @param fallbackOracle_ Source of the fallback path.
    /// @param settlementDelay_ Seconds after expiry before the primary path opens.
    /// @param maxObservationLag_ Largest accepted delay between expiry and the observation, seconds.
    /// @param fallbackDelay_ Seconds after expiry before the fallback path opens.
    constructor(
        IHistoricalPriceSource source_,
        ISpotOracle fallbackOracle_,
        uint256 settlementDelay_,
        uint256 maxObservationLag_,
        uint256 fallbackDelay_
    ) {
        ParameterBounds.check(settlementDelay_, 0, MAX_SETTLEMENT_DELAY);
        ParameterBounds.check(maxObservationLag_, MIN_OBSERVATION_LAG, MAX_OBSERVATION_LAG);
        ParameterBounds.check(fallbackDelay_, MIN_FALLBACK_DELAY, MAX_FALLBACK_DELAY);
        source = source_;
        fallbackOracle = fallbackOracle_;
        settlementDelay = settlementDelay_;
        maxObservationLag = maxObservationLag_;
        fallbackDelay = fallbackDelay_;
    }

    /// @inheritdoc ISettlementOracle
    function settle(uint256 expiry, uint256 hint) external returns (uint256 priceWad) {
        _checkNotSettled(expiry);
        uint256 availableAt = expiry + settlementDelay;
        if (block.timestamp < availableAt) revert SettlementTooEarly(expiry, availableAt);
        uint256 observedAt;
        (priceWad, observedAt) = source.priceAt(expiry, hint);
        if (observedAt < expiry) revert ObservationBeforeExpiry(observedAt, expiry);
        uint256 latestAt = expiry + maxObservationLag;
        if (observedAt > latestAt) revert ObservationTooLate(observedAt, latestAt);
        _fix(expiry, priceWad, observedAt, false);
    }

    /// @inheritdoc ISettlementOracle
    function settleFallback(uint256 expiry) external returns (uint256 priceWad) {
        _checkNotSettled(expiry);
        uint256 availableAt = expiry + fallbackDelay;
        if (block.timestamp < availableAt) revert FallbackTooEarly(expiry, availableAt);
        uint256 observedAt;
        (priceWad, observedAt) = fallbackOracle.spot();
        _fix(expiry, priceWad, observedAt, true);
    }

    /// @inheritdoc ISettlementOracle
    function settlement(uint256 expiry) external view returns (Settlement memory) {
        return settlements[expiry];
    }

    /// @inheritdoc ISettlementOracle
    function settlementPrice(uint256 expiry) external view returns (uint256 priceWad) {
        priceWad = settlements[expiry].priceWad;
        if (priceWad == 0) revert NotSettled(expiry);
    }

    /// @dev Reverts `AlreadySettled` once a price is fixed for `expiry`: a settlement is never rewritten.
    function _checkNotSettled(uint256 expiry) private view {
        uint256 fixedPrice = settlements[expiry].priceWad;
        if (fixedPrice != 0) revert AlreadySettled(expiry, fixedPrice);
    }

    /// @dev A zero price would read as "not settled" and let a second fixing through, so it is refused here even
    /// though every source already refuses it.
    function _fix(uint256 expiry, uint256 priceWad, uint256 observedAt, bool viaFallback) private {
        if (priceWad == 0) revert ZeroSettlementPrice();
        // observedAt is a block timestamp, far below 2^64.
        // forge-lint: disable-next-line(unsafe-typecast)
        settlements[expiry] = Settlement(priceWad, uint64(observedAt), viaFallback);
        emit SettlementFixed(expiry, priceWad, observedAt, viaFallback);
    }
}
