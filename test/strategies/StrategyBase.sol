// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStrategyVault} from "../../contracts/interfaces/IStrategyVault.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {StrategyMath} from "../../contracts/libraries/StrategyMath.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {CoveredCallVault} from "../../contracts/strategies/CoveredCallVault.sol";
import {OptionWritingVault} from "../../contracts/strategies/OptionWritingVault.sol";
import {PutSellingVault} from "../../contracts/strategies/PutSellingVault.sol";
import {MarginBase} from "../unit/MarginEngine.t.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The margin stack of `MarginBase` with a covered-call vault (calls 10 % out of the money) and a put-selling
/// vault (puts 10 % out of the money), weekly rounds, and two depositors.
contract StrategyBase is MarginBase {
    CoveredCallVault internal ccv;
    PutSellingVault internal psv;
    address internal strategyOwner = makeAddr("strategyOwner");
    address internal strategyKeeper = makeAddr("strategyKeeper");
    address internal strategyGuardian = makeAddr("strategyGuardian");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");

    function setUp() public virtual override {
        super.setUp();
        ccv = new CoveredCallVault(engine, strategyOwner, strategyKeeper, strategyGuardian, 0.1e18, 7 days);
        psv = new PutSellingVault(engine, strategyOwner, strategyKeeper, strategyGuardian, 0.1e18, 7 days);
        vm.label(address(ccv), "ccv");
        vm.label(address(psv), "psv");
        address[2] memory users = [alice, bob];
        for (uint256 i; i < users.length; ++i) {
            weth.mint(users[i], 1000e18);
            usdc.mint(users[i], 10_000_000e6);
            vm.startPrank(users[i]);
            weth.approve(address(ccv), type(uint256).max);
            usdc.approve(address(psv), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @notice Posts the smile of the vault's next expiry and starts its round as the keeper.
    /// @return premium Credited to the vault's account, token units.
    function startRound(OptionWritingVault v) internal returns (uint256 premium) {
        ensureSmile(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + v.roundDurationSec()));
        uint256 nav = v.totalAssets();
        vm.prank(strategyKeeper);
        v.startRound(0, vm.getBlockTimestamp());
        if (v.roundSize() != 0) premium = engine.marginOf(v.accountId()).collateralAssets - nav;
    }

    /// @notice Posts the default smile of `expiry` unless a fresh one is set.
    function ensureSmile(uint256 expiry) internal {
        try surface.smile(expiry) returns (Svi.Params memory, uint256) {}
        catch {
            postSmile(expiry, defaultSmile());
        }
    }

    /// @notice Warps to the vault's round expiry, fixes the settlement price at `priceWad` and closes the round.
    function settleRound(IStrategyVault v, uint256 priceWad) internal {
        uint256 expiry = v.roundExpiry();
        if (vm.getBlockTimestamp() < expiry) vm.warp(expiry);
        uint80 roundId = feed.pushAnswer(int256(priceWad / 1e10), vm.getBlockTimestamp());
        if (settlementOracle.settlement(expiry).priceWad == 0) settlementOracle.settle(expiry, roundId);
        v.closeRound();
    }

    function strikeOf(OptionWritingVault v) internal view returns (uint256) {
        return SeriesId.wrap(SeriesId.unwrap(v.roundSeries())).strike();
    }

    function depositTo(OptionWritingVault v, address who, uint256 assets) internal returns (uint256 shares) {
        vm.prank(who);
        shares = v.deposit(assets, who);
    }

    function balanceIn(OptionWritingVault v, address who) internal view returns (uint256) {
        return IERC20(v.asset()).balanceOf(who);
    }
}
