// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../../contracts/interfaces/IMarginEngine.sol";
import {SeriesId, SeriesIdLib} from "../../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../../contracts/libraries/Svi.sol";
import {MarginEngine} from "../../../contracts/margin/MarginEngine.sol";
import {OptionMarket} from "../../../contracts/market/OptionMarket.sol";
import {VolatilityOracle} from "../../../contracts/oracle/VolatilityOracle.sol";
import {CollateralVault} from "../../../contracts/vault/CollateralVault.sol";
import {MockAggregator} from "../../utils/MockAggregator.sol";
import {TestERC20} from "../../utils/TestERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Bounded random life of the put vault with an active and a passive LP: traders buy puts from it, margin
/// writers sell it puts at their initial margin, spot rounds, smile posts and crashes (which leave writers insolvent)
/// arrive, a keeper books bad debt now and then. The active LP sees each oracle round, smile post or crash coming and
/// requests its exit just before it; when it claims, what it is paid is compared with what the same shares are worth
/// to a holder at that moment once every insolvency is booked (measured in a snapshot that is then reverted).
contract LpFairnessHandler is Test {
    struct Contracts {
        OptionMarket market;
        MarginEngine engine;
        CollateralVault vault;
        TestERC20 usdc;
        MockAggregator feed;
        VolatilityOracle surface;
    }

    OptionMarket internal market;
    MarginEngine internal engine;
    CollateralVault internal vault;
    TestERC20 internal usdc;
    MockAggregator internal feed;
    VolatilityOracle internal surface;
    uint256 internal expiry;

    address public activeLp = makeAddr("activeLp");
    address public passiveLp = makeAddr("passiveLp");
    address internal trader = makeAddr("lpFairnessTrader");
    address internal writer = makeAddr("lpFairnessWriter");
    uint256[] internal writerAccounts;
    int256 internal smileLevel = 0.008e18;

    /// @dev Largest (paid − value to a holder) over every claim, token units: must stay 0.
    uint256 public worstGain;
    uint256 public claims;
    uint256 public frontRuns;
    uint256 public crashes;

    constructor(Contracts memory c, uint256 expiry_) {
        market = c.market;
        engine = c.engine;
        vault = c.vault;
        usdc = c.usdc;
        feed = c.feed;
        surface = c.surface;
        expiry = expiry_;
        address[4] memory actors = [activeLp, passiveLp, trader, writer];
        for (uint256 i; i < actors.length; ++i) {
            usdc.mint(actors[i], 1_000_000_000e6);
            vm.startPrank(actors[i]);
            usdc.approve(address(vault), type(uint256).max);
            usdc.approve(address(market), type(uint256).max);
            usdc.approve(address(engine), type(uint256).max);
            vm.stopPrank();
        }
        vm.prank(activeLp);
        vault.deposit(1_000_000e6, activeLp);
        vm.prank(passiveLp);
        vault.deposit(2_000_000e6, passiveLp);
    }

    // ---------------------------------------------------------------- the active LP

    /// @notice The active LP requests part of its shares just before an event it sees coming: a spot round (kind 0),
    /// a smile post (1) or a crash of 20 to 40 % (2).
    function frontRun(uint256 kind, uint256 magnitude, uint256 fraction) external {
        uint256 shares = vault.balanceOf(activeLp) * bound(fraction, 1, 100) / 100;
        if (shares == 0 || vault.maxDeposit(activeLp) == 0) return;
        vm.prank(activeLp);
        vault.requestRedeem(shares, activeLp, activeLp);
        ++frontRuns;
        kind %= 3;
        if (kind == 0) _spotRound(bound(magnitude, 9000, 11_000));
        else if (kind == 1) _smilePost(magnitude);
        else _crash(magnitude);
    }

    /// @notice The active LP claims part of its request once claimable, and deposits back what it got half the time.
    function claim(uint256 fraction, bool reenter) external {
        uint256 shares = vault.maxRedeem(activeLp) * bound(fraction, 1, 100) / 100;
        if (shares == 0) return;
        uint256 snapshot = vm.snapshotState();
        _bookEverything();
        uint256 heldValue = vault.convertToAssets(shares);
        vm.revertToStateAndDelete(snapshot);
        vm.prank(activeLp);
        uint256 paid = vault.redeem(shares, activeLp, activeLp);
        ++claims;
        if (paid > heldValue && paid - heldValue > worstGain) worstGain = paid - heldValue;
        if (reenter && paid != 0 && vault.previewDeposit(paid) != 0) {
            vm.prank(activeLp);
            vault.deposit(paid, activeLp);
        }
    }

    // ---------------------------------------------------------------- everyone else

    function passiveDeposit(uint256 amount) external {
        if (vault.maxDeposit(passiveLp) == 0) return;
        vm.prank(passiveLp);
        vault.deposit(bound(amount, 1e6, 500_000e6), passiveLp);
    }

    /// @notice A trader buys puts from the vault (it becomes short them).
    function buy(uint256 strikeSeed, uint256 size) external {
        SeriesId id = _series(strikeSeed);
        size = bound(size, 1e18, 100e18);
        vm.prank(trader);
        try market.buy(id, size, type(uint256).max, block.timestamp) {} catch {}
    }

    /// @notice A margin writer sells the vault puts and keeps only its initial margin (so a crash leaves it
    /// insolvent).
    function write(uint256 strikeSeed, uint256 size) external {
        if (writerAccounts.length == 8) return;
        SeriesId id = _series(strikeSeed);
        size = bound(size, 1e18, 100e18);
        // Full collateral first (the strike, at most 3,000 USDC an option), then down to the initial margin.
        uint256 collateral = size * 3000e6 / 1e18;
        vm.startPrank(writer);
        uint256 account = engine.openAccount(false);
        engine.deposit(account, collateral);
        try engine.write(account, id, size, 0, block.timestamp) {
            IMarginEngine.Margin memory m = engine.marginOf(account);
            engine.withdraw(account, m.collateralAssets - m.markAssets - m.initialMarginAssets, writer);
            writerAccounts.push(account);
        } catch {
            engine.withdraw(account, collateral, writer);
        }
        vm.stopPrank();
    }

    /// @notice The keeper books every insolvency it finds.
    function book() external {
        _bookEverything();
    }

    /// @notice A spot round nobody front-runs, within ±10 %.
    function moveSpot(uint256 moveBps) external {
        _spotRound(bound(moveBps, 9000, 11_000));
    }

    /// @notice Time passes, up to 12 hours, the oracles refreshed; never within two hours of the expiry.
    function warp(uint256 dt) external {
        uint256 target = block.timestamp + bound(dt, 1 minutes, 12 hours);
        if (target + 2 hours > expiry) return;
        (, int256 answer,,,) = feed.latestRoundData();
        vm.warp(target);
        feed.pushAnswer(answer, block.timestamp);
        _postSmile();
    }

    // ---------------------------------------------------------------- internals

    function _spotRound(uint256 moveBps) private {
        (, int256 answer,,,) = feed.latestRoundData();
        int256 next = answer * int256(moveBps) / 10_000;
        // The adapter accepts 1 to 1,000,000; stay well inside, and near the strikes the market lists.
        if (next < 1500e8 || next > 4500e8) return;
        feed.pushAnswer(next, block.timestamp);
    }

    function _smilePost(uint256 seed) private {
        smileLevel = int256(bound(seed, 0.004e18, 0.02e18));
        _postSmile();
    }

    function _crash(uint256 seed) private {
        ++crashes;
        _spotRound(10_000 - bound(seed, 2000, 4000));
    }

    function _postSmile() private {
        surface.post(expiry, Svi.Params({a: smileLevel, b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18}));
    }

    /// @dev Resolves every insolvent writer (a solvent one reverts `AccountSolvent`, nothing moves).
    function _bookEverything() private {
        for (uint256 i; i < writerAccounts.length; ++i) {
            try engine.resolveBadDebt(writerAccounts[i]) {} catch {}
        }
    }

    function _series(uint256 seed) private view returns (SeriesId) {
        return SeriesIdLib.encode(expiry, 2700e18 + (seed % 4) * 100e18, false);
    }
}
