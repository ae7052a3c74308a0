// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title TickMath
/// @notice The Uniswap v3 price at a tick, `sqrt(1.0001^tick)` in Q64.96, bit for bit what a v3 pool computes, and
/// the conversion of a tick into a wad price of one token in the other, with full-precision products.
/// @dev Derivation. Write `|tick| = Σ b_i·2^i` (i = 0..19, since 887272 < 2^20). Then
/// `1.0001^(-|tick|/2) = Π_{b_i = 1} 1.0001^(-2^(i-1))`, and each factor is stored in Q128 as
/// `c_i = round(2^128 / 1.0001^(2^(i-1)))` (computed at 120 significant digits). The product is accumulated in Q128,
/// each step `r = r·c_i >> 128` rounding down. For `tick > 0` the result is inverted: `1.0001^(tick/2) =
/// 1 / 1.0001^(-tick/2)`, i.e. `(2^256 - 1) / r` in Q128. The Q128 value is finally shifted to Q96, rounding up,
/// so that the price at `tick` lies at or above the exact value and maps back to `tick`.
library TickMath {
    /// @notice The lowest tick a v3 pool supports: `floor(log_1.0001(2^-128))`, so that `1.0001^tick` stays
    /// representable in Q128.128 over the whole range.
    int24 internal constant MIN_TICK = -887_272;
    /// @notice The highest tick, `-MIN_TICK`.
    int24 internal constant MAX_TICK = 887_272;

    /// @notice `tick` lies outside `[MIN_TICK, MAX_TICK]`.
    error TickOutOfRange(int24 tick);

    /// @notice `sqrt(1.0001^tick)` in Q64.96, rounded up.
    /// @dev Reverts `TickOutOfRange` outside `[MIN_TICK, MAX_TICK]`.
    /// @param tick The tick.
    /// @return sqrtPriceX96 The square root of the price of token0 in token1, Q64.96.
    function sqrtPriceAtTick(int24 tick) internal pure returns (uint160 sqrtPriceX96) {
        if (tick < MIN_TICK || tick > MAX_TICK) revert TickOutOfRange(tick);
        uint256 absTick = uint256(tick < 0 ? -int256(tick) : int256(tick));
        uint256 r = absTick & 0x1 != 0 ? 0xfffcb933bd6fad37aa2d162d1a594001 : 1 << 128;
        // Each product of two Q128 values below 2^128 is below 2^256, and each step keeps r below 2^128.
        unchecked {
            if (absTick & 0x2 != 0) r = (r * 0xfff97272373d413259a46990580e213a) >> 128;
            if (absTick & 0x4 != 0) r = (r * 0xfff2e50f5f656932ef12357cf3c7fdcc) >> 128;
            if (absTick & 0x8 != 0) r = (r * 0xffe5caca7e10e4e61c3624eaa0941cd0) >> 128;
            if (absTick & 0x10 != 0) r = (r * 0xffcb9843d60f6159c9db58835c926644) >> 128;
            if (absTick & 0x20 != 0) r = (r * 0xff973b41fa98c081472e6896dfb254c0) >> 128;
            if (absTick & 0x40 != 0) r = (r * 0xff2ea16466c96a3843ec78b326b52861) >> 128;
            if (absTick & 0x80 != 0) r = (r * 0xfe5dee046a99a2a811c461f1969c3053) >> 128;
            if (absTick & 0x100 != 0) r = (r * 0xfcbe86c7900a88aedcffc83b479aa3a4) >> 128;
            if (absTick & 0x200 != 0) r = (r * 0xf987a7253ac413176f2b074cf7815e54) >> 128;
            if (absTick & 0x400 != 0) r = (r * 0xf3392b0822b70005940c7a398e4b70f3) >> 128;
            if (absTick & 0x800 != 0) r = (r * 0xe7159475a2c29b7443b29c7fa6e889d9) >> 128;
            if (absTick & 0x1000 != 0) r = (r * 0xd097f3bdfd2022b8845ad8f792aa5825) >> 128;
            if (absTick & 0x2000 != 0) r = (r * 0xa9f746462d870fdf8a65dc1f90e061e5) >> 128;
            if (absTick & 0x4000 != 0) r = (r * 0x70d869a156d2a1b890bb3df62baf32f7) >> 128;
            if (absTick & 0x8000 != 0) r = (r * 0x31be135f97d08fd981231505542fcfa6) >> 128;
            if (absTick & 0x10000 != 0) r = (r * 0x9aa508b5b7a84e1c677de54f3e99bc9) >> 128;
            if (absTick & 0x20000 != 0) r = (r * 0x5d6af8dedb81196699c329225ee604) >> 128;
            if (absTick & 0x40000 != 0) r = (r * 0x2216e584f5fa1ea926041bedfe98) >> 128;
            if (absTick & 0x80000 != 0) r = (r * 0x48a170391f7dc42444e8fa2) >> 128;
        }
        if (tick > 0) r = type(uint256).max / r;
        // Q128 -> Q96 rounding up; r < 2^256 so the shifted value is below 2^224, and at MAX_TICK below 2^160.
        sqrtPriceX96 = uint160((r >> 32) + (r % (1 << 32) == 0 ? 0 : 1));
    }

    /// @notice Price of one whole base token in whole quote tokens at `tick`, wad.
    /// @dev With `p = 1.0001^tick` the price of token0 in token1 in raw units, the wad price is
    /// `p^(±1) · 10^(baseDecimals - quoteDecimals) · 1e18` (+1 when the base is token0), with `p` taken as
    /// `(sqrtPriceAtTick(tick) / 2^96)²`, the price the pool itself uses (within one Q96 unit of the exact square
    /// root, i.e. a relative error of at most `2 / sqrtPriceX96` on `p`). When `sqrtPriceX96 < 2^128` the square is
    /// exact and the result is the exact floor (two floors of integer divisions compose into one); above it
    /// (ticks > 443636) the square is first taken in Q128, rounded down, losing at most 2^-128 relative more.
    /// Reverts (Solady `FullMulDivFailed`) when the price times 1e18 exceeds 2^256, i.e. for pairs priced above
    /// ~1e59 (whole units). Both decimals must be at most 36.
    /// @param tick The tick.
    /// @param baseIsToken0 Whether the base asset is the pool's token0.
    /// @param baseDecimals Decimals of the base token.
    /// @param quoteDecimals Decimals of the quote token.
    /// @return priceWad Price of the base in the quote, wad, rounded down.
    function priceWadAtTick(int24 tick, bool baseIsToken0, uint8 baseDecimals, uint8 quoteDecimals)
        internal
        pure
        returns (uint256 priceWad)
    {
        // The decimal scale num/den is 10^(18 + baseDecimals - quoteDecimals), kept as a fraction of integers.
        uint256 num = 1;
        uint256 den = 1;
        if (quoteDecimals > 18 + uint256(baseDecimals)) den = 10 ** (uint256(quoteDecimals) - baseDecimals - 18);
        else num = 10 ** (18 + uint256(baseDecimals) - quoteDecimals);
        uint256 sqrtPriceX96 = sqrtPriceAtTick(tick);
        if (sqrtPriceX96 < 1 << 128) {
            uint256 ratioX192 = sqrtPriceX96 * sqrtPriceX96;
            priceWad = baseIsToken0
                ? FixedPointMathLib.fullMulDiv(ratioX192, num, 1 << 192)
                : FixedPointMathLib.fullMulDiv(1 << 192, num, ratioX192);
        } else {
            uint256 ratioX128 = FixedPointMathLib.fullMulDiv(sqrtPriceX96, sqrtPriceX96, 1 << 64);
            priceWad = baseIsToken0
                ? FixedPointMathLib.fullMulDiv(ratioX128, num, 1 << 128)
                : FixedPointMathLib.fullMulDiv(1 << 128, num, ratioX128);
        }
        priceWad /= den;
    }
}
