// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {Test} from "forge-std/Test.sol";

contract SeriesIdTest is Test {
    /// @dev External, so that `vm.expectRevert` sees the library's revert one call deep.
    function encode(uint256 expiry, uint256 strikeWad, bool isCall) external pure returns (SeriesId) {
        return SeriesIdLib.encode(expiry, strikeWad, isCall);
    }

    function testFuzz_encodeDecodeRoundTrip(uint40 expiry, uint128 strikeWad, bool isCall) public pure {
        SeriesId id = SeriesIdLib.encode(expiry, strikeWad, isCall);
        assertEq(id.expiry(), expiry);
        assertEq(id.strike(), strikeWad);
        assertEq(id.isCall(), isCall);
        assertTrue(id.isCanonical());
    }

    function testFuzz_callAndPutDiffer(uint40 expiry, uint128 strikeWad) public pure {
        assertNotEq(
            SeriesId.unwrap(SeriesIdLib.encode(expiry, strikeWad, true)),
            SeriesId.unwrap(SeriesIdLib.encode(expiry, strikeWad, false))
        );
    }

    function test_isCanonical_rejectsHighBits() public pure {
        SeriesId id = SeriesIdLib.encode(1, 1, true);
        assertFalse(SeriesId.wrap(SeriesId.unwrap(id) | 1 << SeriesIdLib.ID_BITS).isCanonical());
    }

    function test_encode_revertsOnStrikeOverflow() public {
        uint256 strikeWad = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SeriesIdLib.SeriesFieldOverflow.selector, 1, strikeWad));
        this.encode(1, strikeWad, true);
    }

    function test_encode_revertsOnExpiryOverflow() public {
        uint256 expiry = uint256(type(uint40).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SeriesIdLib.SeriesFieldOverflow.selector, expiry, 1));
        this.encode(expiry, 1, false);
    }
}
