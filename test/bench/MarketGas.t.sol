// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {console} from "forge-std/Test.sol";

/// @notice Gas of the market's and vaults' entry points, printed and written to `snapshots/MarketGas.json`
/// (`vm.snapshotGasLastCall`), not asserted. Run: `npx forge test --match-path 'test/bench/MarketGas.t.sol' -vv`.
/// Each figure is the gas of the external call alone (no 21k intrinsic transaction cost), measured with every
/// contract and account the call touches made cold first (`vm.cool`), as a fresh transaction finds them.
contract MarketGasBench is BaseTest {
    uint256 internal constant LIVE = 16;

    function setUp() public override {
        super.setUp();
        depositAs(lp, callVault, 1000e18);
        depositAs(lp, putVault, 3_000_000e6);
    }

    function test_bench_buyNewSeries() public {
        SeriesId id = callId(3000e18);
        _coolAll();
        vm.prank(trader);
        market.buy(id, 1e18, type(uint256).max, block.timestamp);
        console.log("buy, new series:", vm.snapshotGasLastCall("MarketGas", "buyNewSeries"));
    }

    function test_bench_buyExistingSeries() public {
        SeriesId id = callId(3000e18);
        buyAs(trader2, id, 1e18);
        _coolAll();
        vm.prank(trader);
        market.buy(id, 1e18, type(uint256).max, block.timestamp);
        console.log("buy, existing series:", vm.snapshotGasLastCall("MarketGas", "buyExistingSeries"));
    }

    function test_bench_sellPartial() public {
        SeriesId id = putId(2900e18);
        buyAs(trader, id, 2e18);
        _coolAll();
        vm.prank(trader);
        market.sell(id, 1e18, 0, block.timestamp);
        console.log("sell, partial:", vm.snapshotGasLastCall("MarketGas", "sellPartial"));
    }

    function test_bench_sellClosesSeries() public {
        SeriesId id = putId(2900e18);
        buyAs(trader, id, 1e18);
        _coolAll();
        vm.prank(trader);
        market.sell(id, 1e18, 0, block.timestamp);
        console.log("sell, closes the series:", vm.snapshotGasLastCall("MarketGas", "sellClosesSeries"));
    }

    function test_bench_depositRedeemWith16LiveSeries() public {
        _openLiveSeries();
        _coolAll();
        vm.prank(lp2);
        uint256 shares = putVault.deposit(10_000e6, lp2);
        console.log("deposit, 16 live series:", vm.snapshotGasLastCall("MarketGas", "deposit16Live"));
        _coolAll();
        vm.prank(lp2);
        putVault.requestRedeem(shares, lp2, lp2);
        console.log("exit request, 16 live series:", vm.snapshotGasLastCall("MarketGas", "requestRedeem16Live"));
        _claimAfterNotice(shares);
        console.log("exit claim, 16 live series:", vm.snapshotGasLastCall("MarketGas", "claimRedeem16Live"));
    }

    function test_bench_depositRedeemNoLiveSeries() public {
        _coolAll();
        vm.prank(lp2);
        uint256 shares = putVault.deposit(10_000e6, lp2);
        console.log("deposit, no live series:", vm.snapshotGasLastCall("MarketGas", "deposit0Live"));
        _coolAll();
        vm.prank(lp2);
        putVault.requestRedeem(shares, lp2, lp2);
        console.log("exit request, no live series:", vm.snapshotGasLastCall("MarketGas", "requestRedeem0Live"));
        _claimAfterNotice(shares);
        console.log("exit claim, no live series:", vm.snapshotGasLastCall("MarketGas", "claimRedeem0Live"));
    }

    function test_bench_settleAndRedeemPosition() public {
        SeriesId id = putId(2900e18);
        buyAs(trader, id, 2e18);
        buyAs(trader, callId(3000e18), 2e18);
        vm.warp(EXPIRY);
        uint80 round = feed.pushAnswer(2500e8, block.timestamp);
        settlementOracle.settle(EXPIRY, round);
        _coolAll();
        market.settle(EXPIRY);
        console.log("settle, 2 series:", vm.snapshotGasLastCall("MarketGas", "settle2Series"));
        _coolAll();
        vm.prank(trader);
        market.redeem(id, 1e18, trader);
        console.log("redeem settled position:", vm.snapshotGasLastCall("MarketGas", "redeemPosition"));
    }

    /// @dev Makes every contract and actor cold, as at the start of a transaction.
    /// @dev Waits the exit notice (oracles refreshed), then claims `shares` of lp2's request cold.
    function _claimAfterNotice(uint256 shares) internal {
        skipFresh(EXIT_NOTICE);
        _coolAll();
        vm.prank(lp2);
        putVault.redeem(shares, lp2, lp2);
    }

    function _coolAll() internal {
        address[12] memory accounts = [
            address(market),
            address(callVault),
            address(putVault),
            address(weth),
            address(usdc),
            address(feed),
            address(spotAdapter),
            address(surface),
            address(settlementOracle),
            trader,
            lp2,
            lp
        ];
        for (uint256 i; i < accounts.length; ++i) {
            vm.cool(accounts[i]);
        }
    }

    /// @dev 16 puts, strikes 2700 to 3450 by 50, all in the put vault.
    function _openLiveSeries() internal {
        for (uint256 i; i < LIVE; ++i) {
            buyAs(trader, putId(2700e18 + i * 50e18), 1e18);
        }
        assertEq(market.liveSeries(false).length, LIVE);
    }
}
