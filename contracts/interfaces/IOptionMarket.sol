// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SeriesId} from "../libraries/SeriesId.sol";
import {IBoundedParameters} from "./IBoundedParameters.sol";
import {ICollateralVault} from "./ICollateralVault.sol";
import {IOptionPricer} from "./IOptionPricer.sol";
import {ISettlementOracle} from "./ISettlementOracle.sol";
import {ISpotOracle} from "./ISpotOracle.sol";
import {IVolatilityOracle} from "./IVolatilityOracle.sol";

/// @title IOptionMarket
/// @notice The option AMM of one pair (base/quote): it sells European calls against a base-asset vault and puts
/// against a quote-asset vault at Black-Scholes prices on the SVI smile, adjusted by the inventory potential
/// Φ(E) = E²/(2L) (docs/math.md), buys them back, settles expiries and pays holders. Positions are ERC-6909
/// tokens whose id is the `SeriesId`; one token is 1e-18 option (amounts are wad of options, one option is on one
/// whole base unit). Premiums, fees and payoffs are in the option's collateral: base for calls, quote for puts.
interface IOptionMarket is IBoundedParameters {
    /// @notice Risk parameters shared by both vaults. Each lives inside hard bounds named in the market.
    /// @param feeShareWad Fee as a share of |q·P|, wad. @param vegaFeeWad Fee per unit of vega traded, in
    /// volatility (0.01e18 = one vol point). @param maxUtilisationWad Largest (locked + reserved) / held after a sale.
    /// @param minAbsDeltaWad Smallest |delta| a buy may open. @param maxAbsDeltaWad Largest |delta| a buy may open.
    /// @param minTimeToExpirySec Trading closes this long before expiry. @param maxTimeToExpirySec Farthest expiry
    /// traded. @param rateWad Continuously compounded rate, wad per year.
    struct RiskParams {
        uint64 feeShareWad;
        uint64 vegaFeeWad;
        uint64 maxUtilisationWad;
        uint64 minAbsDeltaWad;
        uint64 maxAbsDeltaWad;
        uint32 minTimeToExpirySec;
        uint32 maxTimeToExpirySec;
        uint64 rateWad;
    }

    /// @notice Risk parameters of one vault, in its collateral.
    /// @param vegaDepthWad L of Φ(E) = E²/(2L): net short vega that moves the quoted vol by 1.0, wad of collateral.
    /// @param maxInventoryWad E_max: largest |net short vega| per expiry, wad of collateral per 1.0 vol.
    /// @param minFeePerOptionWad Fee floor per option, wad of collateral.
    struct SideParams {
        uint128 vegaDepthWad;
        uint128 maxInventoryWad;
        uint128 minFeePerOptionWad;
    }

    /// @notice The trade's deadline `deadline` has passed.
    error DeadlineExpired(uint256 deadline);
    /// @notice A trade or redemption of size zero.
    error ZeroSize();
    /// @notice The id has bits set above the series fields, so it names no series.
    error NonCanonicalSeries(SeriesId id);
    /// @notice The expiry is not on the listed grid (every day at 08:00 UTC).
    error ExpiryNotListed(uint256 expiry);
    /// @notice The strike is outside the priced range or has more than three significant digits.
    error StrikeNotListed(uint256 strikeWad);
    /// @notice The series trades only while its time to expiry is within `[minSec, maxSec]`; it is `timeSec`
    /// (0 once expired).
    error OutsideTradingWindow(uint256 timeSec, uint256 minSec, uint256 maxSec);
    /// @notice A buy may open only strikes whose |delta| is within `[minWad, maxWad]`.
    error DeltaOutOfBounds(int256 deltaWad, uint256 minWad, uint256 maxWad);
    /// @notice The trade would take |E| to `inventoryWad`, beyond `maxWad` and farther from zero than it was.
    error InventoryCapExceeded(int256 inventoryWad, uint256 maxWad);
    /// @notice After the sale the vault would have `encumberedAssets` locked out of `heldAssets`, beyond the cap.
    error UtilisationCapExceeded(uint256 encumberedAssets, uint256 heldAssets);
    /// @notice The vault already has `MAX_LIVE_SERIES` series outstanding; settle an expiry first.
    error TooManyLiveSeries();
    /// @notice The size does not fit the open-interest field (2^128 − 1).
    error SizeTooLarge(uint256 size);
    /// @notice The buy would cost `premiumAssets`, more than the trader's `maxPremiumAssets`.
    error PremiumAboveMax(uint256 premiumAssets, uint256 maxPremiumAssets);
    /// @notice The sale would pay `premiumAssets`, less than the trader's `minPremiumAssets`.
    error PremiumBelowMin(uint256 premiumAssets, uint256 minPremiumAssets);
    /// @notice `expiry` is still in the future.
    error ExpiryNotReached(uint256 expiry);
    /// @notice `expiry` was already settled.
    error ExpiryAlreadySettled(uint256 expiry);
    /// @notice `expiry` is not settled yet: no payoff before the settlement price is fixed and applied.
    error ExpiryNotSettled(uint256 expiry);
    /// @notice `vault` is neither of the market's vaults.
    error UnknownVault(address vault);
    /// @notice At construction, `vault` holds the wrong asset or names another market.
    error VaultMismatch(address vault);
    /// @notice The market's state is being changed (a trade or settlement is under way): no mark is given.
    error MarketLocked();
    /// @notice Only the margin engine may write, buy back, cancel written options or settle the receivable.
    error OnlyMarginEngine(address caller);
    /// @notice The margin engine is set once; it already is `engine`.
    error MarginEngineAlreadySet(address engine);
    /// @notice Paying `premiumAssets` for a write would leave the vault less than `encumberedAssets` of its
    /// `heldAssets`: the premium may come only from the vault's free assets.
    error VaultCannotPayPremium(uint256 premiumAssets, uint256 heldAssets, uint256 encumberedAssets);

    /// @notice `trader` bought (`isBuy`) or sold `size` options of `id` for `premiumAssets` (fee `feeAssets`
    /// included), moving the expiry's net short vega to `inventoryWad`. When `trader` is the margin engine, a sale is
    /// a write (the vault becomes long) and a buy a buy-back of written options.
    event Traded(
        address indexed trader,
        SeriesId indexed id,
        bool isBuy,
        uint256 size,
        uint256 premiumAssets,
        uint256 feeAssets,
        int256 inventoryWad
    );
    /// @notice `expiry` settled at `priceWad`; the vaults' locks were released and `owedCallAssets` base and
    /// `owedPutAssets` quote reserved for holders.
    event ExpirySettled(
        uint256 indexed expiry, uint256 indexed priceWad, uint256 indexed owedCallAssets, uint256 owedPutAssets
    );
    /// @notice `holder` redeemed `size` options of `id` for `payoutAssets` sent to `receiver`.
    event Redeemed(
        address indexed holder, SeriesId indexed id, uint256 size, uint256 payoutAssets, address indexed receiver
    );
    /// @notice The margin engine cancelled `size` written options of `id` of an insolvent account, paying the vault
    /// `paidAssets` for them; the vault loses their mark beyond that (bad debt).
    event WrittenCancelled(SeriesId indexed id, uint256 size, uint256 paidAssets);
    /// @notice The margin engine paid `paidAssets` of what it owes the call (`isCall`) or put vault for settled written
    /// options, and `writtenOffAssets` were written off (bad debt the vault bears).
    event ReceivableSettled(bool indexed isCall, uint256 indexed paidAssets, uint256 indexed writtenOffAssets);
    /// @notice The owner set the margin engine (once).
    event MarginEngineSet(address indexed engine);
    /// @notice The owner set the shared risk parameters.
    event RiskParamsSet(RiskParams params);
    /// @notice The owner set the risk parameters of the call (`isCall`) or put vault.
    event SideParamsSet(bool indexed isCall, SideParams params);

    /// @notice The base-asset vault, short the calls.
    function callVault() external view returns (ICollateralVault);
    /// @notice The quote-asset vault, short the puts.
    function putVault() external view returns (ICollateralVault);
    /// @notice Spot of base in quote.
    function spotOracle() external view returns (ISpotOracle);
    /// @notice SVI smiles per expiry.
    function volatilityOracle() external view returns (IVolatilityOracle);
    /// @notice Settlement prices per expiry.
    function settlementOracle() external view returns (ISettlementOracle);
    /// @notice The stateless Black-Scholes pricer the market values trades and marks with.
    function pricer() external view returns (IOptionPricer);

    /// @notice Buys `size` options of series `id` from its vault.
    /// @dev Premium = q·P(σ_SVI) + Φ(E') − Φ(E) + fee, rounded up to token units, with
    /// fee = max(feeShare·q·P + vegaFee·q·v, minFeePerOption·q); pulled from the caller into the vault (approve the
    /// market). Locks the options' full maximum payoff in the vault. Reverts `DeadlineExpired`, `ZeroSize`,
    /// `SizeTooLarge`, `NonCanonicalSeries`, `ExpiryNotListed`, `StrikeNotListed`, `OutsideTradingWindow`,
    /// `DeltaOutOfBounds`, `InventoryCapExceeded`, `TooManyLiveSeries`, `UtilisationCapExceeded`, `PremiumAboveMax`,
    /// or an oracle's error. Adds risk: priced at the strict `spot()`, so it waits out the oracle's degraded mode
    /// (`ISpotOracleRouter`). Emits `Traded`.
    /// @param id Series. @param size Options, wad. @param maxPremiumAssets Most the caller pays, token units.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premiumAssets Paid, token units of the collateral.
    function buy(SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Sells `size` options of series `id`, that the caller holds, back to its vault (burns them).
    /// @dev Proceeds = q·P(σ_SVI) − (Φ(E') − Φ(E)) − fee, rounded down, at most the options' maximum payoff, paid by
    /// the vault. A sale only closes a long; writing options (the vault becomes long) goes through the margin engine's
    /// `write`. Reverts as `buy` (no delta bound: closing is always allowed inside the trading window),
    /// `PremiumBelowMin`, or the token's insufficient-balance error. Reduces the vault's risk, so it goes on in the
    /// oracle's degraded mode, valued at the end of `spotRange()` where the option is worth least (a call at the
    /// low end, a put at the high end); while the sources agree that is `spot()`. Emits `Traded`.
    /// @param id Series. @param size Options, wad. @param minPremiumAssets Least the caller accepts, token units.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premiumAssets Received, token units of the collateral.
    function sell(SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice What `buy(id, size, ...)` would cost now, token units (same reverts, except the slippage ones).
    function quoteBuy(SeriesId id, uint256 size) external view returns (uint256 premiumAssets);

    /// @notice What `sell(id, size, ...)` would pay now, token units (same reverts, except the slippage ones).
    function quoteSell(SeriesId id, uint256 size) external view returns (uint256 premiumAssets);

    /// @notice The margin engine writes `size` options of `id` to the vault: the vault becomes long them and pays the
    /// premium to the engine, which credits the writing account. Only the margin engine.
    /// @dev Priced as `sell` (the same `_price`: proceeds = q·P − (Φ(E') − Φ(E)) − fee, rounded down, at most the
    /// maximum payoff) but at the strict `spot()`, and, since it opens a position, inside the delta bounds as `buy`.
    /// The premium comes from the vault's free assets: held − premium must stay ≥ locked + reserved. The vault's long
    /// is backed by the writers' margin, never by the vault: it counts in the NAV (`liabilities().longAssets`) but
    /// never frees collateral. Reverts `OnlyMarginEngine`, as `sell`, `DeltaOutOfBounds`, `TooManyLiveSeries`,
    /// `SizeTooLarge` (written above 2^120 − 1), or `VaultCannotPayPremium`. Emits `Traded` (the engine as
    /// trader, `isBuy` false).
    /// @param id Series. @param size Options, wad. @param minPremiumAssets Least accepted, token units.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premiumAssets Paid to the engine, token units.
    function write(SeriesId id, uint256 size, uint256 minPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice The margin engine buys back `size` options of `id` it wrote, closing part of the vault's long. Only the
    /// margin engine.
    /// @dev Priced exactly as `buy` (premium = q·P + Φ(E') − Φ(E) + fee, rounded up) without the delta bound (it
    /// closes); the premium is pulled from the engine into the vault. Reduces risk, so it goes on in the oracle's
    /// degraded mode, valued at the end of `spotRange()` where the option is worth most (a call at the high end, a
    /// put at the low end); while the sources agree that is `spot()`. Reverts `OnlyMarginEngine`, as `buy` except the
    /// delta and utilisation bounds, or with an underflow if more than written. Emits `Traded` (the engine as
    /// trader, `isBuy` true).
    /// @return premiumAssets Paid by the engine, token units.
    function buyBack(SeriesId id, uint256 size, uint256 maxPremiumAssets, uint256 deadline)
        external
        returns (uint256 premiumAssets);

    /// @notice Cancels `size` written options of `id` of an insolvent margin account, for which the engine has sent
    /// the vault `paidAssets` (all that its collateral and the insurance fund could cover). Only the margin engine.
    /// @dev The last step of the bad-debt waterfall: the vault loses the long's mark beyond `paidAssets`. The engine
    /// transfers the payment to the vault itself (the market moves no tokens here; `paidAssets` is for the record).
    /// The inventory E is left where it is: it is a pricing state, not a measured vega (as after spot moves or time
    /// decay). Works at any time, also after expiry before settlement. Reverts `OnlyMarginEngine`, or with an
    /// underflow if more than written. Emits `WrittenCancelled`.
    function cancelWritten(SeriesId id, uint256 size, uint256 paidAssets) external;

    /// @notice Records that the engine sent the call or put vault `paidAssets` of what it owes for settled written
    /// options, and writes off `writtenOffAssets` it cannot collect. Only the margin engine.
    /// @dev The receivable falls by both, floored at zero: the engine pays each account's debt rounded up, so a few
    /// wei above the receivable (rounded down) may arrive, and stay in the vault. The engine transfers the payment to
    /// the vault itself, before this call. Reverts `OnlyMarginEngine`. Emits `ReceivableSettled`.
    function settleReceivable(bool isCall, uint256 paidAssets, uint256 writtenOffAssets) external;

    /// @notice Settles `expiry` once the settlement oracle fixed its price. Anyone.
    /// @dev For every series of the expiry: releases the vault's lock and reserves the payoff owed to holders,
    /// ceil(openInterest·payoff) per series, and records floor(written·payoff) as owed to the vault by the margin
    /// engine (`receivableAssets`). Reverts `ExpiryNotReached`, `ExpiryAlreadySettled`, or the settlement
    /// oracle's `NotSettled`. Emits `ExpirySettled`.
    /// @param expiry Expiry timestamp, seconds.
    function settle(uint256 expiry) external;

    /// @notice Burns `size` settled options of `id` held by the caller and pays their payoff to `receiver`.
    /// @dev Payout = floor(size·payoff) token units, from the reserve; when a series' last option is redeemed the
    /// rounding residue of its reserve returns to the vault. Reverts `ZeroSize`, `ExpiryNotSettled`, or the token's
    /// insufficient-balance error. Emits `Redeemed`.
    /// @return payoutAssets Paid, token units.
    function redeem(SeriesId id, uint256 size, address receiver) external returns (uint256 payoutAssets);

    /// @notice The vault's book: the mark of every option it is short plus what it owes holders of settled options
    /// (`markAssets`, rounded up), what it must keep (`encumberedAssets`: the maximum payoff of every option it is
    /// short, plus what it owes), and what it is owed (`longAssets`: the mark of every option margin accounts wrote
    /// to it plus the payoffs of settled ones the engine still owes, rounded down). Token units.
    /// @dev NAV = held + longAssets − markAssets; free = held − encumberedAssets (the longs never back anything).
    /// Exact: spot (the strict `spot()`: deposits and withdrawals wait out the oracle's degraded mode) and smiles
    /// are read now. Costs one Black-Scholes price per live series (at most
    /// `MAX_LIVE_SERIES`); with no live series no oracle is read. Reverts `UnknownVault`, `MarketLocked` during a
    /// trade or settlement (no mark of a half-written state), or an oracle's error.
    function liabilities(address vault)
        external
        view
        returns (uint256 markAssets, uint256 encumberedAssets, uint256 longAssets);

    /// @notice Options of `id` outstanding (held by traders, owed by the vault), wad.
    function openInterest(SeriesId id) external view returns (uint256);
    /// @notice Options of `id` written by margin accounts (the vault is long them) and not yet settled, wad.
    function written(SeriesId id) external view returns (uint256);
    /// @notice What the margin engine owes the call or put vault for settled written options, token units.
    function receivableAssets(bool isCall) external view returns (uint256);
    /// @notice The margin engine, the only writer of options (zero until the owner sets it).
    function marginEngine() external view returns (address);
    /// @notice The series the call (`isCall`) or put vault is short or long and that are not settled.
    function liveSeries(bool isCall) external view returns (SeriesId[] memory);
    /// @notice Net short vega E of the call or put vault for `expiry`, wad of collateral per 1.0 vol.
    function inventory(bool isCall, uint256 expiry) external view returns (int256);
    /// @notice Maximum payoff locked in the call or put vault for its live series, token units.
    function lockedAssets(bool isCall) external view returns (uint256);
    /// @notice Payoffs owed by the call or put vault to holders of settled options, token units.
    function reservedAssets(bool isCall) external view returns (uint256);
    /// @notice The settlement price `settle` applied to `expiry`, wad (0 before).
    function settledPrice(uint256 expiry) external view returns (uint256);
    /// @notice The shared risk parameters.
    function riskParams() external view returns (RiskParams memory);
    /// @notice `riskParams().rateWad` alone (one storage read): the rate the margin engine and the strategy vaults
    /// price with.
    function rateWad() external view returns (uint256);
    /// @notice The risk parameters of the call or put vault.
    function sideParams(bool isCall) external view returns (SideParams memory);

    /// @notice Sets the shared risk parameters. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` if any field is outside its bounds. Emits `RiskParamsSet`.
    function setRiskParams(RiskParams calldata params) external;

    /// @notice Sets the risk parameters of the call or put vault. Only the owner.
    /// @dev Reverts `ParameterOutOfBounds` if any field is outside its bounds. Emits `SideParamsSet`.
    function setSideParams(bool isCall, SideParams calldata params) external;

    /// @notice Sets the margin engine, once. Only the owner.
    /// @dev Reverts `MarginEngineAlreadySet` if it is set. Emits `MarginEngineSet`.
    function setMarginEngine(address engine) external;
}
