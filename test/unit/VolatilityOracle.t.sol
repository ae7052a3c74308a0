// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IVolatilityOracle} from "../../contracts/interfaces/IVolatilityOracle.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {VolatilityOracle} from "../../contracts/oracle/VolatilityOracle.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "forge-std/Test.sol";

contract VolatilityOracleTest is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant EXPIRY = START + 30 days;
    uint256 internal constant STALENESS = 1 hours;

    address internal governor = makeAddr("governor");
    address internal keeper = makeAddr("keeper");
    VolatilityOracle internal oracle;

    function setUp() public {
        vm.warp(START);
        oracle = new VolatilityOracle(governor, STALENESS);
        vm.prank(governor);
        oracle.setKeeper(keeper, true);
    }

    /// @dev A left-skewed smile: a = 0.04, b = 0.4, ρ = −0.4, m = 0.1, s = 0.2 (ATM vol ≈ 120 % over 30 days).
    function _smile() internal pure returns (Svi.Params memory) {
        return Svi.Params({a: 0.04e18, b: 0.4e18, rho: -0.4e18, m: 0.1e18, sigma: 0.2e18});
    }

    function _post(Svi.Params memory p) internal {
        vm.prank(keeper);
        oracle.post(EXPIRY, p);
    }

    function _assertEqParams(Svi.Params memory x, Svi.Params memory y) internal pure {
        assertEq(x.a, y.a);
        assertEq(x.b, y.b);
        assertEq(x.rho, y.rho);
        assertEq(x.m, y.m);
        assertEq(x.sigma, y.sigma);
    }

    function test_post_storesAndEmits() public {
        vm.expectEmit(address(oracle));
        emit IVolatilityOracle.SmilePosted(EXPIRY, keeper, _smile());
        _post(_smile());
        (Svi.Params memory p, uint256 updatedAt) = oracle.smile(EXPIRY);
        _assertEqParams(p, _smile());
        assertEq(updatedAt, START);
    }

    function test_post_revertsForNonKeeper() public {
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.NotKeeper.selector, address(this)));
        oracle.post(EXPIRY, _smile());
        vm.prank(governor);
        oracle.setKeeper(keeper, false);
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.NotKeeper.selector, keeper));
        _post(_smile());
    }

    function test_post_revertsForPastExpiry() public {
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.ExpiryPassed.selector, START));
        oracle.post(START, _smile());
    }

    function test_post_rejectsInvalidSmile() public {
        Svi.Params memory p = _smile();
        p.rho = 1e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.RotationOutOfRange.selector, int256(1e18)));
        _post(p);
        p = _smile();
        p.b = 2e18;
        vm.expectRevert(abi.encodeWithSelector(Svi.WingTooSteep.selector, uint256(2e18), int256(-0.4e18)));
        _post(p);
    }

    function test_post_revertsWhenTooSoon() public {
        _post(_smile());
        vm.warp(START + 59);
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.UpdateTooSoon.selector, EXPIRY, START + 60));
        _post(_smile());
        vm.warp(START + 60);
        _post(_smile());
    }

    function test_post_boundsTheChangePerUpdate() public {
        _post(_smile());
        vm.warp(START + 1 minutes);
        Svi.Params memory p = _smile();
        // Raising the level by 0.2 lifts w everywhere by 0.2: +30 % at k = -1 (w0 ≈ 0.663) passes, +51 % at
        // k = -0.5 (w0 ≈ 0.389) is refused.
        p.a = 0.24e18;
        int256 kLow = -0.5e18;
        vm.expectRevert(
            abi.encodeWithSelector(
                IVolatilityOracle.VarianceChangeTooLarge.selector,
                kLow,
                Svi.totalVariance(_smile(), kLow),
                Svi.totalVariance(p, kLow)
            )
        );
        _post(p);
        // Smaller steps a minute apart get there.
        p.a = 0.1e18;
        _post(p);
        vm.warp(START + 2 minutes);
        p.a = 0.17e18;
        _post(p);
        vm.warp(START + 3 minutes);
        p.a = 0.24e18;
        _post(p);
        (Svi.Params memory stored,) = oracle.smile(EXPIRY);
        assertEq(stored.a, 0.24e18);
    }

    function testFuzz_acceptedUpdatesMoveVarianceByAtMostTheBound(int256 da, uint256 bScale, int256 dRho) public {
        _post(_smile());
        vm.warp(START + 1 minutes);
        Svi.Params memory p = _smile();
        p.a += bound(da, -0.03e18, 0.2e18);
        p.b = p.b * bound(bScale, 0.2e18, 2e18) / 1e18;
        p.rho += bound(dRho, -0.5e18, 0.5e18);
        vm.prank(keeper);
        try oracle.post(EXPIRY, p) {
            for (int256 j = -2; j <= 2; j++) {
                int256 w0 = Svi.totalVariance(_smile(), j * 0.5e18);
                int256 w1 = Svi.totalVariance(p, j * 0.5e18);
                uint256 change = uint256(w1 > w0 ? w1 - w0 : w0 - w1);
                assertLe(change * 2, uint256(w0), "accepted change within 50 %");
            }
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IVolatilityOracle.VarianceChangeTooLarge.selector || selector == Svi.WingTooSteep.selector
                    || selector == Svi.RotationOutOfRange.selector
                    || selector == Svi.MinimumVarianceOutOfRange.selector,
                "refused for a stated reason"
            );
        }
    }

    function test_smile_revertsWhenNotSet() public {
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.SmileNotSet.selector, EXPIRY));
        oracle.smile(EXPIRY);
    }

    function test_smile_revertsWhenStale() public {
        _post(_smile());
        vm.warp(START + STALENESS);
        oracle.smile(EXPIRY);
        vm.warp(START + STALENESS + 1);
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.StaleSmile.selector, EXPIRY, START, STALENESS));
        oracle.smile(EXPIRY);
    }

    function test_smile_revertsAfterExpiry() public {
        uint256 shortExpiry = START + 10 minutes;
        // Ten minutes to expiry: a smile of about 60 % vol (total variance ≈ 2e-4).
        vm.prank(keeper);
        oracle.post(shortExpiry, Svi.Params({a: 0.0001e18, b: 0.001e18, rho: 0, m: 0, sigma: 0.1e18}));
        vm.warp(shortExpiry);
        vm.expectRevert(abi.encodeWithSelector(IVolatilityOracle.ExpiryPassed.selector, shortExpiry));
        oracle.smile(shortExpiry);
    }

    function test_setters_emitAndEnforceBounds() public {
        vm.startPrank(governor);
        vm.expectEmit(address(oracle));
        emit IVolatilityOracle.KeeperSet(address(1), true);
        oracle.setKeeper(address(1), true);
        assertTrue(oracle.isKeeper(address(1)));
        vm.expectEmit(address(oracle));
        emit IVolatilityOracle.MaxStalenessSet(10 minutes);
        oracle.setMaxStaleness(10 minutes);
        assertEq(oracle.maxStaleness(), 10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 299, 5 minutes, 1 days)
        );
        oracle.setMaxStaleness(299);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 days + 1, 5 minutes, 1 days)
        );
        oracle.setMaxStaleness(1 days + 1);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        oracle.setKeeper(address(this), true);
    }
}
