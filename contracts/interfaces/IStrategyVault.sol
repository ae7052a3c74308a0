// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBoundedParameters} from "./IBoundedParameters.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// @title IStrategyVault
/// @notice An ERC-4626 structured-product vault that runs its strategy in rounds (contracts/strategies/README.md).
/// Between rounds it holds only its asset and the plain ERC-4626 entry points work at the exact NAV; during a round
/// they revert with `RoundInProgress` (and `maxDeposit`/`maxMint`/`maxWithdraw`/`maxRedeem` return 0), and deposits
/// and redemptions go through the queue: `requestDeposit`/`requestRedeem` are processed in one batch at the next round
/// boundary (`startRound` or `closeRound`), all at that boundary's NAV, and `claim` then delivers the shares or assets.
/// @dev Valuation: `totalAssets()` = assets held − queued deposits − assets owed to processed redeemers + the value of
/// the strategy's positions marked on-chain by the protocol (never reported by the keeper). Premium floor: whatever
/// minimum the keeper passes, a round's premium must reach the vault's own floor, the round's options at their fair
/// value (the pricer's mark at the oracle's spot and the expiry's smile, no inventory adjustment) less
/// `maxPremiumDiscountWad` of it (of the legs' gross value for a spread), or the round start reverts
/// `PremiumBelowFloor`: a sandwich that moves the market's inventory to make the vault's trade cheap then costs its
/// author the market's fees and inventory charge and earns nothing, and the keeper retries later. Roles: the keeper may
/// only start a round (with its slippage bounds); anyone may close a round once it expired; the guardian may pause
/// entries (deposits, deposit requests, round starts), never exits; the owner sets the roles and the strategy's
/// bounded parameters. Shares have the asset's decimals plus `DECIMALS_OFFSET` (virtual shares against inflation).
interface IStrategyVault is IERC4626, IBoundedParameters {
    /// @notice A request waiting in (or processed by) the queue: `amount` (assets for a deposit, shares for a
    /// redemption) queued in batch `batch`.
    struct Request {
        uint128 amount;
        uint128 batch;
    }

    /// @notice One batch of the queue: what was requested and what the boundary gave for it.
    /// @param depositAssets Assets queued for deposit. @param mintedShares Shares the boundary minted for them.
    /// @param redeemShares Shares queued for redemption. @param redeemedAssets Assets the boundary paid for them.
    struct Batch {
        uint128 depositAssets;
        uint128 mintedShares;
        uint128 redeemShares;
        uint128 redeemedAssets;
    }

    /// @notice A plain ERC-4626 deposit, mint, withdrawal or redemption, or a round start, during a round.
    error RoundInProgress();
    /// @notice `closeRound` while no round runs.
    error NoRoundInProgress();
    /// @notice `closeRound` before the round's expiry `expiry`.
    error RoundNotExpired(uint256 expiry);
    /// @notice Only the keeper may start a round.
    error OnlyKeeper(address caller);
    /// @notice Only the guardian may pause.
    error OnlyGuardian(address caller);
    /// @notice Entries (deposits, deposit requests, round starts) are paused.
    error StrategyPaused();
    /// @notice A request of zero, or above 2^128 − 1.
    error InvalidAmount(uint256 amount);
    /// @notice `account` has no processed request to claim.
    error NothingToClaim(address account);
    /// @notice The round's trades would bring `premiumAssets` (net of what a spread pays for its long leg), below the
    /// vault's floor `floorAssets`: the market was moved against the vault, or its fees and inventory charge exceed
    /// the tolerance. The keeper retries later.
    error PremiumBelowFloor(uint256 premiumAssets, uint256 floorAssets);

    /// @notice Round `round` started, to expire at `expiry`.
    event RoundStarted(uint256 indexed round, uint256 indexed expiry);
    /// @notice Round `round` closed with the vault's NAV at `navAssets`, before its queue was processed.
    event RoundClosed(uint256 indexed round, uint256 indexed navAssets);
    /// @notice `caller` queued `assets` for deposit in batch `batch`, to be credited to `receiver`.
    event DepositRequested(address indexed caller, address indexed receiver, uint256 indexed batch, uint256 assets);
    /// @notice `owner` queued `shares` for redemption in batch `batch`.
    event RedeemRequested(address indexed owner, uint256 indexed batch, uint256 indexed shares);
    /// @notice Batch `batch` was processed at a round boundary: the deposits minted `mintedShares`, the redemptions
    /// took `redeemedAssets` out of the NAV.
    event BatchProcessed(uint256 indexed batch, uint256 indexed mintedShares, uint256 indexed redeemedAssets);
    /// @notice `account` received `shares` and `assets` for its processed requests.
    event Claimed(address indexed account, uint256 indexed shares, uint256 indexed assets);
    /// @notice The owner made `keeper` the keeper.
    event KeeperSet(address indexed keeper);
    /// @notice The owner made `guardian` the guardian.
    event GuardianSet(address indexed guardian);
    /// @notice The guardian paused (true) or unpaused (false) entries.
    event PausedSet(bool indexed paused);
    /// @notice The owner set the premium floor's tolerance under the fair value.
    event MaxPremiumDiscountSet(uint256 indexed discountWad);

    /// @notice Queues `assets` (pulled from the caller now) for deposit at the next round boundary, credited to
    /// `receiver`. Any time, also between rounds. A processed earlier request of `receiver` is claimed first.
    /// @dev The queued assets do not count in the NAV until processed. Reverts `StrategyPaused`, `InvalidAmount`.
    /// Emits `DepositRequested`.
    function requestDeposit(uint256 assets, address receiver) external;

    /// @notice Queues `shares` of the caller (moved into the vault now) for redemption at the next round boundary.
    /// Any time, also while paused. A processed earlier request of the caller is claimed first.
    /// @dev Reverts `InvalidAmount`, or the token's insufficient-balance error. Emits `RedeemRequested`.
    function requestRedeem(uint256 shares) external;

    /// @notice Sends `account` the shares and assets of its processed requests (pro rata of its batch, rounded
    /// down). Anyone may call; the tokens go only to `account`.
    /// @dev Reverts `NothingToClaim`. Emits `Claimed`.
    /// @return shares Shares sent. @return assets Assets sent, token units.
    function claim(address account) external returns (uint256 shares, uint256 assets);

    /// @notice Starts a round: processes the queue at the current NAV, then opens the strategy's positions with the
    /// keeper's slippage bounds and the vault's own premium floor (the effective minimum is the higher of the two).
    /// Only the keeper, between rounds, not paused.
    /// @dev Reverts `OnlyKeeper`, `StrategyPaused`, `RoundInProgress`, `PremiumBelowFloor`, or the strategy's and the
    /// market's errors (`PremiumBelowMin`, `PremiumAboveMax`, `DeadlineExpired`, ...). Emits `BatchProcessed`,
    /// `RoundStarted`.
    /// @param minPremiumAssets Least premium received (a selling strategy; net of the long leg for a spread) or most
    /// paid (a buying one), token units.
    /// @param deadline Last timestamp at which the round's trades may execute.
    function startRound(uint256 minPremiumAssets, uint256 deadline) external;

    /// @notice Closes the round once its expiry passed: settles its positions, then processes the queue at the NAV
    /// they leave. Anyone.
    /// @dev Reverts `NoRoundInProgress`, `RoundNotExpired`, or the settlement's errors (e.g. the settlement oracle's
    /// `NotSettled` until the expiry's price is fixed). Emits `RoundClosed`, `BatchProcessed`.
    function closeRound() external;

    /// @notice Pauses or unpauses entries. Only the guardian. Emits `PausedSet`.
    function setPaused(bool paused_) external;

    /// @notice Sets the keeper. Only the owner. Emits `KeeperSet`.
    function setKeeper(address keeper_) external;

    /// @notice Sets the guardian. Only the owner. Emits `GuardianSet`.
    function setGuardian(address guardian_) external;

    /// @notice Sets the premium floor's tolerance: a round accepts down to the fair value less this share of it
    /// (room for the market's fees and inventory charge of an honest round). Only the owner; applies from the next
    /// round.
    /// @dev Reverts `ParameterOutOfBounds` outside `[MIN_PREMIUM_DISCOUNT, MAX_PREMIUM_DISCOUNT]`. Emits
    /// `MaxPremiumDiscountSet`.
    function setMaxPremiumDiscount(uint256 discountWad) external;

    /// @notice Whether a round is running.
    function roundActive() external view returns (bool);
    /// @notice Rounds started so far (the running or last round's number, from 1).
    function round() external view returns (uint256);
    /// @notice Expiry of the running or last round, seconds.
    function roundExpiry() external view returns (uint256);
    /// @notice The batch that requests join now; every lower batch is processed.
    function currentBatch() external view returns (uint256);
    /// @notice Totals of batch `batchId`.
    function batches(uint256 batchId) external view returns (Batch memory);
    /// @notice `account`'s queued or unclaimed deposit request.
    function depositRequestOf(address account) external view returns (Request memory);
    /// @notice `account`'s queued or unclaimed redemption request.
    function redeemRequestOf(address account) external view returns (Request memory);
    /// @notice Assets queued for deposit in the current batch, token units (not in the NAV).
    function pendingDepositAssets() external view returns (uint256);
    /// @notice Assets owed to processed redemptions and not yet claimed, token units (not in the NAV).
    function claimableAssets() external view returns (uint256);
    /// @notice Value of the strategy's positions marked on-chain now, token units (0 between rounds).
    function positionsValue() external view returns (uint256);
    /// @notice The keeper.
    function keeper() external view returns (address);
    /// @notice The guardian.
    function guardian() external view returns (address);
    /// @notice Whether entries are paused.
    function paused() external view returns (bool);
    /// @notice The premium floor's tolerance under the round's fair value, wad.
    function maxPremiumDiscountWad() external view returns (uint256);
}
