// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InventoryPotential} from "../../contracts/libraries/InventoryPotential.sol";
import {Test} from "forge-std/Test.sol";

contract InventoryPotentialTest is Test {
    int256 internal constant MAX_E = 1e36;

    function test_potential_knownValues() public pure {
        assertEq(InventoryPotential.potential(0, 1e18), 0);
        // E = 2, L = 4: 4 / 8 = 0.5.
        assertEq(InventoryPotential.potential(2e18, 4e18), 0.5e18);
        assertEq(InventoryPotential.potential(-2e18, 4e18), 0.5e18);
        // 1 wei²/(2·1e18) rounds up to 1 wei.
        assertEq(InventoryPotential.potential(1, 1e18), 1);
    }

    function testFuzz_chargesTelescope(int256 e0, int256 e1, int256 e2, uint256 depth) public pure {
        e0 = bound(e0, -MAX_E, MAX_E);
        e1 = bound(e1, -MAX_E, MAX_E);
        e2 = bound(e2, -MAX_E, MAX_E);
        depth = bound(depth, 1e12, 1e36);
        int256 path = InventoryPotential.charge(e0, e1, depth) + InventoryPotential.charge(e1, e2, depth);
        assertEq(path, InventoryPotential.charge(e0, e2, depth), "any path between two states costs the same");
        assertEq(InventoryPotential.charge(e0, e1, depth), -InventoryPotential.charge(e1, e0, depth));
    }

    function testFuzz_potentialIsWithinAWeiOfExact(int256 e, uint256 depth) public pure {
        e = bound(e, -1e27, 1e27);
        depth = bound(depth, 1e12, 1e36);
        uint256 absE = uint256(e < 0 ? -e : e);
        uint256 phi = InventoryPotential.potential(e, depth);
        // phi = ceil(E²/(2L)): phi·2L ≥ E² > (phi − 1)·2L.
        assertGe(phi * 2 * depth, absE * absE);
        if (phi > 0) assertLt((phi - 1) * 2 * depth, absE * absE);
    }
}
