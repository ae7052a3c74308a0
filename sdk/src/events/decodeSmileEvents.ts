import { type Address, getAddress, type Hash, type Log, parseEventLogs } from 'viem'
import { decodeSeriesId, type Series } from '../math/wad/seriesId.js'
import { smileEventsAbi } from './smileEventsAbi.js'

/**
 * Where an event was emitted: the contract (checksummed), the block, the transaction and the log's index in
 * the block (null while pending).
 *
 * @example
 * ```ts
 * import type { SmileEventLog } from '@smile/sdk'
 *
 * const key = (log: SmileEventLog) => `${log.transactionHash}:${log.logIndex}`
 * ```
 */
export type SmileEventLog = {
  address: Address
  blockNumber: bigint | null
  transactionHash: Hash | null
  logIndex: number | null
}

/** A series named by an event: its id and its decoded fields. */
type SeriesRef = { id: bigint; series: Series }

/**
 * A Smile event, decoded: `type` says which; sizes are wad of options (1e18 = one option), `…Assets`
 * amounts token units of the collateral (base for calls, quote for puts; the vault's asset for LP
 * flows), prices wad of quote per base, as everywhere in the SDK.
 *
 * - `trade` (market `Traded`): `trader` bought (`isBuy`) or sold `size` of the series for
 *   `premiumAssets`, `feeAssets` included, leaving the expiry's inventory E at
 *   `inventoryAfterWad`. A margin write or buy-back also trades: `trader` is then the engine.
 * - `expirySettled`, `redemption`, `writtenCancelled`, `receivableSettled`: the market settled an
 *   expiry, paid a holder, cancelled an insolvent account's written options, recorded what the
 *   margin engine paid (and wrote off) of what settled accounts owed the call or put vault.
 * - `lpDeposit`, `lpExitRequested`, `lpExitCancelled`, `lpExitClaimed`: a collateral vault's
 *   deposit, redemption request, cancelled request, and claim (paid `assets` for `shares`).
 * - `marginAccountOpened`, `marginDeposit`, `marginWithdraw`, `marginWrite`, `marginClose`: the
 *   margin engine's account actions; `liquidation`: `liquidatorAccountId` took over `size` from
 *   `accountId`; `accountSettled`: an account paid what its settled shorts owed; `badDebt`: the
 *   insurance fund or the vault bore part of an account's debt.
 *
 * @example
 * ```ts
 * import type { SmileEvent } from '@smile/sdk'
 *
 * const describe = (e: SmileEvent) =>
 *   e.type === 'trade' ? `${e.isBuy ? 'buy' : 'sell'} ${e.size} for ${e.premiumAssets}` : e.type
 * ```
 */
export type SmileEvent = SmileEventLog &
  (
    | ({
        type: 'trade'
        trader: Address
        isBuy: boolean
        size: bigint
        premiumAssets: bigint
        feeAssets: bigint
        inventoryAfterWad: bigint
      } & SeriesRef)
    | {
        type: 'expirySettled'
        expiry: bigint
        priceWad: bigint
        owedCallAssets: bigint
        owedPutAssets: bigint
      }
    | ({
        type: 'redemption'
        holder: Address
        receiver: Address
        size: bigint
        payoutAssets: bigint
      } & SeriesRef)
    | ({ type: 'writtenCancelled'; size: bigint; paidAssets: bigint } & SeriesRef)
    | { type: 'receivableSettled'; isCall: boolean; paidAssets: bigint; writtenOffAssets: bigint }
    | { type: 'lpDeposit'; sender: Address; owner: Address; assets: bigint; shares: bigint }
    | {
        type: 'lpExitRequested'
        controller: Address
        owner: Address
        sender: Address
        shares: bigint
      }
    | { type: 'lpExitCancelled'; controller: Address; shares: bigint }
    | {
        type: 'lpExitClaimed'
        sender: Address
        receiver: Address
        controller: Address
        assets: bigint
        shares: bigint
      }
    | { type: 'marginAccountOpened'; accountId: bigint; owner: Address; isCall: boolean }
    | { type: 'marginDeposit'; accountId: bigint; from: Address; assets: bigint }
    | { type: 'marginWithdraw'; accountId: bigint; receiver: Address; assets: bigint }
    | ({ type: 'marginWrite'; accountId: bigint; size: bigint; premiumAssets: bigint } & SeriesRef)
    | ({ type: 'marginClose'; accountId: bigint; size: bigint; premiumAssets: bigint } & SeriesRef)
    | ({
        type: 'liquidation'
        accountId: bigint
        liquidatorAccountId: bigint
        size: bigint
        paidAssets: bigint
        insuranceAssets: bigint
      } & SeriesRef)
    | { type: 'accountSettled'; accountId: bigint; owedAssets: bigint; paidAssets: bigint }
    | {
        type: 'badDebt'
        accountId: bigint
        isCall: boolean
        assets: bigint
        /** Who bore it: the insurance fund, or the vault long against the account. */
        borneBy: 'insurance' | 'vault'
      }
  )

/**
 * One of the {@link SmileEvent} types.
 *
 * @example
 * ```ts
 * import type { SmileEventType } from '@smile/sdk'
 *
 * const lpFlows: SmileEventType[] = ['lpDeposit', 'lpExitRequested', 'lpExitCancelled', 'lpExitClaimed']
 * ```
 */
export type SmileEventType = SmileEvent['type']

/**
 * Decodes the Smile events among `logs` (a receipt's, `getLogs`', a watcher's) into
 * {@link SmileEvent}s, in the order given; logs of other events are skipped. It decodes by
 * signature: pass the logs of Smile's contracts (an ERC-4626 `Deposit` of another vault would
 * read as an `lpDeposit`). Amounts stay as the contracts emit them: sizes wad, assets token units.
 *
 * @example
 * ```ts
 * import type { TransactionReceipt } from 'viem'
 * import { decodeSmileEvents } from '@smile/sdk'
 *
 * declare const receipt: TransactionReceipt
 * for (const event of decodeSmileEvents(receipt.logs))
 *   if (event.type === 'trade') console.log(event.trader, event.series.strikeWad, event.premiumAssets)
 * ```
 */
export function decodeSmileEvents(logs: readonly Log[]): SmileEvent[] {
  return parseEventLogs({ abi: smileEventsAbi, logs: [...logs], strict: true }).map(
    (log): SmileEvent => {
      const at: SmileEventLog = {
        address: getAddress(log.address),
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        logIndex: log.logIndex,
      }
      const ref = (id: bigint): SeriesRef => ({ id, series: decodeSeriesId(id) })
      switch (log.eventName) {
        case 'Traded': {
          const { trader, id, isBuy, size, premiumAssets, feeAssets, inventoryWad } = log.args
          const trade = { trader, isBuy, size, premiumAssets, feeAssets }
          return { ...at, type: 'trade', ...trade, inventoryAfterWad: inventoryWad, ...ref(id) }
        }
        case 'ExpirySettled':
          return { ...at, type: 'expirySettled', ...log.args }
        case 'Redeemed': {
          const { holder, id, size, payoutAssets, receiver } = log.args
          return { ...at, type: 'redemption', holder, receiver, size, payoutAssets, ...ref(id) }
        }
        case 'WrittenCancelled': {
          const { id, size, paidAssets } = log.args
          return { ...at, type: 'writtenCancelled', size, paidAssets, ...ref(id) }
        }
        case 'ReceivableSettled':
          return { ...at, type: 'receivableSettled', ...log.args }
        case 'Deposit':
          return { ...at, type: 'lpDeposit', ...log.args }
        case 'RedeemRequest': {
          const { controller, owner, sender, shares } = log.args
          return { ...at, type: 'lpExitRequested', controller, owner, sender, shares }
        }
        case 'RedeemRequestCancelled':
          return { ...at, type: 'lpExitCancelled', ...log.args }
        case 'Withdraw': {
          const { sender, receiver, owner, assets, shares } = log.args
          return {
            ...at,
            type: 'lpExitClaimed',
            sender,
            receiver,
            controller: owner,
            assets,
            shares,
          }
        }
        case 'AccountOpened':
          return { ...at, type: 'marginAccountOpened', ...log.args }
        case 'Deposited':
          return { ...at, type: 'marginDeposit', ...log.args }
        case 'Withdrawn':
          return { ...at, type: 'marginWithdraw', ...log.args }
        case 'OptionsWritten':
        case 'OptionsClosed': {
          const { accountId, id, size, premiumAssets } = log.args
          const type = log.eventName === 'OptionsWritten' ? 'marginWrite' : 'marginClose'
          return { ...at, type, accountId, size, premiumAssets, ...ref(id) }
        }
        case 'Liquidated': {
          const { id, ...rest } = log.args
          return { ...at, type: 'liquidation', ...rest, ...ref(id) }
        }
        case 'AccountSettled':
          return { ...at, type: 'accountSettled', ...log.args }
        default: {
          // BadDebtFromInsurance or BadDebtFromVault
          const borneBy = log.eventName === 'BadDebtFromInsurance' ? 'insurance' : 'vault'
          return { ...at, type: 'badDebt', ...log.args, borneBy }
        }
      }
    },
  )
}
