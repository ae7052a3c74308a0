// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// @title ICollateralVault
/// @notice An ERC-4626 vault over one asset that underwrites the option market: a base-asset vault is short the
/// calls the market sells, a quote-asset vault the puts. Its NAV is the assets it holds minus the exact mark of every
/// option it is short (read from the market at each deposit and withdrawal); the full maximum payoff of those options
/// stays locked and cannot be withdrawn.
interface ICollateralVault is IERC4626, IBoundedParameters {
    /// @notice The asset moved `received` instead of `sent` in the creation probe: fee-on-transfer or rebasing.
    error FeeOnTransferAsset(uint256 sent, uint256 received);
    /// @notice The asset has more than 18 decimals.
    error UnsupportedAssetDecimals(uint8 decimals);
    /// @notice Only the option market may call.
    error OnlyMarket(address caller);
    /// @notice Only the guardian may call.
    error OnlyGuardian(address caller);
    /// @notice Deposits and withdrawals are paused by the guardian.
    error VaultPaused();
    /// @notice `account`'s shares are locked until `unlockAt` after its last deposit (sandwich guard).
    error SharesLocked(address account, uint256 unlockAt);
    /// @notice After the permit was tried, the caller's allowance to the vault, `allowance`, is below `required`: the
    /// signature was invalid or expired, or the asset has no EIP-2612 permit and was not approved.
    error PermitAllowanceTooLow(uint256 allowance, uint256 required);
    /// @notice A mint would pull `assets`, more than the `maxAssets` the caller permitted.
    error MintAssetsAboveMax(uint256 assets, uint256 maxAssets);

    /// @notice The guardian paused (true) or unpaused (false) deposits and withdrawals.
    event PausedSet(bool indexed paused);
    /// @notice The owner made `guardian` the guardian.
    event GuardianSet(address indexed guardian);
    /// @notice The owner set the deposit cooldown to `cooldownSec` seconds.
    event DepositCooldownSet(uint256 indexed cooldownSec);
    /// @notice The market paid `assets` to `to` (a premium for a position sold back, or a payoff).
    event Paid(address indexed to, uint256 indexed assets);

    /// @notice The option market, the only account that may move collateral out other than the LPs' withdrawals.
    function market() external view returns (address);

    /// @notice The guardian, who may pause deposits and withdrawals.
    function guardian() external view returns (address);

    /// @notice Whether deposits and withdrawals are paused.
    function paused() external view returns (bool);

    /// @notice Seconds after a deposit during which the receiver's shares can be neither withdrawn nor transferred.
    function depositCooldown() external view returns (uint256);

    /// @notice Timestamp from which `account`'s shares are free again.
    function unlockAt(address account) external view returns (uint256);

    /// @notice Assets held that no option locks: what LPs may withdraw in total, token units.
    /// @dev Reverts when the market cannot mark the vault (bad oracle); `maxWithdraw` returns 0 then.
    function freeAssets() external view returns (uint256);

    /// @notice `deposit(assets, receiver)` after an EIP-2612 permit of `assets` from the caller to the vault, in one
    /// transaction.
    /// @dev The permit is tried and its failure ignored; then the caller's allowance must cover `assets`. So a permit
    /// front-run from the mempool (which spends the nonce and grants the same allowance) cannot make the deposit
    /// revert, and an asset without a permit still deposits when the caller approved the vault beforehand. Reverts
    /// `PermitAllowanceTooLow`, then as `deposit`.
    /// @param assets Token units, also the permitted value. @param receiver Receives the shares.
    /// @param deadline The permit's deadline, seconds. @param v Signature. @param r Signature. @param s Signature.
    /// @return shares Shares minted, rounded down.
    function depositWithPermit(uint256 assets, address receiver, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 shares);

    /// @notice `mint(shares, receiver)` after an EIP-2612 permit of `maxAssets` from the caller to the vault, in one
    /// transaction; `maxAssets` also bounds the assets the mint pulls (slippage).
    /// @dev The permit is handled as in `depositWithPermit`. Reverts `PermitAllowanceTooLow`, `MintAssetsAboveMax`
    /// when the mint costs more than `maxAssets`, then as `mint`.
    /// @param shares Shares to mint. @param receiver Receives them. @param maxAssets Token units: the permitted value
    /// and the most the mint may pull. @param deadline The permit's deadline, seconds.
    /// @param v Signature. @param r Signature. @param s Signature.
    /// @return assets Assets pulled, rounded up.
    function mintWithPermit(
        uint256 shares,
        address receiver,
        uint256 maxAssets,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 assets);

    /// @notice Pays `assets` of the vault's asset to `to`. Only the market.
    /// @dev Reverts `OnlyMarket`. The market releases the lock of what it pays before paying, and pays at most what it
    /// releases (DESIGN.md "Collateral"), so a payment never reaches collateral locked for another option. Emits
    /// `Paid`.
    /// @param to Recipient. @param assets Token units.
    function pay(address to, uint256 assets) external;

    /// @notice Pauses or unpauses deposits and withdrawals. Only the guardian. Emits `PausedSet`.
    function setPaused(bool paused_) external;

    /// @notice Sets the guardian. Only the owner. Emits `GuardianSet`.
    function setGuardian(address guardian_) external;

    /// @notice Sets the deposit cooldown. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` above `MAX_DEPOSIT_COOLDOWN`. Emits `DepositCooldownSet`.
    function setDepositCooldown(uint256 cooldownSec) external;
}
