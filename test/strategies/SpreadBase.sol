// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPortfolioMarginEngine} from "../../contracts/interfaces/IPortfolioMarginEngine.sol";
import {ISpreadVault} from "../../contracts/interfaces/ISpreadVault.sol";
import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {SpreadVault} from "../../contracts/strategies/SpreadVault.sol";
import {PortfolioBase} from "../unit/PortfolioMarginEngine.t.sol";

/// @notice The portfolio-margin stack of `PortfolioBase` (the market's margin engine is a `PortfolioMarginEngine`) with
/// the strategy roles, two funded depositors and an attacker, and the helpers a spread vault's tests share.
contract SpreadBase is PortfolioBase {
    address internal strategyOwner = makeAddr("strategyOwner");
    address internal strategyKeeper = makeAddr("strategyKeeper");
    address internal strategyGuardian = makeAddr("strategyGuardian");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal attacker = makeAddr("attacker");

    function setUp() public virtual override {
        super.setUp();
        address[3] memory users = [alice, bob, attacker];
        for (uint256 i; i < users.length; ++i) {
            weth.mint(users[i], 1000e18);
            usdc.mint(users[i], 10_000_000e6);
        }
    }

    /// @notice Short K1 10 % out of the money, weekly rounds, K2 5 % beyond K1, at most 30 % of the NAV on the long leg.
    function defaultSpreadParams() internal pure returns (SpreadVault.SpreadParams memory) {
        return SpreadVault.SpreadParams({
            moneynessWad: 0.1e18, roundDurationSec: 7 days, spreadWidthWad: 0.05e18, hedgeBudgetWad: 0.3e18
        });
    }

    /// @notice Posts the smile of the vault's next expiry and starts its round as the keeper.
    function startSpread(ISpreadVault v) internal {
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + v.roundDurationSec()));
        vm.prank(strategyKeeper);
        v.startRound(0, vm.getBlockTimestamp());
    }

    /// @notice Posts the default smile of `expiry` unless a fresh one is set.
    function ensureSmile(uint256 expiry) internal {
        try surface.smile(expiry) returns (Svi.Params memory, uint256) {}
        catch {
            postSmile(expiry, defaultSmile());
        }
    }

    /// @notice Warps to the vault's round expiry and fixes the settlement price at `priceWad` (the round stays open).
    function fixSettlement(IStrategyVault v, uint256 priceWad) internal {
        uint256 expiry = v.roundExpiry();
        if (vm.getBlockTimestamp() < expiry) vm.warp(expiry);
        uint80 roundId = feed.pushAnswer(int256(priceWad / 1e10), vm.getBlockTimestamp());
        if (settlementOracle.settlement(expiry).priceWad == 0) settlementOracle.settle(expiry, roundId);
    }

    /// @notice `fixSettlement`, then closes the round.
    function settleRound(IStrategyVault v, uint256 priceWad) internal {
        fixSettlement(v, priceWad);
        v.closeRound();
    }

    /// @notice The account's margin at the strict spot.
    function accountMargin(ISpreadVault v) internal view returns (IPortfolioMarginEngine.AccountMargin memory) {
        return engine.marginOf(v.accountId(), false);
    }

    function strike(SeriesId id) internal pure returns (uint256) {
        return id.strike();
    }
}
