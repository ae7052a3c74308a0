// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {StrategyBase} from "./StrategyBase.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {console2} from "forge-std/console2.sol";

/// @notice The round's premium floor on the real stack (issue "LP fairness and crash liveness", finding 5): a keeper's
/// loose minimum no longer lets a sandwich on the market's inventory take the covered-call vault's premium.
contract PremiumFloorTest is StrategyBase {
    address internal attacker = makeAddr("attacker");
    /// @dev The attacker's stake: enough WETH to write the calls it moves the market with, fully covered.
    uint256 internal constant STAKE = 20_000e18;

    function setUp() public override {
        super.setUp();
        weth.mint(attacker, STAKE);
        vm.prank(attacker);
        weth.approve(address(engine), type(uint256).max);
    }

    // ---------------------------------------------------------------- the sandwich

    /// @notice The reviewer's attack on a 1,000 WETH covered-call vault: the attacker writes 10,000 calls of the round's
    /// series, the keeper starts the round with a minimum of 0, the attacker buys them back. Before the floor (the
    /// vault's old round: a plain engine write of the same size with the keeper's minimum) the vault's premium falls
    /// to 0 and the attacker pockets it; now the round start reverts `PremiumBelowFloor` and the attacker only pays
    /// the market's fees and inventory charge for its round trip.
    function test_sandwich_revertsAndCostsTheAttacker() public {
        depositTo(ccv, alice, 1000e18);
        SeriesId id = _roundSeries();
        uint256 size = 1000e18 - ccv.ENGINE_ROUNDING_ASSETS();
        uint256 fairPremium = market.quoteSell(id, size);
        uint256 floor = StrategyMath.premiumFloorUp(size, _mark(id), 0, ccv.maxPremiumDiscountWad(), 1);
        console2.log("undisturbed premium of the round (wei of WETH)", fairPremium);
        console2.log("the vault's floor (wei of WETH)", floor);
        assertGe(fairPremium, floor, "an undisturbed round clears the floor");

        // Before: what the vault's round did without a floor, an engine write with the keeper's minimum of 0.
        uint256 snapshot = vm.snapshotState();
        address oldVault = makeAddr("oldVault");
        weth.mint(oldVault, 1000e18);
        vm.prank(oldVault);
        weth.approve(address(engine), type(uint256).max);
        uint256 victimAccount = openAs(oldVault, true, 1000e18);
        uint256 attackerAccount = _attackerWrites(id, 10_000e18);
        uint256 premium = writeAs(oldVault, victimAccount, id, size);
        int256 gain = _attackerUnwinds(attackerAccount, id, 10_000e18);
        console2.log("BEFORE: the vault's premium under the sandwich (wei)", premium);
        console2.log("BEFORE: the attacker's gain (wei of WETH)", gain);
        assertLt(premium, fairPremium / 10, "the sandwich took the premium");
        assertGt(gain, 0, "and paid the attacker");
        vm.revertToState(snapshot);

        // After: the same sandwich around the vault's own round start.
        attackerAccount = _attackerWrites(id, 10_000e18);
        uint256 offered = market.quoteSell(id, size);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.PremiumBelowFloor.selector, offered, floor));
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
        gain = _attackerUnwinds(attackerAccount, id, 10_000e18);
        console2.log("AFTER: premium offered to the vault (wei)", offered);
        console2.log("AFTER: the attacker's gain (wei of WETH), the round reverted", gain);
        assertLt(gain, 0, "griefing costs the attacker");
        assertFalse(ccv.roundActive());
        assertEq(weth.balanceOf(address(ccv)), 1000e18, "the vault lost nothing");

        // The keeper retries once the market is back: the round starts at the undisturbed premium.
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
        assertEq(ccv.roundPremium(), fairPremium);
    }

    /// @notice A manipulation small enough to stay inside the tolerance, on a vault whose vega is small against the
    /// market's depth (10 WETH): the round starts above the floor and the attacker ends with less than it started.
    function test_sandwichInsideTheTolerance_losesForTheAttacker() public {
        depositTo(ccv, alice, 10e18);
        SeriesId id = _roundSeries();
        uint256 attackerAccount = _attackerWrites(id, 1000e18);
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
        int256 gain = _attackerUnwinds(attackerAccount, id, 1000e18);
        console2.log("10 WETH vault, premium inside the tolerance (wei)", ccv.roundPremium());
        console2.log("10 WETH vault, the attacker's gain (wei of WETH)", gain);
        assertTrue(ccv.roundActive());
        assertLt(gain, 0, "the attacker loses");
        assertLt(weth.balanceOf(attacker), STAKE);
    }

    /// @notice The residual risk the tolerance leaves, measured: on a vault whose vega is large against the market's
    /// depth (1,000 WETH, about 4 % of it), a manipulation inside the tolerance can still pay, but never more than the
    /// slack between the undisturbed premium and the floor, which is all the vault can lose to it.
    function test_sandwichInsideTheTolerance_isBoundedByTheSlack() public {
        depositTo(ccv, alice, 1000e18);
        SeriesId id = _roundSeries();
        uint256 size = 1000e18 - ccv.ENGINE_ROUNDING_ASSETS();
        uint256 fairPremium = market.quoteSell(id, size);
        uint256 floor = StrategyMath.premiumFloorUp(size, _mark(id), 0, ccv.maxPremiumDiscountWad(), 1);
        uint256 attackerAccount = _attackerWrites(id, 800e18);
        vm.prank(strategyKeeper);
        ccv.startRound(0, vm.getBlockTimestamp());
        int256 gain = _attackerUnwinds(attackerAccount, id, 800e18);
        console2.log("1,000 WETH vault, premium inside the tolerance (wei)", ccv.roundPremium());
        console2.log("1,000 WETH vault, the attacker's gain (wei of WETH)", gain);
        assertGe(ccv.roundPremium(), floor, "never below the floor");
        assertLe(gain, int256(fairPremium - floor), "at most the slack");
    }

    // ---------------------------------------------------------------- the floor without a manipulation

    /// @notice The floor applies whatever the keeper passes: at the tightest tolerance (1 %) the market's own fee
    /// (about 1.6 % of the value here) already puts the premium below it, and the round start reverts with both.
    function test_floor_appliesWhateverTheKeeperPasses() public {
        depositTo(ccv, alice, 10e18);
        vm.prank(strategyOwner);
        ccv.setMaxPremiumDiscount(0.01e18);
        SeriesId id = _roundSeries();
        uint256 size = 10e18 - ccv.ENGINE_ROUNDING_ASSETS();
        uint256 offered = market.quoteSell(id, size);
        uint256 floor = StrategyMath.premiumFloorUp(size, _mark(id), 0, 0.01e18, 1);
        assertGt(floor, offered);
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.PremiumBelowFloor.selector, offered, floor));
        vm.prank(strategyKeeper);
        ccv.startRound(1, vm.getBlockTimestamp());
        vm.prank(strategyOwner);
        ccv.setMaxPremiumDiscount(0.02e18);
        vm.prank(strategyKeeper);
        ccv.startRound(1, vm.getBlockTimestamp());
        assertEq(ccv.roundPremium(), offered);
    }

    // ---------------------------------------------------------------- the parameter

    function test_setMaxPremiumDiscount_onlyOwnerInsideBoundsEmits() public {
        assertEq(ccv.maxPremiumDiscountWad(), ccv.DEFAULT_PREMIUM_DISCOUNT());
        assertEq(ccv.DEFAULT_PREMIUM_DISCOUNT(), 0.2e18);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, strategyKeeper));
        vm.prank(strategyKeeper);
        ccv.setMaxPremiumDiscount(0.1e18);
        vm.startPrank(strategyOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.009e18, 0.01e18, 0.5e18)
        );
        ccv.setMaxPremiumDiscount(0.009e18);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.51e18, 0.01e18, 0.5e18)
        );
        ccv.setMaxPremiumDiscount(0.51e18);
        vm.expectEmit(address(ccv));
        emit IStrategyVault.MaxPremiumDiscountSet(0.5e18);
        ccv.setMaxPremiumDiscount(0.5e18);
        vm.expectEmit(address(ccv));
        emit IStrategyVault.MaxPremiumDiscountSet(0.01e18);
        ccv.setMaxPremiumDiscount(0.01e18);
        vm.stopPrank();
        assertEq(ccv.maxPremiumDiscountWad(), 0.01e18);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The covered-call vault's next round: its expiry (smile posted) and its 10 % out-of-the-money strike.
    function _roundSeries() private returns (SeriesId) {
        uint256 expiry = StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + ccv.roundDurationSec());
        ensureSmile(expiry);
        (uint256 spotWad,) = spotAdapter.spot();
        return SeriesIdLib.encode(expiry, StrategyMath.otmStrike(spotWad, ccv.moneynessWad(), true), true);
    }

    /// @dev The pricer's mark of one option of `id` now, wad of base.
    function _mark(SeriesId id) private view returns (uint256) {
        (uint256 spotWad,) = spotAdapter.spot();
        (Svi.Params memory smile,) = surface.smile(id.expiry());
        return pricer.mark(smile, spotWad, id.strike(), id.expiry() - vm.getBlockTimestamp(), market.rateWad(), true);
    }

    /// @dev Front-run: the attacker writes `calls` of `id` from a fully covered account, pushing the market's
    /// inventory for the expiry short.
    function _attackerWrites(SeriesId id, uint256 calls) private returns (uint256 account) {
        account = openAs(attacker, true, calls);
        writeAs(attacker, account, id, calls);
    }

    /// @dev Back-run: the attacker buys the calls back, withdraws everything and returns its gain over its stake.
    function _attackerUnwinds(uint256 account, SeriesId id, uint256 calls) private returns (int256) {
        vm.startPrank(attacker);
        engine.close(account, id, calls, type(uint256).max, vm.getBlockTimestamp());
        engine.withdraw(account, engine.marginOf(account).collateralAssets, attacker);
        vm.stopPrank();
        return int256(weth.balanceOf(attacker)) - int256(STAKE);
    }
}
