// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionPricer} from "../interfaces/IOptionPricer.sol";
import {OptionValuation} from "../libraries/OptionValuation.sol";
import {Svi} from "../libraries/Svi.sol";

/// @title OptionPricer
/// @notice `OptionValuation` behind an external interface (see `IOptionPricer`), deployed once and shared.
contract OptionPricer is IOptionPricer {
    /// @inheritdoc IOptionPricer
    function quote(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall,
        bool roundUp
    ) external pure returns (OptionValuation.Quote memory) {
        return OptionValuation.quote(smile, spotWad, strikeWad, timeSec, rateWad, isCall, roundUp);
    }

    /// @inheritdoc IOptionPricer
    function mark(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) external pure returns (uint256) {
        return OptionValuation.markWad(smile, spotWad, strikeWad, timeSec, rateWad, isCall);
    }

    /// @inheritdoc IOptionPricer
    function markPair(
        Svi.Params calldata smile,
        Svi.Params calldata shockedSmile,
        uint256 spotWad,
        uint256 shockedSpotWad,
        uint256 strikeWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall
    ) external pure returns (uint256, uint256) {
        return OptionValuation.markPairWad(
            smile, shockedSmile, spotWad, shockedSpotWad, strikeWad, timeSec, rateWad, isCall
        );
    }

    /// @inheritdoc IOptionPricer
    function marks(
        Svi.Params calldata smile,
        uint256 spotWad,
        uint256 timeSec,
        uint256 rateWad,
        bool isCall,
        uint256[] calldata strikesWad
    ) external pure returns (uint256[] memory) {
        return OptionValuation.marksWad(smile, spotWad, strikesWad, timeSec, rateWad, isCall);
    }
}
