// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OptionValuation} from "../libraries/OptionValuation.sol";
import {Svi} from "../libraries/Svi.sol";

/// @title IOptionPricer
/// @notice Stateless Black-Scholes valuation of one option in its collateral on an SVI smile (`OptionValuation`),
/// as a contract of its own: the pricing code is about 20 KB once the compiler inlines it, so the market calls it
/// instead of carrying it, and stays under EIP-170's 24,576-byte limit. Every function is pure; one deployment serves
/// any number of markets.
/// @dev Amounts are wad of collateral per option (a call is worth C/S base, a put P quote). Outside Black-Scholes'
/// domain `quote` reverts with `BlackScholes`' domain errors; `mark` never reverts on a valid smile.
interface IOptionPricer {
    /// @notice Value, vega and delta of one option for a trade: the value rounds up when `roundUp` (the trader buys)
    /// and down otherwise; vega and delta round toward zero.
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad of quote per base. @param strikeWad Strike,
    /// wad. @param timeSec Seconds to expiry. @param rateWad Rate, wad per year. @param isCall Call or put.
    /// @param roundUp Round the value up (buy) or down (sell).
    function quote(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall,
        bool roundUp
    ) external pure returns (OptionValuation.Quote memory);

    /// @notice Value of one option for a vault's mark, rounded up: Black-Scholes on the smile inside its domain,
    /// intrinsic value outside it (under a minute to expiry, or spot/strike beyond 5).
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad. @param strikeWad Strike, wad.
    /// @param timeSec Seconds to expiry (0 after expiry). @param rateWad Rate, wad per year. @param isCall Call?
    /// @return valueWad Wad of collateral per option.
    function mark(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) external pure returns (uint256 valueWad);

    /// @notice `mark` of one option in two states, each to the wei what `mark` returns for it, in one call: on `smile`
    /// at `spotWad`, and on `shockedSmile` at `shockedSpotWad` (a margin check's now and worst corner); sqrt(T) and
    /// e^(−rT) are computed once.
    /// @param smile SVI parameters now. @param shockedSmile SVI parameters in the scenario. @param spotWad Spot, wad.
    /// @param shockedSpotWad Spot in the scenario, wad. @param strikeWad Strike, wad. @param timeSec Seconds to expiry
    /// (0 after expiry). @param rateWad Rate, wad per year. @param isCall Call?
    /// @return valueWad Now, wad of collateral per option. @return shockedWad In the scenario.
    function markPair(
        Svi.Params calldata smile,
        Svi.Params calldata shockedSmile,
        uint256 spotWad,
        uint256 shockedSpotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) external pure returns (uint256 valueWad, uint256 shockedWad);

    /// @notice `mark` of several strikes of one expiry and one type, each to the wei what `mark` returns for it, for
    /// a fraction of the gas: the smile, spot, time and rate are passed once, sqrt(T) and e^(−rT) computed once, and
    /// ln(K/S) once per strike. The vault's NAV and a margin check price every strike of an expiry in one call.
    /// @param smile SVI parameters of the expiry. @param spotWad Spot, wad. @param timeSec Seconds to expiry (0 after
    /// expiry). @param rateWad Rate, wad per year. @param isCall Calls or puts. @param strikesWad Strikes, wad.
    /// @return valuesWad Wad of collateral per option, rounded up, one per strike in order.
    function marks(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall,
        uint256[] calldata strikesWad
    ) external pure returns (uint256[] memory valuesWad);
}
