// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @notice An ERC-20 that burns 1 % of every transfer, as fee-on-transfer tokens do.
contract FeeOnTransferERC20 is TestERC20 {
    constructor() TestERC20("Fee", "FEE", 18) {}

    function _afterTokenTransfer(address from, address to, uint256 amount) internal override {
        super._afterTokenTransfer(from, to, amount);
        if (from != address(0) && to != address(0)) _burn(to, amount / 100);
    }
}
