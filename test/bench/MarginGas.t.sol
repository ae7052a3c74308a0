// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {MarginBase} from "../unit/MarginEngine.t.sol";
import {console} from "forge-std/Test.sol";

/// @notice Gas of the margin engine, printed and written to `snapshots/MarginGas.json` (`vm.snapshotGasLastCall`), not
/// asserted. Run: `pnpm forge test --match-path 'test/bench/MarginGas.t.sol' -vv`. As in `MarketGas.t.sol`, each
/// figure is the external call alone, with every contract and account it touches made cold first (`vm.cool`).
/// Targets (issue #5): a margin check with 4 positions ≤ 80k, a liquidation step ≤ 200k.
contract MarginGasBench is MarginBase {
    uint256 internal acct;
    uint256 internal liq;

    function setUp() public override {
        super.setUp();
        acct = openAs(trader, false, 200_000e6);
        for (uint256 i; i < 4; ++i) {
            writeAs(trader, acct, putId(2700e18 + i * 100e18), 1e18);
        }
        toInitialMargin(trader, acct);
        liq = openAs(liquidator, false, 1_000_000e6);
    }

    function test_bench_marginCheckFourPositions() public {
        _coolAll();
        engine.marginOf(acct);
        console.log("margin check, 4 positions:", vm.snapshotGasLastCall("MarginGas", "marginCheck4Positions"));
    }

    function test_bench_writeFourthPosition() public {
        uint256 writer = openAs(trader2, false, 200_000e6);
        for (uint256 i; i < 3; ++i) {
            writeAs(trader2, writer, putId(2700e18 + i * 100e18), 1e18);
        }
        SeriesId id = putId(3000e18);
        _coolAll();
        vm.prank(trader2);
        engine.write(writer, id, 1e18, 0, block.timestamp);
        console.log("write, 4th position:", vm.snapshotGasLastCall("MarginGas", "writeFourthPosition"));
    }

    function test_bench_liquidationStep() public {
        setSpot(2750e18);
        IMarginEngine.Margin memory m = engine.marginOf(acct);
        assertLt(m.collateralAssets, m.markAssets + m.maintenanceMarginAssets);
        _coolAll();
        vm.prank(liquidator);
        engine.liquidate(acct, putId(3000e18), 0.5e18, liq);
        console.log("liquidation step, 4 positions:", vm.snapshotGasLastCall("MarginGas", "liquidationStep"));
    }

    /// @dev Makes every contract and actor cold, as at the start of a transaction.
    function _coolAll() internal {
        address[12] memory accounts = [
            address(engine),
            address(market),
            address(pricer),
            address(usdc),
            address(feed),
            address(spotAdapter),
            address(surface),
            address(callVault),
            address(putVault),
            trader,
            trader2,
            liquidator
        ];
        for (uint256 i; i < accounts.length; ++i) {
            vm.cool(accounts[i]);
        }
    }
}
