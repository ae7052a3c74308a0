// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice OpenZeppelin's EIP-2612 token, whose EIP-712 domain name differs from its ERC-20 `name()` and which has
/// no `version()`: only its EIP-5267 `eip712Domain()` tells a signer the domain. Open minting, for tests.
contract Eip5267PermitERC20 is ERC20Permit {
    constructor(string memory name_, string memory symbol_, string memory domainName_)
        ERC20(name_, symbol_)
        ERC20Permit(domainName_)
    {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
