// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {FeeOnTransferERC20} from "../utils/FeeOnTransferERC20.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

contract CollateralVaultTest is BaseTest {
    // ---------------------------------------------------------------- construction

    function test_constructor_rejectsFeeOnTransferAsset() public {
        FeeOnTransferERC20 fot = new FeeOnTransferERC20();
        fot.mint(address(this), 1e18);
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        fot.approve(next, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.FeeOnTransferAsset.selector, 1e18, 0.99e18));
        new CollateralVault(IERC20Metadata(address(fot)), "x", "x", address(market), governor, guardian, 0);
    }

    function test_constructor_rejectsMoreThan18Decimals() public {
        TestERC20 wide = new TestERC20("Wide", "WIDE", 19);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.UnsupportedAssetDecimals.selector, 19));
        new CollateralVault(IERC20Metadata(address(wide)), "x", "x", address(market), governor, guardian, 0);
    }

    function test_constructor_returnsTheProbe() public view {
        assertEq(weth.balanceOf(address(callVault)), 0);
        assertEq(callVault.decimals(), 24, "18 + 6 virtual decimals");
        assertEq(putVault.decimals(), 12);
        assertEq(callVault.market(), address(market));
    }

    // ---------------------------------------------------------------- ERC-4626 flows

    function test_deposit_mintsAtTheVirtualRate() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        assertEq(shares, 10e18 * 1e6);
        assertEq(callVault.totalAssets(), 10e18);
        assertEq(callVault.balanceOf(lp), shares);
    }

    function test_mint_takesAssetsRoundedUp() public {
        depositAs(lp, callVault, 10e18);
        weth.mint(address(callVault), 1);
        vm.prank(lp2);
        uint256 assets = callVault.mint(1, lp2);
        assertEq(assets, 1, "one share of a vault worth more than 1e-6 per share costs one wei, rounded up");
    }

    function test_withdraw_burnsSharesRoundedUp() public {
        depositAs(lp, putVault, 1000e6);
        usdc.mint(address(putVault), 7);
        uint256 preview = putVault.previewWithdraw(1);
        vm.prank(lp);
        uint256 burnt = putVault.withdraw(1, lp, lp);
        assertEq(burnt, preview);
        assertGe(putVault.convertToAssets(burnt), 1, "burnt shares cover the asset withdrawn");
    }

    function test_redeem_paysAssetsRoundedDown() public {
        depositAs(lp, putVault, 1000e6);
        uint256 all = putVault.balanceOf(lp);
        uint256 preview = putVault.previewRedeem(all);
        vm.prank(lp);
        uint256 assets = putVault.redeem(all, lp, lp);
        assertEq(assets, preview);
        assertEq(assets, 1000e6);
    }

    function test_withdraw_spendsAllowanceOfACaller() public {
        depositAs(lp, callVault, 10e18);
        vm.prank(lp);
        callVault.approve(lp2, type(uint256).max);
        vm.prank(lp2);
        callVault.withdraw(1e18, lp2, lp);
        assertEq(weth.balanceOf(lp2), 1_000_001e18);
    }

    function testFuzz_roundTripNeverGains(uint256 seed, uint256 assets, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        assets = bound(assets, 1, 1000e18);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        uint256 shares = depositAs(lp2, callVault, assets);
        vm.prank(lp2);
        uint256 back = callVault.redeem(shares, lp2, lp2);
        assertLe(back, assets, "deposit then redeem never returns more");
    }

    function testFuzz_previewsMatchTheEntryPoints(uint256 seed, uint256 assets, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        assets = bound(assets, 1, 1000e18);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        uint256 previewShares = callVault.previewDeposit(assets);
        assertEq(depositAs(lp2, callVault, assets), previewShares);
        uint256 previewAssets = callVault.previewMint(previewShares);
        vm.prank(lp2);
        assertEq(callVault.mint(previewShares, lp2), previewAssets);
        uint256 w = callVault.maxWithdraw(lp2);
        uint256 previewBurn = callVault.previewWithdraw(w);
        vm.prank(lp2);
        assertEq(callVault.withdraw(w, lp2, lp2), previewBurn);
        uint256 r = callVault.maxRedeem(lp2);
        uint256 previewOut = callVault.previewRedeem(r);
        vm.prank(lp2);
        assertEq(callVault.redeem(r, lp2, lp2), previewOut);
    }

    function testFuzz_convertRoundsTowardTheVault(uint256 seed, uint256 amount, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        amount = bound(amount, 1, 1000e24);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        assertLe(callVault.previewDeposit(amount), callVault.previewWithdraw(amount));
        assertGe(callVault.previewMint(amount), callVault.previewRedeem(amount));
        assertEq(callVault.convertToShares(amount), callVault.previewDeposit(amount));
        assertEq(callVault.convertToAssets(amount), callVault.previewRedeem(amount));
    }

    // ---------------------------------------------------------------- locked collateral

    function test_maxWithdraw_honoursLockedCollateral() public {
        depositAs(lp, callVault, 100e18);
        uint256 premium = buyAs(trader, callId(3000e18), 80e18);
        assertEq(callVault.freeAssets(), 20e18 + premium);
        assertEq(callVault.maxWithdraw(lp), 20e18 + premium);
        uint256 maxShares = callVault.maxRedeem(lp);
        assertLe(callVault.previewRedeem(maxShares), 20e18 + premium);
        vm.expectPartialRevert(ERC4626.ERC4626ExceededMaxWithdraw.selector);
        vm.prank(lp);
        callVault.withdraw(20e18 + premium + 1, lp, lp);
        vm.expectPartialRevert(ERC4626.ERC4626ExceededMaxRedeem.selector);
        vm.prank(lp);
        callVault.redeem(maxShares + 1, lp, lp);
    }

    function test_totalAssets_subtractsTheMark() public {
        depositAs(lp, callVault, 100e18);
        uint256 premium = buyAs(trader, callId(3000e18), 10e18);
        (uint256 mark,,) = market.liabilities(address(callVault));
        assertEq(callVault.totalAssets(), 100e18 + premium - mark);
        assertGt(callVault.totalAssets(), 100e18, "the spread and fees accrue to the LPs");
    }

    function test_maxWithdraw_isZeroNotARevertOnAStaleOracle() public {
        depositAs(lp, callVault, 100e18);
        buyAs(trader, callId(3000e18), 10e18);
        vm.warp(block.timestamp + HEARTBEAT + 1);
        assertEq(callVault.maxWithdraw(lp), 0);
        assertEq(callVault.maxRedeem(lp), 0);
        assertEq(callVault.maxDeposit(lp), 0, "a deposit would revert, so the max is 0");
        assertEq(callVault.maxMint(lp), 0);
        setSpot(SPOT);
        postSmile(EXPIRY, defaultSmile());
        assertEq(callVault.maxDeposit(lp), type(uint256).max, "back once the oracles are fresh");
    }

    // ---------------------------------------------------------------- pause, cooldown, roles

    function test_setPaused_blocksDepositsAndWithdrawals() public {
        depositAs(lp, callVault, 10e18);
        vm.prank(guardian);
        callVault.setPaused(true);
        assertEq(callVault.maxDeposit(lp), 0);
        assertEq(callVault.maxMint(lp), 0);
        assertEq(callVault.maxWithdraw(lp), 0);
        assertEq(callVault.maxRedeem(lp), 0);
        vm.expectRevert(ICollateralVault.VaultPaused.selector);
        depositAs(lp, callVault, 1e18);
        vm.expectRevert(ICollateralVault.VaultPaused.selector);
        vm.prank(lp);
        callVault.mint(1e18, lp);
        vm.expectRevert(ICollateralVault.VaultPaused.selector);
        vm.prank(lp);
        callVault.redeem(1, lp, lp);
        vm.prank(guardian);
        callVault.setPaused(false);
        depositAs(lp, callVault, 1e18);
    }

    function test_setPaused_onlyGuardian() public {
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.OnlyGuardian.selector, address(this)));
        callVault.setPaused(true);
    }

    function test_setGuardian_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        callVault.setGuardian(address(this));
        vm.expectEmit(address(callVault));
        emit ICollateralVault.GuardianSet(address(this));
        vm.prank(governor);
        callVault.setGuardian(address(this));
        assertEq(callVault.guardian(), address(this));
    }

    function test_setDepositCooldown_bounded() public {
        uint256 tooLong = callVault.MAX_DEPOSIT_COOLDOWN() + 1;
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.ParameterOutOfBounds.selector, tooLong, 0, 1 days));
        vm.prank(governor);
        callVault.setDepositCooldown(tooLong);
    }

    function test_cooldown_locksWithdrawalsAndTransfers() public {
        vm.prank(governor);
        callVault.setDepositCooldown(1 hours);
        uint256 shares = depositAs(lp, callVault, 10e18);
        uint256 unlocksAt = block.timestamp + 1 hours;
        assertEq(callVault.unlockAt(lp), unlocksAt);
        assertEq(callVault.maxWithdraw(lp), 0);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.SharesLocked.selector, lp, unlocksAt));
        vm.prank(lp);
        callVault.redeem(shares, lp, lp);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.SharesLocked.selector, lp, unlocksAt));
        vm.prank(lp);
        callVault.transfer(lp2, shares);
        skipFresh(1 hours);
        vm.prank(lp);
        callVault.redeem(shares, lp, lp);
    }

    function test_pay_onlyMarket() public {
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.OnlyMarket.selector, address(this)));
        callVault.pay(address(this), 1);
    }
}
