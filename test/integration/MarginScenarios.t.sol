// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainlinkSpotAdapter} from "../../contracts/interfaces/IChainlinkSpotAdapter.sol";
import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {MarginBase} from "../unit/MarginEngine.t.sol";
import {console} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Margin scenarios of issue #5 across the engine, the market, its vaults and the real oracle stack: a
/// liquidation cascade, an oracle outage in the middle of a crash, liquidators racing for one account and dust
/// accounts. (The 40 % crash in one block is `MarginEngineTest.test_scenario_fortyPercentCrash`.)
contract MarginScenariosTest is MarginBase {
    SeriesId internal put2900;
    address internal liquidator2 = makeAddr("liquidator2");

    function setUp() public override {
        super.setUp();
        put2900 = putId(2900e18);
        usdc.mint(liquidator2, 1_000_000_000e6);
        vm.prank(liquidator2);
        usdc.approve(address(engine), type(uint256).max);
    }

    // ---------------------------------------------------------------- cascade

    /// @notice Four put writers at different leverage and a thinly funded liquidator; spot falls 5 % at a time from
    /// 3000 to 2100. At each level every account below maintenance is liquidated in steps of 2 puts until it is
    /// healthy again (or resolved once insolvent). The most levered account goes first, the fully collateralised one
    /// never, and the first liquidator, which keeps only its initial margin beside the positions it took over, is
    /// itself liquidated further down by a backstop liquidator.
    function test_scenario_liquidationCascade() public {
        uint256[5] memory accts;
        accts[0] = openAs(trader, false, 100_000e6);
        writeAs(trader, accts[0], put2900, 10e18);
        toInitialMargin(trader, accts[0]);
        accts[1] = openAs(trader2, false, 100_000e6);
        writeAs(trader2, accts[1], put2900, 10e18);
        _toInitialMarginPlus(trader2, accts[1], 2000e6);
        accts[2] = openAs(lp2, false, 100_000e6);
        writeAs(lp2, accts[2], put2900, 10e18);
        _toInitialMarginPlus(lp2, accts[2], 5000e6);
        accts[3] = openAs(lp, false, 29_000e6);
        writeAs(lp, accts[3], put2900, 10e18);
        // The first liquidator holds only a little more than it needs for the first takeovers.
        accts[4] = openAs(liquidator, false, 25_000e6);
        uint256 backstop = openAs(liquidator2, false, 10_000_000e6);
        vm.prank(lp2);
        engine.fundInsurance(false, 1000e6);

        uint256[5] memory firstLevel;
        uint256 steps;
        for (uint256 level = 1; level <= 6; ++level) {
            uint256 spotWad = SPOT - level * 150e18;
            setSpot(spotWad);
            for (uint256 i; i < 5; ++i) {
                uint256 taken = _liquidateUntilHealthy(accts[i], i == 4 ? backstop : accts[4], backstop);
                if (taken != 0 && firstLevel[i] == 0) firstLevel[i] = level;
                steps += taken;
            }
            for (uint256 i; i < 5; ++i) {
                IMarginEngine.Margin memory m = engine.marginOf(accts[i]);
                assertGe(m.collateralAssets, m.markAssets + m.maintenanceMarginAssets, "every account healthy again");
                console.log("spot", spotWad / 1e18, "account", accts[i]);
                console.log("  health (USDC units)", uint256(health(accts[i])), "positions", _held(accts[i]));
            }
            _checkCustody();
            // The first liquidator runs lean: it takes its excess out after each round of takeovers.
            if (engine.positionsOf(accts[4]).length != 0) toInitialMargin(liquidator, accts[4]);
        }
        console.log("liquidation steps", steps);
        assertEq(firstLevel[0], 1, "the account at IM goes at the first 5 % drop");
        assertGt(firstLevel[1], firstLevel[0], "a buffer of 2000 holds one more level");
        assertGt(firstLevel[2], firstLevel[1], "a buffer of 5000 holds longer still");
        assertEq(firstLevel[3], 0, "full collateral is never liquidated");
        assertGt(firstLevel[4], 0, "the first liquidator is itself liquidated: the cascade");
        assertEq(market.written(put2900), 40e18, "takeovers move shorts between accounts, not the vault's long");
    }

    // ---------------------------------------------------------------- oracle outage

    /// @notice Spot falls, one liquidation step goes through, then the feed stops (stale) and later reports a
    /// glitch (zero, then out of bounds): liquidations, withdrawals with positions, writes and bad-debt resolution
    /// stop with the oracle's error and nothing moves; deposits and withdrawals without positions go on. Once a valid
    /// price is back (lower), liquidation resumes from the state the outage froze.
    function test_scenario_oracleOutageMidCrash() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, put2900, 5e18);
        toInitialMargin(trader, acct);
        uint256 other = openAs(trader2, false, 100_000e6);
        writeAs(trader2, other, put2900, 1e18);
        uint256 idle = openAs(lp2, false, 1000e6);
        uint256 liq = openAs(liquidator, false, 1_000_000e6);

        setSpot(2750e18);
        _takeStep(acct, put2900, 1e18, liq);

        uint256 collateralBefore = collateralOf(acct);
        // The feed stops: no round for longer than the heartbeat; the smile stays fresh.
        vm.warp(block.timestamp + HEARTBEAT + 1);
        postSmile(EXPIRY, defaultSmile());
        _expectAllStopped(acct, other, liq, IChainlinkSpotAdapter.StalePrice.selector);

        // A zero answer, then one below the adapter's band.
        setSpot(0);
        _expectAllStopped(acct, other, liq, ISpotOracle.ZeroPrice.selector);
        feed.pushAnswer(0.5e8, block.timestamp);
        _expectAllStopped(acct, other, liq, ISpotOracle.PriceOutOfBounds.selector);

        // What needs no price goes on.
        vm.prank(trader2);
        engine.deposit(other, 10e6);
        vm.prank(lp2);
        engine.withdraw(idle, 1000e6, lp2);
        assertEq(engine.positionsOf(acct)[0].size, 4e18, "the outage froze the account");

        // Valid again, lower: the liquidation resumes where it stopped.
        setSpot(2650e18);
        int256 before = health(acct);
        assertLt(before, 0, "still below maintenance");
        _takeStep(acct, put2900, 1e18, liq);
        assertLe(collateralOf(acct), collateralBefore);
        vm.prank(trader2);
        engine.withdraw(other, 10e6, trader2);
        _checkCustody();
    }

    // ---------------------------------------------------------------- front-running

    /// @notice Two liquidators go for the same step of 5 puts in one block. The first takes all of it: the second's
    /// step reverts (`PositionNotFound`) and nothing of its account or the liquidated one moves.
    function test_scenario_frontRun_secondStepRevertsWhenNothingIsLeft() public {
        (uint256 acct, uint256 first, uint256 second) = _race();
        _takeStep(acct, put2900, 5e18, first);
        uint256 totalBefore = _sumCollateral(acct, first, second);
        uint256 secondBefore = collateralOf(second);

        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.PositionNotFound.selector, acct, put2900));
        vm.prank(liquidator2);
        engine.liquidate(acct, put2900, 5e18, second);

        assertEq(collateralOf(second), secondBefore);
        assertEq(engine.positionsOf(second).length, 0);
        assertEq(_sumCollateral(acct, first, second), totalBefore, "no value lost or created");
        _checkCustody();
    }

    /// @notice The first liquidator takes a step that brings the account back above maintenance: the second's step
    /// reverts `AccountHealthy`.
    function test_scenario_frontRun_secondStepRevertsOnceHealthy() public {
        (uint256 acct, uint256 first, uint256 second) = _race();
        // Steps of 1 put until the account is healthy.
        while (health(acct) < 0) {
            _takeStep(acct, put2900, 1e18, first);
        }
        uint256 totalBefore = _sumCollateral(acct, first, second);
        vm.expectPartialRevert(IMarginEngine.AccountHealthy.selector);
        vm.prank(liquidator2);
        engine.liquidate(acct, put2900, 1e18, second);
        assertEq(_sumCollateral(acct, first, second), totalBefore, "no value lost or created");
    }

    /// @notice The first liquidator takes a small step and the account is still below maintenance: the second's step,
    /// sized for the whole position, takes what is left (and its event says so), and the two steps together pay out
    /// exactly what the account lost plus what went to the insurance fund.
    function test_scenario_frontRun_secondTakesWhatIsLeft() public {
        (uint256 acct, uint256 first, uint256 second) = _race();
        uint256 totalBefore = _sumCollateral(acct, first, second) + engine.insuranceAssets(false);
        _takeStep(acct, put2900, 0.5e18, first);
        assertLt(health(acct), 0, "still below maintenance");

        vm.expectEmit(true, true, true, false, address(engine));
        emit IMarginEngine.Liquidated(acct, second, put2900, 4.5e18, 0, 0);
        _takeStep(acct, put2900, 5e18, second);
        assertEq(engine.positionsOf(acct).length, 0, "flat");
        assertEq(engine.positionsOf(first)[0].size + engine.positionsOf(second)[0].size, 5e18);
        assertEq(
            _sumCollateral(acct, first, second) + engine.insuranceAssets(false), totalBefore, "no value lost or created"
        );
        _checkCustody();
    }

    /// @notice The account's owner sees a liquidation of its whole position coming and front-runs it with a 1-wei
    /// close: the step, larger than what is left by a wei, takes what is left instead of reverting, paid on that
    /// size to the wei (the same as a step sized exactly).
    function test_scenario_frontRun_ownerOneWeiCloseCannotBlockTheLiquidation() public {
        (uint256 acct, uint256 first,) = _race();
        vm.prank(trader);
        engine.close(acct, put2900, 1, type(uint256).max, block.timestamp);
        assertEq(engine.positionsOf(acct)[0].size, 5e18 - 1);

        uint256 snapshot = vm.snapshotState();
        uint256 fundBefore = engine.insuranceAssets(false);
        uint256 paidExact = _takeStep(acct, put2900, 5e18 - 1, first);
        uint256 insuredExact = engine.insuranceAssets(false) - fundBefore;
        vm.revertToState(snapshot);

        vm.expectEmit(address(engine));
        emit IMarginEngine.Liquidated(acct, first, put2900, 5e18 - 1, paidExact, insuredExact);
        uint256 paid = _takeStep(acct, put2900, 5e18, first);
        assertEq(paid, paidExact, "paid on the clamped size");
        assertEq(engine.positionsOf(acct).length, 0, "flat");
        assertEq(engine.positionsOf(first)[0].size, 5e18 - 1, "took what was left");
        _checkCustody();
    }

    // ---------------------------------------------------------------- dust

    /// @notice A dust account (a millionth of a put) below maintenance. The engine has no minimum step and no
    /// special case: it can be liquidated like any account, but the bonus is a few millionths of a USDC, far below
    /// the gas of a step, so no keeper will. It is resolved at expiry by `settleAccount` (anyone): the collateral
    /// pays, then the insurance fund, then the vault bears the rest, which is bounded by the dust's own payoff.
    function test_scenario_dustAccount_notWorthLiquidatingResolvedAtSettlement() public {
        uint256 dust = openAs(trader, false, 10e6);
        writeAs(trader, dust, put2900, 1e12);
        toInitialMargin(trader, dust);
        IMarginEngine.Margin memory m = engine.marginOf(dust);
        assertLt(m.collateralAssets, 1000, "the whole account is worth less than a thousandth of a USDC");
        uint256 liq = openAs(liquidator, false, 1_000_000e6);
        setSpot(2750e18);
        assertLt(health(dust), 0, "below maintenance");

        uint256 snapshot = vm.snapshotState();
        uint256 collateralBefore = collateralOf(dust);
        vm.prank(liquidator);
        uint256 paid = engine.liquidate(dust, put2900, 1e12, liq);
        uint256 cost = _costOf(1e12, 2750e18);
        uint256 bonus = collateralBefore - collateralOf(dust) - cost;
        assertLe(bonus, FixedPointMathLib.mulWad(cost, 0.05e18), "at most the 5 % discount");
        assertLt(bonus, 100, "a bonus of under a ten-thousandth of a USDC pays no keeper's gas");
        assertLe(paid, collateralBefore);
        vm.revertToState(snapshot);

        // Left alone, it settles at expiry: a crash to 2000 makes it owe more than it holds.
        vm.prank(lp2);
        engine.fundInsurance(false, 1e6);
        settleAt(2000e18);
        uint256 owed = FixedPointMathLib.mulDivUp(1e12, 900e18, 1e30);
        uint256 collateral = collateralOf(dust);
        assertGt(owed, collateral, "insolvent at settlement");
        vm.expectEmit(address(engine));
        emit IMarginEngine.AccountSettled(dust, owed, collateral);
        vm.expectEmit(address(engine));
        emit IMarginEngine.BadDebtFromInsurance(dust, false, owed - collateral);
        engine.settleAccount(dust);
        assertEq(engine.positionsOf(dust).length, 0);
        assertEq(collateralOf(dust), 0);
        assertEq(
            engine.insuranceAssets(false), 1e6 - (owed - collateral), "the fund covered it; the vault bore nothing"
        );
        _checkCustody();
    }

    /// @notice A one-wei step (1e-18 of an option) of a normal account below maintenance sheds nothing the margin sees
    /// but costs the account a rounded-up wei: the engine refuses a step that would lower the account's health
    /// (`InvalidSize`), so dust steps cannot bleed an account by rounding.
    function test_scenario_dustStep_cannotLowerHealth() public {
        uint256 acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, put2900, 5e18);
        toInitialMargin(trader, acct);
        uint256 liq = openAs(liquidator, false, 1_000_000e6);
        setSpot(2750e18);
        int256 before = health(acct);
        assertLt(before, 0);
        vm.expectRevert(abi.encodeWithSelector(IMarginEngine.InvalidSize.selector, 1));
        vm.prank(liquidator);
        engine.liquidate(acct, put2900, 1, liq);
        assertEq(health(acct), before);
        // A step that sheds something the margin sees goes through.
        _takeStep(acct, put2900, 1e15, liq);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Liquidates `acct` in steps of at most 2 options of its first position, from `preferred` (falling back to
    /// `backup` when the preferred account lacks the margin), until it is healthy, flat or insolvent (then
    /// resolved). Checks that each step never lowers health. Returns the number of steps.
    function _liquidateUntilHealthy(uint256 acct, uint256 preferred, uint256 backup) private returns (uint256 n) {
        while (true) {
            IMarginEngine.Margin memory m = engine.marginOf(acct);
            if (m.collateralAssets >= m.markAssets + m.maintenanceMarginAssets) return n;
            if (m.collateralAssets < m.markAssets) {
                engine.resolveBadDebt(acct);
                return n;
            }
            IMarginEngine.Position memory p = engine.positionsOf(acct)[0];
            uint256 size = FixedPointMathLib.min(p.size, 2e18);
            int256 before = health(acct);
            (address owner,) = engine.accountInfo(preferred);
            vm.prank(owner);
            try engine.liquidate(acct, p.id, size, preferred) {}
            catch (bytes memory reason) {
                assertEq(bytes4(reason), IMarginEngine.BelowInitialMargin.selector, "only the liquidator's margin");
                (owner,) = engine.accountInfo(backup);
                vm.prank(owner);
                engine.liquidate(acct, p.id, size, backup);
            }
            assertGe(health(acct), before, "a step never lowers health");
            ++n;
        }
    }

    /// @dev One liquidation step by the liquidator account's owner; checks health and the flows of the step.
    function _takeStep(uint256 acct, SeriesId id, uint256 size, uint256 liq) private returns (uint256 paid) {
        int256 before = health(acct);
        uint256 accountBefore = collateralOf(acct);
        uint256 liqBefore = collateralOf(liq);
        uint256 fundBefore = engine.insuranceAssets(false);
        (address owner,) = engine.accountInfo(liq);
        vm.prank(owner);
        paid = engine.liquidate(acct, id, size, liq);
        assertGe(health(acct), before, "a step never lowers health");
        assertEq(collateralOf(liq), liqBefore + paid);
        assertEq(
            accountBefore - collateralOf(acct),
            paid + engine.insuranceAssets(false) - fundBefore,
            "the account pays exactly the liquidator and the fund"
        );
    }

    /// @dev An account at IM with 5 puts of 2900 below maintenance at 2750, and two liquidators' accounts.
    function _race() private returns (uint256 acct, uint256 first, uint256 second) {
        acct = openAs(trader, false, 100_000e6);
        writeAs(trader, acct, put2900, 5e18);
        toInitialMargin(trader, acct);
        first = openAs(liquidator, false, 1_000_000e6);
        second = openAs(liquidator2, false, 1_000_000e6);
        setSpot(2750e18);
        assertLt(health(acct), 0);
    }

    /// @dev Expects every spot-reading action of the engine to revert with the oracle's `selector` (the margin view
    /// too), and no asset to move.
    function _expectAllStopped(uint256 acct, uint256 other, uint256 liq, bytes4 selector) private {
        uint256 held = usdc.balanceOf(address(engine));
        vm.expectPartialRevert(selector);
        vm.prank(liquidator);
        engine.liquidate(acct, put2900, 1e18, liq);
        vm.expectPartialRevert(selector);
        vm.prank(trader2);
        engine.withdraw(other, 1e6, trader2);
        vm.expectPartialRevert(selector);
        vm.prank(trader2);
        engine.write(other, put2900, 1e18, 0, block.timestamp);
        vm.expectPartialRevert(selector);
        engine.resolveBadDebt(acct);
        vm.expectPartialRevert(selector);
        engine.marginOf(acct);
        assertEq(usdc.balanceOf(address(engine)), held);
    }

    /// @dev Withdraws down to mark + IM + `buffer`.
    function _toInitialMarginPlus(address who, uint256 acct, uint256 buffer) private {
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        vm.prank(who);
        engine.withdraw(acct, m.collateralAssets - m.markAssets - m.initialMarginAssets - buffer, who);
    }

    /// @dev What a takeover of `size` puts of 2900 pays for them at `spotWad`: their mark, rounded up.
    function _costOf(uint256 size, uint256 spotWad) private view returns (uint256) {
        (Svi.Params memory smile,) = surface.smile(EXPIRY);
        uint256 value = pricer.mark(smile, spotWad, 2900e18, EXPIRY - block.timestamp, 0, false);
        return FixedPointMathLib.divUp(FixedPointMathLib.mulWadUp(size, value), 1e12);
    }

    function _sumCollateral(uint256 a, uint256 b, uint256 c) private view returns (uint256) {
        return collateralOf(a) + collateralOf(b) + collateralOf(c);
    }

    function _held(uint256 acct) private view returns (uint256 size) {
        IMarginEngine.Position[] memory positions = engine.positionsOf(acct);
        for (uint256 i; i < positions.length; ++i) {
            size += positions[i].size;
        }
    }

    /// @dev The engine holds exactly the put accounts' collateral and the put fund, to the wei.
    function _checkCustody() private view {
        uint256 sum = engine.insuranceAssets(false);
        for (uint256 id = 1; id <= engine.accountCount(); ++id) {
            (, bool isCall) = engine.accountInfo(id);
            if (!isCall) sum += collateralOf(id);
        }
        assertEq(usdc.balanceOf(address(engine)), sum, "custody equals the books");
    }
}
