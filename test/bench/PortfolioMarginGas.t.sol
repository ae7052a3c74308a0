// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {PortfolioBase} from "../unit/PortfolioMarginEngine.t.sol";
import {console} from "forge-std/Test.sol";

/// @notice Gas of the portfolio margin engine, printed and written to `snapshots/PortfolioMarginGas.json`
/// (`vm.snapshotGasLastCall`), not asserted. Run: `pnpm forge test --match-path 'test/bench/PortfolioMarginGas.t.sol'
/// -vv`. Each figure is the external call alone with every contract and account it touches made cold (`vm.cool`), as
/// in `MarginGas.t.sol`. Goals (issue #16): a margin check of 4 positions ≤ 150k, of 16 ≤ 600k.
contract PortfolioMarginGasBench is PortfolioBase {
    uint256 internal condor;
    uint256 internal sixteen;

    function setUp() public override {
        super.setUp();
        postSmile(EXPIRY + 7 days, defaultSmile());
        // An iron condor: one expiry, two puts and two calls, long wings.
        condor = openWith(trader, 0, 200_000e6);
        buyInto(trader, condor, putId(2600e18), 1e18);
        writeAs(trader, condor, putId(2800e18), 1e18);
        writeAs(trader, condor, callId(3200e18), 1e18);
        buyInto(trader, condor, callId(3400e18), 1e18);
        // Sixteen positions over two expiries: calls and puts, longs and shorts.
        sixteen = openWith(trader2, 100e18, 2_000_000e6);
        for (uint256 i; i < 4; ++i) {
            uint256 k = 2700e18 + i * 100e18;
            writeAs(trader2, sixteen, putId(k), 1e18);
            buyInto(trader2, sixteen, callId(k + 200e18), 1e18);
            writeAs(trader2, sixteen, SeriesIdLib.encode(EXPIRY + 7 days, k + 200e18, true), 1e18);
            buyInto(trader2, sixteen, SeriesIdLib.encode(EXPIRY + 7 days, k, false), 1e18);
        }
    }

    function test_bench_marginCheckFourPositions() public {
        _coolAll();
        engine.marginOf(condor, false);
        console.log("margin check, 4 positions:", vm.snapshotGasLastCall("PortfolioMarginGas", "marginCheck4Positions"));
    }

    function test_bench_marginCheckSixteenPositions() public {
        assertEq(engine.positionsOf(sixteen).length, 16);
        _coolAll();
        engine.marginOf(sixteen, false);
        console.log(
            "margin check, 16 positions:", vm.snapshotGasLastCall("PortfolioMarginGas", "marginCheck16Positions")
        );
    }

    function test_bench_writeFourthPosition() public {
        uint256 acct = openWith(lp2, 0, 200_000e6);
        buyInto(lp2, acct, putId(2600e18), 1e18);
        writeAs(lp2, acct, putId(2800e18), 1e18);
        writeAs(lp2, acct, callId(3200e18), 1e18);
        SeriesId id = callId(3400e18);
        _coolAll();
        vm.prank(lp2);
        engine.buy(acct, id, 1e18, type(uint256).max, block.timestamp);
        console.log("buy, 4th position:", vm.snapshotGasLastCall("PortfolioMarginGas", "buyFourthPosition"));
    }

    function test_bench_liquidationOfAFourPositionBook() public {
        // Two naked calls over a put spread, at IM; then the spot jumps 12 %.
        uint256 acct = openWith(lp2, 0, 200_000e6);
        buyInto(lp2, acct, putId(2700e18), 1e18);
        writeAs(lp2, acct, putId(2800e18), 1e18);
        writeAs(lp2, acct, callId(3200e18), 1e18);
        writeAs(lp2, acct, callId(3300e18), 1e18);
        toInitialMargin(lp2, acct);
        setSpot(3360e18);
        uint256 liq = openWith(liquidator, 0, 1_000_000e6);
        SeriesId[] memory ids = new SeriesId[](2);
        (ids[0], ids[1]) = (callId(3200e18), callId(3300e18));
        uint256[] memory sizes = new uint256[](2);
        (sizes[0], sizes[1]) = (0.5e18, 0.5e18);
        IPortfolioMarginEngine.AccountMargin memory m = engine.marginOf(acct, true);
        assertLt(m.equityWad, int256(m.maintenanceMarginWad));
        _coolAll();
        vm.prank(liquidator);
        engine.liquidate(acct, liq, ids, sizes);
        console.log("liquidation step, 4-position book:", vm.snapshotGasLastCall("PortfolioMarginGas", "liquidation4"));
    }

    /// @dev Makes every contract and actor cold, as at the start of a transaction.
    function _coolAll() internal {
        address[12] memory accounts = [
            address(engine),
            address(market),
            address(weth),
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
