// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A token with DAI's permit views: a domain separator and nonces like EIP-2612's, but DAI's `Permit` type
/// (`holder, spender, nonce, expiry, allowed`), whose `permit` takes other arguments than EIP-2612's. Only the views
/// are here: what a client reads to decide whether it can sign an EIP-2612 permit. Open minting, for tests.
contract DaiStylePermitERC20 is ERC20 {
    /// @notice DAI's permit type hash.
    bytes32 public constant PERMIT_TYPEHASH =
        keccak256("Permit(address holder,address spender,uint256 nonce,uint256 expiry,bool allowed)");

    /// @notice Always 0: no permit is ever spent here.
    mapping(address owner => uint256) public nonces;

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice The EIP-712 domain separator over (name, "1", chain id, this), as DAI's.
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name())),
                keccak256("1"),
                block.chainid,
                address(this)
            )
        );
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
