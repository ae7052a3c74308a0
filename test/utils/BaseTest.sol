// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";
import {ICollateralVault} from "../../contracts/interfaces/ICollateralVault.sol";
import {IHistoricalPriceSource} from "../../contracts/interfaces/IHistoricalPriceSource.sol";
import {IOptionMarket} from "../../contracts/interfaces/IOptionMarket.sol";
import {IOptionPricer} from "../../contracts/interfaces/IOptionPricer.sol";
import {ISettlementOracle} from "../../contracts/interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../../contracts/interfaces/IVolatilityOracle.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {OptionMarket} from "../../contracts/market/OptionMarket.sol";
import {OptionPricer} from "../../contracts/market/OptionPricer.sol";
import {ChainlinkSpotAdapter} from "../../contracts/oracle/ChainlinkSpotAdapter.sol";
import {SettlementOracle} from "../../contracts/oracle/SettlementOracle.sol";
import {VolatilityOracle} from "../../contracts/oracle/VolatilityOracle.sol";
import {CollateralVault} from "../../contracts/vault/CollateralVault.sol";
import {MockAggregator} from "./MockAggregator.sol";
import {TestERC20} from "./TestERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The protocol deployed for one pair (WETH/USDC): Chainlink-style feed and adapter, settlement oracle,
/// volatility oracle (SVI smiles), a WETH vault for calls, a USDC vault for puts and the market, with labelled actors.
contract BaseTest is Test {
    /// @dev A Tuesday, 08:00 UTC: every `START + n days` is a listed expiry.
    uint256 internal constant START = 1_800_000_000 - (1_800_000_000 % 1 days) + 8 hours;
    uint256 internal constant EXPIRY = START + 7 days;
    uint256 internal constant SPOT = 3000e18;
    uint256 internal constant HEARTBEAT = 1 days;
    uint256 internal constant SMILE_MAX_AGE = 1 days;
    /// @dev The vaults' exit notice: a redemption request is claimable an hour later.
    uint256 internal constant EXIT_NOTICE = 1 hours;

    address internal governor = makeAddr("governor");
    address internal guardian = makeAddr("guardian");
    address internal lp = makeAddr("lp");
    address internal lp2 = makeAddr("lp2");
    address internal trader = makeAddr("trader");
    address internal trader2 = makeAddr("trader2");
    address internal keeper = makeAddr("keeper");

    TestERC20 internal weth;
    TestERC20 internal usdc;
    MockAggregator internal feed;
    ChainlinkSpotAdapter internal spotAdapter;
    SettlementOracle internal settlementOracle;
    VolatilityOracle internal surface;
    OptionPricer internal pricer;
    CollateralVault internal callVault;
    CollateralVault internal putVault;
    OptionMarket internal market;

    function setUp() public virtual {
        vm.warp(START);
        weth = new TestERC20("Wrapped Ether", "WETH", 18);
        usdc = new TestERC20("USD Coin", "USDC", 6);
        feed = new MockAggregator(8);
        feed.pushAnswer(int256(SPOT / 1e10), block.timestamp);
        spotAdapter = new ChainlinkSpotAdapter(
            governor,
            AggregatorV3Interface(address(feed)),
            AggregatorV3Interface(address(0)),
            HEARTBEAT,
            1 hours,
            1e18,
            1_000_000e18
        );
        settlementOracle = new SettlementOracle(
            IHistoricalPriceSource(address(spotAdapter)), ISpotOracle(address(spotAdapter)), 0, 1 hours, 1 days
        );
        surface = new VolatilityOracle(governor, SMILE_MAX_AGE);
        vm.prank(governor);
        surface.setKeeper(keeper, true);
        postSmile(EXPIRY, defaultSmile());
        pricer = new OptionPricer();

        (callVault, putVault, market) = deploy(weth, usdc, EXIT_NOTICE);

        vm.label(address(weth), "WETH");
        vm.label(address(usdc), "USDC");
        vm.label(address(feed), "feed");
        vm.label(address(spotAdapter), "spotAdapter");
        vm.label(address(settlementOracle), "settlementOracle");
        vm.label(address(surface), "surface");
        vm.label(address(callVault), "callVault");
        vm.label(address(putVault), "putVault");
        vm.label(address(market), "market");
        vm.label(address(pricer), "pricer");

        for (uint256 i; i < 4; ++i) {
            address a = [lp, lp2, trader, trader2][i];
            weth.mint(a, 1_000_000e18);
            usdc.mint(a, 1_000_000_000e6);
            vm.startPrank(a);
            weth.approve(address(callVault), type(uint256).max);
            usdc.approve(address(putVault), type(uint256).max);
            weth.approve(address(market), type(uint256).max);
            usdc.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @notice Deploys two vaults over `base` and `quote` (after the probe's approval) and their market.
    function deploy(TestERC20 base, TestERC20 quote, uint256 exitNotice)
        internal
        returns (CollateralVault cv, CollateralVault pv, OptionMarket m)
    {
        // First: it may deploy contracts, which would move the nonces the vaults' addresses are computed from.
        ISpotOracle spotOracle = marketSpotOracle();
        uint256 nonce = vm.getNonce(address(this));
        address cvAddress = vm.computeCreateAddress(address(this), nonce);
        address pvAddress = vm.computeCreateAddress(address(this), nonce + 1);
        address marketAddress = vm.computeCreateAddress(address(this), nonce + 2);
        base.mint(address(this), 10 ** base.decimals());
        quote.mint(address(this), 10 ** quote.decimals());
        base.approve(cvAddress, type(uint256).max);
        quote.approve(pvAddress, type(uint256).max);
        cv = new CollateralVault(
            IERC20Metadata(address(base)), "Smile WETH calls", "sWETH-C", marketAddress, governor, guardian, exitNotice
        );
        pv = new CollateralVault(
            IERC20Metadata(address(quote)), "Smile USDC puts", "sUSDC-P", marketAddress, governor, guardian, exitNotice
        );
        m = new OptionMarket(
            governor,
            ICollateralVault(address(cv)),
            ICollateralVault(address(pv)),
            spotOracle,
            IVolatilityOracle(address(surface)),
            ISettlementOracle(address(settlementOracle)),
            IOptionPricer(address(pricer)),
            defaultRisk(),
            defaultCallSide(),
            defaultPutSide()
        );
    }

    /// @notice The spot oracle `deploy` gives the market: the Chainlink-style adapter alone, unless a test puts the
    /// router of the real oracle stack in front of it.
    function marketSpotOracle() internal virtual returns (ISpotOracle) {
        return spotAdapter;
    }

    /// @notice About 82 % ATM vol for a week, skewed to the puts.
    function defaultSmile() internal pure returns (Svi.Params memory) {
        return Svi.Params({a: 0.008e18, b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18});
    }

    function defaultRisk() internal pure returns (IOptionMarket.RiskParams memory) {
        return IOptionMarket.RiskParams({
            feeShareWad: 0.01e18,
            vegaFeeWad: 0.002e18,
            maxUtilisationWad: 0.9e18,
            minAbsDeltaWad: 0.05e18,
            maxAbsDeltaWad: 0.95e18,
            minTimeToExpirySec: 1 hours,
            maxTimeToExpirySec: 365 days,
            rateWad: 0
        });
    }

    function defaultCallSide() internal pure returns (IOptionMarket.SideParams memory) {
        return IOptionMarket.SideParams({vegaDepthWad: 1000e18, maxInventoryWad: 500e18, minFeePerOptionWad: 0.0001e18});
    }

    function defaultPutSide() internal pure returns (IOptionMarket.SideParams memory) {
        return IOptionMarket.SideParams({
            vegaDepthWad: 3_000_000e18, maxInventoryWad: 1_500_000e18, minFeePerOptionWad: 0.3e18
        });
    }

    function callId(uint256 strikeWad) internal pure returns (SeriesId) {
        return SeriesIdLib.encode(EXPIRY, strikeWad, true);
    }

    function putId(uint256 strikeWad) internal pure returns (SeriesId) {
        return SeriesIdLib.encode(EXPIRY, strikeWad, false);
    }

    /// @notice Pushes a new spot round now.
    function setSpot(uint256 spotWad) internal {
        feed.pushAnswer(int256(spotWad / 1e10), block.timestamp);
    }

    /// @notice Moves time by `dt`, refreshing the feed (same price) and the smile of EXPIRY while it is ahead.
    function skipFresh(uint256 dt) internal {
        (, int256 answer,,,) = feed.latestRoundData();
        vm.warp(block.timestamp + dt);
        feed.pushAnswer(answer, block.timestamp);
        if (EXPIRY > block.timestamp + 1 hours) postSmile(EXPIRY, defaultSmile());
    }

    /// @notice Posts `params` for `expiry` as the volatility keeper.
    function postSmile(uint256 expiry, Svi.Params memory params) internal {
        vm.prank(keeper);
        surface.post(expiry, params);
    }

    function depositAs(address who, CollateralVault vault, uint256 assets) internal returns (uint256 shares) {
        vm.prank(who);
        shares = vault.deposit(assets, who);
    }

    /// @notice `who` requests the redemption of `shares` of `vault` for itself.
    function requestExitAs(address who, CollateralVault vault, uint256 shares) internal {
        vm.prank(who);
        vault.requestRedeem(shares, who, who);
    }

    /// @notice `who` claims `shares` of its request to itself.
    function claimAs(address who, CollateralVault vault, uint256 shares) internal returns (uint256 assets) {
        vm.prank(who);
        assets = vault.redeem(shares, who, who);
    }

    /// @notice `who` requests `shares`, waits the notice (oracles kept fresh) and claims them all.
    function exitAs(address who, CollateralVault vault, uint256 shares) internal returns (uint256 assets) {
        requestExitAs(who, vault, shares);
        skipFresh(vault.exitNotice());
        assets = claimAs(who, vault, shares);
    }

    function buyAs(address who, SeriesId id, uint256 size) internal returns (uint256 premium) {
        vm.prank(who);
        premium = market.buy(id, size, type(uint256).max, block.timestamp);
    }

    function sellAs(address who, SeriesId id, uint256 size) internal returns (uint256 proceeds) {
        vm.prank(who);
        proceeds = market.sell(id, size, 0, block.timestamp);
    }

    /// @notice Warps past EXPIRY, fixes its settlement price at `priceWad` through the feed and the settlement
    /// oracle, and settles the market.
    function settleAt(uint256 priceWad) internal {
        if (block.timestamp < EXPIRY) vm.warp(EXPIRY);
        uint80 round = feed.pushAnswer(int256(priceWad / 1e10), block.timestamp);
        settlementOracle.settle(EXPIRY, round);
        vm.prank(keeper);
        market.settle(EXPIRY);
    }

    function assetOf(CollateralVault vault) internal view returns (TestERC20) {
        return TestERC20(vault.asset());
    }
}
