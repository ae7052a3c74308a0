// The `@smile/sdk/portfolio` entry: the SDK of the portfolio margin engine (issue #16), apart from
// the core so that an application margining per short does not ship it.
export {
  iPortfolioMarginEngineAbi,
  iPortfolioPricerAbi,
  portfolioMarginEngineAbi,
  portfolioPricerAbi,
  portfolioRiskAbi,
} from '../abi/portfolio.js'
export {
  PortfolioAccountHealthyError,
  PortfolioAccountInsolventError,
  PortfolioActionRevertError,
  PortfolioBelowInitialMarginError,
  PortfolioHealthNotImprovedError,
  type PortfolioRevertReason,
  PortfolioStateIncompleteError,
} from '../errors/portfolio.js'
export {
  PORTFOLIO_MAX_COLLATERAL,
  PORTFOLIO_MAX_POSITION_SIZE,
  PORTFOLIO_MAX_POSITIONS,
} from './book.js'
export {
  type BuildPortfolioDepositParameters,
  type BuildPortfolioLiquidateParameters,
  type BuildPortfolioOptionsTransferParameters,
  type BuildPortfolioTradeParameters,
  type BuildPortfolioWithdrawParameters,
  buildPortfolioBuy,
  buildPortfolioClose,
  buildPortfolioDeposit,
  buildPortfolioDepositOptions,
  buildPortfolioLiquidate,
  buildPortfolioOpenAccount,
  buildPortfolioResolveBadDebt,
  buildPortfolioSell,
  buildPortfolioSettleAccount,
  buildPortfolioWithdraw,
  buildPortfolioWithdrawOptions,
  buildPortfolioWrite,
} from './builders.js'
export {
  type ComputePortfolioMarginParameters,
  computePortfolioMargin,
  type PortfolioAccountMargin,
  type PortfolioBook,
} from './computePortfolioMargin.js'
export { type FetchPortfolioStateParameters, fetchPortfolioState } from './fetchPortfolioState.js'
export {
  type PlanPortfolioLiquidationParameters,
  type PlanPortfolioLiquidationReturnType,
  planPortfolioLiquidation,
} from './planPortfolioLiquidation.js'
export type { PortfolioParamsWad, PortfolioPosition, PortfolioState } from './state.js'
export {
  type PortfolioTrade,
  type WhatIfPortfolioTradeReturnType,
  whatIfPortfolioTrade,
} from './whatIfPortfolioTrade.js'
