// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @notice An ERC-20 that, like an ERC-777, calls a hook on every transfer before moving the balance, so that a
/// test can try to reenter the protocol from inside a token transfer. The hook's outcome is recorded rather than
/// bubbled (a transfer library may replace the revert data), so the test reads what the reentrant call got.
contract HookedERC20 is TestERC20 {
    address public hook;
    bytes public hookData;
    bool public lastHookOk;
    bytes public lastHookReturn;
    uint256 public hookCalls;
    bool private inHook;

    constructor() TestERC20("Hooked", "HOOK", 18) {}

    /// @notice Calls `hook_` with `data_` on the next transfers (until cleared), recording the outcome.
    function setHook(address hook_, bytes calldata data_) external {
        hook = hook_;
        hookData = data_;
    }

    function _beforeTokenTransfer(address from, address to, uint256 amount) internal override {
        super._beforeTokenTransfer(from, to, amount);
        if (hook == address(0) || inHook || from == address(0)) return;
        inHook = true;
        (lastHookOk, lastHookReturn) = hook.call(hookData);
        ++hookCalls;
        inHook = false;
    }
}
