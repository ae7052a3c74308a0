// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlackScholes} from "../../contracts/libraries/BlackScholes.sol";
import {NormalDistribution} from "../../contracts/libraries/NormalDistribution.sol";
import {PreciseMath} from "../../contracts/libraries/PreciseMath.sol";

/// @notice External entry points to the pricing libraries, so tests can expect reverts and measure gas.
contract BlackScholesHarness {
    function price(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.price(spot, strike, timeSec, vol, rate, isCall);
    }

    function priceAndDelta(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (uint256, int256)
    {
        return BlackScholes.priceAndDelta(spot, strike, timeSec, vol, rate, isCall);
    }

    function greeks(uint256 spot, uint256 strike, uint256 timeSec, uint256 vol, uint256 rate, bool isCall)
        external
        pure
        returns (BlackScholes.Greeks memory)
    {
        return BlackScholes.greeks(spot, strike, timeSec, vol, rate, isCall);
    }

    function cdf(int256 x) external pure returns (uint256) {
        return NormalDistribution.cdf(x);
    }

    function pdf(int256 x) external pure returns (uint256) {
        return NormalDistribution.pdf(x);
    }

    function expNeg(uint256 y) external pure returns (uint256) {
        return PreciseMath.expNeg(y);
    }

    function ln(uint256 x) external pure returns (int256) {
        return PreciseMath.ln(x);
    }

    function sqrtInTimeRange(uint256 x) external pure returns (uint256) {
        return PreciseMath.sqrtInTimeRange(x);
    }
}
