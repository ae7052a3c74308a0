// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title CollateralVault
/// @notice ERC-4626 vault over one asset that underwrites the option market (see `ICollateralVault`).
/// @dev NAV. `totalAssets() = held + longs − mark` from `market.liabilities(this)`, computed exactly at every call: the
/// mark of every option the vault is short, at the oracle's spot and the SVI smile, plus payoffs owed on settled
/// options; plus the mark (rounded down) of the options margin accounts wrote to the vault and the payoffs the margin
/// engine owes on settled ones; there is no cached value a keeper could leave stale. The vault is fully
/// collateralised (every option it is short locks its maximum payoff, and the mark never exceeds it), so
/// held ≥ mark and NAV ≥ 0.
///
/// Rounding, as ERC-4626 requires and always toward the vault: deposit mints shares rounded down, mint takes assets
/// rounded up, withdraw burns shares rounded up, redeem pays assets rounded down; the liabilities are marked rounded
/// up. Each deposit or withdrawal reads the mark once (the entry points below do not go through the previews, which
/// would read it twice).
///
/// Inflation attack. `_decimalsOffset() = DECIMALS_OFFSET` (6) adds 10^6 virtual shares and 1 virtual asset: an
/// attacker who donates D to an empty vault to round a victim's deposit down loses about 10^6 times what the victim
/// loses, so the attack never pays.
///
/// Sandwich guard. The NAV moves when the spot or a smile is updated; a deposit just before such an update and a
/// withdrawal just after would capture part of the move at no risk. After a deposit the receiver's shares cannot be
/// withdrawn, redeemed or transferred for `depositCooldown` seconds, so the same trade carries the market risk of that
/// window. A third party can extend an account's cooldown only by depositing to it (giving it the deposit).
///
/// Fee-on-transfer and rebasing assets are rejected at creation by a probe: the deployer must approve the vault's
/// (precomputed) address for one whole token (10^decimals units), which the constructor pulls and sends back,
/// checking that each leg moved exactly that amount. An asset that later turns on a fee is out of scope: list only
/// assets whose transfer logic cannot change, or pause the vault.
///
/// Reentrancy. Deposits, withdrawals and payments are `nonReentrant`, and the market refuses to mark the vault while
/// it is itself mid-trade (`MarketLocked`), so an asset with transfer hooks cannot act on a half-written state.
contract CollateralVault is ICollateralVault, ERC4626, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Virtual share decimals: 10^6 virtual shares against the inflation attack.
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Longest deposit cooldown: one day, beyond any oracle or smile update interval worth sandwiching.
    uint256 public constant MAX_DEPOSIT_COOLDOWN = 1 days;
    /// @notice Largest asset decimals: amounts are converted from wad by a power of ten.
    uint8 public constant MAX_ASSET_DECIMALS = 18;

    /// @inheritdoc ICollateralVault
    address public immutable market;
    /// @inheritdoc ICollateralVault
    address public guardian;
    /// @inheritdoc ICollateralVault
    bool public paused;
    /// @inheritdoc ICollateralVault
    uint256 public depositCooldown;
    /// @inheritdoc ICollateralVault
    mapping(address account => uint256) public unlockAt;

    /// @param asset_ The collateral asset (no fee on transfer, at most 18 decimals).
    /// @param name_ Share name. @param symbol_ Share symbol.
    /// @param market_ The option market (its address may be precomputed: it is deployed after the vaults).
    /// @param owner_ Sets the guardian and the cooldown. @param guardian_ May pause.
    /// @param depositCooldown_ Seconds, at most `MAX_DEPOSIT_COOLDOWN`.
    constructor(
        IERC20Metadata asset_,
        string memory name_,
        string memory symbol_,
        address market_,
        address owner_,
        address guardian_,
        uint256 depositCooldown_
    ) ERC20(name_, symbol_) ERC4626(asset_) Ownable(owner_) {
        uint8 assetDecimals = asset_.decimals();
        if (assetDecimals > MAX_ASSET_DECIMALS) revert UnsupportedAssetDecimals(assetDecimals);
        market = market_;
        _probeTransfers(asset_, 10 ** assetDecimals);
        _setGuardian(guardian_);
        _setDepositCooldown(depositCooldown_);
    }

    /// @notice Total assets net of liabilities: held + (mark of options long + payoffs owed to the vault) − (mark of
    /// options short + payoffs owed), token units.
    /// @dev Reverts with the market's or an oracle's error when the vault cannot be marked.
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        (uint256 nav,) = _navAndFree();
        return nav;
    }

    /// @inheritdoc ICollateralVault
    function freeAssets() external view returns (uint256 free) {
        (, free) = _navAndFree();
    }

    /// @notice Unbounded, except 0 while paused or while the vault cannot be marked (a deposit would revert).
    /// Never reverts.
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return _canEnter() ? type(uint256).max : 0;
    }

    /// @notice Unbounded, except 0 while paused or while the vault cannot be marked (a mint would revert).
    /// Never reverts.
    function maxMint(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return _canEnter() ? type(uint256).max : 0;
    }

    /// @notice The assets `owner` can withdraw now: its shares' value rounded down, at most the free assets; 0 while
    /// paused, during its cooldown, or when the vault cannot be marked. Never reverts.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        if (!_canExit(owner)) return 0;
        try this.freeAssets() returns (uint256 free) {
            return Math.min(_convertToAssets(balanceOf(owner), Math.Rounding.Floor), free);
        } catch {
            return 0;
        }
    }

    /// @notice The shares `owner` can redeem now: its balance, at most the free assets' worth rounded down; 0 while
    /// paused, during its cooldown, or when the vault cannot be marked. Never reverts.
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        if (!_canExit(owner)) return 0;
        try this.freeAssets() returns (uint256 free) {
            return Math.min(balanceOf(owner), _convertToShares(free, Math.Rounding.Floor));
        } catch {
            return 0;
        }
    }

    /// @notice Deposits `assets` and mints shares rounded down to `receiver`, whose cooldown restarts.
    /// @dev Reverts `VaultPaused`, or the market's/oracle's error when the vault cannot be marked.
    function deposit(uint256 assets, address receiver)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 shares)
    {
        shares = _depositAssets(assets, receiver);
    }

    /// @notice Mints `shares` to `receiver` for assets rounded up; `receiver`'s cooldown restarts.
    /// @dev Reverts `VaultPaused`, or the market's/oracle's error when the vault cannot be marked.
    function mint(uint256 shares, address receiver)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 assets)
    {
        assets = _mintShares(shares, receiver, type(uint256).max);
    }

    /// @notice Withdraws `assets` to `receiver`, burning `owner`'s shares rounded up.
    /// @dev Reverts `VaultPaused`, `SharesLocked`, `ERC4626ExceededMaxWithdraw` beyond the owner's shares or the free
    /// assets, an allowance error, or the market's/oracle's error.
    function withdraw(uint256 assets, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 shares)
    {
        _checkExit(owner);
        (uint256 nav, uint256 free) = _navAndFree();
        uint256 maxAssets = Math.min(_toAssets(balanceOf(owner), nav, Math.Rounding.Floor), free);
        if (assets > maxAssets) revert ERC4626ExceededMaxWithdraw(owner, assets, maxAssets);
        shares = _toShares(assets, nav, Math.Rounding.Ceil);
        _withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @notice Redeems `owner`'s `shares` for assets rounded down, sent to `receiver`.
    /// @dev Reverts `VaultPaused`, `SharesLocked`, `ERC4626ExceededMaxRedeem` beyond the owner's shares or the free
    /// assets' worth, an allowance error, or the market's/oracle's error.
    function redeem(uint256 shares, address receiver, address owner)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 assets)
    {
        _checkExit(owner);
        (uint256 nav, uint256 free) = _navAndFree();
        uint256 maxShares = Math.min(balanceOf(owner), _toShares(free, nav, Math.Rounding.Floor));
        if (shares > maxShares) revert ERC4626ExceededMaxRedeem(owner, shares, maxShares);
        assets = _toAssets(shares, nav, Math.Rounding.Floor);
        _withdraw(msg.sender, receiver, owner, assets, shares);
    }

    /// @inheritdoc ICollateralVault
    function depositWithPermit(uint256 assets, address receiver, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 shares)
    {
        _permit(assets, deadline, v, r, s);
        shares = _depositAssets(assets, receiver);
    }

    /// @inheritdoc ICollateralVault
    function mintWithPermit(
        uint256 shares,
        address receiver,
        uint256 maxAssets,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256 assets) {
        _permit(maxAssets, deadline, v, r, s);
        assets = _mintShares(shares, receiver, maxAssets);
    }

    /// @inheritdoc ICollateralVault
    function pay(address to, uint256 assets) external nonReentrant {
        if (msg.sender != market) revert OnlyMarket(msg.sender);
        IERC20(asset()).safeTransfer(to, assets);
        emit Paid(to, assets);
    }

    /// @inheritdoc ICollateralVault
    function setPaused(bool paused_) external {
        if (msg.sender != guardian) revert OnlyGuardian(msg.sender);
        paused = paused_;
        emit PausedSet(paused_);
    }

    /// @inheritdoc ICollateralVault
    function setGuardian(address guardian_) external onlyOwner {
        _setGuardian(guardian_);
    }

    /// @inheritdoc ICollateralVault
    function setDepositCooldown(uint256 cooldownSec) external onlyOwner {
        _setDepositCooldown(cooldownSec);
    }

    /// @dev Share decimals are the asset's plus `DECIMALS_OFFSET`.
    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// @dev The previews and `convertTo*` go through the same formula as the entry points.
    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        return _toShares(assets, totalAssets(), rounding);
    }

    /// @dev See `_convertToShares`.
    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        return _toAssets(shares, totalAssets(), rounding);
    }

    /// @dev Restarts the receiver's cooldown (one storage write, skipped when the cooldown is 0).
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        uint256 cooldown = depositCooldown;
        if (cooldown != 0) unlockAt[receiver] = block.timestamp + cooldown;
        super._deposit(caller, receiver, assets, shares);
    }

    /// @dev Share transfers out of an account in its cooldown revert, so that the guard cannot be sidestepped by
    /// moving the shares to a fresh account. Mints and burns are checked by the entry points.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 unlocksAt = unlockAt[from];
            if (block.timestamp < unlocksAt) revert SharesLocked(from, unlocksAt);
        }
        super._update(from, to, value);
    }

    /// @dev shares = assets·(supply + 10^offset)/(nav + 1), in the given direction.
    function _toShares(uint256 assets, uint256 nav, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** DECIMALS_OFFSET, nav + 1, rounding);
    }

    /// @dev assets = shares·(nav + 1)/(supply + 10^offset), in the given direction.
    function _toAssets(uint256 shares, uint256 nav, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(shares, nav + 1, totalSupply() + 10 ** DECIMALS_OFFSET, rounding);
    }

    /// @dev NAV = held + longs − mark and free = held − encumbered, each floored at 0 (never reached: the vault is
    /// fully collateralised, see the contract's NatSpec). The longs (options margin accounts wrote to the vault, and
    /// payoffs they owe on settled ones) count in the NAV but never in the free assets: they are backed by the
    /// writers' margin, not held.
    function _navAndFree() private view returns (uint256 nav, uint256 free) {
        uint256 held = IERC20(asset()).balanceOf(address(this));
        (uint256 mark, uint256 encumbered, uint256 longs) = IOptionMarket(market).liabilities(address(this));
        uint256 gross = held + longs;
        nav = gross > mark ? gross - mark : 0;
        free = held > encumbered ? held - encumbered : 0;
    }

    function _canEnter() private view returns (bool) {
        if (paused) return false;
        try this.freeAssets() returns (uint256) {
            return true;
        } catch {
            return false;
        }
    }

    function _canExit(address owner) private view returns (bool) {
        return !paused && !(block.timestamp < unlockAt[owner]);
    }

    function _checkNotPaused() private view {
        if (paused) revert VaultPaused();
    }

    function _checkExit(address owner) private view {
        _checkNotPaused();
        uint256 unlocksAt = unlockAt[owner];
        if (block.timestamp < unlocksAt) revert SharesLocked(owner, unlocksAt);
    }

    /// @dev Shares for `assets` rounded down, minted to `receiver` against the caller's assets.
    function _depositAssets(uint256 assets, address receiver) private returns (uint256 shares) {
        _checkNotPaused();
        (uint256 nav,) = _navAndFree();
        shares = _toShares(assets, nav, Math.Rounding.Floor);
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @dev `shares` minted to `receiver` for the caller's assets rounded up, at most `maxAssets`.
    function _mintShares(uint256 shares, address receiver, uint256 maxAssets) private returns (uint256 assets) {
        _checkNotPaused();
        (uint256 nav,) = _navAndFree();
        assets = _toAssets(shares, nav, Math.Rounding.Ceil);
        if (assets > maxAssets) revert MintAssetsAboveMax(assets, maxAssets);
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @dev Tries the caller's EIP-2612 permit of `value` to the vault, ignoring its failure (a front-run permit has
    /// already granted the allowance; an asset without `permit` reverts or, with a fallback, does nothing), then
    /// requires the allowance: the check, not the permit's success, decides.
    function _permit(uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        address token = asset();
        try IERC20Permit(token).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
        uint256 allowance = IERC20(token).allowance(msg.sender, address(this));
        if (allowance < value) revert PermitAllowanceTooLow(allowance, value);
    }

    /// @dev Pulls `amount` from the deployer and sends it back, each leg checked to move exactly `amount`.
    function _probeTransfers(IERC20 token, uint256 amount) private {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert FeeOnTransferAsset(amount, received);
        before = token.balanceOf(msg.sender);
        token.safeTransfer(msg.sender, amount);
        received = token.balanceOf(msg.sender) - before;
        if (received != amount) revert FeeOnTransferAsset(amount, received);
    }

    function _setGuardian(address guardian_) private {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    function _setDepositCooldown(uint256 cooldownSec) private {
        ParameterBounds.check(cooldownSec, 0, MAX_DEPOSIT_COOLDOWN);
        depositCooldown = cooldownSec;
        emit DepositCooldownSet(cooldownSec);
    }
}
