// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {IHistoricalPriceSource} from "../interfaces/IHistoricalPriceSource.sol";
import {ISpotOracle} from "../interfaces/ISpotOracle.sol";
import {IUniswapV3TwapAdapter} from "../interfaces/IUniswapV3TwapAdapter.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {PriceBounds} from "./PriceBounds.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @title UniswapV3TwapAdapter
/// @notice Prices the base in the quote from the arithmetic-mean tick of a Uniswap v3 pool over a window.
/// @dev Manipulation resistance: moving the mean tick of a window of W seconds by Δ requires holding the spot tick
/// Δ·W/t away for t seconds; a one-block manipulation (t = one block) must move spot W/t times further than the
/// TWAP, and pays the pool's fee and arbitrage on that move (see test/bench/TwapManipulationCost.t.sol).
contract UniswapV3TwapAdapter is PriceBounds, IUniswapV3TwapAdapter {
    /// @notice Largest token precision supported by `TickMath.priceWadAtTick` (10^(18 + 36) < 2^256).
    uint8 public constant MAX_TOKEN_DECIMALS = 36;
    /// @notice Shortest window: 5 minutes is 25 Ethereum blocks, so a manipulation held for one block moves the
    /// mean tick by at most 1/25 of the spot move.
    uint256 public constant MIN_TWAP_WINDOW = 5 minutes;
    /// @notice Longest window: beyond a day the TWAP lags spot too much to price options.
    uint256 public constant MAX_TWAP_WINDOW = 1 days;
    /// @notice Lowest accepted cardinality floor: at least two observations are needed to span a window.
    uint16 public constant MIN_CARDINALITY = 2;
    /// @notice Highest cardinality floor: the largest ring buffer a v3 pool can hold.
    uint16 public constant MAX_CARDINALITY = type(uint16).max;
    /// @notice Highest liquidity floor: a pool's liquidity is a uint128.
    uint256 public constant MAX_MIN_LIQUIDITY = type(uint128).max;

    /// @inheritdoc IUniswapV3TwapAdapter
    IUniswapV3Pool public immutable pool;
    /// @inheritdoc IUniswapV3TwapAdapter
    address public immutable base;
    /// @inheritdoc IUniswapV3TwapAdapter
    address public immutable quote;
    /// @dev Whether the base is the pool's token0.
    bool private immutable baseIsToken0;
    uint8 private immutable baseDecimals;
    uint8 private immutable quoteDecimals;

    /// @inheritdoc IUniswapV3TwapAdapter
    uint256 public twapWindow;
    /// @inheritdoc IUniswapV3TwapAdapter
    uint16 public minCardinality;
    /// @inheritdoc IUniswapV3TwapAdapter
    uint256 public minLiquidity;

    /// @param owner_ The governance role.
    /// @param pool_ The Uniswap v3 pool of the two tokens.
    /// @param base_ The base token (priced).
    /// @param quote_ The quote token.
    /// @param window Initial averaging window, seconds.
    /// @param minCardinality_ Initial minimum observation cardinality.
    /// @param minLiquidity_ Initial harmonic-mean-liquidity floor (0 = none).
    /// @param minPriceWad_ Initial lowest accepted price, wad.
    /// @param maxPriceWad_ Initial highest accepted price, wad.
    constructor(
        address owner_,
        IUniswapV3Pool pool_,
        address base_,
        address quote_,
        uint256 window,
        uint16 minCardinality_,
        uint256 minLiquidity_,
        uint256 minPriceWad_,
        uint256 maxPriceWad_
    ) PriceBounds(owner_, minPriceWad_, maxPriceWad_) {
        address token0 = pool_.token0();
        address token1 = pool_.token1();
        if (!(base_ == token0 && quote_ == token1) && !(base_ == token1 && quote_ == token0)) {
            revert TokensNotInPool(base_, quote_);
        }
        uint8 baseDecimals_ = IERC20Metadata(base_).decimals();
        uint8 quoteDecimals_ = IERC20Metadata(quote_).decimals();
        if (baseDecimals_ > MAX_TOKEN_DECIMALS) revert UnsupportedDecimals(baseDecimals_);
        if (quoteDecimals_ > MAX_TOKEN_DECIMALS) revert UnsupportedDecimals(quoteDecimals_);
        pool = pool_;
        base = base_;
        quote = quote_;
        baseIsToken0 = base_ == token0;
        baseDecimals = baseDecimals_;
        quoteDecimals = quoteDecimals_;
        _setTwapWindow(window);
        _setMinCardinality(minCardinality_);
        _setMinLiquidity(minLiquidity_);
    }

    /// @inheritdoc ISpotOracle
    /// @dev The TWAP over the window ending now; `updatedAt` is the current block time.
    function spot() external view returns (uint256 priceWad, uint256 updatedAt) {
        priceWad = _priceAt(block.timestamp);
        updatedAt = block.timestamp;
    }

    /// @inheritdoc ISpotOracle
    /// @dev One source: the range is the TWAP ending now, `(p, p, block.timestamp)`, with the reverts of `spot`.
    function spotRange() external view returns (uint256 lowWad, uint256 highWad, uint256 updatedAt) {
        lowWad = _priceAt(block.timestamp);
        highWad = lowWad;
        updatedAt = block.timestamp;
    }

    /// @inheritdoc IHistoricalPriceSource
    /// @dev The TWAP over the window ending exactly at `timestamp` (the pool must still hold observations back to
    /// `timestamp - twapWindow`); `hint` is ignored and `observedAt == timestamp`.
    function priceAt(uint256 timestamp, uint256) external view returns (uint256 priceWad, uint256 observedAt) {
        priceWad = _priceAt(timestamp);
        observedAt = timestamp;
    }

    /// @inheritdoc IUniswapV3TwapAdapter
    function consult(uint256 endTimestamp) public view returns (int24 meanTick, uint256 harmonicMeanLiquidity) {
        if (endTimestamp > block.timestamp) revert TimestampInTheFuture(endTimestamp);
        uint256 window = twapWindow;
        (,, uint16 index, uint16 cardinality,,,) = pool.slot0();
        if (cardinality < minCardinality) revert ObservationCardinalityTooLow(cardinality, minCardinality);
        uint256 windowStart = endTimestamp - window;
        uint256 oldest = _oldestObservationAt(index, cardinality);
        if (oldest > windowStart) revert InsufficientHistory(oldest, windowStart);

        uint32[] memory secondsAgos = new uint32[](2);
        // Both fit in uint32: block.timestamp - windowStart is at most the pool's history, which is kept in uint32.
        // forge-lint: disable-next-line(unsafe-typecast)
        secondsAgos[0] = uint32(block.timestamp - windowStart);
        // forge-lint: disable-next-line(unsafe-typecast)
        secondsAgos[1] = uint32(block.timestamp - endTimestamp);
        (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityX128) = pool.observe(secondsAgos);

        int56 tickDelta = tickCumulatives[1] - tickCumulatives[0];
        // The window is at most one day, far inside int56.
        // forge-lint: disable-next-line(unsafe-typecast)
        int56 windowSec = int56(uint56(window));
        // A time-weighted mean of ticks is itself inside the tick range, hence inside int24.
        // forge-lint: disable-next-line(unsafe-typecast)
        meanTick = int24(tickDelta / windowSec);
        // Round toward negative infinity (division truncates toward zero), as Uniswap's own oracle library does, so
        // the mean tick is the same integrators compute off-chain.
        if (tickDelta < 0 && tickDelta % windowSec != 0) --meanTick;

        uint160 secondsPerLiquidityDelta;
        // The pool's cumulative wraps modulo 2^160; the difference of two wrapped values is exact modulo 2^160.
        unchecked {
            secondsPerLiquidityDelta = secondsPerLiquidityX128[1] - secondsPerLiquidityX128[0];
        }
        // Σ dt/L in Q128 is at least window·2^128/2^128 = window > 0 (L is a uint128), so the division is defined.
        harmonicMeanLiquidity = (window << 128) / secondsPerLiquidityDelta;
        if (harmonicMeanLiquidity < minLiquidity) revert LiquidityTooLow(harmonicMeanLiquidity, minLiquidity);
    }

    /// @inheritdoc IUniswapV3TwapAdapter
    function setTwapWindow(uint256 window) external onlyOwner {
        _setTwapWindow(window);
    }

    /// @inheritdoc IUniswapV3TwapAdapter
    function setMinCardinality(uint16 minCardinality_) external onlyOwner {
        _setMinCardinality(minCardinality_);
    }

    /// @inheritdoc IUniswapV3TwapAdapter
    function setMinLiquidity(uint256 minLiquidity_) external onlyOwner {
        _setMinLiquidity(minLiquidity_);
    }

    /// @dev The wad price at the mean tick of the window ending at `endTimestamp` (rounded down), checked against
    /// the band.
    function _priceAt(uint256 endTimestamp) private view returns (uint256 priceWad) {
        (int24 meanTick,) = consult(endTimestamp);
        priceWad = TickMath.priceWadAtTick(meanTick, baseIsToken0, baseDecimals, quoteDecimals);
        _checkPrice(priceWad);
    }

    /// @dev The ring buffer's oldest entry is the one after the latest; until the buffer has wrapped it is not
    /// initialised yet and the oldest is entry 0.
    function _oldestObservationAt(uint16 index, uint16 cardinality) private view returns (uint256) {
        (uint32 timestamp,,, bool initialized) = pool.observations((uint256(index) + 1) % cardinality);
        if (!initialized) (timestamp,,,) = pool.observations(0);
        return timestamp;
    }

    /// @dev Stores the window (seconds) inside [MIN_TWAP_WINDOW, MAX_TWAP_WINDOW] and emits `TwapWindowSet`.
    function _setTwapWindow(uint256 window) private {
        ParameterBounds.check(window, MIN_TWAP_WINDOW, MAX_TWAP_WINDOW);
        twapWindow = window;
        emit TwapWindowSet(window);
    }

    /// @dev Stores the cardinality floor (at least MIN_CARDINALITY; a uint16 cannot exceed MAX_CARDINALITY) and
    /// emits `MinCardinalitySet`.
    function _setMinCardinality(uint16 minCardinality_) private {
        ParameterBounds.check(minCardinality_, MIN_CARDINALITY, MAX_CARDINALITY);
        minCardinality = minCardinality_;
        emit MinCardinalitySet(minCardinality_);
    }

    /// @dev Stores the liquidity floor (at most MAX_MIN_LIQUIDITY) and emits `MinLiquiditySet`.
    function _setMinLiquidity(uint256 minLiquidity_) private {
        ParameterBounds.check(minLiquidity_, 0, MAX_MIN_LIQUIDITY);
        minLiquidity = minLiquidity_;
        emit MinLiquiditySet(minLiquidity_);
    }
}
