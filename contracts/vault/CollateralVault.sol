// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Immutables are public getters of the interface, named like the rest of the ABI (camelCase).
// solhint-disable immutable-vars-naming

import {ICollateralVault} from "../interfaces/ICollateralVault.sol";
import {IERC7540Operator, IERC7540Redeem} from "../interfaces/IERC7540.sol";
import {IOptionMarket} from "../interfaces/IOptionMarket.sol";
import {ParameterBounds} from "../libraries/ParameterBounds.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title CollateralVault
/// @notice ERC-4626 vault over one asset that underwrites the option market, with ERC-7540 asynchronous exits (see
/// `ICollateralVault`).
/// @dev NAV. `totalAssets() = held + longs − mark` from `market.liabilities(this)`, computed exactly at every call: the
/// mark of every option the vault is short, at the oracle's spot and the SVI smile, plus payoffs owed on settled
/// options; plus the mark (rounded down) of the options margin accounts wrote to the vault and the payoffs the margin
/// engine owes on settled ones; there is no cached value a keeper could leave stale. The vault is fully
/// collateralised (every option it is short locks its maximum payoff, and the mark never exceeds it), so
/// held ≥ mark and NAV ≥ 0. While the vault cannot be marked (an oracle refuses, or the market is mid-trade)
/// `totalAssets` does not revert: it returns held − locked − reserved, a lower bound of the NAV (each short is worth
/// at most the maximum payoff locked for it, the longs are counted at nothing), and every `max*` is 0, so no entry or
/// exit happens at that guessed value.
///
/// Entries. `deposit`/`mint` are synchronous at the NAV (longs included, so an entrant pays for them). A deposit that
/// would mint no share reverts `ZeroShares`. Nothing an entry does touches another account: there is no lock that a
/// third party could renew.
///
/// Exits: request, notice, claim at the lower price. `requestRedeem` moves the shares into the vault and records their
/// exit value now (`assetsCap`, rounded down); after `exitNotice` seconds the controller claims any part of them with
/// `redeem`/`withdraw` and is paid the lower of its share of the cap and the shares' exit value at the claim. So an LP
/// that sees a NAV-lowering event coming (an oracle round or a smile post in the mempool, an insolvency or a
/// settlement not yet booked) and requests before it is paid after it, at the lower price: it cannot leave the loss to
/// those who stay. A move in its favour during the notice stays with the vault. The exit price is
/// `held − mark` per share: the receivables from margin accounts (options they wrote to the vault, payoffs owed on
/// settled ones) are not paid out to exits, because their writers may be insolvent and not yet resolved; the LPs who
/// stay carry that credit risk and keep the value once paid. Only the controller (or its operator) can add to or
/// cancel its request, so nobody can restart another LP's notice. Claims are paid from the free assets (held − locked
/// − reserved): `maxRedeem`/`maxWithdraw` are the claimable part of the request within them.
///
/// Rounding, as ERC-4626 requires and always toward the vault: deposit mints shares rounded down, mint takes assets
/// rounded up, a claim by shares pays assets rounded down, a claim by assets uses shares rounded up; the cap is
/// rounded down and reduced, at each partial claim, by its share rounded up; the liabilities are marked rounded up.
///
/// Inflation attack. `_decimalsOffset() = DECIMALS_OFFSET` (6) adds 10^6 virtual shares and 1 virtual asset: an
/// attacker who donates D to an empty vault to round a victim's deposit down loses about 10^6 times what the victim
/// loses, so the attack never pays.
///
/// Fee-on-transfer and rebasing assets are rejected at creation by a probe: the deployer must approve the vault's
/// (precomputed) address for one whole token (10^decimals units), which the constructor pulls and sends back,
/// checking that each leg moved exactly that amount. An asset that later turns on a fee is out of scope: list only
/// assets whose transfer logic cannot change, or pause the vault.
///
/// Reentrancy. Deposits, requests, claims and payments are `nonReentrant`, and the market refuses to mark the vault
/// while it is itself mid-trade (`MarketLocked`), so an asset with transfer hooks cannot act on a half-written state.
contract CollateralVault is ICollateralVault, ERC4626, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Virtual share decimals: 10^6 virtual shares against the inflation attack.
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Shortest exit notice: an hour, longer than any oracle round or smile post can be seen coming.
    uint256 public constant MIN_EXIT_NOTICE = 1 hours;
    /// @notice Longest exit notice: a week.
    uint256 public constant MAX_EXIT_NOTICE = 7 days;
    /// @notice Largest asset decimals: amounts are converted from wad by a power of ten.
    uint8 public constant MAX_ASSET_DECIMALS = 18;

    /// @inheritdoc ICollateralVault
    address public immutable market;
    /// @inheritdoc ICollateralVault
    address public guardian;
    /// @inheritdoc ICollateralVault
    bool public paused;
    /// @inheritdoc ICollateralVault
    uint256 public exitNotice;
    /// @inheritdoc IERC7540Operator
    mapping(address controller => mapping(address operator => bool)) public isOperator;

    mapping(address controller => ExitRequest) private _exitRequests;

    /// @param asset_ The collateral asset (no fee on transfer, at most 18 decimals).
    /// @param name_ Share name. @param symbol_ Share symbol.
    /// @param market_ The option market (its address may be precomputed: it is deployed after the vaults).
    /// @param owner_ Sets the guardian and the exit notice. @param guardian_ May pause.
    /// @param exitNotice_ Seconds from a redemption request to its claim, in `[MIN_EXIT_NOTICE, MAX_EXIT_NOTICE]`.
    constructor(
        IERC20Metadata asset_,
        string memory name_,
        string memory symbol_,
        address market_,
        address owner_,
        address guardian_,
        uint256 exitNotice_
    ) ERC20(name_, symbol_) ERC4626(asset_) Ownable(owner_) {
        uint8 assetDecimals = asset_.decimals();
        if (assetDecimals > MAX_ASSET_DECIMALS) revert UnsupportedAssetDecimals(assetDecimals);
        market = market_;
        _probeTransfers(asset_, 10 ** assetDecimals);
        _setGuardian(guardian_);
        _setExitNotice(exitNotice_);
    }

    // ---------------------------------------------------------------- ERC-4626 views

    /// @notice Total assets net of liabilities: held + (mark of options long + payoffs owed to the vault) − (mark of
    /// options short + payoffs owed), token units.
    /// @dev Never reverts: while the vault cannot be marked, held − locked − reserved, a lower bound of the NAV.
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        try this.marks() returns (Marks memory m) {
            return _nav(m);
        } catch {
            return _free(IERC20(asset()).balanceOf(address(this)), _encumberedUnmarked());
        }
    }

    /// @inheritdoc ICollateralVault
    /// @dev The views try it (an external call) so that they never revert.
    function marks() external view returns (Marks memory) {
        return _marks();
    }

    /// @inheritdoc ICollateralVault
    function freeAssets() external view returns (uint256) {
        Marks memory m = _marks();
        return _free(m.held, m.encumbered);
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

    /// @notice The assets `controller` can claim now: its claimable request's payout, at most the free assets; 0 while
    /// paused, before the request can be claimed, or when the vault cannot be marked. Never reverts.
    function maxWithdraw(address controller) public view override(ERC4626, IERC4626) returns (uint256) {
        (uint256 shares, uint256 assets) = _maxClaim(controller);
        return shares == 0 ? 0 : assets;
    }

    /// @notice The shares of `controller`'s claimable request it can redeem now, at most the free assets' worth; 0
    /// while paused, before the request can be claimed, or when the vault cannot be marked. Never reverts.
    function maxRedeem(address controller) public view override(ERC4626, IERC4626) returns (uint256 shares) {
        (shares,) = _maxClaim(controller);
    }

    /// @notice Reverts `AsyncExit`: exits are requested, then claimed (ERC-7540); see `previewClaim`.
    function previewWithdraw(uint256) public pure override(ERC4626, IERC4626) returns (uint256) {
        revert AsyncExit();
    }

    /// @notice Reverts `AsyncExit`: exits are requested, then claimed (ERC-7540); see `previewClaim`.
    function previewRedeem(uint256) public pure override(ERC4626, IERC4626) returns (uint256) {
        revert AsyncExit();
    }

    // ---------------------------------------------------------------- entries

    /// @notice Deposits `assets` and mints shares rounded down to `receiver`.
    /// @dev Reverts `VaultPaused`, `ZeroShares`, or the market's/oracle's error when the vault cannot be marked.
    function deposit(uint256 assets, address receiver)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 shares)
    {
        shares = _depositAssets(assets, receiver);
    }

    /// @notice Mints `shares` to `receiver` for assets rounded up.
    /// @dev Reverts `VaultPaused`, `ZeroShares`, or the market's/oracle's error when the vault cannot be marked.
    function mint(uint256 shares, address receiver)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 assets)
    {
        assets = _mintShares(shares, receiver, type(uint256).max);
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

    // ---------------------------------------------------------------- exits

    /// @inheritdoc IERC7540Redeem
    /// @dev The caller must be `owner`, its operator, or spend `owner`'s share allowance, and must be `controller` or
    /// its operator (nobody else can restart a controller's notice). Adding to a request restarts the whole request's
    /// notice. Reverts `VaultPaused`, `ZeroShares`, `NotAuthorized`, an allowance error, or the market's/oracle's
    /// error when the vault cannot be marked (no request at a guessed price).
    function requestRedeem(uint256 shares, address controller, address owner)
        external
        nonReentrant
        returns (uint256 requestId)
    {
        _checkNotPaused();
        if (shares == 0) revert ZeroShares();
        _checkActsFor(controller);
        if (msg.sender != owner && !isOperator[owner][msg.sender]) _spendAllowance(owner, msg.sender, shares);
        Marks memory m = _marks();
        uint256 cap = _toAssets(shares, _exitValue(m), Math.Rounding.Floor);
        ExitRequest storage r = _exitRequests[controller];
        r.shares = (r.shares + shares).toUint128();
        r.assetsCap = (r.assetsCap + cap).toUint128();
        r.claimableAt = (block.timestamp + exitNotice).toUint64();
        _transfer(owner, address(this), shares);
        emit RedeemRequest(controller, owner, 0, msg.sender, shares);
        return 0;
    }

    /// @inheritdoc ICollateralVault
    function cancelRedeemRequest(address controller) external nonReentrant returns (uint256 shares) {
        _checkActsFor(controller);
        ExitRequest memory r = _exitRequests[controller];
        if (r.shares == 0) revert ExitNotClaimable(controller, 0);
        delete _exitRequests[controller];
        shares = r.shares;
        _transfer(address(this), controller, shares);
        emit RedeemRequestCancelled(controller, shares);
    }

    /// @notice Claims `shares` of `controller`'s request, paying the lower of their share of the cap and their exit
    /// value now, rounded down, to `receiver` (ERC-7540: the controller stands in the owner's place).
    /// @dev Only the controller or its operator. Reverts `VaultPaused`, `NotAuthorized`, `ExitNotClaimable`,
    /// `ERC4626ExceededMaxRedeem` beyond the request or the free assets, or the market's/oracle's error.
    function redeem(uint256 shares, address receiver, address controller)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 assets)
    {
        (ExitRequest memory r, uint256 free, uint256 exitValue) = _claimState(controller);
        // Beyond the request nothing is priced (a share count past it could overflow the cap's share).
        if (!(shares > r.shares)) assets = _claimAssets(r, shares, exitValue);
        if (shares > r.shares || assets > free) {
            revert ERC4626ExceededMaxRedeem(controller, shares, _maxClaimShares(r, exitValue, free));
        }
        _settleClaim(controller, r, receiver, assets, shares);
    }

    /// @notice Claims exactly `assets` from `controller`'s request for the fewest shares that pay them at the lower
    /// of the cap's and the exit value's rate, rounded up, sent to `receiver` (ERC-7540).
    /// @dev Only the controller or its operator. Reverts `VaultPaused`, `NotAuthorized`, `ExitNotClaimable`,
    /// `ERC4626ExceededMaxWithdraw` beyond the request or the free assets, or the market's/oracle's error.
    function withdraw(uint256 assets, address receiver, address controller)
        public
        override(ERC4626, IERC4626)
        nonReentrant
        returns (uint256 shares)
    {
        (ExitRequest memory r, uint256 free, uint256 exitValue) = _claimState(controller);
        uint256 maxAssets = Math.min(_claimAssets(r, r.shares, exitValue), free);
        if (assets > maxAssets) revert ERC4626ExceededMaxWithdraw(controller, assets, maxAssets);
        // The rate is the lower of the two, so the shares are the larger of the two roundings up (each pays at least
        // `assets` at its own rate; see `_claimAssets`).
        // `assets` > 0 implies a non-zero cap (it is at most the cap's share).
        if (assets != 0) {
            shares = Math.max(
                Math.mulDiv(assets, r.shares, r.assetsCap, Math.Rounding.Ceil),
                _toShares(assets, exitValue, Math.Rounding.Ceil)
            );
        }
        _settleClaim(controller, r, receiver, assets, shares);
    }

    /// @inheritdoc ICollateralVault
    function previewClaim(address controller, uint256 shares) external view returns (uint256) {
        return _claimAssets(_exitRequests[controller], shares, _exitValue(_marks()));
    }

    /// @inheritdoc IERC7540Redeem
    function pendingRedeemRequest(uint256, address controller) external view returns (uint256) {
        ExitRequest memory r = _exitRequests[controller];
        return block.timestamp < r.claimableAt ? r.shares : 0;
    }

    /// @inheritdoc IERC7540Redeem
    function claimableRedeemRequest(uint256, address controller) external view returns (uint256) {
        ExitRequest memory r = _exitRequests[controller];
        return block.timestamp < r.claimableAt ? 0 : r.shares;
    }

    /// @inheritdoc ICollateralVault
    function exitRequest(address controller) external view returns (ExitRequest memory) {
        return _exitRequests[controller];
    }

    /// @inheritdoc IERC7540Operator
    function setOperator(address operator, bool approved) external returns (bool) {
        isOperator[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
        return true;
    }

    /// @notice ERC-165: ERC-7540 operators and asynchronous redemption, and ERC-165 itself.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC7540Operator).interfaceId || interfaceId == type(IERC7540Redeem).interfaceId
            || interfaceId == type(IERC165).interfaceId;
    }

    // ---------------------------------------------------------------- market and governance

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
    function setExitNotice(uint256 noticeSec) external onlyOwner {
        _setExitNotice(noticeSec);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Share decimals are the asset's plus `DECIMALS_OFFSET`.
    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// @dev `convertTo*` and the entry previews go through the same formula as the entry points.
    function _convertToShares(uint256 assets, Math.Rounding rounding) internal view override returns (uint256) {
        return _toShares(assets, totalAssets(), rounding);
    }

    /// @dev See `_convertToShares`.
    function _convertToAssets(uint256 shares, Math.Rounding rounding) internal view override returns (uint256) {
        return _toAssets(shares, totalAssets(), rounding);
    }

    /// @dev shares = assets·(supply + 10^offset)/(value + 1), in the given direction.
    function _toShares(uint256 assets, uint256 value, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** DECIMALS_OFFSET, value + 1, rounding);
    }

    /// @dev assets = shares·(value + 1)/(supply + 10^offset), in the given direction.
    function _toAssets(uint256 shares, uint256 value, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(shares, value + 1, totalSupply() + 10 ** DECIMALS_OFFSET, rounding);
    }

    /// @dev Reads the balance and the market's liabilities of this vault (its errors when it cannot be marked).
    function _marks() private view returns (Marks memory m) {
        m.held = IERC20(asset()).balanceOf(address(this));
        (m.mark, m.encumbered, m.longs) = IOptionMarket(market).liabilities(address(this));
    }

    /// @dev NAV = held + longs − mark, floored at 0 (never reached: the vault is fully collateralised).
    function _nav(Marks memory m) private pure returns (uint256) {
        uint256 gross = m.held + m.longs;
        return gross > m.mark ? gross - m.mark : 0;
    }

    /// @dev The value exits are priced on: held − mark, without the receivables from margin accounts.
    function _exitValue(Marks memory m) private pure returns (uint256) {
        return m.held > m.mark ? m.held - m.mark : 0;
    }

    /// @dev held − encumbered, floored at 0: what no option locks or reserves.
    function _free(uint256 held, uint256 encumbered) private pure returns (uint256) {
        return held > encumbered ? held - encumbered : 0;
    }

    /// @dev Locked + reserved from the market's books, without marking anything (the fallback of `totalAssets`).
    function _encumberedUnmarked() private view returns (uint256) {
        IOptionMarket m = IOptionMarket(market);
        bool isCall = address(m.callVault()) == address(this);
        return m.lockedAssets(isCall) + m.reservedAssets(isCall);
    }

    /// @dev What a claim of `shares` of request `r` pays at `exitValue`: min(share of the cap, exit value), rounded
    /// down. A request with no shares pays nothing.
    function _claimAssets(ExitRequest memory r, uint256 shares, uint256 exitValue) private view returns (uint256) {
        if (r.shares == 0) return 0;
        return Math.min(Math.mulDiv(r.assetsCap, shares, r.shares), _toAssets(shares, exitValue, Math.Rounding.Floor));
    }

    /// @dev The most shares of `r` whose claim the free assets cover: all of them, or the free assets' worth at the
    /// lower of the two rates (the larger share count), rounded down: at the rate that binds, the claim of that many
    /// shares pays at most `free`.
    function _maxClaimShares(ExitRequest memory r, uint256 exitValue, uint256 free) private view returns (uint256) {
        if (!(_claimAssets(r, r.shares, exitValue) > free)) return r.shares;
        // Here the claim of all exceeds `free`, so the cap is not zero.
        return Math.max(Math.mulDiv(free, r.shares, r.assetsCap), _toShares(free, exitValue, Math.Rounding.Floor));
    }

    /// @dev (shares, assets) `controller` can claim now; (0, 0) while paused, before maturity or when unmarkable.
    function _maxClaim(address controller) private view returns (uint256 shares, uint256 assets) {
        ExitRequest memory r = _exitRequests[controller];
        if (paused || r.shares == 0 || block.timestamp < r.claimableAt) return (0, 0);
        try this.marks() returns (Marks memory m) {
            (uint256 free, uint256 exitValue) = _freeAndExitValue(m);
            shares = _maxClaimShares(r, exitValue, free);
            assets = Math.min(_claimAssets(r, r.shares, exitValue), free);
        } catch {
            return (0, 0);
        }
    }

    /// @dev What a claim reads: `controller`'s request, checked claimable by the caller now, and the vault's free
    /// assets and exit value.
    function _claimState(address controller)
        private
        view
        returns (ExitRequest memory r, uint256 free, uint256 exitValue)
    {
        _checkNotPaused();
        _checkActsFor(controller);
        r = _exitRequests[controller];
        if (r.shares == 0 || block.timestamp < r.claimableAt) revert ExitNotClaimable(controller, r.claimableAt);
        (free, exitValue) = _freeAndExitValue(_marks());
    }

    /// @dev The free assets and the exit value of one marking.
    function _freeAndExitValue(Marks memory m) private pure returns (uint256 free, uint256 exitValue) {
        return (_free(m.held, m.encumbered), _exitValue(m));
    }

    /// @dev Burns `shares` of the request, lowers its cap by their share rounded up, pays `assets` to `receiver`.
    function _settleClaim(address controller, ExitRequest memory r, address receiver, uint256 assets, uint256 shares)
        private
    {
        ExitRequest storage stored = _exitRequests[controller];
        if (shares == r.shares) {
            delete _exitRequests[controller];
        } else {
            // Unchecked casts: both decrease (shares < r.shares, and the cap's share is at most the cap).
            stored.shares = uint128(r.shares - shares);
            stored.assetsCap = uint128(r.assetsCap - Math.mulDiv(r.assetsCap, shares, r.shares, Math.Rounding.Ceil));
        }
        _burn(address(this), shares);
        IERC20(asset()).safeTransfer(receiver, assets);
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
    }

    function _canEnter() private view returns (bool) {
        if (paused) return false;
        try this.marks() returns (Marks memory) {
            return true;
        } catch {
            return false;
        }
    }

    function _checkNotPaused() private view {
        if (paused) revert VaultPaused();
    }

    /// @dev Reverts `NotAuthorized` unless the caller is `account` or an operator it approved.
    function _checkActsFor(address account) private view {
        if (msg.sender != account && !isOperator[account][msg.sender]) revert NotAuthorized(msg.sender, account);
    }

    /// @dev Shares for `assets` rounded down, minted to `receiver` against the caller's assets.
    function _depositAssets(uint256 assets, address receiver) private returns (uint256 shares) {
        _checkNotPaused();
        shares = _toShares(assets, _nav(_marks()), Math.Rounding.Floor);
        if (shares == 0) revert ZeroShares();
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @dev `shares` minted to `receiver` for the caller's assets rounded up, at most `maxAssets`.
    function _mintShares(uint256 shares, address receiver, uint256 maxAssets) private returns (uint256 assets) {
        _checkNotPaused();
        if (shares == 0) revert ZeroShares();
        assets = _toAssets(shares, _nav(_marks()), Math.Rounding.Ceil);
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

    function _setExitNotice(uint256 noticeSec) private {
        ParameterBounds.check(noticeSec, MIN_EXIT_NOTICE, MAX_EXIT_NOTICE);
        exitNotice = noticeSec;
        emit ExitNoticeSet(noticeSec);
    }
}
