// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {OptionWritingVault} from "../../contracts/strategies/OptionWritingVault.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {StrategyBase} from "./StrategyBase.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @notice ERC-4626 properties (a16z's property list, written for our vaults) of a strategy vault whose share price
/// moved through one settled round: round trips never gain, previews equal the actions, `max*` are honest (0 exactly
/// when the action would revert), and rounding favours the vault.
abstract contract StrategyVaultERC4626Test is StrategyBase {
    IStrategyVault internal v;
    TestERC20 internal token;
    uint256 internal unit;

    function setUp() public virtual override {
        super.setUp();
        v = _vault();
        token = TestERC20(v.asset());
        unit = 10 ** token.decimals();
        _enter(alice, _initialDeposit());
        _startRound();
        settleRound(v, _settlementPrice(true));
        _enter(bob, 7 * unit);
    }

    function _vault() internal virtual returns (IStrategyVault);

    /// @notice Alice's first deposit, token units.
    function _initialDeposit() internal view virtual returns (uint256);

    /// @notice The settlement price of the setup's round (`first`) or of a later one.
    function _settlementPrice(bool first) internal view virtual returns (uint256);

    /// @notice Starts a round of `v` as its keeper.
    function _startRound() internal virtual {
        startRound(OptionWritingVault(address(v)));
    }

    function _enter(address who, uint256 assets) private {
        vm.prank(who);
        v.deposit(assets, who);
    }

    function _amount(uint256 raw) internal view returns (uint256) {
        return bound(raw, 1, 400 * unit);
    }

    function testFuzz_depositThenRedeem_neverGains(uint256 assets) public {
        assets = _amount(assets);
        vm.startPrank(bob);
        uint256 shares = v.deposit(assets, bob);
        uint256 back = v.redeem(shares, bob, bob);
        vm.stopPrank();
        assertLe(back, assets);
    }

    function testFuzz_mintThenWithdraw_neverGains(uint256 assets) public {
        uint256 shares = v.convertToShares(_amount(assets)) + 1;
        vm.startPrank(bob);
        uint256 paid = v.mint(shares, bob);
        uint256 burnt = v.withdraw(paid, bob, bob);
        vm.stopPrank();
        assertGe(burnt, shares, "withdrawing what was paid burns at least what was minted");
    }

    function testFuzz_previews_equalTheActions(uint256 assets, uint256 shares) public {
        assets = _amount(assets);
        shares = bound(shares, 1, v.convertToShares(400 * unit));
        vm.startPrank(bob);
        uint256 expected = v.previewDeposit(assets);
        assertEq(v.deposit(assets, bob), expected, "deposit");
        expected = v.previewMint(shares);
        assertEq(v.mint(shares, bob), expected, "mint");
        expected = v.previewWithdraw(assets);
        assertEq(v.withdraw(assets, bob, bob), expected, "withdraw");
        expected = v.previewRedeem(shares);
        assertEq(v.redeem(shares, bob, bob), expected, "redeem");
        vm.stopPrank();
    }

    function testFuzz_rounding_favoursTheVault(uint256 assets) public view {
        assets = _amount(assets);
        uint256 shares = v.convertToShares(assets);
        assertLe(v.previewDeposit(assets), shares, "deposit mints rounded down");
        assertGe(v.previewWithdraw(assets), shares, "withdraw burns rounded up");
        assertGe(v.previewMint(shares), v.convertToAssets(shares), "mint takes rounded up");
        assertLe(v.previewRedeem(shares), v.convertToAssets(shares), "redeem pays rounded down");
        assertLe(v.convertToAssets(v.previewDeposit(assets)), assets, "a deposit's shares are worth at most it");
    }

    function test_max_areHonestBetweenRounds() public {
        uint256 maxWithdraw = v.maxWithdraw(bob);
        assertEq(v.maxRedeem(bob), v.balanceOf(bob));
        assertEq(maxWithdraw, v.previewRedeem(v.balanceOf(bob)));
        vm.startPrank(bob);
        vm.expectPartialRevert(ERC4626.ERC4626ExceededMaxWithdraw.selector);
        v.withdraw(maxWithdraw + 1, bob, bob);
        v.withdraw(maxWithdraw, bob, bob);
        vm.stopPrank();
        assertEq(v.maxDeposit(bob), type(uint256).max);
        assertEq(v.maxMint(bob), type(uint256).max);
    }

    function test_max_areZeroMidRoundWhereActionsRevert() public {
        _startRound();
        address[2] memory users = [alice, bob];
        for (uint256 i; i < users.length; ++i) {
            assertEq(v.maxDeposit(users[i]), 0);
            assertEq(v.maxMint(users[i]), 0);
            assertEq(v.maxWithdraw(users[i]), 0);
            assertEq(v.maxRedeem(users[i]), 0);
        }
        vm.startPrank(bob);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        v.deposit(1, bob);
        vm.expectRevert(IStrategyVault.RoundInProgress.selector);
        v.redeem(1, bob, bob);
        vm.stopPrank();
    }

    /// @notice The share price at the boundary is the same for a queued deposit and a direct one after it.
    function testFuzz_queuedDeposit_getsTheBoundaryPrice(uint256 assets) public {
        assets = _amount(assets);
        _startRound();
        vm.prank(bob);
        v.requestDeposit(assets, bob);
        settleRound(v, _settlementPrice(false));
        (uint256 shares,) = v.claim(bob);
        assertEq(shares, v.batches(v.currentBatch() - 1).mintedShares);
        assertLe(v.convertToAssets(shares), assets, "never worth more than paid");
        assertApproxEqAbs(v.convertToAssets(shares), assets, 2, "worth what was paid at the boundary");
        IERC4626 vault = IERC4626(address(v));
        assertApproxEqAbs(vault.previewDeposit(assets), shares, shares / 1e15 + 1, "same price as a direct deposit");
    }
}

contract CoveredCallVaultERC4626Test is StrategyVaultERC4626Test {
    function _vault() internal view override returns (IStrategyVault) {
        return ccv;
    }

    function _initialDeposit() internal pure override returns (uint256) {
        return 100e18;
    }

    function _settlementPrice(bool first) internal pure override returns (uint256) {
        return first ? 3400e18 : 2900e18;
    }
}

contract PutSellingVaultERC4626Test is StrategyVaultERC4626Test {
    function _vault() internal view override returns (IStrategyVault) {
        return psv;
    }

    function _initialDeposit() internal pure override returns (uint256) {
        return 300_000e6;
    }

    function _settlementPrice(bool first) internal pure override returns (uint256) {
        return first ? 2600e18 : 3100e18;
    }
}
