// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC7540Operator
/// @notice ERC-7540 operators: an account (the controller) lets an operator manage its requests and claims.
interface IERC7540Operator {
    /// @notice `controller` approved (`true`) or revoked (`false`) `operator`.
    // The standard's signature: `approved` is not indexed.
    // solhint-disable-next-line gas-indexed-events
    event OperatorSet(address indexed controller, address indexed operator, bool approved);

    /// @notice Approves or revokes `operator` for the caller's requests, claims and deposits on its behalf.
    /// @param operator The operator. @param approved Whether it may act for the caller.
    /// @return Always true.
    function setOperator(address operator, bool approved) external returns (bool);

    /// @notice Whether `operator` may act for `controller`.
    function isOperator(address controller, address operator) external view returns (bool);
}

/// @title IERC7540Redeem
/// @notice ERC-7540 asynchronous redemption: shares are handed over with a request and paid out by a later claim
/// (`redeem`/`withdraw` of the ERC-4626 interface, with the controller in the owner's place).
interface IERC7540Redeem is IERC7540Operator {
    /// @notice `sender` moved `shares` of `owner` into a redemption request controlled by `controller`.
    event RedeemRequest(
        address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares
    );

    /// @notice Hands `shares` of `owner` to the vault in a redemption request of `controller`.
    /// @return requestId Always 0: requests are aggregated per controller.
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256 requestId);

    /// @notice Shares of `controller`'s request that cannot be claimed yet.
    function pendingRedeemRequest(uint256 requestId, address controller) external view returns (uint256 shares);

    /// @notice Shares of `controller`'s request that can be claimed now.
    function claimableRedeemRequest(uint256 requestId, address controller) external view returns (uint256 shares);
}
