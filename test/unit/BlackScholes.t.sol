// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {PreciseMath} from "../../contracts/libraries/PreciseMath.sol";
import {BlackScholesHarness} from "../utils/BlackScholesHarness.sol";
import {Test} from "forge-std/Test.sol";

contract BlackScholesTest is Test {
    BlackScholesHarness internal bs;

    uint256 internal constant YEAR = 365 days;
    uint256 internal constant HALF_YEAR = YEAR / 2;

    function setUp() public {
        bs = new BlackScholesHarness();
    }

    /// @dev A point inside the domain; the strike follows the spot within the moneyness bound.
    struct Option {
        uint256 spot;
        uint256 strike;
        uint256 timeSec;
        uint256 vol;
        uint256 rate;
    }

    function _bound(Option memory o) internal pure returns (Option memory) {
        o.spot = bound(o.spot, BlackScholes.MIN_PRICE, BlackScholes.MAX_PRICE);
        uint256 low = o.spot / 5 > BlackScholes.MIN_PRICE ? (o.spot + 4) / 5 : BlackScholes.MIN_PRICE;
        uint256 high = o.spot * 5 < BlackScholes.MAX_PRICE ? o.spot * 5 : BlackScholes.MAX_PRICE;
        o.strike = bound(o.strike, low, high);
        o.timeSec = bound(o.timeSec, BlackScholes.MIN_TIME_SEC, BlackScholes.MAX_TIME_SEC);
        o.vol = bound(o.vol, BlackScholes.MIN_VOL, BlackScholes.MAX_VOL);
        o.rate = bound(o.rate, 0, BlackScholes.MAX_RATE);
        return o;
    }

    function _price(Option memory o, bool isCall) internal view returns (uint256) {
        return bs.price(o.spot, o.strike, o.timeSec, o.vol, o.rate, isCall);
    }

    /// @dev K·e^(-rT) in wad, from the library's own 1e27 exponential.
    function _discountedStrike(Option memory o) internal pure returns (uint256) {
        return o.strike * PreciseMath.expNeg(o.rate * o.timeSec * 1e9 / YEAR) / 1e27;
    }

    /// @dev Slack for comparisons between two computed prices: the library's error bound (1e-19 of spot)
    /// plus the roundings of both values.
    function _slack(Option memory o) internal pure returns (uint256) {
        return o.spot / 1e18 + 3;
    }

    // Hull, Options, Futures and Other Derivatives, example 15.6: S = 42, K = 40, r = 10%, σ = 20%, T = 0.5.
    // Exact values (50 digits): call 4.759422392871533219600..., put 0.808599372900093583257...

    function test_price_hullCall() public view {
        assertApproxEqAbs(bs.price(42e18, 40e18, HALF_YEAR, 0.2e18, 0.1e18, true), 4_759_422_392_871_533_219, 1);
    }

    function test_price_hullPut() public view {
        assertApproxEqAbs(bs.price(42e18, 40e18, HALF_YEAR, 0.2e18, 0.1e18, false), 808_599_372_900_093_583, 1);
    }

    function test_greeks_hullCall() public view {
        BlackScholes.Greeks memory g = bs.greeks(42e18, 40e18, HALF_YEAR, 0.2e18, 0.1e18, true);
        assertApproxEqAbs(g.delta, 0.779131290942669e18, 1e3);
        assertApproxEqAbs(g.gamma, 0.049962670405912e18, 1e3);
        assertApproxEqAbs(g.vega, 8.813415059602851e18, 1e3);
        assertApproxEqAbs(g.theta, -4.559092194592626e18, 1e3);
        assertApproxEqAbs(g.rho, 13.982045913360281e18, 1e3);
    }

    function test_greeks_hullPut() public view {
        BlackScholes.Greeks memory g = bs.greeks(42e18, 40e18, HALF_YEAR, 0.2e18, 0.1e18, false);
        assertApproxEqAbs(g.price, 808_599_372_900_093_583, 1);
        assertApproxEqAbs(g.delta, -0.220868709057331e18, 1e3);
        assertApproxEqAbs(g.gamma, 0.049962670405912e18, 1e3);
        assertApproxEqAbs(g.vega, 8.813415059602851e18, 1e3);
        assertApproxEqAbs(g.theta, -0.75417449658977e18, 1e3);
        assertApproxEqAbs(g.rho, -5.042542576653997e18, 1e4);
    }

    function test_price_atTheMoneyIsPositiveAtTheSmallestTotalVolatility() public view {
        // σ·sqrt(T) = 1.38e-5: c = 5.5027830078344224983e-6 of spot.
        uint256 c = bs.price(1e18, 1e18, 1 minutes, 0.01e18, 0, true);
        assertApproxEqAbs(c, 5_502_783_007_834, 1);
    }

    function test_price_deepOutOfTheMoneyTailIsNotClamped() public view {
        // spot/strike = 1/5, σ = 100%, T = 1y: d2 ≈ -2.11, d1 ≈ -1.11: a small but real call price.
        uint256 c = bs.price(1e18, 5e18, YEAR, 1e18, 0, true);
        assertGt(c, 0);
        // spot/strike = 1/5 with σ = 20%, T = 1 y: d1 = -7.95, price = 4.5505769201955e-18 of the strike.
        uint256 tiny = bs.price(2e29, 1e30, YEAR, 0.2e18, 0, true);
        assertApproxEqAbs(tiny, 4_550_576_920_195, 2e9);
    }

    function test_price_acceptsTheCornersOfTheDomain() public view {
        bs.price(BlackScholes.MIN_PRICE, BlackScholes.MIN_PRICE * 5, 1 minutes, 0.01e18, 0, true);
        bs.price(BlackScholes.MAX_PRICE, BlackScholes.MAX_PRICE / 5, 5 * YEAR, 5e18, 0.2e18, false);
        bs.greeks(BlackScholes.MAX_PRICE, BlackScholes.MAX_PRICE, 5 * YEAR, 5e18, 0.2e18, true);
        bs.greeks(BlackScholes.MIN_PRICE, BlackScholes.MIN_PRICE, 1 minutes, 0.01e18, 0, false);
    }

    function test_price_revertsOutsideTime() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.TimeOutOfRange.selector, 59));
        bs.price(1e18, 1e18, 59, 0.5e18, 0, true);
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.TimeOutOfRange.selector, 5 * YEAR + 1));
        bs.price(1e18, 1e18, 5 * YEAR + 1, 0.5e18, 0, true);
    }

    function test_price_revertsOutsideVolatility() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.VolatilityOutOfRange.selector, 0.01e18 - 1));
        bs.price(1e18, 1e18, YEAR, 0.01e18 - 1, 0, true);
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.VolatilityOutOfRange.selector, 5e18 + 1));
        bs.greeks(1e18, 1e18, YEAR, 5e18 + 1, 0, true);
    }

    function test_price_revertsAboveMaxRate() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.RateOutOfRange.selector, 0.2e18 + 1));
        bs.priceAndDelta(1e18, 1e18, YEAR, 0.5e18, 0.2e18 + 1, true);
    }

    function test_price_revertsOutsideSpot() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.SpotOutOfRange.selector, 1e12 - 1));
        bs.price(1e12 - 1, 1e12, YEAR, 0.5e18, 0, true);
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.SpotOutOfRange.selector, 1e30 + 1));
        bs.price(1e30 + 1, 1e30, YEAR, 0.5e18, 0, true);
    }

    function test_price_revertsOutsideStrike() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.StrikeOutOfRange.selector, 1e12 - 1));
        bs.price(1e12, 1e12 - 1, YEAR, 0.5e18, 0, false);
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.StrikeOutOfRange.selector, 1e30 + 1));
        bs.price(1e30, 1e30 + 1, YEAR, 0.5e18, 0, false);
    }

    function test_price_revertsOutsideMoneyness() public {
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.MoneynessOutOfRange.selector, 5e18 + 1, 1e18));
        bs.price(5e18 + 1, 1e18, YEAR, 0.5e18, 0, true);
        vm.expectRevert(abi.encodeWithSelector(BlackScholes.MoneynessOutOfRange.selector, 1e18, 5e18 + 1));
        bs.price(1e18, 5e18 + 1, YEAR, 0.5e18, 0, true);
    }

    function testFuzz_putCallParity(Option memory o) public view {
        o = _bound(o);
        uint256 call = _price(o, true);
        uint256 put = _price(o, false);
        // C - P = S - K·e^(-rT), each side exact to the library's bound and roundings.
        assertApproxEqAbs(int256(call) - int256(put), int256(o.spot) - int256(_discountedStrike(o)), _slack(o));
    }

    function testFuzz_boundsOfTheCall(Option memory o) public view {
        o = _bound(o);
        uint256 call = _price(o, true);
        uint256 forwardIntrinsic = o.spot > _discountedStrike(o) ? o.spot - _discountedStrike(o) : 0;
        assertGe(call + _slack(o), forwardIntrinsic);
        assertLe(call, o.spot);
    }

    function testFuzz_boundsOfThePut(Option memory o) public view {
        o = _bound(o);
        uint256 put = _price(o, false);
        uint256 discounted = _discountedStrike(o);
        uint256 forwardIntrinsic = discounted > o.spot ? discounted - o.spot : 0;
        assertGe(put + _slack(o), forwardIntrinsic);
        assertLe(put, discounted + _slack(o));
    }

    function testFuzz_monotoneInSpot(Option memory o, uint256 higherSpot) public view {
        o = _bound(o);
        Option memory up = Option(o.spot, o.strike, o.timeSec, o.vol, o.rate);
        up.spot =
            bound(higherSpot, o.spot, o.strike * 5 < BlackScholes.MAX_PRICE ? o.strike * 5 : BlackScholes.MAX_PRICE);
        assertGe(_price(up, true) + _slack(up), _price(o, true), "call rises with spot");
        // A put is worth less when the spot rises, by at most the spot's rise.
        assertLe(_price(up, false), _price(o, false) + _slack(up), "put falls with spot");
    }

    function testFuzz_monotoneInVolatility(Option memory o, uint256 higherVol) public view {
        o = _bound(o);
        Option memory up = Option(o.spot, o.strike, o.timeSec, bound(higherVol, o.vol, BlackScholes.MAX_VOL), o.rate);
        assertGe(_price(up, true) + _slack(o), _price(o, true), "call");
        assertGe(_price(up, false) + _slack(o), _price(o, false), "put");
    }

    function testFuzz_monotoneInTime(Option memory o, uint256 laterExpiry) public view {
        o = _bound(o);
        Option memory later =
            Option(o.spot, o.strike, bound(laterExpiry, o.timeSec, BlackScholes.MAX_TIME_SEC), o.vol, o.rate);
        assertGe(_price(later, true) + _slack(o), _price(o, true), "call, any rate");
        o.rate = 0;
        later.rate = 0;
        assertGe(_price(later, false) + _slack(o), _price(o, false), "put, zero rate");
    }

    function testFuzz_greekSigns(Option memory o, bool isCall) public view {
        o = _bound(o);
        BlackScholes.Greeks memory g = bs.greeks(o.spot, o.strike, o.timeSec, o.vol, o.rate, isCall);
        if (isCall) {
            assertGe(g.delta, 0);
            assertLe(g.delta, 1e18);
            assertLe(g.theta, 0);
            assertGe(g.rho, 0);
        } else {
            assertLe(g.delta, 0);
            assertGe(g.delta, -1e18);
            assertLe(g.rho, 0);
        }
        assertLe(g.price, isCall ? o.spot : o.strike);
        // gamma and vega are unsigned: their non-negativity is their type. vega = S²·σ·T·gamma, up to the
        // quantisation of gamma (1 wei per unit of spot) and of S·gamma.
        uint256 spotGamma = o.spot * g.gamma / 1e18;
        uint256 vegaFromGamma = spotGamma * o.spot / 1e18 * o.vol / 1e18 * o.timeSec / YEAR;
        uint256 gammaWeiInVega = o.spot * o.spot / 1e18 * o.vol / 1e18 * o.timeSec / YEAR / 1e18 + 1;
        uint256 tolerance = gammaWeiInVega + g.vega / 1e12 + 100;
        if (spotGamma > 0) tolerance += g.vega / spotGamma;
        assertApproxEqAbs(vegaFromGamma, g.vega, tolerance);
    }

    function testFuzz_entryPointsAgree(Option memory o, bool isCall) public view {
        o = _bound(o);
        BlackScholes.Greeks memory g = bs.greeks(o.spot, o.strike, o.timeSec, o.vol, o.rate, isCall);
        (uint256 p, int256 d) = bs.priceAndDelta(o.spot, o.strike, o.timeSec, o.vol, o.rate, isCall);
        assertEq(p, g.price);
        assertEq(d, g.delta);
        assertEq(_price(o, isCall), g.price);
    }

    function testFuzz_putDeltaIsCallDeltaMinusOne(Option memory o) public view {
        o = _bound(o);
        (, int256 callDelta) = bs.priceAndDelta(o.spot, o.strike, o.timeSec, o.vol, o.rate, true);
        (, int256 putDelta) = bs.priceAndDelta(o.spot, o.strike, o.timeSec, o.vol, o.rate, false);
        assertApproxEqAbs(callDelta - putDelta, 1e18, 1);
    }
}
