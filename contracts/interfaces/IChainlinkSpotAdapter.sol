// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IHistoricalPriceSource} from "./IHistoricalPriceSource.sol";
import {IPriceBounds} from "./IPriceBounds.sol";
import {ISpotOracle} from "./ISpotOracle.sol";

/// @title IChainlinkSpotAdapter
/// @notice Spot and historical prices from a Chainlink-style feed, normalised to wad, with a heartbeat staleness
/// bound, an answer band, incomplete-round checks and, on L2s, a sequencer-uptime feed with a grace period.
interface IChainlinkSpotAdapter is ISpotOracle, IHistoricalPriceSource, IPriceBounds {
    /// @notice The latest answer was updated at `updatedAt`, more than `heartbeat` seconds ago.
    error StalePrice(uint256 updatedAt, uint256 heartbeat);

    /// @notice The feed answered a negative price.
    error NegativePrice(int256 answer);

    /// @notice Round `roundId` is not complete: it was never updated (`updatedAt == 0`) or its answer was carried
    /// from an earlier round (`answeredInRound < roundId`).
    error IncompleteRound(uint80 roundId, uint80 answeredInRound, uint256 updatedAt);

    /// @notice The feed reports an update time after the current block.
    error ObservationInTheFuture(uint256 updatedAt);

    /// @notice The L2 sequencer is down (or its status is unknown).
    error SequencerDown();

    /// @notice The L2 sequencer has been up only since `upSince`; prices are trusted again from `readyAt`.
    error SequencerGracePeriod(uint256 upSince, uint256 readyAt);

    /// @notice The feed has more than `MAX_FEED_DECIMALS` decimals.
    error UnsupportedDecimals(uint8 decimals);

    /// @notice The hinted round `roundId` was updated at `updatedAt`, before the requested `timestamp`.
    error RoundBeforeTimestamp(uint80 roundId, uint256 updatedAt, uint256 timestamp);

    /// @notice The round before the hint, `previousRoundId`, was already at or after the requested timestamp.
    error EarlierRoundAtOrAfter(uint80 previousRoundId, uint256 previousUpdatedAt);

    /// @notice The hinted round opens a new phase, so its predecessor cannot be read through the proxy and the
    /// round cannot be proven first; the settlement fallback covers this case.
    error PhaseFirstRound(uint80 roundId);

    /// @notice `requested` is in the future.
    error TimestampInTheFuture(uint256 requested);

    /// @notice The heartbeat became `heartbeat` seconds.
    event HeartbeatSet(uint256 indexed heartbeat);

    /// @notice The sequencer grace period became `gracePeriod` seconds.
    event GracePeriodSet(uint256 indexed gracePeriod);

    /// @notice The price feed.
    function feed() external view returns (AggregatorV3Interface);

    /// @notice The L2 sequencer-uptime feed, or the zero address where there is no sequencer (L1).
    function sequencerUptimeFeed() external view returns (AggregatorV3Interface);

    /// @notice Maximum age, in seconds, of the latest answer that `spot` accepts.
    function heartbeat() external view returns (uint256);

    /// @notice Seconds after the sequencer comes back up during which `spot` still refuses to price.
    function gracePeriod() external view returns (uint256);

    /// @notice Sets the heartbeat. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_HEARTBEAT, MAX_HEARTBEAT]`. Emits `HeartbeatSet`.
    /// @param heartbeat_ Seconds.
    function setHeartbeat(uint256 heartbeat_) external;

    /// @notice Sets the sequencer grace period. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_GRACE_PERIOD, MAX_GRACE_PERIOD]`. Emits `GracePeriodSet`.
    /// @param gracePeriod_ Seconds.
    function setGracePeriod(uint256 gracePeriod_) external;
}
