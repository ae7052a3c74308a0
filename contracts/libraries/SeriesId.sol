// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Identifier of one option series, and the id of its ERC-6909 position token.
/// @dev Layout (low to high bits): strike in wad [0, 128), isCall at bit 128, expiry in seconds [129, 169);
/// every bit from 169 up is zero. A value with a nonzero high bit is not canonical and is never listed, so one
/// series has exactly one token id.
type SeriesId is uint256;

using SeriesIdLib for SeriesId global;

/// @title SeriesIdLib
/// @notice Encoding and decoding of `SeriesId`.
library SeriesIdLib {
    /// @notice The strike does not fit in 128 bits or the expiry in 40 bits.
    error SeriesFieldOverflow(uint256 expiry, uint256 strikeWad);

    /// @dev Bit of the call flag; the strike occupies the 128 bits below it.
    uint256 internal constant CALL_BIT = 128;
    /// @dev First bit of the expiry.
    uint256 internal constant EXPIRY_SHIFT = 129;
    /// @dev 40 bits of seconds reach the year 36812.
    uint256 internal constant EXPIRY_BITS = 40;
    /// @dev Every canonical id is below 2^169.
    uint256 internal constant ID_BITS = EXPIRY_SHIFT + EXPIRY_BITS;

    /// @notice The id of the series (expiry, strike, call or put).
    /// @param expirySec Expiry timestamp, seconds. @param strikeWad Strike, wad of quote per base.
    /// @param call True for a call.
    /// @custom:reverts SeriesFieldOverflow if strikeWad >= 2^128 or expirySec >= 2^40.
    function encode(uint256 expirySec, uint256 strikeWad, bool call) internal pure returns (SeriesId) {
        if (strikeWad >> CALL_BIT != 0 || expirySec >> EXPIRY_BITS != 0) {
            revert SeriesFieldOverflow(expirySec, strikeWad);
        }
        uint256 callFlag = call ? 1 : 0;
        return SeriesId.wrap(expirySec << EXPIRY_SHIFT | callFlag << CALL_BIT | strikeWad);
    }

    /// @notice Expiry timestamp, seconds.
    function expiry(SeriesId id) internal pure returns (uint256) {
        // Truncation intended: the expiry is the 40 bits above the call flag (higher bits are not part of it).
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint40(SeriesId.unwrap(id) >> EXPIRY_SHIFT);
    }

    /// @notice Strike, wad of quote per base.
    function strike(SeriesId id) internal pure returns (uint256) {
        // Truncation intended: the strike is the low 128 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint128(SeriesId.unwrap(id));
    }

    /// @notice True for a call, false for a put.
    function isCall(SeriesId id) internal pure returns (bool) {
        return (SeriesId.unwrap(id) >> CALL_BIT) & 1 == 1;
    }

    /// @notice Whether every bit above the expiry is zero (the one encoding `encode` produces).
    function isCanonical(SeriesId id) internal pure returns (bool) {
        return SeriesId.unwrap(id) >> ID_BITS == 0;
    }
}
