// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {IERC7540Operator, IERC7540Redeem} from "../../contracts/interfaces/IERC7540.sol";
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
        new CollateralVault(IERC20Metadata(address(fot)), "x", "x", address(market), governor, guardian, 1 hours);
    }

    function test_constructor_rejectsMoreThan18Decimals() public {
        TestERC20 wide = new TestERC20("Wide", "WIDE", 19);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.UnsupportedAssetDecimals.selector, 19));
        new CollateralVault(IERC20Metadata(address(wide)), "x", "x", address(market), governor, guardian, 1 hours);
    }

    function test_constructor_returnsTheProbe() public view {
        assertEq(weth.balanceOf(address(callVault)), 0);
        assertEq(callVault.decimals(), 24, "18 + 6 virtual decimals");
        assertEq(putVault.decimals(), 12);
        assertEq(callVault.market(), address(market));
    }

    // ---------------------------------------------------------------- entries

    function test_deposit_mintsAtTheVirtualRate() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        assertEq(shares, 10e18 * 1e6);
        assertEq(callVault.totalAssets(), 10e18);
        assertEq(callVault.balanceOf(lp), shares);
    }

    function test_deposit_thatMintsNothingReverts() public {
        vm.expectRevert(ICollateralVault.ZeroShares.selector);
        depositAs(lp, callVault, 0);
        vm.expectRevert(ICollateralVault.ZeroShares.selector);
        vm.prank(lp);
        callVault.mint(0, lp);
    }

    function test_mint_takesAssetsRoundedUp() public {
        depositAs(lp, callVault, 10e18);
        weth.mint(address(callVault), 1);
        vm.prank(lp2);
        uint256 assets = callVault.mint(1, lp2);
        assertEq(assets, 1, "one share of a vault worth more than 1e-6 per share costs one wei, rounded up");
    }

    /// @dev Finding 1 of the LP-fairness review: a deposit to another account used to renew that account's lock, so
    /// 145 zero-asset deposits froze a large LP for a day. No deposit touches another account's exit now.
    function test_deposit_toAnotherAccountCannotDelayItsExit() public {
        uint256 shares = depositAs(lp, callVault, 100e18);
        requestExitAs(lp, callVault, shares);
        uint256 claimableAt = callVault.exitRequest(lp).claimableAt;
        vm.startPrank(trader);
        vm.expectRevert(ICollateralVault.ZeroShares.selector);
        callVault.deposit(0, lp);
        callVault.deposit(1, lp);
        vm.stopPrank();
        assertEq(callVault.exitRequest(lp).claimableAt, claimableAt, "the notice is the LP's own");
        skipFresh(EXIT_NOTICE);
        assertEq(claimAs(lp, callVault, shares), 100e18);
        assertEq(callVault.balanceOf(lp), 1e6, "the gift stays free to move");
        vm.prank(lp);
        callVault.transfer(lp2, 1e6);
    }

    // ---------------------------------------------------------------- exits

    function test_exit_isRequestedThenClaimedAfterTheNotice() public {
        uint256 shares = depositAs(lp, putVault, 1000e6);
        vm.expectEmit(address(putVault));
        emit IERC7540Redeem.RedeemRequest(lp, lp, 0, lp, shares);
        requestExitAs(lp, putVault, shares);
        assertEq(putVault.balanceOf(lp), 0);
        assertEq(putVault.balanceOf(address(putVault)), shares, "the vault holds the requested shares");
        ICollateralVault.ExitRequest memory r = putVault.exitRequest(lp);
        assertEq(r.shares, shares);
        assertEq(r.assetsCap, 1000e6);
        assertEq(r.claimableAt, block.timestamp + EXIT_NOTICE);
        assertEq(putVault.pendingRedeemRequest(0, lp), shares);
        assertEq(putVault.claimableRedeemRequest(0, lp), 0);
        assertEq(putVault.maxRedeem(lp), 0);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.ExitNotClaimable.selector, lp, r.claimableAt));
        claimAs(lp, putVault, shares);

        skipFresh(EXIT_NOTICE);
        assertEq(putVault.pendingRedeemRequest(0, lp), 0);
        assertEq(putVault.claimableRedeemRequest(0, lp), shares);
        assertEq(putVault.maxRedeem(lp), shares);
        assertEq(putVault.maxWithdraw(lp), 1000e6);
        assertEq(putVault.previewClaim(lp, shares), 1000e6);
        uint256 before = usdc.balanceOf(lp);
        assertEq(claimAs(lp, putVault, shares), 1000e6);
        assertEq(usdc.balanceOf(lp) - before, 1000e6);
        assertEq(putVault.totalSupply(), 0);
        assertEq(putVault.exitRequest(lp).shares, 0, "a request claimed in full is gone");
    }

    function test_withdraw_claimsExactAssetsForSharesRoundedUp() public {
        uint256 shares = depositAs(lp, putVault, 1000e6);
        usdc.mint(address(putVault), 7);
        exitRequestAndWait(lp, putVault, shares);
        vm.prank(lp);
        uint256 burnt = putVault.withdraw(1, lp, lp);
        assertGe(burnt, 1, "at least one share for a unit");
        assertEq(putVault.exitRequest(lp).shares, shares - burnt);
        vm.prank(lp);
        uint256 rest = putVault.redeem(shares - burnt, lp, lp);
        assertLe(rest + 1, 1000e6 + 7, "never more than the request's cap");
    }

    function test_previewsOfExits_revertAsync() public {
        vm.expectRevert(ICollateralVault.AsyncExit.selector);
        callVault.previewRedeem(1);
        vm.expectRevert(ICollateralVault.AsyncExit.selector);
        callVault.previewWithdraw(1);
    }

    function test_requestRedeem_spendsTheOwnersAllowanceOrNeedsAnOperator() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        vm.expectRevert(); // no allowance, no operator
        vm.prank(lp2);
        callVault.requestRedeem(shares, lp2, lp);
        vm.prank(lp);
        callVault.approve(lp2, shares);
        vm.prank(lp2);
        callVault.requestRedeem(shares, lp2, lp);
        assertEq(callVault.allowance(lp, lp2), 0);
        skipFresh(EXIT_NOTICE);
        assertEq(claimAs(lp2, callVault, shares), 10e18, "the controller claims");
    }

    function test_operator_requestsAndClaimsForTheController() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        vm.expectEmit(address(callVault));
        emit IERC7540Operator.OperatorSet(lp, keeper, true);
        vm.prank(lp);
        assertTrue(callVault.setOperator(keeper, true));
        assertTrue(callVault.isOperator(lp, keeper));
        vm.prank(keeper);
        callVault.requestRedeem(shares, lp, lp);
        skipFresh(EXIT_NOTICE);
        vm.prank(keeper);
        callVault.redeem(shares, lp, lp);
        assertEq(weth.balanceOf(lp), 1_000_000e18);
    }

    /// @dev Nobody but the controller (or its operator) may add to its request: adding restarts the notice, so a gift
    /// of one share would otherwise freeze another LP's exit.
    function test_requestRedeem_cannotRestartAnotherControllersNotice() public {
        requestExitAs(lp, callVault, depositAs(lp, callVault, 10e18));
        uint256 attackerShares = depositAs(trader, callVault, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NotAuthorized.selector, trader, lp));
        vm.prank(trader);
        callVault.requestRedeem(attackerShares, lp, trader);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NotAuthorized.selector, trader, lp));
        vm.prank(trader);
        callVault.redeem(1, trader, lp);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.NotAuthorized.selector, trader, lp));
        vm.prank(trader);
        callVault.cancelRedeemRequest(lp);
    }

    function test_requestRedeem_ofNothingReverts() public {
        vm.expectRevert(ICollateralVault.ZeroShares.selector);
        requestExitAs(lp, callVault, 0);
    }

    function test_cancelRedeemRequest_givesTheSharesBack() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        requestExitAs(lp, callVault, shares);
        vm.expectEmit(address(callVault));
        emit ICollateralVault.RedeemRequestCancelled(lp, shares);
        vm.prank(lp);
        assertEq(callVault.cancelRedeemRequest(lp), shares);
        assertEq(callVault.balanceOf(lp), shares);
        assertEq(callVault.exitRequest(lp).shares, 0);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.ExitNotClaimable.selector, lp, 0));
        vm.prank(lp);
        callVault.cancelRedeemRequest(lp);
    }

    function test_addingToARequestRestartsItsNotice() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        requestExitAs(lp, callVault, shares / 2);
        skipFresh(EXIT_NOTICE / 2);
        requestExitAs(lp, callVault, shares - shares / 2);
        ICollateralVault.ExitRequest memory r = callVault.exitRequest(lp);
        assertEq(r.shares, shares);
        assertEq(r.claimableAt, block.timestamp + EXIT_NOTICE);
    }

    /// @dev The claim pays the lower of the request's price and the claim's: a loss during the notice is the exiting
    /// LP's, a gain stays with the vault.
    function test_claim_paysTheLowerOfRequestAndClaimPrice() public {
        depositAs(lp, callVault, 100e18);
        buyAs(trader, callId(3000e18), 40e18);
        uint256 lpShares = depositAs(lp2, callVault, 100e18);
        requestExitAs(lp2, callVault, lpShares / 2);
        uint256 cap = callVault.exitRequest(lp2).assetsCap;
        // The calls the vault is short gain 10 %: the exit value falls below the cap.
        skipFresh(EXIT_NOTICE);
        setSpot(3300e18);
        uint256 fallen = callVault.previewClaim(lp2, lpShares / 2);
        assertLt(fallen, cap, "the loss during the notice is the exiting LP's");
        // Back down, and a week of decay: the exit value rises above the cap, which then binds.
        setSpot(3000e18);
        skipFresh(3 days);
        assertEq(callVault.previewClaim(lp2, lpShares / 2), cap, "a gain during the notice stays with the vault");
        assertEq(claimAs(lp2, callVault, lpShares / 2), cap);
    }

    function testFuzz_roundTripNeverGains(uint256 seed, uint256 assets, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        assets = bound(assets, 1, 1000e18);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        if (callVault.previewDeposit(assets) == 0) {
            vm.expectRevert(ICollateralVault.ZeroShares.selector);
            depositAs(lp2, callVault, assets);
            return;
        }
        uint256 shares = depositAs(lp2, callVault, assets);
        assertLe(exitAs(lp2, callVault, shares), assets, "deposit then exit never returns more");
    }

    function testFuzz_previewsMatchTheEntryPoints(uint256 seed, uint256 assets, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        assets = bound(assets, 1, 1000e18);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        uint256 previewShares = callVault.previewDeposit(assets);
        if (previewShares == 0) {
            vm.expectRevert(ICollateralVault.ZeroShares.selector);
            depositAs(lp2, callVault, assets);
            return;
        }
        assertEq(depositAs(lp2, callVault, assets), previewShares);
        uint256 previewAssets = callVault.previewMint(previewShares);
        vm.prank(lp2);
        assertEq(callVault.mint(previewShares, lp2), previewAssets);
        exitRequestAndWait(lp2, callVault, callVault.balanceOf(lp2));
        uint256 r = callVault.maxRedeem(lp2) / 3;
        uint256 previewOut = callVault.previewClaim(lp2, r);
        assertEq(claimAs(lp2, callVault, r), previewOut);
        uint256 w = callVault.maxWithdraw(lp2);
        vm.prank(lp2);
        callVault.withdraw(w, lp2, lp2);
        assertLe(callVault.maxWithdraw(lp2), 1, "the request is spent, but for rounding");
    }

    function testFuzz_convertRoundsTowardTheVault(uint256 seed, uint256 amount, uint256 donation) public {
        seed = bound(seed, 1, 1000e18);
        amount = bound(amount, 1, 1000e24);
        donation = bound(donation, 0, 100e18);
        depositAs(lp, callVault, seed);
        weth.mint(address(callVault), donation);
        assertLe(callVault.previewMint(callVault.previewDeposit(amount)), amount, "minting a deposit's shares");
        assertEq(callVault.convertToShares(amount), callVault.previewDeposit(amount));
        assertLe(callVault.convertToAssets(amount), callVault.previewMint(amount));
    }

    // ---------------------------------------------------------------- locked collateral, outages

    function test_maxRedeem_honoursLockedCollateral() public {
        uint256 shares = depositAs(lp, callVault, 100e18);
        exitRequestAndWait(lp, callVault, shares);
        uint256 premium = buyAs(trader, callId(3000e18), 80e18);
        assertEq(callVault.freeAssets(), 20e18 + premium);
        assertEq(callVault.maxWithdraw(lp), 20e18 + premium);
        uint256 maxShares = callVault.maxRedeem(lp);
        assertLt(maxShares, shares);
        assertLe(callVault.previewClaim(lp, maxShares), 20e18 + premium);
        vm.expectPartialRevert(ERC4626.ERC4626ExceededMaxWithdraw.selector);
        vm.prank(lp);
        callVault.withdraw(20e18 + premium + 1, lp, lp);
        vm.expectPartialRevert(ERC4626.ERC4626ExceededMaxRedeem.selector);
        claimAs(lp, callVault, shares);
        claimAs(lp, callVault, maxShares);
        assertLe(callVault.freeAssets(), 1, "the free assets are paid out");
    }

    function test_totalAssets_subtractsTheMark() public {
        depositAs(lp, callVault, 100e18);
        uint256 premium = buyAs(trader, callId(3000e18), 10e18);
        (uint256 mark,,) = market.liabilities(address(callVault));
        assertEq(callVault.totalAssets(), 100e18 + premium - mark);
        assertGt(callVault.totalAssets(), 100e18, "the spread and fees accrue to the LPs");
    }

    /// @dev Finding 7: `totalAssets` and `convertTo*` must not revert while the oracles are stale; they return a lower
    /// bound, and every max is 0 so that nothing enters or leaves at it.
    function test_views_doNotRevertOnAStaleOracle() public {
        uint256 shares = depositAs(lp, callVault, 100e18);
        uint256 premium = buyAs(trader, callId(3000e18), 10e18);
        requestExitAs(lp, callVault, shares / 2);
        vm.warp(block.timestamp + HEARTBEAT + 1);
        uint256 locked = market.lockedAssets(true);
        assertEq(callVault.totalAssets(), 100e18 + premium - locked, "held less what is locked: a lower bound");
        assertEq(
            callVault.convertToAssets(shares), (callVault.totalAssets() + 1) * shares / (callVault.totalSupply() + 1e6)
        );
        callVault.convertToShares(1e18);
        assertEq(callVault.maxWithdraw(lp), 0);
        assertEq(callVault.maxRedeem(lp), 0);
        assertEq(callVault.maxDeposit(lp), 0, "a deposit would revert, so the max is 0");
        assertEq(callVault.maxMint(lp), 0);
        vm.expectRevert();
        claimAs(lp, callVault, 1);
        vm.expectRevert();
        requestExitAs(lp, callVault, 1);
        setSpot(SPOT);
        postSmile(EXPIRY, defaultSmile());
        assertEq(callVault.maxDeposit(lp), type(uint256).max, "back once the oracles are fresh");
        assertGt(callVault.maxRedeem(lp), 0);
    }

    // ---------------------------------------------------------------- pause, notice, roles

    function test_setPaused_blocksEntriesRequestsAndClaims() public {
        uint256 shares = depositAs(lp, callVault, 10e18);
        exitRequestAndWait(lp, callVault, shares / 2);
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
        claimAs(lp, callVault, 1);
        vm.expectRevert(ICollateralVault.VaultPaused.selector);
        requestExitAs(lp, callVault, 1);
        vm.prank(lp);
        callVault.cancelRedeemRequest(lp);
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

    function test_setExitNotice_boundedAndOnlyOwner() public {
        uint256 tooLong = callVault.MAX_EXIT_NOTICE() + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, tooLong, 1 hours, 7 days)
        );
        vm.prank(governor);
        callVault.setExitNotice(tooLong);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0, 1 hours, 7 days));
        vm.prank(governor);
        callVault.setExitNotice(0);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        callVault.setExitNotice(2 hours);
        vm.expectEmit(address(callVault));
        emit ICollateralVault.ExitNoticeSet(2 hours);
        vm.prank(governor);
        callVault.setExitNotice(2 hours);
        assertEq(callVault.exitNotice(), 2 hours);
    }

    function test_supportsInterface_erc7540Redeem() public view {
        assertTrue(callVault.supportsInterface(0xe3bc4e65), "ERC-7540 operators");
        assertTrue(callVault.supportsInterface(0x620ee8e4), "ERC-7540 asynchronous redemption");
        assertTrue(callVault.supportsInterface(0x01ffc9a7), "ERC-165");
        assertFalse(callVault.supportsInterface(0xce3bbe50), "no asynchronous deposits");
    }

    function exitRequestAndWait(address who, CollateralVault vault, uint256 shares) internal {
        requestExitAs(who, vault, shares);
        skipFresh(EXIT_NOTICE);
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
            new CollateralVault(IERC20Metadata(address(plain)), "x", "x", address(market), governor, guardian, 1 hours);
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
