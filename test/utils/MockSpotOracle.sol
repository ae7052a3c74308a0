// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHistoricalPriceSource} from "../../contracts/interfaces/IHistoricalPriceSource.sol";
import {ISpotOracle} from "../../contracts/interfaces/ISpotOracle.sol";

/// @notice A spot and historical source that returns whatever the test sets, or reverts with the data it sets, so
/// that consumers can be shown prices no real adapter would return (zero, future, before the asked time).
contract MockSpotOracle is ISpotOracle, IHistoricalPriceSource {
    uint256 public priceWad;
    uint256 public updatedAt;
    bytes public revertData;

    function set(uint256 priceWad_, uint256 updatedAt_) external {
        priceWad = priceWad_;
        updatedAt = updatedAt_;
        delete revertData;
    }

    function setRevert(bytes calldata revertData_) external {
        revertData = revertData_;
    }

    function spot() external view returns (uint256, uint256) {
        _maybeRevert();
        return (priceWad, updatedAt);
    }

    /// @dev One source: `(p, p, updatedAt)`, or the set revert.
    function spotRange() external view returns (uint256, uint256, uint256) {
        _maybeRevert();
        return (priceWad, priceWad, updatedAt);
    }

    function priceAt(uint256, uint256) external view returns (uint256, uint256) {
        _maybeRevert();
        return (priceWad, updatedAt);
    }

    function _maybeRevert() private view {
        bytes memory data = revertData;
        if (data.length > 0) {
            assembly ("memory-safe") {
                revert(add(data, 0x20), mload(data))
            }
        }
    }
}
