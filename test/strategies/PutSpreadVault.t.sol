// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IOptionWritingVault} from "../../contracts/interfaces/IOptionWritingVault.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {PutSellingVault} from "../../contracts/strategies/PutSellingVault.sol";
import {PutSpreadVault} from "../../contracts/strategies/PutSpreadVault.sol";
import {StrategyBase} from "./StrategyBase.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The composed bull put spread: a put-selling vault's shares (short K1) and puts bought from the market
/// (long K2), with no change to any core contract.
contract PutSpreadVaultTest is StrategyBase {
    PutSellingVault internal shortLeg;
    PutSpreadVault internal spread;

    function setUp() public override {
        super.setUp();
        address spreadAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        shortLeg = new PutSellingVault(engine, strategyOwner, spreadAddress, strategyGuardian, 0.1e18, 7 days);
        spread = new PutSpreadVault(
            IOptionWritingVault(address(shortLeg)), strategyOwner, strategyKeeper, strategyGuardian, 0.05e18, 0.02e18
        );
        assertEq(address(spread), spreadAddress);
        vm.prank(alice);
        usdc.approve(address(spread), type(uint256).max);
    }

    /// @notice Three rounds ending below K2, at K1 and above K1: the NAV is the spread's textbook value,
    /// nav + short premium − long premium − n·max(K1 − S_T, 0) + m·max(K2 − S_T, 0), to 4 units; below K2 the loss is
    /// capped at n·(K1 − K2) less the net premium.
    function test_threeRoundsPayABullPutSpread() public {
        vm.prank(alice);
        spread.deposit(300_000e6, alice);
        uint256[3] memory endSpots = [uint256(2000e18), 0, 3300e18];
        for (uint256 i; i < 3; ++i) {
            uint256 nav = spread.totalAssets();
            ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
            vm.prank(strategyKeeper);
            spread.startRound(0, vm.getBlockTimestamp());
            uint256 deposited = nav - nav * spread.hedgeBudgetWad() / 1e18;
            uint256 longPremium = nav - deposited - usdc.balanceOf(address(spread));
            uint256 shortPremium = engine.marginOf(shortLeg.accountId()).collateralAssets - deposited;
            uint256 k1 = shortLeg.roundSeries().strike();
            uint256 k2 = spread.hedgeSeries().strike();
            uint256 shortSize = shortLeg.roundSize();
            uint256 longSize = spread.hedgeSize();
            assertLt(k2, k1);
            assertEq(spread.hedgeSeries().expiry(), shortLeg.roundSeries().expiry(), "same expiry");
            assertApproxEqRel(longSize, shortSize, 1e6, "the long leg matches the short");
            assertGt(shortPremium, longPremium, "a credit spread");

            uint256 settle = i == 1 ? k1 : endSpots[i];
            settleRound(spread, settle);
            assertFalse(shortLeg.roundActive(), "the short leg was closed with the spread");
            assertEq(shortLeg.balanceOf(address(spread)), 0, "between rounds it holds only USDC");
            uint256 shortLoss = FixedPointMathLib.mulDivUp(shortSize, k1 > settle ? k1 - settle : 0, 1e30);
            uint256 longGain = longSize * (k2 > settle ? k2 - settle : 0) / 1e30;
            uint256 expected = nav + shortPremium + longGain - longPremium - shortLoss;
            assertApproxEqAbs(spread.totalAssets(), expected, 4, "bull put spread payoff");
            if (settle < k2) {
                uint256 maxLoss = FixedPointMathLib.mulDivUp(shortSize, k1 - k2, 1e30);
                assertLe(nav + shortPremium, spread.totalAssets() + longPremium + maxLoss + 4, "loss capped");
            }
        }
    }

    /// @notice The long leg never costs more than the hedge budget: the keeper's round reverts instead.
    function test_startRound_capsTheHedgeCost() public {
        vm.prank(strategyOwner);
        spread.setHedgeBudget(0.0001e18);
        vm.prank(alice);
        spread.deposit(300_000e6, alice);
        vm.expectPartialRevert(IOptionMarket.PremiumAboveMax.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice The floor applies to the net premium: at the tightest tolerance (1 % of the legs' gross value) the
    /// market's fees on both legs put the net below it and the round reverts, though the short leg alone clears its own
    /// floor; at the default it starts.
    function test_startRound_floorsTheNetPremium() public {
        vm.prank(alice);
        spread.deposit(300_000e6, alice);
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
        vm.prank(strategyOwner);
        spread.setMaxPremiumDiscount(0.01e18);
        vm.expectPartialRevert(IStrategyVault.PremiumBelowFloor.selector);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        uint256 defaultDiscount = spread.DEFAULT_PREMIUM_DISCOUNT();
        vm.prank(strategyOwner);
        spread.setMaxPremiumDiscount(defaultDiscount);
        vm.prank(strategyKeeper);
        spread.startRound(0, vm.getBlockTimestamp());
        assertTrue(spread.roundActive());
    }

    /// @notice The keeper's minimum is on the net premium too (the market's error, with the net offered).
    function test_startRound_keepersMinimumIsOnTheNetPremium() public {
        vm.prank(alice);
        spread.deposit(300_000e6, alice);
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + 7 days));
        vm.expectPartialRevert(IOptionMarket.PremiumBelowMin.selector);
        vm.prank(strategyKeeper);
        spread.startRound(300_000e6, vm.getBlockTimestamp());
    }

    /// @notice Only the spread starts the short leg's rounds: the short leg's keeper is the spread.
    function test_shortLeg_onlyTheSpreadStartsIt() public {
        vm.expectRevert(abi.encodeWithSelector(IStrategyVault.OnlyKeeper.selector, strategyKeeper));
        vm.prank(strategyKeeper);
        shortLeg.startRound(0, vm.getBlockTimestamp());
    }

    function test_setters_inBounds() public {
        vm.startPrank(strategyOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.6e18, 0.01e18, 0.5e18)
        );
        spread.setSpreadWidth(0.6e18);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0.2e18, 0, 0.1e18));
        spread.setHedgeBudget(0.2e18);
        spread.setSpreadWidth(0.1e18);
        spread.setHedgeBudget(0.05e18);
        vm.stopPrank();
        assertEq(spread.spreadWidthWad(), 0.1e18);
        assertEq(spread.hedgeBudgetWad(), 0.05e18);
    }
}
