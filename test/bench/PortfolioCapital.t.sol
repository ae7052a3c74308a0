// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {MarginEngine} from "../../contracts/margin/MarginEngine.sol";
import {OptionMarket} from "../../contracts/market/OptionMarket.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {PortfolioBase} from "../unit/PortfolioMarginEngine.t.sol";
import {console} from "forge-std/Test.sol";

/// @notice Capital an account must hold for four books, under the per-short engine (`MarginEngine`, on a second market
/// over the same oracles) and the portfolio engine, printed in quote. Run:
/// `pnpm forge test --match-path 'test/bench/PortfolioCapital.t.sol' -vv`. Spot 3,000, 7 days, the default smile
/// (about 82 % ATM), 10 options a leg. Old engine: x = 20 %, y = 30 %, floor 1 %; capital = mark + IM of its shorts (a
/// long bought beside it counts for nothing). Portfolio engine: `defaultPortfolioParams` (x = 4σ·sqrt(1 day) ≈ 17 %,
/// y = 30 %, floor 1 %, base haircut 5 %); capital = the least collateral value with equity ≥ IM, that is
/// IM + shorts − longs at their marks (quote collateral), or the least base that meets IM (the covered call).
contract PortfolioCapitalBench is PortfolioBase {
    MarginEngine internal old;
    OptionMarket internal oldMarket;
    /// @dev The portfolio engine's IM (beyond the marks) of the last book measured, quote wad.
    uint256 internal lastImWad;

    function setUp() public override {
        super.setUp();
        CollateralVault cv;
        CollateralVault pv;
        (cv, pv, oldMarket) = deploy(weth, usdc, EXIT_NOTICE);
        old = new MarginEngine(
            governor,
            IOptionMarket(address(oldMarket)),
            IMarginEngine.MarginParams({
                spotShockWad: 0.2e18,
                volShockWad: 0.3e18,
                floorShareWad: 0.01e18,
                maintenanceRatioWad: 0.8e18,
                liquidationDiscountWad: 0.05e18,
                insuranceShareWad: 0.2e18
            })
        );
        vm.prank(governor);
        oldMarket.setMarginEngine(address(old));
        vm.startPrank(lp);
        weth.approve(address(cv), type(uint256).max);
        usdc.approve(address(pv), type(uint256).max);
        cv.deposit(1000e18, lp);
        pv.deposit(3_000_000e6, lp);
        vm.stopPrank();
        vm.startPrank(trader);
        weth.approve(address(old), type(uint256).max);
        usdc.approve(address(old), type(uint256).max);
        vm.stopPrank();
    }

    function test_bench_capitalTable() public {
        console.log("book | old engine | portfolio engine | its IM beyond the marks (quote, 10 options a leg)");
        _row("put spread 2700/2800", _oldCapital(false, putId(2800e18)), _newPutSpread());
        _row(
            "short straddle 3000",
            _oldCapital(false, putId(3000e18)) + _oldCapital(true, callId(3000e18)),
            _newCapital(_twoShorts(putId(3000e18), callId(3000e18)))
        );
        _row("covered call 3300", _oldCapital(true, callId(3300e18)), _newCoveredCall());
        _row(
            "naked put 2800",
            _oldCapital(false, putId(2800e18)),
            _newCapital(_twoShorts(putId(2800e18), SeriesId.wrap(0)))
        );
    }

    function _row(string memory book, uint256 oldWad, uint256 newWad) internal view {
        console.log(
            string.concat(
                book,
                " | ",
                vm.toString(oldWad / 1e18),
                " | ",
                vm.toString(newWad / 1e18),
                " | ",
                vm.toString(lastImWad / 1e18)
            )
        );
    }

    /// @dev Mark + IM of 10 shorts of `id` in a fresh account of the old engine, quote wad.
    function _oldCapital(bool isCall, SeriesId id) internal returns (uint256) {
        vm.startPrank(trader);
        uint256 acct = old.openAccount(isCall);
        old.deposit(acct, isCall ? 100e18 : 300_000e6);
        old.write(acct, id, 10e18, 0, block.timestamp);
        vm.stopPrank();
        IMarginEngine.Margin memory m = old.marginOf(acct);
        uint256 assets = m.markAssets + m.initialMarginAssets;
        return isCall ? assets * SPOT / 1e18 : assets * 1e12;
    }

    /// @dev IM + shorts − longs: the collateral value the account needs, quote wad.
    function _newCapital(uint256 acct) internal returns (uint256) {
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, false);
        lastImWad = m.initialMarginWad;
        int256 collateralWad = int256(m.quoteAssets * 1e12 + m.baseAssets * SPOT / 1e18 * 95 / 100);
        int256 optionsWad = m.equityWad - collateralWad;
        return uint256(int256(m.initialMarginWad) - optionsWad);
    }

    function _twoShorts(SeriesId first, SeriesId second) internal returns (uint256 acct) {
        acct = openWith(trader, 0, 300_000e6);
        writeAs(trader, acct, first, 10e18);
        if (SeriesId.unwrap(second) != 0) writeAs(trader, acct, second, 10e18);
    }

    function _newPutSpread() internal returns (uint256) {
        uint256 acct = openWith(trader, 0, 300_000e6);
        buyInto(trader, acct, putId(2700e18), 10e18);
        writeAs(trader, acct, putId(2800e18), 10e18);
        return _newCapital(acct);
    }

    /// @dev Base collateral is worth less in the scenarios where the calls are worth less: the least base that meets
    /// IM is found by bisection on withdrawals (to 0.0001 base), valued at the spot.
    function _newCoveredCall() internal returns (uint256) {
        uint256 acct = openWith(trader, 100e18, 0);
        writeAs(trader, acct, callId(3300e18), 10e18);
        uint256 low;
        uint256 high = engine.marginOf(acct, false).baseAssets;
        while (high - low > 1e14) {
            uint256 mid = (low + high) / 2;
            vm.prank(trader);
            try engine.withdraw(acct, true, mid, trader) {
                low = mid;
                vm.prank(trader);
                engine.deposit(acct, true, mid);
            } catch {
                high = mid;
            }
        }
        vm.prank(trader);
        engine.withdraw(acct, true, low, trader);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, false);
        lastImWad = m.initialMarginWad;
        return m.baseAssets * SPOT / 1e18;
    }
}
