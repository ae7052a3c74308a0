// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {IChainlinkSpotAdapter} from "../interfaces/IChainlinkSpotAdapter.sol";
import {IHistoricalPriceSource} from "../interfaces/IHistoricalPriceSource.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {PriceBounds} from "./PriceBounds.sol";

/// @title ChainlinkSpotAdapter
/// @notice Reads a Chainlink-style feed whose answer is the price of the base in the quote, and returns it in wad.
/// @dev `spot` checks, in order: sequencer up and past its grace period (when a sequencer feed is set), round
/// complete, update time not in the future and within the heartbeat, answer positive, normalised price non-zero and
/// inside the band. `priceAt` walks rounds for settlement: the caller names the round, the adapter proves it is
/// the first complete round at or after the timestamp by reading its predecessor in the same phase.
contract ChainlinkSpotAdapter is PriceBounds, IChainlinkSpotAdapter {
    /// @notice Largest supported feed precision; with it `10 ** (decimals - 18)` stays a small divisor.
    uint8 public constant MAX_FEED_DECIMALS = 36;
    /// @notice Shortest heartbeat: Chainlink's fastest feeds update at least every few minutes, so one minute
    /// cannot reject a healthy feed by design and still bounds staleness tightly.
    uint256 public constant MIN_HEARTBEAT = 1 minutes;
    /// @notice Longest heartbeat: the slowest Chainlink feeds beat daily; one more day of tolerance, no more.
    uint256 public constant MAX_HEARTBEAT = 2 days;
    /// @notice Shortest sequencer grace period: enough for a few L2 blocks of queued L1 transactions to land.
    uint256 public constant MIN_GRACE_PERIOD = 1 minutes;
    /// @notice Longest sequencer grace period: one day, after which trading must resume on the live feed.
    uint256 public constant MAX_GRACE_PERIOD = 1 days;
    /// @dev The lower 64 bits of a round id count rounds inside a phase.
    uint256 private constant AGGREGATOR_ROUND_MASK = type(uint64).max;

    /// @inheritdoc IChainlinkSpotAdapter
    AggregatorV3Interface public immutable feed;
    /// @inheritdoc IChainlinkSpotAdapter
    AggregatorV3Interface public immutable sequencerUptimeFeed;
    /// @dev `true` when the feed has more than 18 decimals and its answer is divided down to wad.
    bool private immutable scaleDown;
    /// @dev `10 ** |decimals - 18|`.
    uint256 private immutable scale;

    /// @inheritdoc IChainlinkSpotAdapter
    uint256 public heartbeat;
    /// @inheritdoc IChainlinkSpotAdapter
    uint256 public gracePeriod;

    /// @param owner_ The governance role.
    /// @param feed_ The price feed (base in quote).
    /// @param sequencerUptimeFeed_ The L2 sequencer-uptime feed, or the zero address on L1.
    /// @param heartbeat_ Initial heartbeat, seconds.
    /// @param gracePeriod_ Initial sequencer grace period, seconds.
    /// @param minPriceWad_ Initial lowest accepted price, wad.
    /// @param maxPriceWad_ Initial highest accepted price, wad.
    constructor(
        address owner_,
        AggregatorV3Interface feed_,
        AggregatorV3Interface sequencerUptimeFeed_,
        uint256 heartbeat_,
        uint256 gracePeriod_,
        uint256 minPriceWad_,
        uint256 maxPriceWad_
    ) PriceBounds(owner_, minPriceWad_, maxPriceWad_) {
        uint8 decimals = feed_.decimals();
        if (decimals > MAX_FEED_DECIMALS) revert UnsupportedDecimals(decimals);
        feed = feed_;
        sequencerUptimeFeed = sequencerUptimeFeed_;
        scaleDown = decimals > 18;
        scale = 10 ** (decimals > 18 ? decimals - 18 : 18 - decimals);
        _setHeartbeat(heartbeat_);
        _setGracePeriod(gracePeriod_);
    }

    /// @inheritdoc ISpotOracle
    function spot() external view returns (uint256 priceWad, uint256 updatedAt) {
        return _latestPrice();
    }

    /// @inheritdoc ISpotOracle
    /// @dev One source: the range is the latest price, `(p, p, updatedAt)`, with the reverts of `spot`.
    function spotRange() external view returns (uint256 lowWad, uint256 highWad, uint256 updatedAt) {
        (lowWad, updatedAt) = _latestPrice();
        highWad = lowWad;
    }

    /// @inheritdoc IHistoricalPriceSource
    /// @dev `hint` is the round id of the first complete round updated at or after `timestamp`. Its predecessor
    /// (`hint - 1`, same phase) must be complete and updated before `timestamp`. No staleness or sequencer check:
    /// the observation is historical by design.
    function priceAt(uint256 timestamp, uint256 hint) external view returns (uint256 priceWad, uint256 observedAt) {
        if (timestamp > block.timestamp) revert TimestampInTheFuture(timestamp);
        // Round ids are uint80; a larger hint is truncated and the round it names is then fully checked, so the
        // truncation can only make the call revert or prove a genuinely first round.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint80 roundId = uint80(hint);
        (, int256 answer,, uint256 updatedAt, uint80 answeredInRound) = feed.getRoundData(roundId);
        priceWad = _validPrice(roundId, answer, updatedAt, answeredInRound);
        if (updatedAt < timestamp) revert RoundBeforeTimestamp(roundId, updatedAt, timestamp);
        if (uint256(roundId) & AGGREGATOR_ROUND_MASK < 2) revert PhaseFirstRound(roundId);
        // Cannot underflow: the aggregator round (low 64 bits) is at least 2.
        uint80 previousRoundId = roundId - 1;
        (,,, uint256 previousUpdatedAt, uint80 previousAnsweredInRound) = feed.getRoundData(previousRoundId);
        if (previousUpdatedAt == 0 || previousAnsweredInRound < previousRoundId) {
            revert IncompleteRound(previousRoundId, previousAnsweredInRound, previousUpdatedAt);
        }
        // solhint-disable-next-line gas-strict-inequalities
        if (previousUpdatedAt >= timestamp) revert EarlierRoundAtOrAfter(previousRoundId, previousUpdatedAt);
        observedAt = updatedAt;
    }

    /// @inheritdoc IChainlinkSpotAdapter
    function setHeartbeat(uint256 heartbeat_) external onlyOwner {
        _setHeartbeat(heartbeat_);
    }

    /// @inheritdoc IChainlinkSpotAdapter
    function setGracePeriod(uint256 gracePeriod_) external onlyOwner {
        _setGracePeriod(gracePeriod_);
    }

    /// @dev The latest round's price after every check `spot` documents.
    function _latestPrice() private view returns (uint256 priceWad, uint256 updatedAt) {
        _checkSequencer();
        (uint80 roundId, int256 answer,, uint256 updatedAt_, uint80 answeredInRound) = feed.latestRoundData();
        priceWad = _validPrice(roundId, answer, updatedAt_, answeredInRound);
        if (block.timestamp - updatedAt_ > heartbeat) revert StalePrice(updatedAt_, heartbeat);
        updatedAt = updatedAt_;
    }

    /// @dev Sequencer-uptime feeds answer 0 when up and 1 when down; `startedAt` is when that status began and is 0
    /// while the status is unknown, which is treated as down.
    function _checkSequencer() private view {
        if (address(sequencerUptimeFeed) == address(0)) return;
        (, int256 status, uint256 startedAt,,) = sequencerUptimeFeed.latestRoundData();
        if (status != 0 || startedAt == 0) revert SequencerDown();
        uint256 readyAt = startedAt + gracePeriod;
        if (block.timestamp < readyAt) revert SequencerGracePeriod(startedAt, readyAt);
    }

    /// @dev Checks a round is complete, not from the future and positive, then normalises its answer to wad
    /// (rounded down) and checks the band.
    function _validPrice(uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound)
        private
        view
        returns (uint256 priceWad)
    {
        if (updatedAt == 0 || answeredInRound < roundId) {
            revert IncompleteRound(roundId, answeredInRound, updatedAt);
        }
        if (updatedAt > block.timestamp) revert ObservationInTheFuture(updatedAt);
        if (answer < 0) revert NegativePrice(answer);
        // answer >= 0 here, so the cast is exact; times at most 1e18 it overflows only above 5.7e58 (checked: reverts).
        // forge-lint: disable-next-line(unsafe-typecast)
        priceWad = scaleDown ? uint256(answer) / scale : uint256(answer) * scale;
        _checkPrice(priceWad);
    }

    /// @dev Stores the heartbeat (seconds) inside [MIN_HEARTBEAT, MAX_HEARTBEAT] and emits `HeartbeatSet`.
    function _setHeartbeat(uint256 heartbeat_) private {
        ParameterBounds.check(heartbeat_, MIN_HEARTBEAT, MAX_HEARTBEAT);
        heartbeat = heartbeat_;
        emit HeartbeatSet(heartbeat_);
    }

    /// @dev Stores the grace period (seconds) inside [MIN_GRACE_PERIOD, MAX_GRACE_PERIOD], emits `GracePeriodSet`.
    function _setGracePeriod(uint256 gracePeriod_) private {
        ParameterBounds.check(gracePeriod_, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD);
        gracePeriod = gracePeriod_;
        emit GracePeriodSet(gracePeriod_);
    }
}
