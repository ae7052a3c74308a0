// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AggregatorV3Interface
/// @notice The read surface of a Chainlink-style price feed (proxy), declared here so the protocol depends on no
/// vendor package (under Chainlink's own name, which integrators recognise). A round id is
/// `(phaseId << 64) | aggregatorRoundId`; rounds of one phase are consecutive.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Number of decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice Human-readable description of the feed, e.g. "ETH / USD".
    function description() external view returns (string memory);

    /// @notice Version of the aggregator behind the proxy.
    function version() external view returns (uint256);

    /// @notice Data of round `roundId`; `updatedAt == 0` when the round is unknown or not complete.
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Data of the latest round.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
