// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Svi} from "../libraries/Svi.sol";
import {IBoundedParameters} from "./IBoundedParameters.sol";

/// @title IVolatilityOracle
/// @notice The SVI volatility smile of one pair per expiry, posted by keepers, validated on-chain, moved only by a
/// bounded step per update and refused to readers once stale, so that pricing stops rather than trade on an old
/// surface.
interface IVolatilityOracle is IBoundedParameters {
    /// @notice `account` is not a volatility keeper.
    error NotKeeper(address account);

    /// @notice `expiry` is not in the future.
    error ExpiryPassed(uint256 expiry);

    /// @notice The smile of `expiry` was updated less than `MIN_UPDATE_INTERVAL` ago; next update from `allowedAt`.
    error UpdateTooSoon(uint256 expiry, uint256 allowedAt);

    /// @notice At log-moneyness `k` the total variance would move from `oldVariance` to `newVariance`, more than
    /// `MAX_VARIANCE_CHANGE_WAD` relative.
    error VarianceChangeTooLarge(int256 k, int256 oldVariance, int256 newVariance);

    /// @notice No smile was ever posted for `expiry`.
    error SmileNotSet(uint256 expiry);

    /// @notice The smile of `expiry` was updated at `updatedAt`, more than `maxStaleness` seconds ago.
    error StaleSmile(uint256 expiry, uint256 updatedAt, uint256 maxStaleness);

    /// @notice `keeper` was allowed (`true`) or revoked (`false`).
    event KeeperSet(address indexed keeper, bool indexed allowed);

    /// @notice The staleness bound became `maxStaleness` seconds.
    event MaxStalenessSet(uint256 indexed maxStaleness);

    /// @notice `keeper` posted `params` for `expiry`.
    event SmilePosted(uint256 indexed expiry, address indexed keeper, Svi.Params params);

    /// @notice Whether `account` may post smiles.
    function isKeeper(address account) external view returns (bool);

    /// @notice Largest age, in seconds, of a smile that `smile` returns.
    function maxStaleness() external view returns (uint256);

    /// @notice Posts the smile of `expiry`. Only a keeper.
    /// @dev Checks, in order: keeper; expiry in the future; at least `MIN_UPDATE_INTERVAL` since the last update of
    /// this expiry; `Svi.validate(params, expiry - now)` (reverts with Svi's errors); and, when a smile exists, that
    /// the total variance at each reference log-moneyness moves by at most `MAX_VARIANCE_CHANGE_WAD` relative.
    /// Emits `SmilePosted`.
    /// @param expiry The expiry, seconds.
    /// @param params Raw SVI parameters in total variance, wad.
    function post(uint256 expiry, Svi.Params calldata params) external;

    /// @notice The current smile of `expiry`.
    /// @dev Reverts `SmileNotSet`, `ExpiryPassed` or `StaleSmile`: a reader never gets a smile it should not price
    /// on.
    /// @param expiry The expiry, seconds.
    /// @return params Raw SVI parameters, wad.
    /// @return updatedAt When they were posted, seconds.
    function smile(uint256 expiry) external view returns (Svi.Params memory params, uint256 updatedAt);

    /// @notice Allows or revokes a keeper. Only the owner. Emits `KeeperSet`.
    /// @param keeper The account.
    /// @param allowed Whether it may post.
    function setKeeper(address keeper, bool allowed) external;

    /// @notice Sets the staleness bound. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_MAX_STALENESS, MAX_MAX_STALENESS]`. Emits
    /// `MaxStalenessSet`.
    /// @param maxStaleness_ Seconds.
    function setMaxStaleness(uint256 maxStaleness_) external;
}
