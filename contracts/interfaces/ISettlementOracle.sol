// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IHistoricalPriceSource} from "./IHistoricalPriceSource.sol";
import {ISpotOracle} from "./ISpotOracle.sol";

/// @title ISettlementOracle
/// @notice The settlement price of one pair per expiry, fixed once by anyone and immutable afterwards.
/// @dev Primary path (`settle`): from `expiry + settlementDelay` on, the first valid observation at or after expiry,
/// located by a caller-supplied hint and proven first by the source (for a Chainlink feed: the first complete round
/// with `updatedAt >= expiry`; for a Uniswap TWAP source: the TWAP window ending at expiry), and observed no later
/// than `expiry + maxObservationLag`. Fallback path (`settleFallback`): if nothing was fixed by
/// `expiry + fallbackDelay` (the feed was silent, or its first round after expiry was late or opened a new phase),
/// anyone may fix the fallback spot oracle's current price (e.g. the cross-checked router). The fallback window
/// opens at least a day after the primary one, during which every keeper and option holder can settle from the
/// primary source, so the fallback is reached only when the primary source truly cannot settle.
interface ISettlementOracle is IBoundedParameters {
    /// @notice A fixed settlement.
    /// @param priceWad Settlement price of the base in the quote, wad (0 while not fixed).
    /// @param observedAt Timestamp of the observation the price comes from.
    /// @param viaFallback Whether it was fixed by the fallback path.
    struct Settlement {
        uint256 priceWad;
        uint64 observedAt;
        bool viaFallback;
    }

    /// @notice `expiry` already settled at `priceWad`; a settlement is never changed.
    error AlreadySettled(uint256 expiry, uint256 priceWad);

    /// @notice The primary path for `expiry` opens at `availableAt`.
    error SettlementTooEarly(uint256 expiry, uint256 availableAt);

    /// @notice The fallback path for `expiry` opens at `availableAt`.
    error FallbackTooEarly(uint256 expiry, uint256 availableAt);

    /// @notice The source returned an observation at `observedAt`, before `expiry`.
    error ObservationBeforeExpiry(uint256 observedAt, uint256 expiry);

    /// @notice The first observation after expiry came at `observedAt`, after the deadline `latestAt`.
    error ObservationTooLate(uint256 observedAt, uint256 latestAt);

    /// @notice A source returned a zero price.
    error ZeroSettlementPrice();

    /// @notice `expiry` has no settlement price yet.
    error NotSettled(uint256 expiry);

    /// @notice The settlement price of `expiry` was fixed at `priceWad` from an observation at `observedAt`.
    event SettlementFixed(
        uint256 indexed expiry, uint256 indexed priceWad, uint256 indexed observedAt, bool viaFallback
    );

    /// @notice Source of the primary path.
    function source() external view returns (IHistoricalPriceSource);

    /// @notice Source of the fallback path.
    function fallbackOracle() external view returns (ISpotOracle);

    /// @notice Seconds after expiry before the primary path opens.
    function settlementDelay() external view returns (uint256);

    /// @notice Largest delay, seconds, between expiry and the observation the primary path accepts.
    function maxObservationLag() external view returns (uint256);

    /// @notice Seconds after expiry before the fallback path opens.
    function fallbackDelay() external view returns (uint256);

    /// @notice Fixes the settlement price of `expiry` from the first valid observation at or after it. Anyone.
    /// @dev Reverts `AlreadySettled`, `SettlementTooEarly`, `ObservationBeforeExpiry`, `ObservationTooLate`,
    /// `ZeroSettlementPrice`, or the source's own error for a bad hint or a bad price. Emits `SettlementFixed`.
    /// @param expiry The expiry, seconds.
    /// @param hint Locator of the observation for the source (a Chainlink round id; ignored by a TWAP source).
    /// @return priceWad The settlement price, wad.
    function settle(uint256 expiry, uint256 hint) external returns (uint256 priceWad);

    /// @notice Fixes the settlement price of `expiry` from the fallback oracle's current price. Anyone.
    /// @dev Reverts `AlreadySettled`, `FallbackTooEarly`, `ZeroSettlementPrice` or the fallback oracle's error.
    /// Emits `SettlementFixed` with `viaFallback = true`.
    /// @param expiry The expiry, seconds.
    /// @return priceWad The settlement price, wad.
    function settleFallback(uint256 expiry) external returns (uint256 priceWad);

    /// @notice The settlement of `expiry` (all zero while not fixed).
    function settlement(uint256 expiry) external view returns (Settlement memory);

    /// @notice The settlement price of `expiry`, wad.
    /// @dev Reverts `NotSettled` while it is not fixed: no payoff can be computed before.
    function settlementPrice(uint256 expiry) external view returns (uint256 priceWad);
}
