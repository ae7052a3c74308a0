// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IHistoricalPriceSource} from "./IHistoricalPriceSource.sol";
import {IPriceBounds} from "./IPriceBounds.sol";
import {ISpotOracle} from "./ISpotOracle.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @title IUniswapV3TwapAdapter
/// @notice The time-weighted average price of a Uniswap v3 pool over a governed window: the arithmetic mean tick
/// from `observe()`, converted to the price of the base in the quote (wad), with minimum window, minimum
/// observation cardinality and an optional harmonic-mean-liquidity floor.
interface IUniswapV3TwapAdapter is ISpotOracle, IHistoricalPriceSource, IPriceBounds {
    /// @notice The base and quote tokens are not the pool's two tokens.
    error TokensNotInPool(address base, address quote);

    /// @notice A token has more than `MAX_TOKEN_DECIMALS` decimals.
    error UnsupportedDecimals(uint8 decimals);

    /// @notice The pool stores fewer observations (`cardinality`) than required (`minCardinality`).
    error ObservationCardinalityTooLow(uint16 cardinality, uint16 minCardinality);

    /// @notice The pool's oldest stored observation (at `oldestObservationAt`) is after the window start.
    error InsufficientHistory(uint256 oldestObservationAt, uint256 windowStart);

    /// @notice The harmonic mean liquidity over the window is below the floor.
    error LiquidityTooLow(uint256 harmonicMeanLiquidity, uint256 minLiquidity);

    /// @notice `requested` is in the future.
    error TimestampInTheFuture(uint256 requested);

    /// @notice The averaging window became `window` seconds.
    event TwapWindowSet(uint256 indexed window);

    /// @notice The minimum observation cardinality became `minCardinality`.
    event MinCardinalitySet(uint16 indexed minCardinality);

    /// @notice The harmonic-mean-liquidity floor became `minLiquidity` (0 disables it).
    event MinLiquiditySet(uint256 indexed minLiquidity);

    /// @notice The pool.
    function pool() external view returns (IUniswapV3Pool);

    /// @notice The base token (priced).
    function base() external view returns (address);

    /// @notice The quote token (unit of the price).
    function quote() external view returns (address);

    /// @notice The averaging window, seconds.
    function twapWindow() external view returns (uint256);

    /// @notice The minimum observation cardinality of the pool.
    function minCardinality() external view returns (uint16);

    /// @notice The harmonic-mean-liquidity floor over the window (0 = none), in the pool's liquidity units.
    function minLiquidity() external view returns (uint256);

    /// @notice The mean tick and harmonic mean liquidity over the window ending at `endTimestamp`.
    /// @dev The mean tick is the time-weighted arithmetic mean of the pool tick, rounded toward negative infinity.
    /// Reverts `TimestampInTheFuture`, `ObservationCardinalityTooLow`, `InsufficientHistory` or `LiquidityTooLow`.
    /// @param endTimestamp End of the window, seconds, not in the future.
    /// @return meanTick Mean tick (price of token0 in token1 is `1.0001^meanTick`).
    /// @return harmonicMeanLiquidity `window / Σ(dt / L)`, in the pool's liquidity units.
    function consult(uint256 endTimestamp) external view returns (int24 meanTick, uint256 harmonicMeanLiquidity);

    /// @notice Sets the averaging window. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_TWAP_WINDOW, MAX_TWAP_WINDOW]`. Emits `TwapWindowSet`.
    /// @param window Seconds.
    function setTwapWindow(uint256 window) external;

    /// @notice Sets the minimum observation cardinality. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_CARDINALITY, MAX_CARDINALITY]`. Emits `MinCardinalitySet`.
    /// @param minCardinality_ Observations.
    function setMinCardinality(uint16 minCardinality_) external;

    /// @notice Sets the harmonic-mean-liquidity floor. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_MIN_LIQUIDITY`. Emits `MinLiquiditySet`.
    /// @param minLiquidity_ Pool liquidity units; 0 disables the floor.
    function setMinLiquidity(uint256 minLiquidity_) external;
}
