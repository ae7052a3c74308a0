export * from './abi/generated.js'
export { type AddressBook, addressBook } from './addresses/addressBook.js'
export { InvalidDeploymentError, UnknownChainError } from './addresses/errors.js'
export { getAddresses } from './addresses/getAddresses.js'
export {
  parseDeployment,
  type SmileDeployment,
  type SmilePortfolioDeployment,
} from './addresses/parseDeployment.js'
export { type ExpiryStatus, expiryStatus } from './discovery/expiryStatus.js'
export {
  type FetchMarketSnapshotParameters,
  type FetchMarketSnapshotReturnType,
  fetchMarketSnapshot,
  type SnapshotExpiry,
  type SnapshotSeries,
  type SnapshotVault,
} from './discovery/fetchMarketSnapshot.js'
export {
  type ListExpiriesParameters,
  type ListExpiriesReturnType,
  type ListedExpiry,
  listExpiries,
} from './discovery/listExpiries.js'
export {
  type ListedSeries,
  type ListSeriesParameters,
  type ListSeriesReturnType,
  listSeries,
} from './discovery/listSeries.js'
export { SmileError, type SmileErrorParameters } from './errors/base.js'
export {
  LnOutOfRangeError,
  MoneynessOutOfRangeError,
  RateOutOfRangeError,
  SpotOutOfRangeError,
  StrikeOutOfRangeError,
  TimeOutOfRangeError,
  VolatilityOutOfRangeError,
} from './errors/blackScholes.js'
export { ContractRevertError } from './errors/contractRevert.js'
export { decodeSmileError } from './errors/decodeSmileError.js'
export {
  LiquidationRejectedError,
  MarginCollateralMismatchError,
  MarginStateIncompleteError,
  SelfLiquidationError,
} from './errors/margin.js'
export {
  InvalidBuildArgumentError,
  InvalidQuoteStripError,
  SeriesFieldOverflowError,
  TradeRejectedError,
  type TradeRejectionName,
} from './errors/market.js'
export { PermitMismatchError } from './errors/permit.js'
export {
  LegSizeOutOfRangeError,
  ParameterOutOfBoundsError,
  type PortfolioRiskParameter,
  TooManyLegsError,
} from './errors/portfolioRisk.js'
export {
  InvalidPricingInputError,
  PriceOutOfBoundsError,
  type PricingParameter,
} from './errors/pricing.js'
export { type AnySmileContractError, SmileContractError } from './errors/smileContractError.js'
export {
  type SmileErrorAbiItem,
  type SmileErrorArgs,
  type SmileErrorName,
  smileErrorsAbi,
} from './errors/smileErrorsAbi.js'
export {
  SviArithmeticError,
  SviCalibrationError,
  SviCurvatureOutOfRangeError,
  SviLevelOutOfRangeError,
  SviLogMoneynessOutOfRangeError,
  SviMinimumVarianceOutOfRangeError,
  SviNegativeTotalVarianceError,
  type SviOnChainErrorName,
  SviRotationOutOfRangeError,
  SviTimeOutOfRangeError,
  SviValidationError,
  type SviValue,
  SviVertexOutOfRangeError,
  SviWingTooSteepError,
} from './errors/svi.js'
export { TransactionRevertedError } from './errors/transaction.js'
export { UnknownContractError, type UnknownContractReason } from './errors/unknownContract.js'
export {
  decodeSmileEvents,
  type SmileEvent,
  type SmileEventLog,
  type SmileEventType,
} from './events/decodeSmileEvents.js'
export {
  type GetSmileEventsParameters,
  type GetSmileEventsReturnType,
  getSmileEvents,
} from './events/getSmileEvents.js'
export {
  type GetTradesParameters,
  type GetTradesReturnType,
  getTrades,
  type TradeEvent,
} from './events/getTrades.js'
export { smileEventsAbi } from './events/smileEventsAbi.js'
export {
  type WatchSmileEventsParameters,
  type WatchSmileEventsReturnType,
  watchSmileEvents,
} from './events/watchSmileEvents.js'
export {
  type WatchTradesParameters,
  type WatchTradesReturnType,
  watchTrades,
} from './events/watchTrades.js'
export {
  type BuildCloseParameters,
  type BuildCloseReturnType,
  buildClose,
} from './margin/buildClose.js'
export {
  type BuildLiquidateParameters,
  type BuildLiquidateReturnType,
  buildLiquidate,
} from './margin/buildLiquidate.js'
export {
  type BuildMarginDepositParameters,
  type BuildMarginDepositReturnType,
  buildMarginDeposit,
} from './margin/buildMarginDeposit.js'
export {
  type BuildMarginWithdrawParameters,
  type BuildMarginWithdrawReturnType,
  buildMarginWithdraw,
} from './margin/buildMarginWithdraw.js'
export {
  type BuildOpenAccountParameters,
  type BuildOpenAccountReturnType,
  buildOpenAccount,
} from './margin/buildOpenAccount.js'
export {
  type BuildResolveBadDebtParameters,
  type BuildResolveBadDebtReturnType,
  buildResolveBadDebt,
} from './margin/buildResolveBadDebt.js'
export {
  type BuildSettleAccountParameters,
  type BuildSettleAccountReturnType,
  buildSettleAccount,
} from './margin/buildSettleAccount.js'
export {
  type BuildWriteParameters,
  type BuildWriteReturnType,
  buildWrite,
} from './margin/buildWrite.js'
export {
  type ComputeMarginOptions,
  type ComputeMarginReturnType,
  computeMargin,
  type PositionMargin,
} from './margin/computeMargin.js'
export {
  type FetchAccountParameters,
  type FetchAccountReturnType,
  fetchAccount,
  type MarginFigures,
  type MarginHealth,
  type MarginPosition,
  type MarginStatus,
  marginHealth,
} from './margin/fetchAccount.js'
export {
  type FetchMarginStateParameters,
  fetchMarginState,
  type MarginParamsWad,
  type MarginState,
} from './margin/fetchMarginState.js'
export {
  type FindLiquidatableAccountsParameters,
  type FindLiquidatableAccountsReturnType,
  findLiquidatableAccounts,
  type LiquidatableAccount,
} from './margin/findLiquidatableAccounts.js'
export {
  type PlanLiquidationParameters,
  type PlanLiquidationReturnType,
  planLiquidation,
} from './margin/planLiquidation.js'
export {
  type BuildBuyParameters,
  type BuildBuyReturnType,
  buildBuy,
} from './market/buildBuy.js'
export {
  type BuildRedeemPositionParameters,
  type BuildRedeemPositionReturnType,
  buildRedeemPosition,
} from './market/buildRedeemPosition.js'
export {
  type BuildSellParameters,
  type BuildSellReturnType,
  buildSell,
} from './market/buildSell.js'
export {
  type BuildSettleParameters,
  type BuildSettleReturnType,
  buildSettle,
} from './market/buildSettle.js'
export {
  type FetchMarketParameters,
  type FetchMarketReturnType,
  fetchMarket,
  type MarketSide,
} from './market/fetchMarket.js'
export {
  type FetchPositionParameters,
  type FetchPositionReturnType,
  fetchPosition,
} from './market/fetchPosition.js'
export {
  type FetchSeriesParameters,
  type FetchSeriesReturnType,
  fetchSeries,
} from './market/fetchSeries.js'
export {
  type FetchTradeStateParameters,
  fetchTradeState,
  type TradeState,
} from './market/fetchTradeState.js'
export {
  type MaxBuySizeOptions,
  type MaxBuySizeParameters,
  type MaxBuySizeReturnType,
  maxBuySize,
} from './market/maxBuySize.js'
export {
  type MaxSellSizeOptions,
  type MaxSellSizeParameters,
  type MaxSellSizeReturnType,
  maxSellSize,
} from './market/maxSellSize.js'
export { type QuoteBuyParameters, type QuoteBuyReturnType, quoteBuy } from './market/quoteBuy.js'
export {
  type QuoteSellParameters,
  type QuoteSellReturnType,
  quoteSell,
} from './market/quoteSell.js'
export {
  type QuoteStripParameters,
  type QuoteStripReturnType,
  type QuoteStripState,
  quoteStrip,
  type StripQuote,
  type StripSideQuote,
} from './market/quoteStrip.js'
export type { QuoteTradeOptions, TradeQuote } from './market/quoteTrade.js'
export {
  type BlackScholesParameters,
  type BlackScholesReturnType,
  blackScholes,
  blackScholesPrice,
} from './math/blackScholes.js'
export {
  type CalibrateSviParameters,
  type CalibrateSviReturnType,
  calibrateSvi,
  type SviQuote,
} from './math/calibrateSvi.js'
export { type ImpliedVolatilityParameters, impliedVolatility } from './math/impliedVolatility.js'
export { normalCdf, normalPdf } from './math/normal.js'
export { type SviParams, sviImpliedVol, sviTotalVariance, validateSvi } from './math/svi.js'
export { SVI_BOUNDS, SVI_BOUNDS_WAD } from './math/sviBounds.js'
export type {
  BlackScholesGreeksWad,
  BlackScholesWadParameters,
} from './math/wad/blackScholesWad.js'
export {
  blackScholesGreeksWad,
  blackScholesPriceAndDeltaWad,
  blackScholesWad,
} from './math/wad/blackScholesWad.js'
export {
  abs,
  divUp,
  max,
  min,
  mulDiv,
  mulDivUp,
  mulWad,
  mulWadUp,
} from './math/wad/fixedPoint.js'
export { inventoryChargeWad, inventoryPotentialWad } from './math/wad/inventoryPotential.js'
export { normCdfPrecise, normPdfPrecise, upperTailPrecise } from './math/wad/normalWad.js'
export {
  maxPayoffWad,
  type OptionQuoteWad,
  type OptionQuoteWadParameters,
  optionMarkWad,
  optionQuoteWad,
  optionVolatilityWad,
  payoffWad,
} from './math/wad/optionValuation.js'
export {
  collateralValueWad,
  gridSpotWad,
  PORTFOLIO_RISK_BOUNDS,
  type PortfolioCollateralWad,
  type PortfolioExpiryWad,
  type PortfolioLegWad,
  type PortfolioMarginWad,
  type PortfolioShocksWad,
  portfolioMargin,
  type SpotShockRuleWad,
  scaledSmile,
  spotShockWad,
} from './math/wad/portfolioRisk.js'
export {
  expNegPrecise,
  lnPrecise,
  PRECISE_ONE,
  sqrtInTimeRange,
} from './math/wad/preciseMath.js'
export {
  decodeSeriesId,
  encodeSeriesId,
  isCanonicalSeriesId,
  type Series,
} from './math/wad/seriesId.js'
export { sqrt, sqrtWad } from './math/wad/sqrt.js'
export {
  type SviParamsWad,
  sviImpliedVolWad,
  sviTotalVarianceWad,
  validateSviWad,
} from './math/wad/sviWad.js'
export {
  checkTradeBook,
  lockedAssetsOf,
  maxProceedsWad,
  maxSizeUnderInventoryCap,
  type OracleReadsWad,
  type PricedTradeWad,
  priceTradeWad,
  type RiskParamsWad,
  type SideParamsWad,
  type TradeBookState,
  type TradePricingState,
  tradeFeeWad,
} from './math/wad/tradePricing.js'
export { fromWad, toWad, WAD } from './math/wad.js'
export { InvalidExpiryError } from './oracle/errors.js'
export {
  type ReadSettlementParameters,
  type ReadSettlementReturnType,
  readSettlement,
  type SettlementWindows,
} from './oracle/readSettlement.js'
export {
  type ReadSmileParameters,
  type ReadSmileReturnType,
  readSmile,
} from './oracle/readSmile.js'
export { type ReadSpotParameters, type ReadSpotReturnType, readSpot } from './oracle/readSpot.js'
export {
  type BuildClaimParameters,
  type BuildClaimReturnType,
  buildClaim,
} from './strategies/buildClaim.js'
export {
  type BuildRequestDepositParameters,
  type BuildRequestDepositReturnType,
  buildRequestDeposit,
  checkRequestAmount,
} from './strategies/buildRequestDeposit.js'
export {
  type BuildRequestRedeemParameters,
  type BuildRequestRedeemReturnType,
  buildRequestRedeem,
} from './strategies/buildRequestRedeem.js'
export {
  type BuildCloseRoundParameters,
  type BuildCloseRoundReturnType,
  type BuildStartRoundParameters,
  type BuildStartRoundReturnType,
  buildCloseRound,
  buildStartRound,
} from './strategies/buildRoundActions.js'
export {
  type FetchStrategyVaultParameters,
  type FetchStrategyVaultReturnType,
  fetchStrategyVault,
  type StrategyRequest,
} from './strategies/fetchStrategyVault.js'
export {
  type CheckStrategyRoundParameters,
  type CheckStrategyRoundReturnType,
  checkStrategyRound,
  type MarketBookState,
  type PlannedStrategyRound,
  type SimulatedRound,
  type SimulatedSpreadRound,
  type SimulateSpreadStrategyParameters,
  type SimulateStrategyParameters,
  type SimulateStrategyReturnType,
  type SpreadMarginParams,
  type SpreadRule,
  type StrategyPathPoint,
  type StrategyRoundLeg,
  type StrategyRoundLegName,
  StrategyRoundRejectedError,
  type StrategyRule,
  simulateSpreadStrategy,
  simulateStrategy,
} from './strategies/simulateStrategy.js'
export {
  type BuildCancelRedeemRequestParameters,
  type BuildCancelRedeemRequestReturnType,
  buildCancelRedeemRequest,
} from './vault/buildCancelRedeemRequest.js'
export {
  type BuildDepositParameters,
  type BuildDepositReturnType,
  buildDeposit,
  checkVaultAsset,
  type VaultAsset,
} from './vault/buildDeposit.js'
export {
  type BuildDepositWithPermitParameters,
  type BuildDepositWithPermitReturnType,
  buildDepositWithPermit,
} from './vault/buildDepositWithPermit.js'
export {
  type BuildExitRequestParameters,
  type BuildExitRequestReturnType,
  buildExitRequest,
} from './vault/buildExitRequest.js'
export { type BuildMintParameters, type BuildMintReturnType, buildMint } from './vault/buildMint.js'
export {
  type BuildMintWithPermitParameters,
  type BuildMintWithPermitReturnType,
  buildMintWithPermit,
} from './vault/buildMintWithPermit.js'
export {
  type BuildRedeemParameters,
  type BuildRedeemReturnType,
  buildRedeem,
} from './vault/buildRedeem.js'
export {
  type BuildWithdrawParameters,
  type BuildWithdrawReturnType,
  buildWithdraw,
} from './vault/buildWithdraw.js'
export {
  claimAssets,
  exitValueOf,
  VAULT_VIRTUAL_SHARES,
  type VaultExitRequest,
  vaultSharesToAssets,
} from './vault/exitMath.js'
export {
  type ExitRequestStatus,
  type FetchExitRequestParameters,
  type FetchExitRequestReturnType,
  fetchExitRequest,
} from './vault/fetchExitRequest.js'
export {
  type FetchVaultParameters,
  type FetchVaultReturnType,
  fetchVault,
} from './vault/fetchVault.js'
export {
  type QuoteExitRequestParameters,
  type QuoteExitRequestReturnType,
  quoteExitRequest,
} from './vault/quoteExitRequest.js'
export {
  type AllowanceOverrideParameters,
  type AllowanceOverrideReturnType,
  allowanceOverride,
} from './wallet/allowanceOverride.js'
export { allowanceRequirement, buildRequest } from './wallet/buildRequest.js'
export {
  type FetchPermitParameters,
  type FetchPermitReturnType,
  fetchPermit,
} from './wallet/fetchPermit.js'
export {
  allowanceOrPermitRequirement,
  type Erc2612PermitTypedData,
  erc2612PermitTypes,
  type PermitParameters,
  type PermitRequirementParameters,
  type PermitState,
  permitRequirement,
} from './wallet/permit.js'
export type {
  AllowanceRequirement,
  BuiltRequest,
  PermitRequirement,
  Requirement,
  TransactionRequest,
} from './wallet/request.js'
export {
  type SendRequestParameters,
  type SendRequestReturnType,
  sendRequest,
} from './wallet/sendRequest.js'
export { splitSignature } from './wallet/splitSignature.js'
