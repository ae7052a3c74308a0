/**
 * The events the SDK decodes (`decodeSmileEvents`), as a literal ABI: the market's trades,
 * settlements, redemptions, cancelled writes and settled receivables; the collateral vaults' LP flows (ERC-4626
 * `Deposit`, ERC-7540 `RedeemRequest`, `RedeemRequestCancelled`, and `Withdraw`, which a claimed
 * exit emits); the margin engine's account actions, liquidations, settlements and bad debt. The
 * same items as in the generated ABIs (`optionMarketAbi`, `collateralVaultAbi`, `marginEngineAbi`).
 *
 * @example
 * ```ts
 * import { parseEventLogs, type Log } from 'viem'
 * import { smileEventsAbi } from '@smile/sdk'
 *
 * declare const logs: Log[]
 * const trades = parseEventLogs({ abi: smileEventsAbi, logs, eventName: 'Traded' })
 * ```
 */
export const smileEventsAbi = [
  {
    type: 'event',
    name: 'Traded',
    inputs: [
      { name: 'trader', type: 'address', indexed: true },
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'isBuy', type: 'bool', indexed: false },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'premiumAssets', type: 'uint256', indexed: false },
      { name: 'feeAssets', type: 'uint256', indexed: false },
      { name: 'inventoryWad', type: 'int256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'ExpirySettled',
    inputs: [
      { name: 'expiry', type: 'uint256', indexed: true },
      { name: 'priceWad', type: 'uint256', indexed: true },
      { name: 'owedCallAssets', type: 'uint256', indexed: true },
      { name: 'owedPutAssets', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Redeemed',
    inputs: [
      { name: 'holder', type: 'address', indexed: true },
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'payoutAssets', type: 'uint256', indexed: false },
      { name: 'receiver', type: 'address', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'WrittenCancelled',
    inputs: [
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'paidAssets', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'ReceivableSettled',
    inputs: [
      { name: 'isCall', type: 'bool', indexed: true },
      { name: 'paidAssets', type: 'uint256', indexed: true },
      { name: 'writtenOffAssets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Deposit',
    inputs: [
      { name: 'sender', type: 'address', indexed: true },
      { name: 'owner', type: 'address', indexed: true },
      { name: 'assets', type: 'uint256', indexed: false },
      { name: 'shares', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'RedeemRequest',
    inputs: [
      { name: 'controller', type: 'address', indexed: true },
      { name: 'owner', type: 'address', indexed: true },
      { name: 'requestId', type: 'uint256', indexed: true },
      { name: 'sender', type: 'address', indexed: false },
      { name: 'shares', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'RedeemRequestCancelled',
    inputs: [
      { name: 'controller', type: 'address', indexed: true },
      { name: 'shares', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Withdraw',
    inputs: [
      { name: 'sender', type: 'address', indexed: true },
      { name: 'receiver', type: 'address', indexed: true },
      { name: 'owner', type: 'address', indexed: true },
      { name: 'assets', type: 'uint256', indexed: false },
      { name: 'shares', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'AccountOpened',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'owner', type: 'address', indexed: true },
      { name: 'isCall', type: 'bool', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Deposited',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'from', type: 'address', indexed: true },
      { name: 'assets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Withdrawn',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'receiver', type: 'address', indexed: true },
      { name: 'assets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OptionsWritten',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'premiumAssets', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'OptionsClosed',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'premiumAssets', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Liquidated',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'liquidatorAccountId', type: 'uint256', indexed: true },
      { name: 'id', type: 'uint256', indexed: true },
      { name: 'size', type: 'uint256', indexed: false },
      { name: 'paidAssets', type: 'uint256', indexed: false },
      { name: 'insuranceAssets', type: 'uint256', indexed: false },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'AccountSettled',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'owedAssets', type: 'uint256', indexed: true },
      { name: 'paidAssets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'BadDebtFromInsurance',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'isCall', type: 'bool', indexed: true },
      { name: 'assets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'BadDebtFromVault',
    inputs: [
      { name: 'accountId', type: 'uint256', indexed: true },
      { name: 'isCall', type: 'bool', indexed: true },
      { name: 'assets', type: 'uint256', indexed: true },
    ],
    anonymous: false,
  },
] as const
