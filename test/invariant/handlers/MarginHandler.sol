// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginEngine} from "../../../contracts/interfaces/IMarginEngine.sol";
import {SeriesId, SeriesIdLib} from "../../../contracts/libraries/SeriesId.sol";
import {Svi} from "../../../contracts/libraries/Svi.sol";
import {MarginEngine} from "../../../contracts/margin/MarginEngine.sol";
import {OptionMarket} from "../../../contracts/market/OptionMarket.sol";
import {SettlementOracle} from "../../../contracts/oracle/SettlementOracle.sol";
import {VolatilityOracle} from "../../../contracts/oracle/VolatilityOracle.sol";
import {CollateralVault} from "../../../contracts/vault/CollateralVault.sol";
import {MockAggregator} from "../../utils/MockAggregator.sol";
import {TestERC20} from "../../utils/TestERC20.sol";
import {Test, Vm} from "forge-std/Test.sol";

/// @notice Bounded random actions on the margin engine over the real market, vaults and oracle stack: writers open
/// accounts, deposit, write and close calls and puts, and withdraw (often down to exactly their initial margin);
/// spot crashes and spikes through the Chainlink-style feed, the smiles jump through the volatility oracle, time
/// passes, liquidators take over positions, expiries settle, and anyone settles accounts, resolves bad debt and funds
/// the insurance. Properties about a single action are checked as it happens and counted in ghost variables; the flows
/// of assets each action moves are summed in ghosts that the invariants compare with the balances.
/// @dev Side index 0: puts (quote, USDC), 1: calls (base, WETH), as in the engine.
contract MarginHandler is Test {
    struct Contracts {
        MarginEngine engine;
        OptionMarket market;
        CollateralVault callVault;
        CollateralVault putVault;
        TestERC20 weth;
        TestERC20 usdc;
        MockAggregator feed;
        SettlementOracle settlementOracle;
        VolatilityOracle surface;
    }

    /// @dev Accounts opened at most (writers' and liquidators'): enough for a crowd, few enough that a scan for a
    /// liquidatable account stays cheap.
    uint256 internal constant MAX_ACCOUNTS = 14;

    MarginEngine internal engine;
    OptionMarket internal market;
    CollateralVault internal callVault;
    CollateralVault internal putVault;
    TestERC20 internal weth;
    TestERC20 internal usdc;
    MockAggregator internal feed;
    SettlementOracle internal settlementOracle;
    VolatilityOracle internal surface;

    address[] internal writers;
    address[] internal liquidators;
    address internal funder;
    uint256[] internal accountIds;
    /// @dev Each liquidator's put (index 0) and call (index 1) account.
    uint256[2][] internal liquidatorAccounts;
    uint256[2] public expiries;
    /// @dev Every series ever written, for the invariant that the vault's long equals the accounts' shorts.
    SeriesId[] internal writtenSeries;
    mapping(uint256 id => bool) internal isWritten;
    /// @dev Smile level per expiry (SVI's a), moved by `jumpVol`, and when each was last posted.
    int256[2] internal smileLevel;
    uint256[2] internal postedAt;
    /// @dev The first feed round at or after each expiry, once time has reached it.
    uint80[2] internal settlementRound;

    // Ghosts: properties of single actions (each must stay zero).
    /// @notice Liquidations that went through on an account at or above maintenance (docs/invariants.md invariant 6).
    uint256 public healthyLiquidations;
    /// @notice Liquidation steps after which the account's health was lower, and the largest drop (token units).
    uint256 public healthDrops;
    uint256 public worstHealthDrop;
    /// @notice Actions whose flows do not add up: a liquidation in which the account lost other than what the
    /// liquidator and the fund gained, a settlement or resolution in which the vault did not receive exactly what
    /// left the account and the fund, or events that disagree with the balances.
    uint256 public valueLeaks;
    /// @notice Settlements or resolutions in which the vault bore bad debt while the fund still held assets, or in
    /// which the fund paid more than it held.
    uint256 public vaultBeforeFund;
    /// @notice Liveness: liquidations of an account below maintenance and solvent that reverted for a reason other
    /// than the liquidator's own limits or a dust step; withdrawals down to the initial margin refused; settlements
    /// that reverted; insolvent accounts whose resolution reverted; solvent accounts that were resolved.
    uint256 public blockedActions;
    bytes4 public lastBlockedReason;

    // Ghosts: flows of assets per side, as the engine reports them (return values and events).
    uint256[2] public deposited;
    uint256[2] public withdrawn;
    uint256[2] public funded;
    uint256[2] public premiumsIn;
    uint256[2] public premiumsOut;
    uint256[2] public paidToVault;
    uint256[2] public badDebtFromFund;
    uint256[2] public badDebtFromVault;

    // Counters, to show the run exercised each path.
    uint256 public writes;
    uint256 public closes;
    uint256 public liquidations;
    uint256 public refusedLiquidations;
    uint256 public accountSettlements;
    uint256 public resolutions;
    uint256 public expirySettlements;

    constructor(
        Contracts memory c,
        address[] memory writers_,
        address[] memory liquidators_,
        address funder_,
        uint256[2] memory expiries_
    ) {
        engine = c.engine;
        market = c.market;
        callVault = c.callVault;
        putVault = c.putVault;
        weth = c.weth;
        usdc = c.usdc;
        feed = c.feed;
        settlementOracle = c.settlementOracle;
        surface = c.surface;
        writers = writers_;
        liquidators = liquidators_;
        funder = funder_;
        expiries = expiries_;
        smileLevel = [int256(0.008e18), int256(0.008e18)];
        // The fixture posted the seven-day expiry's smile at the same level; the two-day one is posted here.
        postedAt[1] = block.timestamp;
        _postSmile(0);

        // Each writer starts with a put and a call account holding one short, at different leverage: the first at
        // its initial margin, the second 10 % above, the third as deposited; the first and the third on the short
        // expiry, the second on the long one. Every run has a book to stress and to settle from its first call.
        for (uint256 i; i < writers_.length; ++i) {
            _fund(writers_[i]);
            _openAndWrite(writers_[i], _open(writers_[i], false, 50_000e6), 2900e18, (20 + 20 * i) * 1e18, i);
            _openAndWrite(writers_[i], _open(writers_[i], true, 20e18), 3100e18, (20 + 20 * i) * 1e18, i);
        }
        // Liquidators hold enough margin to take over what they are offered.
        for (uint256 i; i < liquidators_.length; ++i) {
            _fund(liquidators_[i]);
            liquidatorAccounts.push([_open(liquidators_[i], false, 2_000_000e6), _open(liquidators_[i], true, 700e18)]);
        }
        _fund(funder_);
    }

    // ---------------------------------------------------------------- writers

    function openAccount(uint256 actorSeed, bool isCall, uint256 amount) external {
        if (accountIds.length >= MAX_ACCOUNTS) return;
        address writer = writers[actorSeed % writers.length];
        _open(writer, isCall, _depositSize(isCall, amount));
    }

    function deposit(uint256 accountSeed, uint256 amount) external {
        (uint256 id, address owner, bool isCall) = _pick(accountSeed);
        amount = _depositSize(isCall, amount);
        vm.prank(owner);
        engine.deposit(id, amount);
        deposited[_side(isCall)] += amount;
    }

    /// @dev Withdraws a share of what the account holds beyond mark + IM; one call in six takes all of it, leaving
    /// the account exactly at its initial margin, so that the next move of spot or vol makes it liquidatable.
    function withdraw(uint256 accountSeed, uint256 share) external {
        (uint256 id, address owner, bool isCall) = _pick(accountSeed);
        (bool ok, IMarginEngine.Margin memory m) = _margin(id);
        if (!ok) return;
        uint256 required = m.markAssets + m.initialMarginAssets;
        if (m.collateralAssets <= required) return;
        uint256 percent = bound(share, 1, 120);
        uint256 amount = (m.collateralAssets - required) * (percent > 100 ? 100 : percent) / 100;
        if (amount == 0) return;
        vm.prank(owner);
        try engine.withdraw(id, amount, owner) {
            withdrawn[_side(isCall)] += amount;
        } catch (bytes memory reason) {
            _blocked(reason);
        }
    }

    /// @dev Writes a strike of 0.9 to 1.1 times spot (rounded to 100) on either expiry, sized up to four times the
    /// collateral over the maximum payoff: the larger sizes fail the initial margin check, which is fine.
    function write(uint256 accountSeed, uint256 expirySeed, uint256 strikeSeed, uint256 share) external {
        (uint256 id, address owner, bool isCall) = _pick(accountSeed);
        uint256 expiry = expiries[expirySeed % 2];
        if (expiry < block.timestamp + 1 hours) return;
        (bool ok, IMarginEngine.Margin memory m) = _margin(id);
        if (!ok || m.collateralAssets == 0) return;
        uint256 strikeWad = (_spotWad() * (0.9e18 + (strikeSeed % 5) * 0.05e18) / 1e18 + 50e18) / 100e18 * 100e18;
        SeriesId series = SeriesIdLib.encode(expiry, strikeWad, isCall);
        uint256 maxPayoffAssets = isCall ? 1e18 : strikeWad / 1e12;
        uint256 size = m.collateralAssets * 4e18 / maxPayoffAssets * bound(share, 1, 100) / 100;
        if (size == 0) return;
        vm.prank(owner);
        try engine.write(id, series, size, 0, block.timestamp) returns (uint256 premium) {
            premiumsIn[_side(isCall)] += premium;
            if (!isWritten[SeriesId.unwrap(series)]) {
                isWritten[SeriesId.unwrap(series)] = true;
                writtenSeries.push(series);
            }
            ++writes;
        } catch {}
    }

    function close(uint256 accountSeed, uint256 positionSeed, uint256 share) external {
        (uint256 id, address owner, bool isCall) = _pick(accountSeed);
        IMarginEngine.Position[] memory positions = engine.positionsOf(id);
        if (positions.length == 0) return;
        IMarginEngine.Position memory p = positions[positionSeed % positions.length];
        uint256 size = p.size * bound(share, 1, 100) / 100;
        if (size == 0) size = p.size;
        vm.prank(owner);
        try engine.close(id, p.id, size, type(uint256).max, block.timestamp) returns (uint256 premium) {
            premiumsOut[_side(isCall)] += premium;
            ++closes;
        } catch {}
    }

    // ---------------------------------------------------------------- keepers

    /// @dev Two calls in three look for an account below maintenance; the third tries any account, healthy ones
    /// included (which must revert). Checks that a step never goes through on a healthy account, never lowers the
    /// account's health, and moves exactly what the account loses to the liquidator and the fund.
    function liquidate(uint256 accountSeed, uint256 positionSeed, uint256 share, uint256 liquidatorSeed) external {
        uint256 id = _oneIn(3, accountSeed) ? _pickId(accountSeed) : _findUnhealthy(accountSeed);
        IMarginEngine.Position[] memory positions = engine.positionsOf(id);
        if (positions.length == 0) return;
        IMarginEngine.Position memory p = positions[positionSeed % positions.length];
        (, bool isCall) = engine.accountInfo(id);
        uint256 k = liquidatorSeed % liquidators.length;
        uint256 liquidatorId = liquidatorAccounts[k][_side(isCall)];
        if (liquidatorId == id) {
            k = (k + 1) % liquidators.length;
            liquidatorId = liquidatorAccounts[k][_side(isCall)];
        }
        (bool ok, IMarginEngine.Margin memory before) = _margin(id);
        (bool ok2, IMarginEngine.Margin memory liquidatorBefore) = _margin(liquidatorId);
        if (!ok || !ok2) return;
        // One step in eight is dust (up to a million wei of options): it must never bleed the account by rounding.
        uint256 size = _oneIn(8, share) ? bound(share, 1, 1e6) : p.size * bound(share, 1, 100) / 100;
        if (size == 0 || size > p.size) size = p.size;
        uint256 fundBefore = engine.insuranceAssets(isCall);
        int256 healthBefore = _health(before);

        vm.prank(liquidators[k]);
        try engine.liquidate(id, p.id, size, liquidatorId) returns (uint256 paid) {
            ++liquidations;
            if (healthBefore >= 0) ++healthyLiquidations;
            (, IMarginEngine.Margin memory afterStep) = _margin(id);
            (, IMarginEngine.Margin memory liquidatorAfter) = _margin(liquidatorId);
            int256 healthAfter = _health(afterStep);
            if (healthAfter < healthBefore) {
                ++healthDrops;
                uint256 drop = uint256(healthBefore - healthAfter);
                if (drop > worstHealthDrop) worstHealthDrop = drop;
            }
            uint256 fundAfter = engine.insuranceAssets(isCall);
            if (
                afterStep.collateralAssets > before.collateralAssets || fundAfter < fundBefore
                    || liquidatorAfter.collateralAssets != liquidatorBefore.collateralAssets + paid
                    || before.collateralAssets - afterStep.collateralAssets != paid + (fundAfter - fundBefore)
            ) ++valueLeaks;
        } catch (bytes memory reason) {
            ++refusedLiquidations;
            bool liquidatable = healthBefore < 0 && before.collateralAssets >= before.markAssets;
            bytes4 selector = bytes4(reason);
            // The liquidator's own limits, and a step too small to shed a unit of margin, refused because its
            // rounded-up cost would lower the account's health.
            bool expected = selector == IMarginEngine.TooManyPositions.selector
                || selector == IMarginEngine.BelowInitialMargin.selector
                || selector == IMarginEngine.InvalidSize.selector;
            if (liquidatable && !expected) _blocked(reason);
        }
    }

    /// @dev Two calls in three look for an account holding settled positions; the third settles any account (a
    /// no-op without them). Pays what an account's settled positions owe: the account's collateral, then the fund,
    /// go to the vault; the rest is bad debt written off the vault's receivable.
    function settleAccount(uint256 accountSeed) external {
        uint256 id = _oneIn(3, accountSeed) ? _pickId(accountSeed) : _findSettled(accountSeed);
        (, bool isCall) = engine.accountInfo(id);
        (bool ok, IMarginEngine.Margin memory before) = _margin(id);
        if (!ok) return;
        uint256 side = _side(isCall);
        uint256 fundBefore = engine.insuranceAssets(isCall);
        uint256 vaultBefore = _vaultHeld(isCall);
        vm.recordLogs();
        try engine.settleAccount(id) {}
        catch (bytes memory reason) {
            _blocked(reason);
            return;
        }
        (uint256 owed, uint256 paid, uint256 fromFund, uint256 fromVault) = _badDebtEvents(id);
        (, IMarginEngine.Margin memory afterSettle) = _margin(id);
        uint256 fundAfter = engine.insuranceAssets(isCall);
        if (owed != 0) ++accountSettlements;
        uint256 fromAccount = before.collateralAssets - afterSettle.collateralAssets;
        if (
            fundAfter > fundBefore || fromAccount != paid || fundBefore - fundAfter != fromFund
                || owed != paid + fromFund + fromVault || _vaultHeld(isCall) - vaultBefore != paid + fromFund
        ) ++valueLeaks;
        if (fromVault != 0 && fundAfter != 0) ++vaultBeforeFund;
        paidToVault[side] += fromAccount + (fundBefore - fundAfter);
        badDebtFromFund[side] += fromFund;
        badDebtFromVault[side] += fromVault;
    }

    /// @dev Two calls in three look for an insolvent account (collateral below mark); the third tries any account,
    /// solvent ones included (which must revert).
    function resolveBadDebt(uint256 accountSeed) external {
        uint256 id = _oneIn(3, accountSeed) ? _pickId(accountSeed) : _findInsolvent(accountSeed);
        (, bool isCall) = engine.accountInfo(id);
        (bool ok, IMarginEngine.Margin memory before) = _margin(id);
        if (!ok) return;
        uint256 side = _side(isCall);
        uint256 fundBefore = engine.insuranceAssets(isCall);
        uint256 vaultBefore = _vaultHeld(isCall);
        uint256 count = engine.positionsOf(id).length;
        vm.recordLogs();
        try engine.resolveBadDebt(id) {
            ++resolutions;
            // The engine sums marks position by position, each rounded up: up to one unit per position above the
            // account's mark.
            if (before.collateralAssets >= before.markAssets + count) _blocked(bytes(""));
        } catch (bytes memory reason) {
            // A shortfall only in settled positions is `settleAccount`'s: the resolution settles them, finds nothing
            // left to cancel and reverts `AccountSolvent`, undoing the settlement.
            bool settledShortfall = bytes4(reason) == IMarginEngine.AccountSolvent.selector && _holdsSettled(id);
            if (before.collateralAssets < before.markAssets && !settledShortfall) _blocked(reason);
            return;
        }
        (,, uint256 fromFund, uint256 fromVault) = _badDebtEvents(id);
        (, IMarginEngine.Margin memory afterResolve) = _margin(id);
        uint256 fundAfter = engine.insuranceAssets(isCall);
        if (
            afterResolve.collateralAssets != 0 || engine.positionsOf(id).length != 0 || fundAfter > fundBefore
                || fundBefore - fundAfter != fromFund
                || _vaultHeld(isCall) - vaultBefore != before.collateralAssets + fromFund
        ) ++valueLeaks;
        if (fromVault != 0 && fundAfter != 0) ++vaultBeforeFund;
        paidToVault[side] += before.collateralAssets + fromFund;
        badDebtFromFund[side] += fromFund;
        badDebtFromVault[side] += fromVault;
    }

    function fundInsurance(bool isCall, uint256 amount) external {
        amount = isCall ? bound(amount, 0.01e18, 5e18) : bound(amount, 10e6, 10_000e6);
        vm.prank(funder);
        engine.fundInsurance(isCall, amount);
        funded[_side(isCall)] += amount;
    }

    // ---------------------------------------------------------------- world

    /// @dev Ten minutes to twelve hours, or (one call in eight) straight to the next expiry, stopping exactly at an
    /// expiry it would cross so that the round pushed there is the expiry's settlement observation.
    function warp(uint256 dt) external {
        _warpTo(_oneIn(8, dt) ? _nextExpiry() : block.timestamp + bound(dt, 10 minutes, 12 hours));
    }

    /// @dev A crash or a spike: one move in three up to ±30 % in one round, the others up to ±8 %; spot stays within
    /// [1500, 6000]. Not at an expiry, whose round is its settlement observation.
    function moveSpot(uint256 moveBps) external {
        if (_atAnExpiry()) return;
        int256 range = _oneIn(3, moveBps) ? int256(3000) : int256(800);
        int256 move = int256(bound(moveBps, 0, uint256(2 * range))) - range;
        (, int256 answer,,,) = feed.latestRoundData();
        int256 next = answer + answer * move / 10_000;
        next = next < 1500e8 ? int256(1500e8) : next > 6000e8 ? int256(6000e8) : next;
        feed.pushAnswer(next, block.timestamp);
    }

    /// @dev Vol jumps: an expiry's smile level moves by −30 % to +40 % a minute later (the oracle allows a 50 % step
    /// of total variance per minute).
    function jumpVol(uint256 expirySeed, uint256 percent) external {
        uint256 e = expirySeed % 2;
        int256 level = smileLevel[e] * int256(bound(percent, 70, 140)) / 100;
        smileLevel[e] = level < 0.002e18 ? int256(0.002e18) : level > 0.03e18 ? int256(0.03e18) : level;
        _warpTo(block.timestamp + 1 minutes);
    }

    /// @dev Fixes an expiry's settlement price and settles the market once time has reached it.
    function settleExpiry(uint256 expirySeed) external {
        uint256 e = expirySeed % 2;
        uint256 expiry = expiries[e];
        if (block.timestamp < expiry || market.settledPrice(expiry) != 0) return;
        if (settlementOracle.settlement(expiry).priceWad == 0) settlementOracle.settle(expiry, settlementRound[e]);
        market.settle(expiry);
        ++expirySettlements;
    }

    // ---------------------------------------------------------------- views for the invariants

    function accounts() external view returns (uint256[] memory) {
        return accountIds;
    }

    function allSeries() external view returns (SeriesId[] memory) {
        return writtenSeries;
    }

    /// @notice The actors whose wallets the actions move: writers, liquidators and the insurance funder.
    function actors() external view returns (address[] memory all) {
        all = new address[](writers.length + liquidators.length + 1);
        for (uint256 i; i < writers.length; ++i) {
            all[i] = writers[i];
        }
        for (uint256 i; i < liquidators.length; ++i) {
            all[writers.length + i] = liquidators[i];
        }
        all[all.length - 1] = funder;
    }

    // ---------------------------------------------------------------- helpers

    function _fund(address actor) private {
        weth.mint(actor, 1_000_000e18);
        usdc.mint(actor, 10_000_000_000e6);
        vm.startPrank(actor);
        weth.approve(address(engine), type(uint256).max);
        usdc.approve(address(engine), type(uint256).max);
        vm.stopPrank();
    }

    function _open(address owner, bool isCall, uint256 amount) private returns (uint256 id) {
        vm.startPrank(owner);
        id = engine.openAccount(isCall);
        engine.deposit(id, amount);
        vm.stopPrank();
        accountIds.push(id);
        deposited[_side(isCall)] += amount;
    }

    /// @dev Writes `size` at `strikeWad`, on the long expiry when `leverage` is 1 and the short one otherwise, then
    /// withdraws down to mark + IM (`leverage` 0) or mark + 1.1·IM (1), or keeps everything (2).
    function _openAndWrite(address owner, uint256 id, uint256 strikeWad, uint256 size, uint256 leverage) private {
        (, bool isCall) = engine.accountInfo(id);
        SeriesId series = SeriesIdLib.encode(expiries[leverage == 1 ? 1 : 0], strikeWad, isCall);
        vm.prank(owner);
        premiumsIn[_side(isCall)] += engine.write(id, series, size, 0, block.timestamp);
        if (!isWritten[SeriesId.unwrap(series)]) {
            isWritten[SeriesId.unwrap(series)] = true;
            writtenSeries.push(series);
        }
        if (leverage > 1) return;
        IMarginEngine.Margin memory m = engine.marginOf(id);
        uint256 amount =
            m.collateralAssets - m.markAssets - m.initialMarginAssets - leverage * m.initialMarginAssets / 10;
        vm.prank(owner);
        engine.withdraw(id, amount, owner);
        withdrawn[_side(isCall)] += amount;
    }

    function _depositSize(bool isCall, uint256 amount) private pure returns (uint256) {
        return isCall ? bound(amount, 0.1e18, 50e18) : bound(amount, 100e6, 150_000e6);
    }

    function _pickId(uint256 seed) private view returns (uint256) {
        return accountIds[seed % accountIds.length];
    }

    function _pick(uint256 seed) private view returns (uint256 id, address owner, bool isCall) {
        id = _pickId(seed);
        (owner, isCall) = engine.accountInfo(id);
    }

    /// @dev The first account from `seed` on that is below maintenance and solvent, else the one at `seed`.
    function _findUnhealthy(uint256 seed) private view returns (uint256) {
        for (uint256 j; j < accountIds.length; ++j) {
            uint256 id = accountIds[(seed % accountIds.length + j) % accountIds.length];
            (bool ok, IMarginEngine.Margin memory m) = _margin(id);
            if (ok && _health(m) < 0 && m.collateralAssets >= m.markAssets) return id;
        }
        return _pickId(seed);
    }

    /// @dev The first account from `seed` on whose collateral is below its mark, else the one at `seed`.
    function _findInsolvent(uint256 seed) private view returns (uint256) {
        for (uint256 j; j < accountIds.length; ++j) {
            uint256 id = accountIds[(seed % accountIds.length + j) % accountIds.length];
            (bool ok, IMarginEngine.Margin memory m) = _margin(id);
            if (ok && m.collateralAssets < m.markAssets) return id;
        }
        return _pickId(seed);
    }

    /// @dev The first account from `seed` on that holds a position of a settled expiry, else the one at `seed`.
    function _findSettled(uint256 seed) private view returns (uint256) {
        for (uint256 j; j < accountIds.length; ++j) {
            uint256 id = accountIds[(seed % accountIds.length + j) % accountIds.length];
            if (_holdsSettled(id)) return id;
        }
        return _pickId(seed);
    }

    /// @dev The account's margin, or `ok` false when the oracles refuse to price it (a stale smile near expiry).
    function _margin(uint256 id) private view returns (bool ok, IMarginEngine.Margin memory m) {
        try engine.marginOf(id) returns (IMarginEngine.Margin memory result) {
            return (true, result);
        } catch {
            return (false, m);
        }
    }

    /// @dev collateral − mark − MM, token units.
    function _health(IMarginEngine.Margin memory m) private pure returns (int256) {
        return int256(m.collateralAssets) - int256(m.markAssets) - int256(m.maintenanceMarginAssets);
    }

    /// @dev Sums the engine's settlement and bad-debt events for `id` among the recorded logs.
    function _badDebtEvents(uint256 id)
        private
        returns (uint256 owed, uint256 paid, uint256 fromFund, uint256 fromVault)
    {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(engine) || uint256(log.topics[1]) != id) continue;
            bytes32 topic = log.topics[0];
            if (topic == IMarginEngine.AccountSettled.selector) {
                owed += uint256(log.topics[2]);
                paid += uint256(log.topics[3]);
            } else if (topic == IMarginEngine.BadDebtFromInsurance.selector) {
                fromFund += uint256(log.topics[3]);
            } else if (topic == IMarginEngine.BadDebtFromVault.selector) {
                fromVault += uint256(log.topics[3]);
            }
        }
    }

    /// @dev True for one seed in `n`, spread by a hash: the fuzzer favours round numbers, which a plain modulo would
    /// turn into the same branch every time.
    function _oneIn(uint256 n, uint256 seed) private pure returns (bool) {
        return uint256(keccak256(abi.encode(seed))) % n == 0;
    }

    function _holdsSettled(uint256 id) private view returns (bool) {
        IMarginEngine.Position[] memory positions = engine.positionsOf(id);
        for (uint256 i; i < positions.length; ++i) {
            if (market.settledPrice(positions[i].id.expiry()) != 0) return true;
        }
        return false;
    }

    function _blocked(bytes memory reason) private {
        ++blockedActions;
        lastBlockedReason = bytes4(reason);
    }

    /// @dev Moves time to `target`, stopping at an expiry it would cross; pushes the feed's price again (fresh) and
    /// posts the smiles still ahead.
    function _warpTo(uint256 target) private {
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp < expiries[e] && target >= expiries[e]) target = expiries[e];
        }
        (, int256 answer,,,) = feed.latestRoundData();
        vm.warp(target);
        uint80 round = feed.pushAnswer(answer, block.timestamp);
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp == expiries[e]) settlementRound[e] = round;
            _postSmile(e);
        }
    }

    /// @dev Posts the expiry's smile as the keeper, at most once a minute. Posting stops 13 hours before expiry (the
    /// highest level would exceed the oracle's vol bound there); the last smile stays valid for a day.
    function _postSmile(uint256 e) private {
        if (expiries[e] < block.timestamp + 13 hours || block.timestamp < postedAt[e] + 1 minutes) return;
        surface.post(expiries[e], Svi.Params({a: smileLevel[e], b: 0.05e18, rho: -0.3e18, m: 0, sigma: 0.1e18}));
        postedAt[e] = block.timestamp;
    }

    function _nextExpiry() private view returns (uint256) {
        for (uint256 e; e < 2; ++e) {
            if (block.timestamp < expiries[e]) return expiries[e];
        }
        return block.timestamp + 1 days;
    }

    function _atAnExpiry() private view returns (bool) {
        return block.timestamp == expiries[0] || block.timestamp == expiries[1];
    }

    function _spotWad() private view returns (uint256) {
        (, int256 answer,,,) = feed.latestRoundData();
        return uint256(answer) * 1e10;
    }

    function _vaultHeld(bool isCall) private view returns (uint256) {
        return isCall ? weth.balanceOf(address(callVault)) : usdc.balanceOf(address(putVault));
    }

    function _side(bool isCall) private pure returns (uint256) {
        return isCall ? 1 : 0;
    }
}
