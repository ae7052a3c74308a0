export * from './abi/generated.js'
export { SmileError } from './errors/base.js'
export { ContractRevertError } from './errors/contractRevert.js'
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
export {
  type CalibrateSviParameters,
  type CalibrateSviReturnType,
  calibrateSvi,
  type SviQuote,
} from './math/calibrateSvi.js'
export { type SviParams, sviImpliedVol, sviTotalVariance, validateSvi } from './math/svi.js'
export { SVI_BOUNDS, SVI_BOUNDS_WAD } from './math/sviBounds.js'
export { sqrt, sqrtWad } from './math/wad/sqrt.js'
export {
  type SviParamsWad,
  sviImpliedVolWad,
  sviTotalVarianceWad,
  validateSviWad,
} from './math/wad/sviWad.js'
export {
  LnOutOfRangeError,
  MoneynessOutOfRangeError,
  RateOutOfRangeError,
  SpotOutOfRangeError,
  StrikeOutOfRangeError,
  TimeOutOfRangeError,
  VolatilityOutOfRangeError,
} from './errors/blackScholes.js'
export type {
  BlackScholesGreeksWad,
  BlackScholesWadParameters,
} from './math/wad/blackScholesWad.js'
export {
  blackScholesGreeksWad,
  blackScholesPriceAndDeltaWad,
  blackScholesWad,
} from './math/wad/blackScholesWad.js'
export { normCdfPrecise, normPdfPrecise, upperTailPrecise } from './math/wad/normalWad.js'
export {
  expNegPrecise,
  lnPrecise,
  PRECISE_ONE,
  sqrtInTimeRange,
} from './math/wad/preciseMath.js'
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
  type ArithmeticMeanTickParameters,
  arithmeticMeanTick,
} from './uniswap/arithmeticMeanTick.js'
export {
  InvalidTokenDecimalsError,
  InvalidTwapWindowError,
  PoolObservationError,
  TickOutOfRangeError,
} from './uniswap/errors.js'
export {
  type ReadPoolTwapParameters,
  type ReadPoolTwapReturnType,
  readPoolTwap,
} from './uniswap/readPoolTwap.js'
export { type TickToPriceWadParameters, tickToPriceWad } from './uniswap/tickToPriceWad.js'
