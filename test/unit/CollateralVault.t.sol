// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {FeeOnTransferERC20} from "../utils/FeeOnTransferERC20.sol";
import {NoPermitERC20} from "../utils/NoPermitERC20.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

contract CollateralVaultTest is BaseTest {
    /// @dev EIP-2612's `Permit` struct type hash.
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

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
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, tooLong, 0, 1 days));
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

    // ---------------------------------------------------------------- EIP-2612 permit

    /// @dev `owner`'s (key `key`) signature of a permit of `value` to `spender` on `token`, at its current nonce.
    function signPermit(TestERC20 token, uint256 key, address spender, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        address owner = vm.addr(key);
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, token.nonces(owner), deadline));
        (v, r, s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }

    function test_depositWithPermit_depositsInOneCall() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        weth.mint(signer, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, key, address(callVault), 10e18, deadline);
        uint256 preview = callVault.previewDeposit(10e18);
        vm.prank(signer);
        uint256 shares = callVault.depositWithPermit(10e18, lp2, deadline, v, r, s);
        assertEq(shares, preview);
        assertEq(callVault.balanceOf(lp2), shares, "the receiver gets the shares");
        assertEq(weth.balanceOf(signer), 0);
        assertEq(weth.allowance(signer, address(callVault)), 0, "the permit is spent by the deposit");
        assertEq(weth.nonces(signer), 1);
    }

    function test_depositWithPermit_refusesAnExpiredPermit() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        weth.mint(signer, 10e18);
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, key, address(callVault), 10e18, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.PermitAllowanceTooLow.selector, 0, 10e18));
        vm.prank(signer);
        callVault.depositWithPermit(10e18, signer, deadline, v, r, s);
    }

    function test_depositWithPermit_refusesAnotherSignersPermit() public {
        (address signer,) = makeAddrAndKey("signer");
        (, uint256 otherKey) = makeAddrAndKey("other");
        weth.mint(signer, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, otherKey, address(callVault), 10e18, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.PermitAllowanceTooLow.selector, 0, 10e18));
        vm.prank(signer);
        callVault.depositWithPermit(10e18, signer, deadline, v, r, s);
    }

    function test_depositWithPermit_refusesAPermitOfLessThanTheDeposit() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        weth.mint(signer, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, key, address(callVault), 5e18, deadline);
        // The signature covers 5e18: presented for 10e18 it does not verify, and nothing is granted.
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.PermitAllowanceTooLow.selector, 0, 10e18));
        vm.prank(signer);
        callVault.depositWithPermit(10e18, signer, deadline, v, r, s);
    }

    function test_depositWithPermit_survivesAFrontRunPermit() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        weth.mint(signer, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, key, address(callVault), 10e18, deadline);
        // Someone copies the signature from the mempool and submits it first: the nonce is spent.
        vm.prank(trader2);
        weth.permit(signer, address(callVault), 10e18, deadline, v, r, s);
        uint256 preview = callVault.previewDeposit(10e18);
        vm.prank(signer);
        assertEq(callVault.depositWithPermit(10e18, signer, deadline, v, r, s), preview);
        assertEq(callVault.balanceOf(signer), preview);
    }

    function test_depositWithPermit_nonPermitAssetNeedsAnApproval() public {
        NoPermitERC20 plain = new NoPermitERC20("Wrapped Ether 9", "WETH9", 18);
        plain.mint(address(this), 1e18);
        plain.approve(vm.computeCreateAddress(address(this), vm.getNonce(address(this))), 1e18);
        CollateralVault plainVault =
            new CollateralVault(IERC20Metadata(address(plain)), "x", "x", address(market), governor, guardian, 0);
        // The market lists only its own two vaults; this one is marked as an empty book.
        vm.mockCall(address(market), abi.encodeCall(market.liabilities, (address(plainVault))), abi.encode(0, 0, 0));
        plain.mint(lp2, 10e18);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.PermitAllowanceTooLow.selector, 0, 10e18));
        vm.prank(lp2);
        plainVault.depositWithPermit(10e18, lp2, block.timestamp, 27, bytes32(0), bytes32(0));
        vm.startPrank(lp2);
        plain.approve(address(plainVault), 10e18);
        uint256 shares = plainVault.depositWithPermit(10e18, lp2, block.timestamp, 27, bytes32(0), bytes32(0));
        vm.stopPrank();
        assertEq(shares, 10e18 * 1e6);
        assertEq(plain.balanceOf(address(plainVault)), 10e18);
    }

    function test_depositWithPermit_paused() public {
        (address signer, uint256 key) = makeAddrAndKey("signer");
        weth.mint(signer, 1e18);
        (uint8 v, bytes32 r, bytes32 s) = signPermit(weth, key, address(callVault), 1e18, block.timestamp);
        vm.prank(guardian);
        callVault.setPaused(true);
        vm.expectRevert(ICollateralVault.VaultPaused.selector);
        vm.prank(signer);
        callVault.depositWithPermit(1e18, signer, block.timestamp, v, r, s);
    }

    function test_mintWithPermit_mintsForAtMostMaxAssets() public {
        depositAs(lp, putVault, 1000e6);
        usdc.mint(address(putVault), 7);
        (address signer, uint256 key) = makeAddrAndKey("signer");
        usdc.mint(signer, 100e6);
        uint256 shares = 50e12;
        uint256 cost = putVault.previewMint(shares);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(usdc, key, address(putVault), cost + 1, deadline);
        vm.prank(signer);
        assertEq(putVault.mintWithPermit(shares, signer, cost + 1, deadline, v, r, s), cost);
        assertEq(putVault.balanceOf(signer), shares);
        assertEq(usdc.balanceOf(signer), 100e6 - cost);
        assertEq(usdc.allowance(signer, address(putVault)), 1, "what the mint did not need stays approved");
    }

    function test_mintWithPermit_refusesToPullMoreThanMaxAssets() public {
        depositAs(lp, putVault, 1000e6);
        usdc.mint(address(putVault), 7);
        (address signer, uint256 key) = makeAddrAndKey("signer");
        usdc.mint(signer, 100e6);
        uint256 shares = 50e12;
        uint256 cost = putVault.previewMint(shares);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(usdc, key, address(putVault), cost - 1, deadline);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.MintAssetsAboveMax.selector, cost, cost - 1));
        vm.prank(signer);
        putVault.mintWithPermit(shares, signer, cost - 1, deadline, v, r, s);
    }
}
