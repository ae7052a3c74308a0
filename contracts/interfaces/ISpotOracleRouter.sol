// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";
import {ISpotOracle} from "./ISpotOracle.sol";

/// @title ISpotOracleRouter
/// @notice The spot price the protocol trades on: a primary and a secondary source that must agree.
/// @dev Rule. A source is valid when its `spot()` does not revert, returns a non-zero price and an update time
/// neither in the future nor older than `maxAge`. Both valid: they must agree within `maxDeviationWad`, and the
/// primary's price is returned. Exactly one valid: its price is returned only while the owner has enabled the
/// single-source fallback (`FallbackEnabledSet`), otherwise the router refuses to price. None valid: revert.
///
/// Degraded oracle mode (`spotRange`). A genuine fast move makes a lagging source (a TWAP) disagree with a live one
/// for a while; refusing to price then would also stop the actions that reduce risk, liquidations first. So
/// `spotRange` answers, besides every case `spot` answers (as `(p, p, t)`, `p` what `spot` returns), the case of two
/// valid sources that disagree beyond `maxDeviationWad` but within `maxDegradedDeviationWad`: it returns
/// `(min, max)` of the two prices, stamped with the older update time. Beyond `maxDegradedDeviationWad` it reverts
/// `PriceDeviationTooHigh` with that bound. `spot` stays strict. Consumers price actions that add risk or move LP
/// value (buys, writes, withdrawals against margin, the vaults' NAV) with `spot`, and actions that reduce risk
/// (sales to the vault, buy-backs, liquidations, bad-debt resolution) with `spotRange`, at the end that is
/// conservative for the protocol. `maxDegradedDeviationWad == maxDeviationWad` turns the degraded mode off.
interface ISpotOracleRouter is ISpotOracle, IBoundedParameters {
    /// @notice Both sources are valid but differ by `deviationWad` (relative to the lower one), above the bound
    /// (`maxDeviationWad` for `spot`, `maxDegradedDeviationWad` for `spotRange`).
    error PriceDeviationTooHigh(
        uint256 primaryPriceWad, uint256 secondaryPriceWad, uint256 deviationWad, uint256 maxDeviationWad
    );

    /// @notice The primary source is not valid (`reason` is its revert data or a `StaleSource`/`ZeroPrice`
    /// encoding) and the single-source fallback is disabled.
    error PrimaryUnavailable(bytes reason);

    /// @notice The secondary source is not valid and the single-source fallback is disabled.
    error SecondaryUnavailable(bytes reason);

    /// @notice Neither source is valid.
    error NoValidSource(bytes primaryReason, bytes secondaryReason);

    /// @notice A source's price was updated at `updatedAt`, outside `[now - maxAge, now]`.
    error StaleSource(uint256 updatedAt, uint256 maxAge);

    /// @notice The deviation bound became `maxDeviationWad`.
    event MaxDeviationSet(uint256 indexed maxDeviationWad);

    /// @notice The degraded-mode deviation bound became `maxDegradedDeviationWad`.
    event MaxDegradedDeviationSet(uint256 indexed maxDegradedDeviationWad);

    /// @notice The maximum source age became `maxAge` seconds.
    event MaxAgeSet(uint256 indexed maxAge);

    /// @notice The single-source fallback was enabled (`true`) or disabled (`false`).
    event FallbackEnabledSet(bool indexed enabled);

    /// @notice The primary source.
    function primary() external view returns (ISpotOracle);

    /// @notice The secondary source.
    function secondary() external view returns (ISpotOracle);

    /// @notice Largest accepted relative difference of the two sources, wad (0.01e18 = 1 %).
    function maxDeviationWad() external view returns (uint256);

    /// @notice Largest relative difference of the two sources, wad, at which `spotRange` still answers with the
    /// range between them (degraded mode); at least `maxDeviationWad`, equal to it when the mode is off.
    function maxDegradedDeviationWad() external view returns (uint256);

    /// @notice Largest accepted age of a source's price, seconds.
    function maxAge() external view returns (uint256);

    /// @notice Whether one valid source alone may price when the other is not valid.
    function fallbackEnabled() external view returns (bool);

    /// @notice Sets the deviation bound. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_MAX_DEVIATION_WAD, min(MAX_MAX_DEVIATION_WAD,
    /// maxDegradedDeviationWad)]`. Emits `MaxDeviationSet`.
    /// @param maxDeviationWad_ Relative difference, wad.
    function setMaxDeviation(uint256 maxDeviationWad_) external;

    /// @notice Sets the degraded-mode deviation bound. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[maxDeviationWad, MAX_MAX_DEGRADED_DEVIATION_WAD]`. Emits
    /// `MaxDegradedDeviationSet`.
    /// @param maxDegradedDeviationWad_ Relative difference, wad; `maxDeviationWad` turns the degraded mode off.
    function setMaxDegradedDeviation(uint256 maxDegradedDeviationWad_) external;

    /// @notice Sets the maximum source age. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_MAX_AGE, MAX_MAX_AGE]`. Emits `MaxAgeSet`.
    /// @param maxAge_ Seconds.
    function setMaxAge(uint256 maxAge_) external;

    /// @notice Enables or disables the single-source fallback. Only the owner. Emits `FallbackEnabledSet`.
    /// @param enabled Whether one valid source alone may price.
    function setFallbackEnabled(bool enabled) external;
}
