// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StrategyMath} from "../../../contracts/libraries/StrategyMath.sol";
import {Svi} from "../../../contracts/libraries/Svi.sol";
import {SettlementOracle} from "../../../contracts/oracle/SettlementOracle.sol";
import {VolatilityOracle} from "../../../contracts/oracle/VolatilityOracle.sol";
import {OptionWritingVault} from "../../../contracts/strategies/OptionWritingVault.sol";
import {MockAggregator} from "../../utils/MockAggregator.sol";
import {TestERC20} from "../../utils/TestERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Bounded random actions on one option-writing strategy vault: users deposit, redeem, queue requests and
/// claim at any time; the keeper starts rounds with random slippage bounds; spot moves; rounds expire and settle at
/// random prices. A user action must never lower another holder's share price (nav + 1)/(supply + 10^6), and the
/// keeper must never receive anything: both are recorded in ghost flags.
contract StrategyHandler is Test {
    OptionWritingVault public vault;
    TestERC20 internal token;
    MockAggregator internal feed;
    SettlementOracle internal settlementOracle;
    VolatilityOracle internal surface;
    address internal keeper;
    address[] internal users;
    uint256 internal unit;

    bool public sharePriceFell;
    uint256 public roundsClosed;
    uint256 public roundsStarted;

    constructor(
        OptionWritingVault vault_,
        MockAggregator feed_,
        SettlementOracle settlementOracle_,
        VolatilityOracle surface_,
        address keeper_,
        address[] memory users_
    ) {
        vault = vault_;
        token = TestERC20(vault_.asset());
        feed = feed_;
        settlementOracle = settlementOracle_;
        surface = surface_;
        keeper = keeper_;
        users = users_;
        unit = 10 ** token.decimals();
        for (uint256 i; i < users_.length; ++i) {
            vm.prank(users_[i]);
            token.approve(address(vault_), type(uint256).max);
        }
    }

    // ---------------------------------------------------------------- users

    function deposit(uint256 userSeed, uint256 assets) external {
        if (vault.roundActive()) return;
        address user = _user(userSeed);
        assets = bound(assets, 1, 50 * _whole());
        _mintTo(user, assets);
        (uint256 nav, uint256 supply) = _price();
        vm.prank(user);
        vault.deposit(assets, user);
        _checkPrice(nav, supply);
    }

    function redeem(uint256 userSeed, uint256 fraction) external {
        if (vault.roundActive()) return;
        address user = _user(userSeed);
        uint256 shares = vault.balanceOf(user) * bound(fraction, 0, 100) / 100;
        if (shares == 0) return;
        (uint256 nav, uint256 supply) = _price();
        vm.prank(user);
        vault.redeem(shares, user, user);
        _checkPrice(nav, supply);
    }

    function requestDeposit(uint256 userSeed, uint256 assets) external {
        address user = _user(userSeed);
        assets = bound(assets, 1, 50 * _whole());
        _mintTo(user, assets);
        (uint256 nav, uint256 supply) = _price();
        vm.prank(user);
        vault.requestDeposit(assets, user);
        _checkPrice(nav, supply);
    }

    function requestRedeem(uint256 userSeed, uint256 fraction) external {
        address user = _user(userSeed);
        uint256 shares = vault.balanceOf(user) * bound(fraction, 0, 100) / 100;
        if (shares == 0) return;
        (uint256 nav, uint256 supply) = _price();
        vm.prank(user);
        vault.requestRedeem(shares);
        _checkPrice(nav, supply);
    }

    function claim(uint256 userSeed) external {
        address user = _user(userSeed);
        uint256 batchId = vault.currentBatch();
        bool depositReady = vault.depositRequestOf(user).amount != 0 && vault.depositRequestOf(user).batch < batchId;
        bool redeemReady = vault.redeemRequestOf(user).amount != 0 && vault.redeemRequestOf(user).batch < batchId;
        if (!depositReady && !redeemReady) return;
        (uint256 nav, uint256 supply) = _price();
        vault.claim(user);
        _checkPrice(nav, supply);
    }

    // ---------------------------------------------------------------- market and keeper

    function moveSpot(uint256 moveBps) external {
        (, int256 answer,,,) = feed.latestRoundData();
        uint256 spot = Math.mulDiv(uint256(answer), bound(moveBps, 9000, 11_000), 10_000);
        feed.pushAnswer(int256(spot), vm.getBlockTimestamp());
    }

    /// @notice The keeper starts a round with a random (but passing) slippage bound.
    function startRound(uint256 minPremiumSeed) external {
        if (vault.roundActive()) return;
        postSmileFor(StrategyMath.listedExpiryAtOrAfter(vm.getBlockTimestamp() + vault.roundDurationSec()));
        uint256 minPremium = bound(minPremiumSeed, 0, unit / 1000);
        if (vault.totalAssets() < 10 * _whole()) minPremium = 0;
        vm.prank(keeper);
        vault.startRound(minPremium, vm.getBlockTimestamp() + bound(minPremiumSeed, 0, 1 hours));
        ++roundsStarted;
    }

    /// @notice Time reaches the round's expiry, the price is fixed at a random level and anyone closes the round.
    function closeRound(uint256 priceSeed) external {
        if (!vault.roundActive()) return;
        settleAndClose(bound(priceSeed, 2000e18, 4500e18));
        ++roundsClosed;
    }

    /// @notice Settles the running round at `priceWad` and closes it (also used by the liveness invariant).
    function settleAndClose(uint256 priceWad) public {
        uint256 expiry = vault.roundExpiry();
        if (vm.getBlockTimestamp() < expiry) vm.warp(expiry);
        uint80 roundId = feed.pushAnswer(int256(priceWad / 1e10), vm.getBlockTimestamp());
        if (settlementOracle.settlement(expiry).priceWad == 0) settlementOracle.settle(expiry, roundId);
        vault.closeRound();
    }

    /// @notice Posts a default smile for `expiry` unless one is fresh.
    function postSmileFor(uint256 expiry) public {
        try surface.smile(expiry) returns (Svi.Params memory, uint256) {}
        catch {
            surface.post(expiry, Svi.Params({a: 0.008e18, b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18}));
        }
    }

    // ---------------------------------------------------------------- internals

    function _user(uint256 seed) private view returns (address) {
        return users[seed % users.length];
    }

    /// @dev One base for a call vault, one spot's worth of quote for a put vault.
    function _whole() private view returns (uint256) {
        return vault.isCall() ? unit : 3000 * unit;
    }

    function _mintTo(address user, uint256 assets) private {
        token.mint(user, assets);
    }

    function _price() private view returns (uint256 nav, uint256 supply) {
        return (vault.totalAssets(), vault.totalSupply());
    }

    /// @dev (nav' + 1)/(supply' + 10^6) ≥ (nav + 1)/(supply + 10^6), cross-multiplied.
    function _checkPrice(uint256 nav, uint256 supply) private {
        uint256 virtualShares = 10 ** vault.DECIMALS_OFFSET();
        uint256 lhs = (vault.totalAssets() + 1) * (supply + virtualShares);
        uint256 rhs = (nav + 1) * (vault.totalSupply() + virtualShares);
        if (lhs < rhs) sharePriceFell = true;
    }
}
