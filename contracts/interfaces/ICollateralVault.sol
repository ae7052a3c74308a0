// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IERC7540Redeem} from "./IERC7540.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// @title ICollateralVault
/// @notice An ERC-4626 vault over one asset that underwrites the option market: a base-asset vault is short the
/// calls the market sells, a quote-asset vault the puts. Its NAV is the assets it holds minus the exact mark of every
/// option it is short (read from the market at each deposit and exit); the full maximum payoff of those options
/// stays locked and cannot be withdrawn.
/// @dev Entries are synchronous ERC-4626 deposits and mints at the NAV. Exits are asynchronous (ERC-7540): an LP
/// requests (`requestRedeem`), its shares move into the vault, and after `exitNotice` seconds it claims with
/// `redeem`/`withdraw` (controller in the owner's place) at the LOWER of the exit price at the request and at the
/// claim. The exit price counts what the vault holds less the mark of what it is short, not what margin accounts owe
/// it (options they wrote to it, payoffs they owe on settled ones): an exit never takes part of a receivable whose
/// writer may be insolvent. The previews of exits revert (`AsyncExit`), as ERC-7540 requires.
interface ICollateralVault is IERC4626, IERC7540Redeem, IERC165, IBoundedParameters {
    /// @notice One controller's redemption request: the shares held for it, the most they may pay (their exit value
    /// at the request, rounded down, token units) and the time from which they can be claimed.
    struct ExitRequest {
        uint128 shares;
        uint128 assetsCap;
        uint64 claimableAt;
    }

    /// @notice One marking of the vault, token units: the assets it holds; the mark of the options it is short plus
    /// the payoffs it owes on settled ones (rounded up); what is locked or reserved for them; and its longs, the mark
    /// of the options margin accounts wrote to it (rounded down) plus the payoffs they owe on settled ones. NAV =
    /// held + longs − mark; exit value = held − mark; free = held − encumbered.
    struct Marks {
        uint256 held;
        uint256 mark;
        uint256 encumbered;
        uint256 longs;
    }

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
    /// @notice A deposit or mint would mint no shares, or a request would hand over none.
    error ZeroShares();
    /// @notice `caller` may not act for `account` (neither the account nor an operator it approved).
    error NotAuthorized(address caller, address account);
    /// @notice Exits are asynchronous: there is no preview of a direct exit (ERC-7540); see `previewClaim`.
    error AsyncExit();
    /// @notice `controller` has no request, or it cannot be claimed before `claimableAt`.
    error ExitNotClaimable(address controller, uint256 claimableAt);
    /// @notice After the permit was tried, the caller's allowance to the vault, `allowance`, is below `required`: the
    /// signature was invalid or expired, or the asset has no EIP-2612 permit and was not approved.
    error PermitAllowanceTooLow(uint256 allowance, uint256 required);
    /// @notice A mint would pull `assets`, more than the `maxAssets` the caller permitted.
    error MintAssetsAboveMax(uint256 assets, uint256 maxAssets);

    /// @notice The guardian paused (true) or unpaused (false) deposits and withdrawals.
    event PausedSet(bool indexed paused);
    /// @notice The owner made `guardian` the guardian.
    event GuardianSet(address indexed guardian);
    /// @notice The owner set the exit notice to `noticeSec` seconds.
    event ExitNoticeSet(uint256 indexed noticeSec);
    /// @notice `controller` took back the `shares` of its pending or claimable request.
    event RedeemRequestCancelled(address indexed controller, uint256 indexed shares);
    /// @notice The market paid `assets` to `to` (a premium for a position sold back, or a payoff).
    event Paid(address indexed to, uint256 indexed assets);

    /// @notice The option market, the only account that may move collateral out other than the LPs' withdrawals.
    function market() external view returns (address);

    /// @notice The guardian, who may pause deposits and withdrawals.
    function guardian() external view returns (address);

    /// @notice Whether deposits and withdrawals are paused.
    function paused() external view returns (bool);

    /// @notice The vault marked now (see `Marks`).
    /// @dev Reverts with the market's or an oracle's error when the vault cannot be marked.
    function marks() external view returns (Marks memory);

    /// @notice Seconds between a redemption request and its claim.
    function exitNotice() external view returns (uint256);

    /// @notice `controller`'s redemption request (all zero: none).
    function exitRequest(address controller) external view returns (ExitRequest memory);

    /// @notice Assets a claim of `shares` of `controller`'s request would pay now: the lower of their share of the
    /// request's cap and their exit value now, rounded down, before the free-assets limit (`maxRedeem`).
    /// @dev Reverts when the vault cannot be marked (bad oracle), like the claim itself.
    function previewClaim(address controller, uint256 shares) external view returns (uint256 assets);

    /// @notice Gives `controller`'s pending or claimable request back: its shares return to the controller. Only the
    /// controller or its operator. Emits `RedeemRequestCancelled`.
    /// @dev Reverts `NotAuthorized`, `ExitNotClaimable` (no request). Cancelling never pays more than holding: the
    /// shares come back at whatever they are worth now.
    /// @return shares The shares returned.
    function cancelRedeemRequest(address controller) external returns (uint256 shares);

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
    /// releases (docs/architecture.md, collateral), so a payment never reaches collateral locked for another option.
    /// Emits `Paid`.
    /// @param to Recipient. @param assets Token units.
    function pay(address to, uint256 assets) external;

    /// @notice Pauses or unpauses deposits and withdrawals. Only the guardian. Emits `PausedSet`.
    function setPaused(bool paused_) external;

    /// @notice Sets the guardian. Only the owner. Emits `GuardianSet`.
    function setGuardian(address guardian_) external;

    /// @notice Sets the exit notice. Only the owner. Requests already made keep their claim time.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_EXIT_NOTICE, MAX_EXIT_NOTICE]`. Emits `ExitNoticeSet`.
    function setExitNotice(uint256 noticeSec) external;
}
