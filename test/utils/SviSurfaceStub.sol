// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVolatilityOracle} from "../../contracts/interfaces/IVolatilityOracle.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";

/// @notice A volatility surface that behaves like the oracle layer's (validated smiles per expiry, refused when
/// missing or older than `maxAge`), with an open setter for tests, until the real VolatilityOracle lands.
contract SviSurfaceStub is IVolatilityOracle {
    error SmileMissing(uint256 expiry);
    error SmileStale(uint256 expiry, uint256 updatedAt, uint256 maxAge);

    struct Posted {
        Svi.Params params;
        uint256 updatedAt;
    }

    uint256 public immutable maxAge;
    mapping(uint256 expiry => Posted) public posted;

    constructor(uint256 maxAge_) {
        maxAge = maxAge_;
    }

    /// @notice Posts `params` for `expiry` now, validated for the time left.
    function set(uint256 expiry, Svi.Params memory params) external {
        Svi.validate(params, expiry - block.timestamp);
        posted[expiry] = Posted(params, block.timestamp);
    }

    function smile(uint256 expiry) external view returns (Svi.Params memory) {
        Posted memory p = posted[expiry];
        if (p.updatedAt == 0) revert SmileMissing(expiry);
        if (block.timestamp - p.updatedAt > maxAge) revert SmileStale(expiry, p.updatedAt, maxAge);
        return p.params;
    }
}
