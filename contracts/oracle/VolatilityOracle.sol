// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The comparisons state the rules as written ("not in the future" is `<=`); strict rewrites would obscure them.
// solhint-disable gas-strict-inequalities

import {IVolatilityOracle} from "../interfaces/IVolatilityOracle.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Svi} from "../libraries/Svi.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title VolatilityOracle
/// @notice Stores the SVI smile of one pair per expiry, as posted by volatility keepers.
contract VolatilityOracle is Ownable2Step, IVolatilityOracle {
    /// @notice Largest relative move of the total variance at any reference point per update, 50 %: about 22 % of
    /// volatility (sqrt(1.5) = 1.22). A keeper re-posting every minute needs no larger step in normal markets; in a
    /// crash it takes a few steps, which is the point: a compromised keeper cannot move the surface faster than
    /// ×1.5 variance per `MIN_UPDATE_INTERVAL`, leaving governance time to revoke it.
    uint256 public constant MAX_VARIANCE_CHANGE_WAD = 0.5e18;
    /// @notice Shortest interval between two updates of one expiry, so the bounded step cannot be repeated within a
    /// block or a few blocks.
    uint256 public constant MIN_UPDATE_INTERVAL = 1 minutes;
    /// @notice Reference log-moneyness points of the change bound: k = j·REFERENCE_STEP for
    /// j = -REFERENCE_HALF_COUNT..REFERENCE_HALF_COUNT, i.e. -1, -0.5, 0, 0.5, 1: strikes from 0.37 to 2.7 times
    /// the forward, where the listed strikes are.
    int256 public constant REFERENCE_STEP = 0.5e18;
    int256 public constant REFERENCE_HALF_COUNT = 2;
    /// @notice Tightest staleness bound: five minutes, a few keeper heartbeats.
    uint256 public constant MIN_MAX_STALENESS = 5 minutes;
    /// @notice Loosest staleness bound: one day; an older smile does not describe today's market.
    uint256 public constant MAX_MAX_STALENESS = 1 days;

    /// @dev A posted smile and when it was posted (0 = never), in two slots instead of six: every reader of a smile
    /// (each trade, and each vault mark per expiry) loads it cold. `Svi.validate` bounds every parameter far inside
    /// these widths: |a| <= 125e18, b <= 2e18, |rho| < 1e18, |m| <= 8e18 (all < 2^95) and sigma <= 16e18 < 2^64.
    struct Smile {
        int96 a;
        uint96 b;
        uint64 updatedAt;
        int96 rho;
        int96 m;
        uint64 sigma;
    }

    /// @inheritdoc IVolatilityOracle
    mapping(address account => bool) public isKeeper;
    /// @inheritdoc IVolatilityOracle
    uint256 public maxStaleness;

    mapping(uint256 expiry => Smile) private smiles;

    /// @param owner_ The governance role.
    /// @param maxStaleness_ Initial staleness bound, seconds.
    constructor(address owner_, uint256 maxStaleness_) Ownable(owner_) {
        _setMaxStaleness(maxStaleness_);
    }

    /// @inheritdoc IVolatilityOracle
    function post(uint256 expiry, Svi.Params calldata params) external {
        if (!isKeeper[msg.sender]) revert NotKeeper(msg.sender);
        if (expiry <= block.timestamp) revert ExpiryPassed(expiry);
        Smile storage current = smiles[expiry];
        uint256 lastUpdate = current.updatedAt;
        if (lastUpdate != 0 && block.timestamp < lastUpdate + MIN_UPDATE_INTERVAL) {
            revert UpdateTooSoon(expiry, lastUpdate + MIN_UPDATE_INTERVAL);
        }
        Svi.validate(params, expiry - block.timestamp);
        if (lastUpdate != 0) _checkChange(_unpack(current), params);
        // The casts are exact: `Svi.validate` bounds every field (see `Smile`), and a timestamp fits 64 bits.
        // forge-lint: disable-start(unsafe-typecast)
        smiles[expiry] = Smile({
            a: int96(params.a),
            b: uint96(params.b),
            updatedAt: uint64(block.timestamp),
            rho: int96(params.rho),
            m: int96(params.m),
            sigma: uint64(params.sigma)
        });
        // forge-lint: disable-end(unsafe-typecast)
        emit SmilePosted(expiry, msg.sender, params);
    }

    /// @inheritdoc IVolatilityOracle
    function smile(uint256 expiry) external view returns (Svi.Params memory params, uint256 updatedAt) {
        Smile storage current = smiles[expiry];
        updatedAt = current.updatedAt;
        if (updatedAt == 0) revert SmileNotSet(expiry);
        if (expiry <= block.timestamp) revert ExpiryPassed(expiry);
        if (block.timestamp - updatedAt > maxStaleness) revert StaleSmile(expiry, updatedAt, maxStaleness);
        params = _unpack(current);
    }

    /// @inheritdoc IVolatilityOracle
    function setKeeper(address keeper, bool allowed) external onlyOwner {
        isKeeper[keeper] = allowed;
        emit KeeperSet(keeper, allowed);
    }

    /// @inheritdoc IVolatilityOracle
    function setMaxStaleness(uint256 maxStaleness_) external onlyOwner {
        _setMaxStaleness(maxStaleness_);
    }

    /// @dev The parameters of a stored smile.
    function _unpack(Smile storage stored) private view returns (Svi.Params memory) {
        return Svi.Params({a: stored.a, b: stored.b, rho: stored.rho, m: stored.m, sigma: stored.sigma});
    }

    /// @dev Both smiles passed `Svi.validate`, so their total variances are positive and small (< 2.1e20): the casts
    /// to uint256 are exact and the products below stay far from overflow.
    function _checkChange(Svi.Params memory previous, Svi.Params memory next) private pure {
        for (int256 j = -REFERENCE_HALF_COUNT; j <= REFERENCE_HALF_COUNT; ++j) {
            int256 k = j * REFERENCE_STEP;
            int256 oldVariance = Svi.totalVariance(previous, k);
            int256 newVariance = Svi.totalVariance(next, k);
            // forge-lint: disable-next-line(unsafe-typecast)
            uint256 change = uint256(newVariance > oldVariance ? newVariance - oldVariance : oldVariance - newVariance);
            // forge-lint: disable-next-line(unsafe-typecast)
            if (change * 1e18 > MAX_VARIANCE_CHANGE_WAD * uint256(oldVariance)) {
                revert VarianceChangeTooLarge(k, oldVariance, newVariance);
            }
        }
    }

    /// @dev Stores the staleness bound (seconds) inside its hard bounds and emits `MaxStalenessSet`.
    function _setMaxStaleness(uint256 maxStaleness_) private {
        ParameterBounds.check(maxStaleness_, MIN_MAX_STALENESS, MAX_MAX_STALENESS);
        maxStaleness = maxStaleness_;
        emit MaxStalenessSet(maxStaleness_);
    }
}
