// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";
import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IChainlinkSpotAdapter} from "../../contracts/interfaces/IChainlinkSpotAdapter.sol";
import {ISettlementOracle} from "../../contracts/interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {ChainlinkSpotAdapter} from "../../contracts/oracle/ChainlinkSpotAdapter.sol";
import {SettlementOracle} from "../../contracts/oracle/SettlementOracle.sol";
import {MockAggregator} from "../utils/MockAggregator.sol";
import {MockSpotOracle} from "../utils/MockSpotOracle.sol";
import {Test} from "forge-std/Test.sol";

contract SettlementOracleTest is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant EXPIRY = START + 7 days;
    uint256 internal constant DELAY = 5 minutes;
    uint256 internal constant LAG = 2 hours;
    uint256 internal constant FALLBACK = 3 days;

    address internal governor = makeAddr("governor");
    address internal keeper = makeAddr("keeper");
    MockAggregator internal feed;
    ChainlinkSpotAdapter internal adapter;
    MockSpotOracle internal fallbackOracle;
    SettlementOracle internal settlement;

    uint80 internal roundBefore;
    uint80 internal roundFirst;
    uint80 internal roundLater;

    function setUp() public {
        vm.warp(START);
        feed = new MockAggregator(8);
        adapter = new ChainlinkSpotAdapter(
            governor,
            AggregatorV3Interface(address(feed)),
            AggregatorV3Interface(address(0)),
            1 hours,
            1 hours,
            1e18,
            1e24
        );
        fallbackOracle = new MockSpotOracle();
        settlement = new SettlementOracle(adapter, fallbackOracle, DELAY, LAG, FALLBACK);
        feed.pushAnswer(2900e8, START);
    }

    /// @dev Rounds at expiry - 20 min, expiry + 45 s, expiry + 20 min.
    function _rounds() internal {
        vm.warp(EXPIRY - 20 minutes);
        roundBefore = feed.pushAnswer(3000e8, block.timestamp);
        vm.warp(EXPIRY + 45);
        roundFirst = feed.pushAnswer(3100e8, block.timestamp);
        vm.warp(EXPIRY + 20 minutes);
        roundLater = feed.pushAnswer(3300e8, block.timestamp);
    }

    function test_settle_fixesFirstRoundAfterExpiry() public {
        _rounds();
        vm.expectEmit(address(settlement));
        emit ISettlementOracle.SettlementFixed(EXPIRY, 3100e18, EXPIRY + 45, false);
        vm.prank(keeper);
        assertEq(settlement.settle(EXPIRY, roundFirst), 3100e18);
        assertEq(settlement.settlementPrice(EXPIRY), 3100e18);
        ISettlementOracle.Settlement memory s = settlement.settlement(EXPIRY);
        assertEq(s.priceWad, 3100e18);
        assertEq(s.observedAt, EXPIRY + 45);
        assertFalse(s.viaFallback);
    }

    function test_settle_cannotBeFixedTwice() public {
        _rounds();
        settlement.settle(EXPIRY, roundFirst);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.AlreadySettled.selector, EXPIRY, 3100e18));
        settlement.settle(EXPIRY, roundFirst);
        vm.warp(EXPIRY + FALLBACK);
        fallbackOracle.set(5000e18, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.AlreadySettled.selector, EXPIRY, 3100e18));
        settlement.settleFallback(EXPIRY);
    }

    function test_settle_revertsBeforeExpiryPlusDelay() public {
        vm.warp(EXPIRY - 1);
        uint80 round = feed.pushAnswer(3000e8, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.SettlementTooEarly.selector, EXPIRY, EXPIRY + DELAY));
        settlement.settle(EXPIRY, round);
        vm.warp(EXPIRY + DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.SettlementTooEarly.selector, EXPIRY, EXPIRY + DELAY));
        settlement.settle(EXPIRY, round);
    }

    function test_settle_rejectsWrongHints() public {
        _rounds();
        vm.expectRevert(
            abi.encodeWithSelector(
                IChainlinkSpotAdapter.RoundBeforeTimestamp.selector, roundBefore, EXPIRY - 20 minutes, EXPIRY
            )
        );
        settlement.settle(EXPIRY, roundBefore);
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.EarlierRoundAtOrAfter.selector, roundFirst, EXPIRY + 45)
        );
        settlement.settle(EXPIRY, roundLater);
    }

    function test_settle_rejectsBadPrices() public {
        _rounds();
        feed.setRound(roundFirst, -1, EXPIRY + 45, EXPIRY + 45, roundFirst);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.NegativePrice.selector, int256(-1)));
        settlement.settle(EXPIRY, roundFirst);
        feed.setRound(roundFirst, 0, EXPIRY + 45, EXPIRY + 45, roundFirst);
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        settlement.settle(EXPIRY, roundFirst);
        feed.setRound(roundFirst, 2e16 * 1e8, EXPIRY + 45, EXPIRY + 45, roundFirst);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, 2e34, 1e18, 1e24));
        settlement.settle(EXPIRY, roundFirst);
        feed.setRound(roundFirst, 3100e8, EXPIRY + 45, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.IncompleteRound.selector, roundFirst, 0, 0));
        settlement.settle(EXPIRY, roundFirst);
        assertEq(settlement.settlement(EXPIRY).priceWad, 0, "nothing fixed");
    }

    function test_settle_rejectsLateObservation() public {
        vm.warp(EXPIRY - 10);
        feed.pushAnswer(3000e8, block.timestamp);
        vm.warp(EXPIRY + LAG + 1);
        uint80 late = feed.pushAnswer(3100e8, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(ISettlementOracle.ObservationTooLate.selector, EXPIRY + LAG + 1, EXPIRY + LAG)
        );
        settlement.settle(EXPIRY, late);
    }

    function test_settle_rejectsSourceObservationBeforeExpiryOrZero() public {
        MockSpotOracle source = new MockSpotOracle();
        SettlementOracle s = new SettlementOracle(source, fallbackOracle, DELAY, LAG, FALLBACK);
        vm.warp(EXPIRY + DELAY);
        source.set(3000e18, EXPIRY - 1);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.ObservationBeforeExpiry.selector, EXPIRY - 1, EXPIRY));
        s.settle(EXPIRY, 0);
        source.set(0, EXPIRY);
        vm.expectRevert(ISettlementOracle.ZeroSettlementPrice.selector);
        s.settle(EXPIRY, 0);
    }

    function test_settlementPrice_revertsWhenNotSettled() public {
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.NotSettled.selector, EXPIRY));
        settlement.settlementPrice(EXPIRY);
    }

    function test_settleFallback_onlyAfterFallbackDelay() public {
        // The feed went silent after expiry: no round to settle from.
        vm.warp(EXPIRY + FALLBACK - 1);
        fallbackOracle.set(3050e18, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.FallbackTooEarly.selector, EXPIRY, EXPIRY + FALLBACK));
        settlement.settleFallback(EXPIRY);
        vm.warp(EXPIRY + FALLBACK);
        fallbackOracle.set(3050e18, block.timestamp);
        vm.expectEmit(address(settlement));
        emit ISettlementOracle.SettlementFixed(EXPIRY, 3050e18, EXPIRY + FALLBACK, true);
        settlement.settleFallback(EXPIRY);
        assertTrue(settlement.settlement(EXPIRY).viaFallback);
        // And the primary path cannot override it afterwards.
        uint80 round = feed.pushAnswer(3000e8, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.AlreadySettled.selector, EXPIRY, 3050e18));
        settlement.settle(EXPIRY, round);
    }

    function test_settleFallback_rejectsBadFallbackPrice() public {
        vm.warp(EXPIRY + FALLBACK);
        fallbackOracle.set(0, block.timestamp);
        vm.expectRevert(ISettlementOracle.ZeroSettlementPrice.selector);
        settlement.settleFallback(EXPIRY);
        fallbackOracle.setRevert(abi.encodeWithSelector(ISpotOracle.ZeroPrice.selector));
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        settlement.settleFallback(EXPIRY);
    }

    /// @dev Whatever the feed does after a settlement, the settlement never changes.
    function testFuzz_settlementIsImmutable(int256[4] memory answers, uint256[4] memory gaps, uint256 hintOffset)
        public
    {
        _rounds();
        settlement.settle(EXPIRY, roundFirst);
        for (uint256 i = 0; i < answers.length; i++) {
            vm.warp(block.timestamp + bound(gaps[i], 1, 1 days));
            feed.pushAnswer(bound(answers[i], -1e20, 1e20), block.timestamp);
        }
        uint80 hint = uint80(bound(hintOffset, roundBefore, feed.latestRoundId()));
        vm.expectRevert(abi.encodeWithSelector(ISettlementOracle.AlreadySettled.selector, EXPIRY, 3100e18));
        settlement.settle(EXPIRY, hint);
        assertEq(settlement.settlementPrice(EXPIRY), 3100e18);
    }

    function test_constructor_enforcesBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 hours + 1, 0, 1 hours)
        );
        new SettlementOracle(adapter, fallbackOracle, 1 hours + 1, LAG, FALLBACK);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 59, 1 minutes, 6 hours)
        );
        new SettlementOracle(adapter, fallbackOracle, DELAY, 59, FALLBACK);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 6 hours + 1, 1 minutes, 6 hours)
        );
        new SettlementOracle(adapter, fallbackOracle, DELAY, 6 hours + 1, FALLBACK);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 days - 1, 1 days, 7 days)
        );
        new SettlementOracle(adapter, fallbackOracle, DELAY, LAG, 1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 7 days + 1, 1 days, 7 days)
        );
        new SettlementOracle(adapter, fallbackOracle, DELAY, LAG, 7 days + 1);
    }
}
