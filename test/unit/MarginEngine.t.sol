// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IChainlinkSpotAdapter} from "../../contracts/interfaces/IChainlinkSpotAdapter.sol";
import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {MarginEngine} from "../../contracts/margin/MarginEngine.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Vm} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The protocol of `BaseTest` with a margin engine wired to the market, funded vaults and helpers.
contract MarginBase is BaseTest {
    MarginEngine internal engine;
    address internal liquidator = makeAddr("liquidator");

    function setUp() public virtual override {
        super.setUp();
        engine = new MarginEngine(governor, IOptionMarket(address(market)), defaultMarginParams());
        vm.prank(governor);
        market.setMarginEngine(address(engine));
        vm.label(address(engine), "engine");
        depositAs(lp, callVault, 1000e18);
        depositAs(lp, putVault, 3_000_000e6);
        weth.mint(liquidator, 1_000_000e18);
        usdc.mint(liquidator, 1_000_000_000e6);
        address[5] memory actors = [lp, lp2, trader, trader2, liquidator];
        for (uint256 i; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            weth.approve(address(engine), type(uint256).max);
            usdc.approve(address(engine), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @notice x = 20 %, y = 30 %, floor 1 % of the maximum payoff, MM = 80 % of IM, bonus 5 %, a fifth of it insured.
    function defaultMarginParams() internal pure returns (IMarginEngine.MarginParams memory) {
        return IMarginEngine.MarginParams({
            spotShockWad: 0.2e18,
            volShockWad: 0.3e18,
            floorShareWad: 0.01e18,
            maintenanceRatioWad: 0.8e18,
            liquidationDiscountWad: 0.05e18,
            insuranceShareWad: 0.2e18
        });
    }

    function openAs(address who, bool isCall, uint256 assets) internal returns (uint256 accountId) {
        vm.startPrank(who);
        accountId = engine.openAccount(isCall);
        if (assets != 0) engine.deposit(accountId, assets);
        vm.stopPrank();
    }

    function writeAs(address who, uint256 accountId, SeriesId id, uint256 size) internal returns (uint256 premium) {
        vm.prank(who);
        premium = engine.write(accountId, id, size, 0, block.timestamp);
    }

    /// @notice Withdraws everything above mark + IM, leaving the account exactly at its initial margin.
    function toInitialMargin(address who, uint256 accountId) internal {
        IMarginEngine.Margin memory m = engine.marginOf(accountId);
        vm.prank(who);
        engine.withdraw(accountId, m.collateralAssets - m.markAssets - m.initialMarginAssets, who);
    }

    /// @notice collateral − mark − MM, token units.
    function health(uint256 accountId) internal view returns (int256) {
        IMarginEngine.Margin memory m = engine.marginOf(accountId);
        return int256(m.collateralAssets) - int256(m.markAssets) - int256(m.maintenanceMarginAssets);
    }

    function collateralOf(uint256 accountId) internal view returns (uint256) {
        return engine.marginOf(accountId).collateralAssets;
    }
}

contract MarginEngineTest is MarginBase {
    // ---------------------------------------------------------------- accounts

    function test_openAccount_numbersAccountsFromOne() public {
        vm.expectEmit(address(engine));
        emit IMarginEngine.AccountOpened(1, trader, false);
        uint256 first = openAs(trader, false, 0);
        uint256 second = openAs(trader2, true, 0);
        assertEq(first, 1);
        assertEq(second, 2);
        (address owner, bool isCall) = engine.accountInfo(2);
        assertEq(owner, trader2);
        assertTrue(isCall);
    }

    function test_deposit_anyoneCreditsTheAccount() public {
        uint256 acct = openAs(trader, false, 0);
        vm.prank(trader2);
        engine.deposit(acct, 1000e6);
        assertEq(collateralOf(acct), 1000e6);
        assertEq(usdc.balanceOf(address(engine)), 1000e6);
    }

    function test_deposit_boundedByMaxCollateral() public {
        uint256 acct = openAs(trader, true, 0);
        uint256 max = engine.MAX_COLLATERAL();
        weth.mint(trader2, max + 1);
        vm.startPrank(trader2);
        weth.approve(address(engine), type(uint256).max);
        engine.deposit(acct, max - 1);
        engine.deposit(acct, 1);
        assertEq(collateralOf(acct), max);
        uint256 engineBalance = weth.balanceOf(address(engine));
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.CollateralTooLarge.selector, acct, max + 1));
        engine.deposit(acct, 1);
        vm.stopPrank();
        assertEq(collateralOf(acct), max);
        assertEq(weth.balanceOf(address(engine)), engineBalance);
    }

    function test_deposit_revertsForUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.AccountNotFound.selector, 7));
        vm.prank(trader);
        engine.deposit(7, 1);
    }

    function test_withdraw_withoutPositionsReturnsAll() public {
        uint256 acct = openAs(trader, true, 5e18);
        uint256 before = weth.balanceOf(trader);
        vm.prank(trader);
        engine.withdraw(acct, 5e18, trader);
        assertEq(weth.balanceOf(trader), before + 5e18);
        assertEq(collateralOf(acct), 0);
    }

    function test_withdraw_revertsBeyondTheCollateral() public {
        uint256 acct = openAs(trader, true, 5e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.InsufficientCollateral.selector, 5e18, 5e18 + 1));
        vm.prank(trader);
        engine.withdraw(acct, 5e18 + 1, trader);
    }

    function test_withdraw_revertsBelowInitialMargin() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 5e18);
        toInitialMargin(trader, acct);
        vm.expectPartialRevert(IMarginEngine.BelowInitialMargin.selector);
        vm.prank(trader);
        engine.withdraw(acct, 1, trader);
    }

    function test_withdraw_onlyOwnerOrOperator() public {
        uint256 acct = openAs(trader, true, 5e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.NotAuthorized.selector, trader2, acct));
        vm.prank(trader2);
        engine.withdraw(acct, 1, trader2);

        vm.expectEmit(address(engine));
        emit IMarginEngine.OperatorSet(trader, trader2, true);
        vm.prank(trader);
        engine.setOperator(trader2, true);
        assertTrue(engine.isOperator(trader, trader2));
        vm.prank(trader2);
        engine.withdraw(acct, 1e18, trader2);
        assertEq(collateralOf(acct), 4e18);
    }

    // ---------------------------------------------------------------- write and close

    function test_write_creditsThePremiumAndOpensTheVaultsLong() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        SeriesId id = putId(2900e18);
        uint256 quoted = market.quoteSell(id, 2e18);
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        uint256 premium = writeAs(trader, acct, id, 2e18);
        assertEq(premium, quoted, "priced as a sale");
        assertEq(collateralOf(acct), 10_000e6 + premium);
        assertEq(usdc.balanceOf(address(engine)), 10_000e6 + premium);
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore - premium, "the vault paid it");
        assertEq(market.written(id), 2e18);
        assertEq(market.openInterest(id), 0);
        assertEq(market.liveSeries(false).length, 1, "live while written");
        assertLt(market.inventory(false, EXPIRY), 0, "the vault is long vega");
        IMarginEngine.Position[] memory positions = engine.positionsOf(acct);
        assertEq(positions.length, 1);
        assertEq(positions[0].size, 2e18);
    }

    function test_write_mergesTheSameSeries() public {
        uint256 acct = openAs(trader, false, 50_000e6);
        writeAs(trader, acct, putId(2900e18), 1e18);
        writeAs(trader, acct, putId(2900e18), 2e18);
        IMarginEngine.Position[] memory positions = engine.positionsOf(acct);
        assertEq(positions.length, 1);
        assertEq(positions[0].size, 3e18);
    }

    function test_write_vaultNavCountsTheLong() public {
        uint256 navBefore = putVault.totalAssets();
        uint256 acct = openAs(trader, false, 50_000e6);
        writeAs(trader, acct, putId(2900e18), 5e18);
        (uint256 mark, uint256 encumbered, uint256 longs) = market.liabilities(address(putVault));
        uint256 held = usdc.balanceOf(address(putVault));
        assertGt(longs, 0);
        assertEq(putVault.totalAssets(), held + longs - mark);
        assertEq(putVault.freeAssets(), held - encumbered, "the long frees nothing");
        assertGe(putVault.totalAssets(), navBefore, "fees and the inventory charge accrue to the vault");
    }

    function test_write_revertsWithoutMargin() public {
        uint256 acct = openAs(trader, false, 0);
        vm.expectPartialRevert(IMarginEngine.BelowInitialMargin.selector);
        writeAs(trader, acct, putId(2900e18), 1e18);
    }

    function test_write_revertsOnTheOtherCollateral() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        SeriesId id = callId(3000e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.CollateralMismatch.selector, acct, id));
        writeAs(trader, acct, id, 1e18);
    }

    function test_write_revertsOnZeroSize() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.InvalidSize.selector, 0));
        writeAs(trader, acct, putId(2900e18), 0);
    }

    function test_write_revertsAboveTheLargestPosition() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        uint256 size = engine.MAX_POSITION_SIZE() + 1;
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.InvalidSize.selector, size));
        writeAs(trader, acct, putId(2900e18), size);
    }

    function test_write_revertsBeyondMaxPositions() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        for (uint256 i; i < engine.MAX_POSITIONS(); ++i) {
            writeAs(trader, acct, putId(2700e18 + i * 100e18), 1e18);
        }
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.TooManyPositions.selector, acct));
        writeAs(trader, acct, putId(3100e18), 1e18);
    }

    function test_write_revertsForStranger() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.NotAuthorized.selector, trader2, acct));
        writeAs(trader2, acct, putId(2900e18), 1e18);
    }

    function test_write_appliesTheDeltaBounds() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        vm.expectPartialRevert(IOptionMarket.DeltaOutOfBounds.selector);
        writeAs(trader, acct, putId(2000e18), 1e18);
    }

    function test_close_buysBackFromTheCollateral() public {
        uint256 acct = openAs(trader, false, 20_000e6);
        SeriesId id = putId(2900e18);
        writeAs(trader, acct, id, 2e18);
        uint256 collateral = collateralOf(acct);
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        vm.prank(trader);
        uint256 premium = engine.close(acct, id, 1e18, type(uint256).max, block.timestamp);
        assertEq(collateralOf(acct), collateral - premium);
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + premium);
        assertEq(market.written(id), 1e18);
        vm.prank(trader);
        engine.close(acct, id, 1e18, type(uint256).max, block.timestamp);
        assertEq(engine.positionsOf(acct).length, 0);
        assertEq(market.liveSeries(false).length, 0, "retired once nothing is outstanding");
    }

    function test_close_revertsWithoutThePosition() public {
        uint256 acct = openAs(trader, false, 20_000e6);
        writeAs(trader, acct, putId(2900e18), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.PositionNotFound.selector, acct, putId(2800e18)));
        vm.prank(trader);
        engine.close(acct, putId(2800e18), 1e18, type(uint256).max, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.PositionNotFound.selector, acct, putId(2900e18)));
        vm.prank(trader);
        engine.close(acct, putId(2900e18), 2e18, type(uint256).max, block.timestamp);
    }

    // ---------------------------------------------------------------- margin

    function test_marginOf_isTheWorstCornerPlusTheFloor() public {
        uint256 acct = openAs(trader, false, 50_000e6);
        SeriesId id = putId(2900e18);
        writeAs(trader, acct, id, 3e18);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        (Svi.Params memory smile,) = surface.smile(EXPIRY);
        uint256 t = EXPIRY - block.timestamp;
        uint256 value = pricer.mark(smile, SPOT, 2900e18, t, 0, false);
        uint256 shocked = pricer.mark(_scaled(smile, 1.3e18), 2400e18, 2900e18, t, 0, false);
        uint256 markWad = FixedPointMathLib.mulWadUp(3e18, value);
        uint256 imWad = FixedPointMathLib.mulWadUp(3e18, shocked - value) + 3 * 29e18;
        assertEq(m.markAssets, FixedPointMathLib.divUp(markWad, 1e12));
        assertEq(m.initialMarginAssets, FixedPointMathLib.divUp(imWad, 1e12));
        assertEq(m.maintenanceMarginAssets, FixedPointMathLib.mulWadUp(m.initialMarginAssets, 0.8e18));
    }

    function test_marginOf_fullCollateralAlwaysMeetsIM() public {
        uint256 acct = openAs(trader, true, 0);
        vm.prank(governor);
        engine.setMarginParams(
            IMarginEngine.MarginParams({
                spotShockWad: 0.5e18,
                volShockWad: 1e18,
                floorShareWad: 0.2e18,
                maintenanceRatioWad: 0.8e18,
                liquidationDiscountWad: 0.05e18,
                insuranceShareWad: 0.2e18
            })
        );
        vm.prank(trader);
        engine.deposit(acct, 10e18);
        writeAs(trader, acct, callId(3000e18), 10e18);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        assertLe(m.markAssets + m.initialMarginAssets, 10e18, "IM is capped at the maximum payoff");
    }

    function test_initialMarginCoversTheGrid() public {
        (uint256 acct, bool isCall) = _portfolio(false);
        uint256 im = engine.marginOf(acct).initialMarginAssets;
        for (uint256 s; s < 5; ++s) {
            for (uint256 v; v < 2; ++v) {
                int256 spotShock = -0.2e18 + int256(s) * 0.1e18;
                uint256 volScale = v == 0 ? 0.7e18 : 1.3e18;
                assertLe(_loss(acct, isCall, spotShock, volScale), im);
            }
        }
    }

    function testFuzz_initialMarginCoversAnyGridScenario(int256 spotShock, uint256 volScale, bool isCall) public {
        spotShock = bound(spotShock, -0.2e18, 0.2e18);
        volScale = bound(volScale, 0.7e18, 1.3e18);
        (uint256 acct,) = _portfolio(isCall);
        assertLe(_loss(acct, isCall, spotShock, volScale), engine.marginOf(acct).initialMarginAssets);
    }

    // ---------------------------------------------------------------- parameters

    function test_setMarginParams_enforcesEveryBound() public {
        IMarginEngine.MarginParams memory p = defaultMarginParams();
        p.spotShockWad = 0.04e18;
        _expectBound(p, 0.04e18, 0.05e18, 0.5e18);
        p = defaultMarginParams();
        p.spotShockWad = 0.51e18;
        _expectBound(p, 0.51e18, 0.05e18, 0.5e18);
        p = defaultMarginParams();
        p.volShockWad = 1.01e18;
        _expectBound(p, 1.01e18, 0, 1e18);
        p = defaultMarginParams();
        p.floorShareWad = 0.21e18;
        _expectBound(p, 0.21e18, 0, 0.2e18);
        p = defaultMarginParams();
        p.maintenanceRatioWad = 0.49e18;
        _expectBound(p, 0.49e18, 0.5e18, 0.95e18);
        p = defaultMarginParams();
        p.maintenanceRatioWad = 0.96e18;
        _expectBound(p, 0.96e18, 0.5e18, 0.95e18);
        p = defaultMarginParams();
        p.liquidationDiscountWad = 0.21e18;
        _expectBound(p, 0.21e18, 0, 0.2e18);
        p = defaultMarginParams();
        p.insuranceShareWad = 1.01e18;
        _expectBound(p, 1.01e18, 0, 1e18);
    }

    function test_setMarginParams_onlyOwnerAndEmits() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trader));
        vm.prank(trader);
        engine.setMarginParams(defaultMarginParams());
        IMarginEngine.MarginParams memory p = defaultMarginParams();
        p.spotShockWad = 0.3e18;
        vm.expectEmit(address(engine));
        emit IMarginEngine.MarginParamsSet(p);
        vm.prank(governor);
        engine.setMarginParams(p);
        assertEq(engine.marginParams().spotShockWad, 0.3e18);
    }

    // ---------------------------------------------------------------- liquidation

    function test_liquidate_revertsOnAHealthyAccount() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 2e18);
        uint256 liq = openAs(liquidator, false, 100_000e6);
        vm.expectPartialRevert(IMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, liq);
    }

    function test_liquidate_takesOverAtMarkPlusBonusAndNeverLowersHealth() public {
        (uint256 acct, uint256 liq) = _underMaintenance();
        SeriesId id = putId(2900e18);
        int256 healthBefore = health(acct);
        uint256 collateralBefore = collateralOf(acct);
        uint256 liqBefore = collateralOf(liq);
        (Svi.Params memory smile,) = surface.smile(EXPIRY);
        uint256 value = pricer.mark(smile, 2750e18, 2900e18, EXPIRY - block.timestamp, 0, false);
        uint256 cost = FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(2e18, value), 1e12);

        vm.prank(liquidator);
        uint256 paid = engine.liquidate(acct, id, 2e18, liq);

        uint256 insured = engine.insuranceAssets(false);
        uint256 bonus = paid + insured - cost;
        assertGt(bonus, 0, "the liquidator earns a bonus");
        assertLe(bonus, FixedPointMathLib.mulWad(cost, 0.05e18));
        assertEq(insured, FixedPointMathLib.mulWad(bonus, 0.2e18), "a fifth of it is insured");
        assertEq(collateralOf(acct), collateralBefore - cost - bonus, "paid only from the account");
        assertEq(collateralOf(liq), liqBefore + paid);
        assertGe(health(acct), healthBefore, "never less healthy");
        assertEq(engine.positionsOf(acct)[0].size, 3e18, "partial");
        assertEq(engine.positionsOf(liq)[0].size, 2e18, "taken over");
        assertEq(market.written(id), 5e18, "the vault's long is unchanged");
    }

    function testFuzz_liquidate_neverLowersHealth(uint256 size, uint256 spotWad) public {
        size = bound(size, 1e15, 5e18);
        spotWad = bound(spotWad, 2500e18, 2750e18);
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 5e18);
        toInitialMargin(trader, acct);
        uint256 liq = openAs(liquidator, false, 1_000_000e6);
        setSpot(spotWad);
        int256 before = health(acct);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        assertLt(before, 0, "below maintenance");
        assertGe(m.collateralAssets, m.markAssets, "solvent");
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), size, liq);
        assertGe(health(acct), before);
    }

    function test_liquidate_revertsOnSelf() public {
        (uint256 acct,) = _underMaintenance();
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.SelfLiquidation.selector, acct));
        vm.prank(trader);
        engine.liquidate(acct, putId(2900e18), 1e18, acct);
    }

    function test_liquidate_revertsFromTheOtherCollateral() public {
        (uint256 acct,) = _underMaintenance();
        uint256 callAccount = openAs(liquidator, true, 100e18);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.CollateralMismatch.selector, callAccount, putId(2900e18)));
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, callAccount);
    }

    function test_liquidate_revertsWhenTheLiquidatorLacksMargin() public {
        (uint256 acct,) = _underMaintenance();
        uint256 empty = openAs(liquidator, false, 0);
        vm.expectPartialRevert(IMarginEngine.BelowInitialMargin.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, empty);
    }

    function test_liquidate_revertsOnAnInsolventAccount() public {
        (uint256 acct, uint256 liq) = _underMaintenance();
        setSpot(2000e18);
        vm.expectPartialRevert(IMarginEngine.AccountInsolvent.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, liq);
    }

    function test_liquidateAndWithdraw_stopOnAStalePriceAndResume() public {
        (uint256 acct, uint256 liq) = _underMaintenance();
        uint256 other = openAs(trader2, false, 100_000e6);
        writeAs(trader2, other, putId(2900e18), 1e18);
        (, int256 answer,,,) = feed.latestRoundData();
        vm.warp(block.timestamp + HEARTBEAT + 1);
        postSmile(EXPIRY, defaultSmile());
        vm.expectPartialRevert(IChainlinkSpotAdapter.StalePrice.selector);
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, liq);
        vm.expectPartialRevert(IChainlinkSpotAdapter.StalePrice.selector);
        vm.prank(trader2);
        engine.withdraw(other, 1e6, trader2);

        feed.pushAnswer(answer, block.timestamp);
        vm.prank(trader2);
        engine.withdraw(other, 1e6, trader2);
        vm.prank(liquidator);
        engine.liquidate(acct, putId(2900e18), 1e18, liq);
    }

    // ---------------------------------------------------------------- bad debt

    function test_resolveBadDebt_drawsOnTheFundThenTheVault() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        SeriesId id = putId(2900e18);
        writeAs(trader, acct, id, 10e18);
        toInitialMargin(trader, acct);
        uint256 bystander = openAs(trader2, false, 100_000e6);
        writeAs(trader2, bystander, id, 1e18);
        vm.prank(lp2);
        engine.fundInsurance(false, 500e6);
        setSpot(1800e18);

        IMarginEngine.Margin memory m = engine.marginOf(acct);
        uint256 collateral = m.collateralAssets;
        uint256 shortfall = m.markAssets - collateral;
        assertGt(shortfall, 500e6, "more than the fund holds");
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        uint256 bystanderCollateral = collateralOf(bystander);

        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromInsurance(acct, false, 500e6);
        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromVault(acct, false, shortfall - 500e6);
        engine.resolveBadDebt(acct);

        assertEq(engine.insuranceAssets(false), 0, "the fund pays first");
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + collateral + 500e6, "the vault gets all there is");
        assertEq(market.written(id), 1e18, "the account's shorts are cancelled against the vault");
        assertEq(collateralOf(acct), 0);
        assertEq(engine.positionsOf(acct).length, 0);
        assertEq(collateralOf(bystander), bystanderCollateral, "no other account pays");
    }

    function test_resolveBadDebt_fundAloneWhenItSuffices() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 10e18);
        toInitialMargin(trader, acct);
        vm.prank(lp2);
        engine.fundInsurance(false, 100_000e6);
        setSpot(1800e18);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        vm.recordLogs();
        engine.resolveBadDebt(acct);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != IMarginEngine.BadDebtFromVault.selector, "the vault bears nothing");
        }
        assertEq(engine.insuranceAssets(false), 100_000e6 - (m.markAssets - m.collateralAssets));
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + m.markAssets, "the vault is made whole");
    }

    function test_resolveBadDebt_revertsOnASolventAccount() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 1e18);
        vm.expectPartialRevert(IMarginEngine.AccountSolvent.selector);
        engine.resolveBadDebt(acct);
    }

    // ---------------------------------------------------------------- settlement

    function test_settleAccount_paysTheVaultsReceivable() public {
        uint256 acct = openAs(trader, false, 10_000e6);
        SeriesId id = putId(2900e18);
        writeAs(trader, acct, id, 1e18);
        uint256 collateral = collateralOf(acct);
        settleAt(2800e18);
        assertEq(market.receivableAssets(false), 100e6);
        assertEq(market.written(id), 0);
        (,, uint256 longs) = market.liabilities(address(putVault));
        assertEq(longs, 100e6, "the receivable counts in the NAV");
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        vm.expectEmit(address(engine));
        emit IMarginEngine.AccountSettled(acct, 100e6, 100e6);
        engine.settleAccount(acct);
        assertEq(market.receivableAssets(false), 0);
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + 100e6);
        assertEq(collateralOf(acct), collateral - 100e6);
        assertEq(engine.positionsOf(acct).length, 0);
    }

    function test_settleAccount_shortfallDrawsOnTheFundThenTheVault() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 10e18);
        toInitialMargin(trader, acct);
        vm.prank(lp2);
        engine.fundInsurance(false, 1000e6);
        uint256 collateral = collateralOf(acct);
        settleAt(1800e18);
        assertEq(market.receivableAssets(false), 11_000e6);
        uint256 vaultBefore = usdc.balanceOf(address(putVault));

        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromInsurance(acct, false, 1000e6);
        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromVault(acct, false, 11_000e6 - collateral - 1000e6);
        engine.settleAccount(acct);

        assertEq(engine.insuranceAssets(false), 0);
        assertEq(market.receivableAssets(false), 0, "the rest is written off");
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + collateral + 1000e6);
        assertEq(collateralOf(acct), 0);
    }

    // ---------------------------------------------------------------- crash scenario

    /// @notice Three put writers at different leverage, a 40 % crash: the fully collateralised one is untouched, the
    /// solvent one below maintenance is liquidated in part, the insolvent one's bad debt reaches the fund then the
    /// vault.
    function test_scenario_fortyPercentCrash() public {
        SeriesId id = putId(2900e18);
        uint256 levered = openAs(trader, false, 100_000e6);
        writeAs(trader, levered, id, 10e18);
        toInitialMargin(trader, levered);
        uint256 moderate = openAs(trader2, false, 12_500e6);
        writeAs(trader2, moderate, id, 10e18);
        uint256 full = openAs(lp, false, 29_000e6);
        writeAs(lp, full, id, 10e18);
        uint256 liq = openAs(liquidator, false, 100_000e6);
        vm.prank(lp2);
        engine.fundInsurance(false, 500e6);
        setSpot(1800e18);

        vm.expectPartialRevert(IMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator);
        engine.liquidate(full, id, 1e18, liq);

        int256 before = health(moderate);
        assertLt(before, 0, "the moderate account is below maintenance");
        vm.prank(liquidator);
        engine.liquidate(moderate, id, 5e18, liq);
        assertGe(health(moderate), before);
        uint256 fund = engine.insuranceAssets(false);
        assertGt(fund, 500e6, "liquidation penalties feed the fund");

        IMarginEngine.Margin memory m = engine.marginOf(levered);
        assertLt(m.collateralAssets, m.markAssets, "the levered account is insolvent");
        uint256 vaultBefore = usdc.balanceOf(address(putVault));
        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromInsurance(levered, false, fund);
        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromVault(levered, false, m.markAssets - m.collateralAssets - fund);
        engine.resolveBadDebt(levered);

        assertEq(market.written(id), 20e18, "the moderate, full and liquidator positions remain");
        assertEq(usdc.balanceOf(address(putVault)), vaultBefore + m.collateralAssets + fund, "all there was");
        assertEq(engine.insuranceAssets(false), 0);
        assertGe(health(full), 0);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev A put account at its initial margin, 5 of the 2900 put, and a liquidator's account; spot then falls to
    /// 2750, which puts the account below maintenance but above its mark.
    function _underMaintenance() private returns (uint256 acct, uint256 liq) {
        acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, putId(2900e18), 5e18);
        toInitialMargin(trader, acct);
        liq = openAs(liquidator, false, 1_000_000e6);
        setSpot(2750e18);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        assertLt(m.collateralAssets, m.markAssets + m.maintenanceMarginAssets, "below maintenance");
        assertGe(m.collateralAssets, m.markAssets, "solvent");
    }

    /// @dev Three shorts of one side at their initial margin.
    function _portfolio(bool isCall) private returns (uint256 acct, bool) {
        acct = openAs(trader, isCall, isCall ? 100e18 : 100_000e6);
        uint256[3] memory strikes = isCall ? [uint256(3000e18), 3100e18, 3300e18] : [uint256(2700e18), 2900e18, 3000e18];
        for (uint256 i; i < 3; ++i) {
            SeriesId id = isCall ? callId(strikes[i]) : putId(strikes[i]);
            writeAs(trader, acct, id, (i + 1) * 1e18);
        }
        return (acct, isCall);
    }

    /// @dev The portfolio's loss, token units rounded up, when spot moves by `spotShock` and every strike's vol is
    /// scaled by `volScale`, revalued as the engine values (Black-Scholes on the smile, sticky in moneyness).
    function _loss(uint256 acct, bool isCall, int256 spotShock, uint256 volScale) private view returns (uint256) {
        (Svi.Params memory smile,) = surface.smile(EXPIRY);
        Svi.Params memory shockedSmile = _scaled(smile, volScale);
        uint256 spot = uint256(int256(SPOT) + int256(SPOT) * spotShock / 1e18);
        uint256 t = EXPIRY - block.timestamp;
        IMarginEngine.Position[] memory positions = engine.positionsOf(acct);
        uint256 nowWad;
        uint256 thenWad;
        for (uint256 i; i < positions.length; ++i) {
            uint256 strike = positions[i].id.strike();
            nowWad += FixedPointMathLib.mulWadUp(positions[i].size, pricer.mark(smile, SPOT, strike, t, 0, isCall));
            thenWad += FixedPointMathLib.mulWad(
                positions[i].size, pricer.mark(shockedSmile, spot, strike, t, 0, isCall)
            );
        }
        uint256 scale = isCall ? 1 : 1e12;
        return thenWad > nowWad ? FixedPointMathLib.divUp(thenWad - nowWad, scale) : 0;
    }

    function _scaled(Svi.Params memory smile, uint256 volScale) private pure returns (Svi.Params memory) {
        uint256 variance = FixedPointMathLib.mulWadUp(volScale, volScale);
        return Svi.Params({
            a: smile.a * int256(variance) / 1e18,
            b: FixedPointMathLib.mulWadUp(smile.b, variance),
            rho: smile.rho,
            m: smile.m,
            sigma: smile.sigma
        });
    }

    function _expectBound(IMarginEngine.MarginParams memory p, uint256 value, uint256 lo, uint256 hi) private {
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, value, lo, hi));
        vm.prank(governor);
        engine.setMarginParams(p);
    }
}

/// @notice The market's side of the margin hook: only the engine writes, buys back, cancels and settles the receivable.
contract OptionMarketMarginHookTest is MarginBase {
    function test_engineEntryPoints_onlyTheEngine() public {
        SeriesId id = putId(2900e18);
        vm.startPrank(trader);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OnlyMarginEngine.selector, trader));
        market.write(id, 1e18, 0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OnlyMarginEngine.selector, trader));
        market.buyBack(id, 1e18, type(uint256).max, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OnlyMarginEngine.selector, trader));
        market.cancelWritten(id, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.OnlyMarginEngine.selector, trader));
        market.settleReceivable(false, 0, 0);
        vm.stopPrank();
    }

    function test_setMarginEngine_onlyOnce() public {
        assertEq(market.marginEngine(), address(engine));
        vm.expectRevert(abi.encodeWithSelector(IOptionMarket.MarginEngineAlreadySet.selector, address(engine)));
        vm.prank(governor);
        market.setMarginEngine(address(1));
    }

    function test_write_premiumComesOnlyFromFreeAssets() public {
        IOptionMarket.RiskParams memory risk = defaultRisk();
        risk.maxUtilisationWad = 1e18;
        vm.prank(governor);
        market.setRiskParams(risk);
        buyAs(trader2, callId(3000e18), 1000e18);
        uint256 acct = openAs(trader, true, 1000e18);
        vm.expectPartialRevert(IOptionMarket.VaultCannotPayPremium.selector);
        writeAs(trader, acct, callId(3000e18), 2000e18);
    }

    function test_write_seriesStaysLiveUntilBothSidesAreGone() public {
        SeriesId id = putId(2900e18);
        buyAs(trader2, id, 1e18);
        uint256 acct = openAs(trader, false, 20_000e6);
        writeAs(trader, acct, id, 1e18);
        sellAs(trader2, id, 1e18);
        assertEq(market.liveSeries(false).length, 1, "still written");
        vm.prank(trader);
        engine.close(acct, id, 1e18, type(uint256).max, block.timestamp);
        assertEq(market.liveSeries(false).length, 0);
    }
}
