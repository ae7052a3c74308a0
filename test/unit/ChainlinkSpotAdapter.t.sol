// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";
import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {IChainlinkSpotAdapter} from "../../contracts/interfaces/IChainlinkSpotAdapter.sol";
import {IPriceBounds} from "../../contracts/interfaces/IPriceBounds.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";
import {ChainlinkSpotAdapter} from "../../contracts/oracle/ChainlinkSpotAdapter.sol";
import {MockAggregator} from "../utils/MockAggregator.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "forge-std/Test.sol";

contract ChainlinkSpotAdapterTest is Test {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant HEARTBEAT = 1 hours;
    uint256 internal constant GRACE = 1 hours;
    uint256 internal constant MIN_PRICE = 100e18;
    uint256 internal constant MAX_PRICE = 100_000e18;
    uint80 internal constant PHASE_1 = uint80(1 << 64);

    address internal governor = makeAddr("governor");
    MockAggregator internal feed;
    MockAggregator internal sequencer;
    ChainlinkSpotAdapter internal adapter;

    function setUp() public {
        vm.warp(START);
        feed = new MockAggregator(8);
        sequencer = new MockAggregator(0);
        sequencer.setRound(1, 0, START - 1 days, START - 1 days, 1);
        adapter = _adapter(feed, sequencer);
        feed.pushAnswer(3000e8, block.timestamp);
    }

    function _adapter(MockAggregator feed_, MockAggregator sequencer_) internal returns (ChainlinkSpotAdapter) {
        return new ChainlinkSpotAdapter(
            governor,
            AggregatorV3Interface(address(feed_)),
            AggregatorV3Interface(address(sequencer_)),
            HEARTBEAT,
            GRACE,
            MIN_PRICE,
            MAX_PRICE
        );
    }

    // ---------------------------------------------------------------- spot

    function test_spot_normalisesToWad() public view {
        (uint256 priceWad, uint256 updatedAt) = adapter.spot();
        assertEq(priceWad, 3000e18);
        assertEq(updatedAt, START);
    }

    function testFuzz_spotNormalisesAnyDecimals(uint8 decimals, uint256 priceWad) public {
        decimals = uint8(bound(decimals, 0, 36));
        priceWad = bound(priceWad, MIN_PRICE, MAX_PRICE);
        MockAggregator f = new MockAggregator(decimals);
        // The answer the feed would report for priceWad, then the price the adapter must derive from it.
        uint256 answer = decimals >= 18 ? priceWad * 10 ** (decimals - 18) : priceWad / 10 ** (18 - decimals);
        uint256 expected = decimals >= 18 ? answer / 10 ** (decimals - 18) : answer * 10 ** (18 - decimals);
        f.pushAnswer(int256(answer), block.timestamp);
        if (expected < MIN_PRICE) {
            vm.expectRevert(
                abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, expected, MIN_PRICE, MAX_PRICE)
            );
        }
        (uint256 got,) = _adapter(f, MockAggregator(address(0))).spot();
        if (expected >= MIN_PRICE) assertEq(got, expected);
    }

    function test_spot_acceptsExactlyHeartbeatOld() public {
        vm.warp(START + HEARTBEAT);
        (uint256 priceWad,) = adapter.spot();
        assertEq(priceWad, 3000e18);
    }

    function test_spot_revertsWhenStale() public {
        vm.warp(START + HEARTBEAT + 1);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.StalePrice.selector, START, HEARTBEAT));
        adapter.spot();
    }

    function test_spot_revertsOnZero() public {
        feed.pushAnswer(0, block.timestamp);
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        adapter.spot();
    }

    function test_spot_revertsWhenNormalisedPriceIsZero() public {
        MockAggregator wide = new MockAggregator(20);
        wide.pushAnswer(99, block.timestamp);
        ChainlinkSpotAdapter a = _adapter(wide, sequencer);
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        a.spot();
    }

    function test_spot_revertsOnNegative() public {
        feed.pushAnswer(-1, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.NegativePrice.selector, int256(-1)));
        adapter.spot();
    }

    function test_spot_revertsOutOfBounds() public {
        feed.pushAnswer(100_001e8, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, 100_001e18, MIN_PRICE, MAX_PRICE));
        adapter.spot();
        feed.pushAnswer(99e8, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ISpotOracle.PriceOutOfBounds.selector, 99e18, MIN_PRICE, MAX_PRICE));
        adapter.spot();
    }

    function test_spot_revertsMidRound() public {
        uint80 next = feed.latestRoundId() + 1;
        // Round opened, not yet answered: updatedAt == 0.
        feed.setRound(next, 0, block.timestamp, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.IncompleteRound.selector, next, 0, 0));
        adapter.spot();
        // Answer carried over from an earlier round.
        feed.setRound(next, 3000e8, block.timestamp, block.timestamp, next - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.IncompleteRound.selector, next, next - 1, block.timestamp)
        );
        adapter.spot();
    }

    function test_spot_revertsOnFutureUpdate() public {
        feed.pushAnswer(3000e8, block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.ObservationInTheFuture.selector, block.timestamp + 1)
        );
        adapter.spot();
    }

    function test_spot_revertsWhenSequencerDown() public {
        sequencer.setRound(2, 1, block.timestamp, block.timestamp, 2);
        vm.expectRevert(IChainlinkSpotAdapter.SequencerDown.selector);
        adapter.spot();
        // Unknown status (startedAt == 0) counts as down.
        sequencer.setRound(3, 0, 0, block.timestamp, 3);
        vm.expectRevert(IChainlinkSpotAdapter.SequencerDown.selector);
        adapter.spot();
    }

    function test_spot_revertsDuringGracePeriod() public {
        uint256 upSince = block.timestamp - 10;
        sequencer.setRound(2, 0, upSince, upSince, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.SequencerGracePeriod.selector, upSince, upSince + GRACE)
        );
        adapter.spot();
        vm.warp(upSince + GRACE);
        feed.pushAnswer(3100e8, block.timestamp);
        (uint256 priceWad,) = adapter.spot();
        assertEq(priceWad, 3100e18);
    }

    function test_spot_withoutSequencerFeedIgnoresIt() public {
        ChainlinkSpotAdapter l1 = _adapter(feed, MockAggregator(address(0)));
        assertEq(address(l1.sequencerUptimeFeed()), address(0));
        (uint256 priceWad,) = l1.spot();
        assertEq(priceWad, 3000e18);
    }

    function test_constructor_revertsForTooManyDecimals() public {
        MockAggregator wide = new MockAggregator(37);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.UnsupportedDecimals.selector, 37));
        _adapter(wide, sequencer);
    }

    // ---------------------------------------------------------------- priceAt (round walking)

    /// @dev Rounds at expiry-600, expiry+30, expiry+900; the first at or after expiry is the second.
    function _history() internal returns (uint256 expiry, uint80 before, uint80 first, uint80 later) {
        expiry = START + 1 days;
        vm.warp(expiry - 600);
        before = feed.pushAnswer(3000e8, block.timestamp);
        vm.warp(expiry + 30);
        first = feed.pushAnswer(3050e8, block.timestamp);
        vm.warp(expiry + 900);
        later = feed.pushAnswer(3200e8, block.timestamp);
    }

    function test_priceAt_returnsFirstRoundAtOrAfter() public {
        (uint256 expiry,, uint80 first,) = _history();
        (uint256 priceWad, uint256 observedAt) = adapter.priceAt(expiry, first);
        assertEq(priceWad, 3050e18);
        assertEq(observedAt, expiry + 30);
        // A round exactly at the timestamp counts as "at or after".
        (priceWad, observedAt) = adapter.priceAt(expiry + 30, first);
        assertEq(observedAt, expiry + 30);
    }

    function test_priceAt_revertsForRoundBeforeTimestamp() public {
        (uint256 expiry, uint80 before,,) = _history();
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.RoundBeforeTimestamp.selector, before, expiry - 600, expiry)
        );
        adapter.priceAt(expiry, before);
    }

    function test_priceAt_revertsForLaterRound() public {
        (uint256 expiry,, uint80 first, uint80 later) = _history();
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.EarlierRoundAtOrAfter.selector, first, expiry + 30)
        );
        adapter.priceAt(expiry, later);
    }

    function test_priceAt_revertsForFirstRoundOfPhase() public {
        uint256 expiry = START - 1;
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.PhaseFirstRound.selector, PHASE_1 + 1));
        adapter.priceAt(expiry, PHASE_1 + 1);
    }

    function test_priceAt_revertsWhenPreviousRoundIncomplete() public {
        (uint256 expiry,, uint80 first,) = _history();
        feed.setRound(first - 1, 3000e8, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.IncompleteRound.selector, first - 1, 0, 0));
        adapter.priceAt(expiry, first);
    }

    function test_priceAt_revertsOnBadPrice() public {
        (uint256 expiry,, uint80 first,) = _history();
        feed.setRound(first, -5, expiry + 30, expiry + 30, first);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkSpotAdapter.NegativePrice.selector, int256(-5)));
        adapter.priceAt(expiry, first);
        feed.setRound(first, 0, expiry + 30, expiry + 30, first);
        vm.expectRevert(ISpotOracle.ZeroPrice.selector);
        adapter.priceAt(expiry, first);
        feed.setRound(first, 3000e8, expiry + 30, expiry + 30, first - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.IncompleteRound.selector, first, first - 1, expiry + 30)
        );
        adapter.priceAt(expiry, first);
    }

    function test_priceAt_revertsForFutureTimestamp() public {
        vm.expectRevert(
            abi.encodeWithSelector(IChainlinkSpotAdapter.TimestampInTheFuture.selector, block.timestamp + 1)
        );
        adapter.priceAt(block.timestamp + 1, 0);
    }

    // ---------------------------------------------------------------- governance

    function test_setters_emitAndEnforceBounds() public {
        vm.startPrank(governor);
        vm.expectEmit(address(adapter));
        emit IChainlinkSpotAdapter.HeartbeatSet(1 days);
        adapter.setHeartbeat(1 days);
        assertEq(adapter.heartbeat(), 1 days);
        vm.expectEmit(address(adapter));
        emit IChainlinkSpotAdapter.GracePeriodSet(30 minutes);
        adapter.setGracePeriod(30 minutes);
        assertEq(adapter.gracePeriod(), 30 minutes);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 59, 60, 2 days));
        adapter.setHeartbeat(59);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 2 days + 1, 60, 2 days)
        );
        adapter.setHeartbeat(2 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 0, 60, 1 days));
        adapter.setGracePeriod(0);
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 days + 1, 60, 1 days)
        );
        adapter.setGracePeriod(1 days + 1);
        vm.expectEmit(address(adapter));
        emit IPriceBounds.PriceBoundsSet(1e18, 1e30);
        adapter.setPriceBounds(1e18, 1e30);
        vm.expectRevert(abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1e36 + 1, 2, 1e36));
        adapter.setPriceBounds(1, 1e36 + 1);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        adapter.setHeartbeat(1 days);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        adapter.setPriceBounds(1e18, 1e30);
    }
}
