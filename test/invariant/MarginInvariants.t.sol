// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {SeriesId} from "../../contracts/libraries/SeriesId.sol";
import {MarginEngine} from "../../contracts/margin/MarginEngine.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {MarginHandler} from "./handlers/MarginHandler.sol";
import {console} from "forge-std/Test.sol";

/// @notice Invariant spec of the margin engine (docs/architecture.md "Margin engine" and docs/invariants.md invariant 6). Ids:
/// - MARGIN-1 (invariant 6, first half): a healthy account (collateral ≥ mark + MM) is never liquidated: no step
///   goes through on it.
/// - MARGIN-2 (invariant 6, second half): a liquidation step never lowers the account's health (collateral − mark −
///   MM, token units, same block).
/// - MARGIN-3 no value is created. Per asset, with ghosts summing what the engine reports moving:
///   (a) custody: the engine holds exactly Σ accounts' collateral + the insurance fund, to the wei;
///   (b) flows: the engine's balance = deposits + insurance funding + premiums of writes − withdrawals − premiums of
///       closes − what settlements and resolutions sent to the vault; the vault's held assets = held at the start −
///       premiums of writes + premiums of closes + what settlements and resolutions sent it;
///   (c) conservation: Σ accounts' collateral + fund + vault's held assets + the wallets of every actor (writers,
///       liquidators, funder) is constant: what one side gains another lost;
///   (d) each liquidation moves exactly what the account loses to the liquidator's account and the fund, and each
///       settlement or resolution sends the vault exactly what leaves the account and the fund (handler ghost).
/// - MARGIN-4 bad debt reaches the vault only after the insurance fund of its asset is empty, and the fund never
///   pays more than it holds (from the `BadDebtFromInsurance` / `BadDebtFromVault` events of each action).
/// - MARGIN-5 the vault's long equals the shorts: for every series written, the market's `written` equals the sum of
///   the accounts' positions while the expiry is not settled, and is zero once it is.
/// - MARGIN-6 liveness: an account below maintenance and solvent can be liquidated (only the liquidator's own margin,
///   its position count or a dust step may refuse it); an account can withdraw down to its initial margin; account
///   settlement never reverts; an insolvent account can be resolved and a solvent one cannot.
/// The handler never reverts (`fail-on-revert`): every expected refusal is caught and classified. Sized for CI:
/// 48 runs of depth 80 per invariant (about a minute and a half of CPU for the six); `FOUNDRY_PROFILE=deep` runs
/// 2000 × 200.
/// forge-config: default.invariant.runs = 48
/// forge-config: default.invariant.depth = 80
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: deep.invariant.fail-on-revert = true
contract MarginInvariantsTest is BaseTest {
    /// @dev Storage slot of `MarginEngine._accounts` (see `_collateral`).
    uint256 private constant ACCOUNTS_SLOT = 4;

    MarginEngine internal engine;
    MarginHandler internal handler;
    uint256[2] internal vaultHeldAtStart;
    uint256[2] internal totalAtStart;

    function setUp() public override {
        super.setUp();
        engine = new MarginEngine(
            governor,
            IOptionMarket(address(market)),
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
        market.setMarginEngine(address(engine));
        depositAs(lp, callVault, 3000e18);
        depositAs(lp, putVault, 9_000_000e6);

        address[] memory writers = new address[](3);
        writers[0] = makeAddr("writer0");
        writers[1] = makeAddr("writer1");
        writers[2] = makeAddr("writer2");
        address[] memory liquidators = new address[](2);
        liquidators[0] = makeAddr("liquidator0");
        liquidators[1] = makeAddr("liquidator1");
        for (uint256 side; side < 2; ++side) {
            vaultHeldAtStart[side] = _vaultHeld(side);
        }
        address handlerAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.prank(governor);
        surface.setKeeper(handlerAddress, true);
        handler = new MarginHandler(
            MarginHandler.Contracts(engine, market, callVault, putVault, weth, usdc, feed, settlementOracle, surface),
            writers,
            liquidators,
            makeAddr("funder"),
            [START + 1 days, EXPIRY]
        );
        uint256[] memory ids = handler.accounts();
        for (uint256 i; i < ids.length; ++i) {
            assertEq(
                _collateral(ids[i]), engine.marginOf(ids[i]).collateralAssets, "the storage layout _collateral reads"
            );
        }
        for (uint256 side; side < 2; ++side) {
            totalAtStart[side] = _total(side);
        }
        targetContract(address(handler));
    }

    /// @dev MARGIN-1.
    function invariant_healthyAccountIsNeverLiquidated() public view {
        assertEq(handler.healthyLiquidations(), 0);
    }

    /// @dev MARGIN-2.
    function invariant_liquidationNeverLowersHealth() public view {
        assertEq(handler.healthDrops(), 0, "steps that lowered health");
        assertEq(handler.worstHealthDrop(), 0);
    }

    /// @dev MARGIN-3.
    function invariant_noValueIsCreated() public view {
        assertEq(handler.valueLeaks(), 0, "an action's flows do not add up");
        for (uint256 side; side < 2; ++side) {
            TestERC20 asset = side == 1 ? weth : usdc;
            uint256 books = _books(side);
            uint256 held = asset.balanceOf(address(engine));
            assertEq(held, books, "(a) custody equals the books");
            assertEq(
                held + handler.withdrawn(side) + handler.premiumsOut(side) + handler.paidToVault(side),
                handler.deposited(side) + handler.funded(side) + handler.premiumsIn(side),
                "(b) the engine's balance follows the reported flows"
            );
            assertEq(
                _vaultHeld(side) + handler.premiumsIn(side),
                vaultHeldAtStart[side] + handler.premiumsOut(side) + handler.paidToVault(side),
                "(b) the vault's balance follows the reported flows"
            );
            assertEq(_total(side), totalAtStart[side], "(c) conserved");
        }
    }

    /// @dev MARGIN-4.
    function invariant_badDebtReachesTheVaultOnlyAfterTheFund() public view {
        assertEq(handler.vaultBeforeFund(), 0);
    }

    /// @dev MARGIN-5.
    function invariant_vaultLongEqualsTheShorts() public view {
        SeriesId[] memory series = handler.allSeries();
        uint256[] memory ids = handler.accounts();
        for (uint256 s; s < series.length; ++s) {
            uint256 shorts;
            for (uint256 a; a < ids.length; ++a) {
                IMarginEngine.Position[] memory positions = engine.positionsOf(ids[a]);
                for (uint256 p; p < positions.length; ++p) {
                    if (SeriesId.unwrap(positions[p].id) == SeriesId.unwrap(series[s])) shorts += positions[p].size;
                }
            }
            bool settled = market.settledPrice(series[s].expiry()) != 0;
            assertEq(market.written(series[s]), settled ? 0 : shorts, "written = the accounts' shorts");
        }
    }

    /// @dev MARGIN-6.
    function invariant_liquidationsSettlementsAndWithdrawalsStayOpen() public view {
        assertEq(handler.blockedActions(), 0, "an action that must go through reverted");
    }

    /// @dev Shows the run exercised every path, not only early returns.
    function afterInvariant() public view {
        console.log("writes", handler.writes(), "closes", handler.closes());
        console.log("liquidations", handler.liquidations(), "refused", handler.refusedLiquidations());
        console.log("expiries settled", handler.expirySettlements(), "accounts settled", handler.accountSettlements());
        console.log("bad debt resolutions", handler.resolutions());
        console.log("bad debt from the fund (puts, calls)", handler.badDebtFromFund(0), handler.badDebtFromFund(1));
        console.log("bad debt from the vault (puts, calls)", handler.badDebtFromVault(0), handler.badDebtFromVault(1));
    }

    /// @dev Σ collateral of the side's accounts + its insurance fund.
    function _books(uint256 side) private view returns (uint256 sum) {
        sum = engine.insuranceAssets(side == 1);
        uint256 count = engine.accountCount();
        for (uint256 id = 1; id <= count; ++id) {
            (, bool isCall) = engine.accountInfo(id);
            if (isCall == (side == 1)) sum += _collateral(id);
        }
    }

    /// @dev MARGIN-3 (c): the engine's books + the vault's held assets + every actor's wallet.
    function _total(uint256 side) private view returns (uint256 sum) {
        TestERC20 asset = side == 1 ? weth : usdc;
        sum = _books(side) + _vaultHeld(side);
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            sum += asset.balanceOf(actors[i]);
        }
    }

    /// @dev An account's collateral read from storage, without the oracles `marginOf` reads (they may refuse near an
    /// expiry) and without its Black-Scholes marks: `_accounts` is slot 4 (after Ownable2Step's two slots and the two
    /// of the packed `MarginParams`) and `collateralAssets` the top 88 bits of an `Account`'s first slot (above the
    /// owner and the side). `setUp` checks it.
    function _collateral(uint256 id) private view returns (uint256) {
        return uint256(vm.load(address(engine), keccak256(abi.encode(id, ACCOUNTS_SLOT)))) >> 168;
    }

    function _vaultHeld(uint256 side) private view returns (uint256) {
        return side == 1 ? weth.balanceOf(address(callVault)) : usdc.balanceOf(address(putVault));
    }
}
