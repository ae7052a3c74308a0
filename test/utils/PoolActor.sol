// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {IUniswapV3MintCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3MintCallback.sol";
import {IUniswapV3SwapCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";

/// @notice A liquidity provider or trader on a real Uniswap v3 pool: it mints the tokens it owes in the pool's
/// callbacks (test tokens have open minting), so a test only says what to do, never how to fund it.
contract PoolActor is IUniswapV3MintCallback, IUniswapV3SwapCallback {
    /// @notice Q64.96 bounds of the v3 price range (sqrtPriceAtTick(MIN_TICK) and sqrtPriceAtTick(MAX_TICK)).
    uint160 internal constant MIN_SQRT_PRICE = 4_295_128_739;
    uint160 internal constant MAX_SQRT_PRICE = 1_461_446_703_485_210_103_287_273_052_203_988_822_378_723_970_342;

    IUniswapV3Pool private activePool;
    /// @notice Tokens paid to the pool in callbacks since deployment: token0, token1.
    uint256 public paid0;
    uint256 public paid1;

    function mint(IUniswapV3Pool pool, int24 tickLower, int24 tickUpper, uint128 liquidity)
        external
        returns (uint256 amount0, uint256 amount1)
    {
        activePool = pool;
        (amount0, amount1) = pool.mint(address(this), tickLower, tickUpper, liquidity, "");
        activePool = IUniswapV3Pool(address(0));
    }

    /// @notice Swaps until `sqrtPriceLimitX96` is reached or `amountSpecified` is exhausted (exact input if > 0).
    function swap(IUniswapV3Pool pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        public
        returns (int256 amount0, int256 amount1)
    {
        activePool = pool;
        (amount0, amount1) = pool.swap(address(this), zeroForOne, amountSpecified, sqrtPriceLimitX96, "");
        activePool = IUniswapV3Pool(address(0));
    }

    /// @notice Moves the pool price to exactly `sqrtPriceX96` (no-op if already there), paying what it takes.
    function swapToPrice(IUniswapV3Pool pool, uint160 sqrtPriceX96) external returns (int256 amount0, int256 amount1) {
        (uint160 current,,,,,,) = pool.slot0();
        if (current == sqrtPriceX96) return (0, 0);
        return swap(pool, sqrtPriceX96 < current, type(int128).max, sqrtPriceX96);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    function _pay(uint256 amount0, uint256 amount1) private {
        require(msg.sender == address(activePool), "PoolActor: unexpected callback");
        if (amount0 > 0) {
            TestERC20(activePool.token0()).mint(msg.sender, amount0);
            paid0 += amount0;
        }
        if (amount1 > 0) {
            TestERC20(activePool.token1()).mint(msg.sender, amount1);
            paid1 += amount1;
        }
    }
}
