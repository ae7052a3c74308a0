// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesIdLib} from "../../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../../contracts/libraries/Svi.sol";
import {OptionMarket} from "../../../contracts/market/OptionMarket.sol";
import {SettlementOracle} from "../../../contracts/oracle/SettlementOracle.sol";
import {VolatilityOracle} from "../../../contracts/oracle/VolatilityOracle.sol";
import {CollateralVault} from "../../../contracts/vault/CollateralVault.sol";
import {MockAggregator} from "../../utils/MockAggregator.sol";
import {TestERC20} from "../../utils/TestERC20.sol";
import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Bounded random actions on one market: LPs deposit and redeem, traders buy (whole or split), sell and
/// round-trip, time passes, spot and smiles move, expiries settle and holders redeem. Properties that are about a
/// single action (docs/invariants.md invariant 2, 3, 4, 5) are checked as it happens and recorded in ghost flags.
contract MarketHandler is Test {
    struct Contracts {
        OptionMarket market;
        CollateralVault callVault;
        CollateralVault putVault;
        TestERC20 weth;
        TestERC20 usdc;
        MockAggregator feed;
        SettlementOracle settlementOracle;
        VolatilityOracle surface;
    }

    OptionMarket internal market;
    CollateralVault internal callVault;
    CollateralVault internal putVault;
    TestERC20 internal weth;
    TestERC20 internal usdc;
    MockAggregator internal feed;
    SettlementOracle internal settlementOracle;
    VolatilityOracle internal surface;

    address[] internal lps;
    address[] internal traders;
    uint256[2] public expiries;
    SeriesId[] public series;
    /// @dev Smile level per expiry (the `a` of SVI), moved by `moveSmile`.
    int256[2] internal smileLevel;
    /// @dev The first feed round at or after each expiry, once time has reached it.
    uint80[2] internal settlementRound;

    // Ghosts.
    uint256 public splitWorstExcess;
    bool public roundTripGained;
    bool public sharePriceFell;
    bool public payoffBeforeSettlement;
    bool public payoutMismatch;
    uint256 public callsBuy;
    uint256 public callsSettle;
    uint256 public callsRedeem;

    constructor(Contracts memory c, address[] memory lps_, address[] memory traders_, uint256[2] memory expiries_) {
        market = c.market;
        callVault = c.callVault;
        putVault = c.putVault;
        weth = c.weth;
        usdc = c.usdc;
        feed = c.feed;
        settlementOracle = c.settlementOracle;
        surface = c.surface;
        lps = lps_;
        traders = traders_;
        expiries = expiries_;
        smileLevel = [int256(0.008e18), int256(0.008e18)];
        // The fixture already posted the seven-day expiry's smile (the same level).
        _postSmile(0);
        for (uint256 e; e < 2; ++e) {
            for (uint256 k; k < 5; ++k) {
                uint256 strikeWad = 2700e18 + k * 150e18;
                series.push(SeriesIdLib.encode(expiries_[e], strikeWad, true));
                series.push(SeriesIdLib.encode(expiries_[e], strikeWad, false));
            }
        }
    }

    // ---------------------------------------------------------------- LPs

    function deposit(uint256 actorSeed, bool isCall, uint256 amount) external {
        address lp = lps[actorSeed % lps.length];
        CollateralVault vault = isCall ? callVault : putVault;
        amount = isCall ? bound(amount, 1e15, 300e18) : bound(amount, 1e6, 900_000e6);
        (uint256 nav0, uint256 supply0) = (vault.totalAssets(), vault.totalSupply());
        vm.prank(lp);
        vault.deposit(amount, lp);
        _checkSharePrice(vault, nav0, supply0);
    }

    function requestRedeem(uint256 actorSeed, bool isCall, uint256 fraction) external {
        address lp = lps[actorSeed % lps.length];
        CollateralVault vault = isCall ? callVault : putVault;
        uint256 shares = vault.balanceOf(lp) * bound(fraction, 1, 100) / 100;
        if (shares == 0 || vault.maxDeposit(lp) == 0) return;
        (uint256 nav0, uint256 supply0) = (vault.totalAssets(), vault.totalSupply());
        vm.prank(lp);
        vault.requestRedeem(shares, lp, lp);
        _checkSharePrice(vault, nav0, supply0);
    }

    function claim(uint256 actorSeed, bool isCall, uint256 fraction) external {
        address lp = lps[actorSeed % lps.length];
        CollateralVault vault = isCall ? callVault : putVault;
        uint256 shares = vault.maxRedeem(lp) * bound(fraction, 1, 100) / 100;
        if (shares == 0) return;
        (uint256 nav0, uint256 supply0) = (vault.totalAssets(), vault.totalSupply());
        vm.prank(lp);
        vault.redeem(shares, lp, lp);
        _checkSharePrice(vault, nav0, supply0);
    }

    // ---------------------------------------------------------------- traders

    function buy(uint256 actorSeed, uint256 seriesSeed, uint256 size) external {
        address trader = traders[actorSeed % traders.length];
        SeriesId id = series[seriesSeed % series.length];
        size = bound(size, 1e12, 20e18);
        vm.prank(trader);
        market.buy(id, size, type(uint256).max, block.timestamp);
        ++callsBuy;
    }

    /// @dev Invariant 2: buys the size in `pieces` parts, and compares with buying it whole from the same state.
    function buySplit(uint256 actorSeed, uint256 seriesSeed, uint256 size, uint256 pieces) external {
        address trader = traders[actorSeed % traders.length];
        SeriesId id = series[seriesSeed % series.length];
        size = bound(size, 1e15, 20e18);
        pieces = bound(pieces, 2, 5);
        uint256 snapshot = vm.snapshotState();
        vm.prank(trader);
        uint256 whole = market.buy(id, size, type(uint256).max, block.timestamp);
        vm.revertToState(snapshot);
        uint256 split;
        uint256 piece = size / pieces;
        for (uint256 i; i < pieces; ++i) {
            vm.prank(trader);
            split += market.buy(
                id, i == pieces - 1 ? size - piece * (pieces - 1) : piece, type(uint256).max, block.timestamp
            );
        }
        uint256 excess = split > whole ? split - whole : whole - split;
        // Rounding allowance: 4 wei per piece (see OptionMarket.t.sol), in units of the collateral.
        if (excess > 4 * pieces && excess > splitWorstExcess) splitWorstExcess = excess;
        ++callsBuy;
    }

    function sell(uint256 actorSeed, uint256 seriesSeed, uint256 fraction) external {
        address trader = traders[actorSeed % traders.length];
        (SeriesId id, uint256 held) = _heldSeries(trader, seriesSeed, false);
        uint256 size = held * bound(fraction, 1, 100) / 100;
        if (size == 0) return;
        vm.prank(trader);
        market.sell(id, size, 0, block.timestamp);
    }

    /// @dev Invariant 3: a buy and a sale of the same size in one block never gain.
    function roundTrip(uint256 actorSeed, uint256 seriesSeed, uint256 size) external {
        address trader = traders[actorSeed % traders.length];
        SeriesId id = series[seriesSeed % series.length];
        size = bound(size, 1, 20e18);
        vm.startPrank(trader);
        uint256 paid = market.buy(id, size, type(uint256).max, block.timestamp);
        uint256 received = market.sell(id, size, 0, block.timestamp);
        vm.stopPrank();
        if (received > paid) roundTripGained = true;
    }

    // ---------------------------------------------------------------- world

    /// @dev Moves time by ten minutes to a day, stopping exactly at an expiry it would cross so that the round pushed there is
    /// the expiry's settlement observation; refreshes the feed and the smiles still ahead. One call in four jumps
    /// straight to the next expiry: uniform steps alone reach the seven-day expiry in few runs of depth 100, and then
    /// settlement and redemption (invariant 5) would hardly be exercised.
    function warp(uint256 dt) external {
        uint256 target = dt % 4 == 0 ? _nextExpiry() : block.timestamp + bound(dt, 10 minutes, 1 days);
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp < expiries[e] && target >= expiries[e]) target = expiries[e];
        }
        (, int256 answer,,,) = feed.latestRoundData();
        vm.warp(target);
        uint80 round = feed.pushAnswer(answer, block.timestamp);
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp == expiries[e]) settlementRound[e] = round;
            _postSmile(e);
        }
    }

    function moveSpot(uint256 moveBps) external {
        if (_atAnExpiry()) return;
        (, int256 answer,,,) = feed.latestRoundData();
        int256 move = int256(bound(moveBps, 0, 2000)) - 1000;
        int256 next = answer + answer * move / 10_000;
        next = next < 1500e8 ? int256(1500e8) : next > 6000e8 ? int256(6000e8) : next;
        feed.pushAnswer(next, block.timestamp);
    }

    /// @dev Moves an expiry's level by up to ±30 % (the oracle refuses a total-variance step beyond 50 %).
    function moveSmile(uint256 expirySeed, uint256 percent) external {
        uint256 e = expirySeed % 2;
        int256 level = smileLevel[e] * int256(bound(percent, 70, 130)) / 100;
        smileLevel[e] = level < 0.002e18 ? int256(0.002e18) : level > 0.03e18 ? int256(0.03e18) : level;
        _postSmile(e);
    }

    /// @dev Invariant 5: no payoff before the price is fixed; settles each expiry once its round exists.
    function settle(uint256 expirySeed) external {
        uint256 e = expirySeed % 2;
        uint256 expiry = expiries[e];
        if (block.timestamp < expiry || market.settledPrice(expiry) != 0) return;
        SeriesId id = series[e * 10];
        // Before the market applies the settlement, no redemption pays.
        vm.prank(traders[0]);
        try market.redeem(id, 1, traders[0]) {
            payoffBeforeSettlement = true;
        } catch {}
        if (settlementOracle.settlement(expiry).priceWad == 0) {
            settlementOracle.settle(expiry, settlementRound[e]);
        }
        market.settle(expiry);
        ++callsSettle;
    }

    /// @dev Invariant 5: each holder gets exactly floor(size·payoff), and the vault pays exactly that.
    function redeemPosition(uint256 actorSeed, uint256 seriesSeed, uint256 fraction) external {
        address trader = traders[actorSeed % traders.length];
        (SeriesId id, uint256 held) = _heldSeries(trader, seriesSeed, true);
        uint256 size = held * bound(fraction, 1, 100) / 100;
        if (size == 0) return;
        uint256 priceWad = market.settledPrice(id.expiry());
        CollateralVault vault = id.isCall() ? callVault : putVault;
        TestERC20 asset = id.isCall() ? weth : usdc;
        uint256 vaultBefore = asset.balanceOf(address(vault));
        vm.prank(trader);
        uint256 paid = market.redeem(id, size, trader);
        uint256 scale = id.isCall() ? 1 : 1e12;
        uint256 payoffWad = _payoffWad(priceWad, id.strike(), id.isCall());
        if (paid != FixedPointMathLib.mulDiv(size, payoffWad, 1e18 * scale)) payoutMismatch = true;
        if (vaultBefore - asset.balanceOf(address(vault)) != paid) payoutMismatch = true;
        ++callsRedeem;
    }

    // ---------------------------------------------------------------- views for the invariants

    function seriesCount() external view returns (uint256) {
        return series.length;
    }

    function holders() external view returns (address[] memory) {
        return traders;
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The first series from `seed` on that `trader` holds, among the settled ones or the unexpired ones.
    function _heldSeries(address trader, uint256 seed, bool settled) private view returns (SeriesId, uint256) {
        for (uint256 j; j < series.length; ++j) {
            SeriesId id = series[(seed + j) % series.length];
            bool isSettled = market.settledPrice(id.expiry()) != 0;
            bool tradable = id.expiry() > block.timestamp + 1 hours;
            if (settled ? !isSettled : !tradable) continue;
            uint256 held = market.balanceOf(trader, SeriesId.unwrap(id));
            if (held != 0) return (id, held);
        }
        return (SeriesId.wrap(0), 0);
    }

    /// @dev The payoff of one option, independent of the market's library: (S−K)/S base or K−S quote, floored.
    function _payoffWad(uint256 priceWad, uint256 strikeWad, bool isCall) private pure returns (uint256) {
        if (isCall) return priceWad > strikeWad ? (priceWad - strikeWad) * 1e18 / priceWad : 0;
        return strikeWad > priceWad ? strikeWad - priceWad : 0;
    }

    /// @dev Invariant 4: (nav + 1)/(supply + 10^6) never falls through another account's deposit or withdrawal.
    function _checkSharePrice(CollateralVault vault, uint256 nav0, uint256 supply0) private {
        uint256 nav1 = vault.totalAssets();
        uint256 supply1 = vault.totalSupply();
        if ((nav1 + 1) * (supply0 + 1e6) < (nav0 + 1) * (supply1 + 1e6)) sharePriceFell = true;
    }

    /// @dev Posts the expiry's smile as the keeper. Its total variance stays put as time passes (the vol rises), so
    /// posting stops 13 hours before expiry, where the highest level (a = 0.03) would exceed the 500 % vol bound; the
    /// last smile stays valid for the oracle's staleness bound (a day), past the expiry.
    function _postSmile(uint256 e) private {
        if (expiries[e] < block.timestamp + 13 hours) return;
        surface.post(expiries[e], Svi.Params({a: smileLevel[e], b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18}));
    }

    /// @dev The first expiry after now, or a day from now once both have passed.
    function _nextExpiry() private view returns (uint256) {
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp < expiries[e]) return expiries[e];
        }
        return block.timestamp + 1 days;
    }

    function _atAnExpiry() private view returns (bool) {
        return block.timestamp == expiries[0] || block.timestamp == expiries[1];
    }
}
