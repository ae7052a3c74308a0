// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";

/// @notice A Chainlink-style feed whose rounds the test writes directly, so that it can be stale, zero, negative,
/// out of bounds, mid-round (answeredInRound behind roundId, or updatedAt == 0) or, used as a sequencer-uptime feed,
/// down (answer 1) or freshly back up. Round ids follow Chainlink: `(phaseId << 64) | aggregatorRoundId`.
contract MockAggregator is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    uint8 public immutable decimals;
    uint80 public latestRoundId;
    mapping(uint80 roundId => Round) public rounds;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function description() external pure returns (string memory) {
        return "MOCK / USD";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    /// @notice Appends a complete round in the current phase (phase 1 when the feed is empty).
    function pushAnswer(int256 answer, uint256 updatedAt) external returns (uint80 roundId) {
        roundId = latestRoundId == 0 ? uint80(1 << 64) + 1 : latestRoundId + 1;
        setRound(roundId, answer, updatedAt, updatedAt, roundId);
    }

    /// @notice Writes any round, complete or not, and makes it the latest.
    function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        public
    {
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound);
        latestRoundId = roundId;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[roundId];
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[latestRoundId];
        return (latestRoundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
