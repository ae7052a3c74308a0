// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStrategyVault} from "../interfaces/IStrategyVault.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title StrategyVault
/// @notice The base a structured-product builder extends (see `IStrategyVault`): rounds, the deposit/redemption queue,
/// the keeper, guardian and owner roles and the NAV. A strategy implements `_openRound` (enter its positions with the
/// keeper's slippage bounds, return the round's expiry), `_closeRound` (settle them back into the asset) and
/// `_positionsValue` (mark them on-chain through the protocol's views).
/// @dev ERC-4626 during a round. A plain deposit or withdrawal mid-round would enter or leave at a NAV that includes
/// positions marked before the round's outcome is known, which a depositor could time; so mid-round the entry points
/// revert `RoundInProgress`, the `max*` functions return 0 as ERC-4626 requires, and the queue is the only way in or
/// out. Between rounds the vault holds only its asset, the NAV is exact and the entry points are plain ERC-4626
/// (OpenZeppelin's, rounding toward the vault: deposit and redeem round down, mint and withdraw round up).
///
/// The queue. Each request joins the current batch; at the next boundary (`startRound` or `closeRound`) the batch is
/// processed at that boundary's NAV and supply: redemptions first (shares burnt, assets rounded down set aside),
/// then deposits (shares rounded down minted to the vault, held for the requesters), both at the same price per
/// share up to rounding toward the vault. Claims are pro rata of the batch, rounded down; the dust of a batch stays
/// with the vault (unclaimable shares are held by the vault itself, unclaimable assets stay set aside).
///
/// Premium floor. The keeper's minimum premium is only its own slippage bound: a keeper that passes a loose one could
/// be sandwiched (someone moves the market's inventory for the round's expiry so that the vault's trade pays a large
/// inventory charge, then unwinds at a profit). So each strategy also checks its premium against its own floor, the
/// options' fair value on-chain less `maxPremiumDiscountWad` of it (`OptionLegs.fairValueWadUp`,
/// `StrategyMath.premiumFloorUp`), and reverts `PremiumBelowFloor` below it. A round that cannot reach the floor does
/// not start: the vault loses nothing, an attacker who griefs it pays the market's fees and inventory charge of its
/// manipulation every time, and the keeper retries later. The tolerance starts at `DEFAULT_PREMIUM_DISCOUNT`
/// (constructors unchanged).
///
/// Inflation attack: `DECIMALS_OFFSET` virtual shares, as `CollateralVault`.
abstract contract StrategyVault is IStrategyVault, ERC4626, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Virtual share decimals: 10^6 virtual shares against the inflation attack.
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Tightest premium floor: 99 % of the fair value (the market always charges a fee).
    uint256 public constant MIN_PREMIUM_DISCOUNT = 0.01e18;
    /// @notice Loosest premium floor: half the fair value.
    uint256 public constant MAX_PREMIUM_DISCOUNT = 0.5e18;
    /// @notice Initial tolerance, 20 %: the market's fees (~1.6 % of a 10 % out-of-the-money weekly option's value at
    /// the reference parameters) and the inventory charge of selling a whole vault into a flat book (~6 % for 1,000
    /// calls, ~12 % for 2,000, against a vega depth of 1,000), with room for a longer expiry's larger vega.
    uint256 public constant DEFAULT_PREMIUM_DISCOUNT = 0.2e18;
    /// @notice Token units a premium may fall short of the floor by: the market rounds the premium down and its fee
    /// (with its per-option minimum) up, the floor rounds up. A percentage tolerance cannot cover these units on a dust
    /// round (a few wei of options), which would otherwise never start; four units are worth nothing to a sandwich.
    uint256 public constant PREMIUM_ROUNDING_ASSETS = 4;

    /// @inheritdoc IStrategyVault
    address public keeper;
    /// @inheritdoc IStrategyVault
    address public guardian;
    /// @inheritdoc IStrategyVault
    bool public paused;
    /// @inheritdoc IStrategyVault
    bool public roundActive;
    /// @inheritdoc IStrategyVault
    uint256 public round;
    /// @inheritdoc IStrategyVault
    uint256 public roundExpiry;
    /// @inheritdoc IStrategyVault
    uint256 public currentBatch;
    /// @inheritdoc IStrategyVault
    uint256 public claimableAssets;
    /// @inheritdoc IStrategyVault
    uint256 public maxPremiumDiscountWad;

    mapping(uint256 batchId => Batch) private _batches;
    mapping(address account => Request) private _depositRequests;
    mapping(address account => Request) private _redeemRequests;

    /// @param asset_ The vault's asset. @param name_ Share name. @param symbol_ Share symbol.
    /// @param owner_ Sets the roles and parameters. @param keeper_ Starts rounds. @param guardian_ May pause.
    constructor(
        IERC20Metadata asset_,
        string memory name_,
        string memory symbol_,
        address owner_,
        address keeper_,
        address guardian_
    ) ERC20(name_, symbol_) ERC4626(asset_) Ownable(owner_) {
        _setKeeper(keeper_);
        _setGuardian(guardian_);
        _setMaxPremiumDiscount(DEFAULT_PREMIUM_DISCOUNT);
    }

    // ---------------------------------------------------------------- ERC-4626

    /// @notice Held − queued deposits − assets owed to processed redemptions + the positions' on-chain mark, token
    /// units. Mid-round it reads the protocol's marks (and reverts with their errors when they cannot be read).
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        uint256 gross = IERC20(asset()).balanceOf(address(this)) + _positionsValue();
        uint256 excluded = _batches[currentBatch].depositAssets + claimableAssets;
        return gross > excluded ? gross - excluded : 0;
    }

    /// @notice Unbounded between rounds; 0 during a round or while paused (a deposit would revert).
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return roundActive || paused ? 0 : type(uint256).max;
    }

    /// @notice Unbounded between rounds; 0 during a round or while paused (a mint would revert).
    function maxMint(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return roundActive || paused ? 0 : type(uint256).max;
    }

    /// @notice The owner's shares' value rounded down between rounds; 0 during a round.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return roundActive ? 0 : super.maxWithdraw(owner);
    }

    /// @notice The owner's shares between rounds; 0 during a round.
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return roundActive ? 0 : super.maxRedeem(owner);
    }

    /// @notice ERC-4626 deposit, between rounds only. Reverts `RoundInProgress`, `StrategyPaused`.
    function deposit(uint256 assets, address receiver)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256)
    {
        _checkCanEnter();
        return super.deposit(assets, receiver);
    }

    /// @notice ERC-4626 mint, between rounds only. Reverts `RoundInProgress`, `StrategyPaused`.
    function mint(uint256 shares, address receiver) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _checkCanEnter();
        return super.mint(shares, receiver);
    }

    /// @notice ERC-4626 withdraw, between rounds only (also while paused). Reverts `RoundInProgress`.
    function withdraw(uint256 assets, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256)
    {
        _checkBetweenRounds();
        return super.withdraw(assets, receiver, owner);
    }

    /// @notice ERC-4626 redeem, between rounds only (also while paused). Reverts `RoundInProgress`.
    function redeem(uint256 shares, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256)
    {
        _checkBetweenRounds();
        return super.redeem(shares, receiver, owner);
    }

    // ---------------------------------------------------------------- queue

    /// @inheritdoc IStrategyVault
    function requestDeposit(uint256 assets, address receiver) external nonReentrant {
        if (paused) revert StrategyPaused();
        uint256 batchId = currentBatch;
        Request memory r = _depositRequests[receiver];
        if (r.amount != 0 && r.batch != batchId) _claim(receiver);
        uint128 amount = _checkAmount(assets);
        _depositRequests[receiver] =
            Request({amount: _depositRequests[receiver].amount + amount, batch: batchId.toUint128()});
        _batches[batchId].depositAssets += amount;
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assets);
        emit DepositRequested(msg.sender, receiver, batchId, assets);
    }

    /// @inheritdoc IStrategyVault
    function requestRedeem(uint256 shares) external nonReentrant {
        uint256 batchId = currentBatch;
        Request memory r = _redeemRequests[msg.sender];
        if (r.amount != 0 && r.batch != batchId) _claim(msg.sender);
        uint128 amount = _checkAmount(shares);
        _redeemRequests[msg.sender] =
            Request({amount: _redeemRequests[msg.sender].amount + amount, batch: batchId.toUint128()});
        _batches[batchId].redeemShares += amount;
        _transfer(msg.sender, address(this), shares);
        emit RedeemRequested(msg.sender, batchId, shares);
    }

    /// @inheritdoc IStrategyVault
    function claim(address account) external nonReentrant returns (uint256 shares, uint256 assets) {
        bool found;
        (found, shares, assets) = _claim(account);
        if (!found) revert NothingToClaim(account);
    }

    // ---------------------------------------------------------------- rounds

    /// @inheritdoc IStrategyVault
    function startRound(uint256 minPremiumAssets, uint256 deadline) external nonReentrant {
        if (msg.sender != keeper) revert OnlyKeeper(msg.sender);
        if (paused) revert StrategyPaused();
        _checkBetweenRounds();
        _processBatch();
        uint256 roundId = round + 1;
        round = roundId;
        roundActive = true;
        uint256 expiry = _openRound(minPremiumAssets, deadline);
        roundExpiry = expiry;
        emit RoundStarted(roundId, expiry);
    }

    /// @inheritdoc IStrategyVault
    function closeRound() external nonReentrant {
        if (!roundActive) revert NoRoundInProgress();
        uint256 expiry = roundExpiry;
        if (block.timestamp < expiry) revert RoundNotExpired(expiry);
        _closeRound();
        roundActive = false;
        emit RoundClosed(round, totalAssets());
        _processBatch();
    }

    // ---------------------------------------------------------------- roles

    /// @inheritdoc IStrategyVault
    function setPaused(bool paused_) external {
        if (msg.sender != guardian) revert OnlyGuardian(msg.sender);
        paused = paused_;
        emit PausedSet(paused_);
    }

    /// @inheritdoc IStrategyVault
    function setKeeper(address keeper_) external onlyOwner {
        _setKeeper(keeper_);
    }

    /// @inheritdoc IStrategyVault
    function setGuardian(address guardian_) external onlyOwner {
        _setGuardian(guardian_);
    }

    /// @inheritdoc IStrategyVault
    function setMaxPremiumDiscount(uint256 discountWad) external onlyOwner {
        _setMaxPremiumDiscount(discountWad);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStrategyVault
    function batches(uint256 batchId) external view returns (Batch memory) {
        return _batches[batchId];
    }

    /// @inheritdoc IStrategyVault
    function depositRequestOf(address account) external view returns (Request memory) {
        return _depositRequests[account];
    }

    /// @inheritdoc IStrategyVault
    function redeemRequestOf(address account) external view returns (Request memory) {
        return _redeemRequests[account];
    }

    /// @inheritdoc IStrategyVault
    function pendingDepositAssets() external view returns (uint256) {
        return _batches[currentBatch].depositAssets;
    }

    /// @inheritdoc IStrategyVault
    function positionsValue() external view returns (uint256) {
        return _positionsValue();
    }

    // ---------------------------------------------------------------- strategy hooks

    /// @dev Enters the round's positions with all the NAV (`totalAssets()`, held in the asset: the queue was just
    /// processed), inside the keeper's bounds. Returns the round's expiry, at or after which `closeRound` may run.
    function _openRound(uint256 minPremiumAssets, uint256 deadline) internal virtual returns (uint256 expiry);

    /// @dev Settles the round's positions back into the asset, so that `_positionsValue()` is 0 afterwards.
    function _closeRound() internal virtual;

    /// @dev The positions' value marked on-chain by the protocol, token units, rounded down (0 with no position).
    function _positionsValue() internal view virtual returns (uint256);

    // ---------------------------------------------------------------- premium floor

    /// @dev Reverts `PremiumBelowFloor` when the round's `premiumAssets` is below its `floorAssets` by more than
    /// `PREMIUM_ROUNDING_ASSETS`.
    function _checkPremiumFloor(uint256 premiumAssets, uint256 floorAssets) internal pure {
        if (premiumAssets + PREMIUM_ROUNDING_ASSETS < floorAssets) {
            revert PremiumBelowFloor(premiumAssets, floorAssets);
        }
    }

    // ---------------------------------------------------------------- internals

    /// @dev Share decimals are the asset's plus `DECIMALS_OFFSET`.
    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// @dev Processes the current batch at the NAV now: redemptions, then deposits at the price they leave (the same
    /// price per share, up to rounding toward the vault), then opens the next batch.
    function _processBatch() private {
        uint256 batchId = currentBatch;
        Batch storage b = _batches[batchId];
        uint256 redeemShares = b.redeemShares;
        uint256 depositAssets = b.depositAssets;
        uint256 redeemed;
        uint256 minted;
        if (redeemShares != 0) {
            redeemed = _convertToAssets(redeemShares, Math.Rounding.Floor);
            _burn(address(this), redeemShares);
            claimableAssets += redeemed;
            b.redeemedAssets = redeemed.toUint128();
        }
        if (depositAssets != 0) {
            // The queued assets are still excluded from `totalAssets()`: the batch is current until the line below.
            minted = _convertToShares(depositAssets, Math.Rounding.Floor);
            _mint(address(this), minted);
            b.mintedShares = minted.toUint128();
        }
        currentBatch = batchId + 1;
        emit BatchProcessed(batchId, minted, redeemed);
    }

    /// @dev Delivers `account`'s processed requests, pro rata of their batches, rounded down; `found` is false when
    /// it had none.
    function _claim(address account) private returns (bool found, uint256 shares, uint256 assets) {
        uint256 batchId = currentBatch;
        Request memory d = _depositRequests[account];
        if (d.amount != 0 && d.batch < batchId) {
            found = true;
            Batch memory b = _batches[d.batch];
            shares = Math.mulDiv(d.amount, b.mintedShares, b.depositAssets);
            delete _depositRequests[account];
            _transfer(address(this), account, shares);
        }
        Request memory r = _redeemRequests[account];
        if (r.amount != 0 && r.batch < batchId) {
            found = true;
            Batch memory b = _batches[r.batch];
            assets = Math.mulDiv(r.amount, b.redeemedAssets, b.redeemShares);
            delete _redeemRequests[account];
            claimableAssets -= assets;
            IERC20(asset()).safeTransfer(account, assets);
        }
        if (found) emit Claimed(account, shares, assets);
    }

    function _checkAmount(uint256 amount) private pure returns (uint128) {
        if (amount == 0 || amount > type(uint128).max) revert InvalidAmount(amount);
        // Checked above: the amount fits in 128 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint128(amount);
    }

    function _checkBetweenRounds() private view {
        if (roundActive) revert RoundInProgress();
    }

    function _checkCanEnter() private view {
        _checkBetweenRounds();
        if (paused) revert StrategyPaused();
    }

    function _setKeeper(address keeper_) private {
        keeper = keeper_;
        emit KeeperSet(keeper_);
    }

    function _setGuardian(address guardian_) private {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    function _setMaxPremiumDiscount(uint256 discountWad) private {
        ParameterBounds.check(discountWad, MIN_PREMIUM_DISCOUNT, MAX_PREMIUM_DISCOUNT);
        maxPremiumDiscountWad = discountWad;
        emit MaxPremiumDiscountSet(discountWad);
    }
}
