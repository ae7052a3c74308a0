export { SmileError } from './errors/base.js'
export {
  InvalidPricingInputError,
  PriceOutOfBoundsError,
  type PricingParameter,
} from './errors/pricing.js'
export {
  type BlackScholesParameters,
  type BlackScholesReturnType,
  blackScholes,
  blackScholesPrice,
} from './math/blackScholes.js'
export { type ImpliedVolatilityParameters, impliedVolatility } from './math/impliedVolatility.js'
export { normalCdf, normalPdf } from './math/normal.js'
export { fromWad, toWad, WAD } from './math/wad.js'
export {
  type ArithmeticMeanTickParameters,
  arithmeticMeanTick,
} from './uniswap/arithmeticMeanTick.js'
export {
  InvalidTokenDecimalsError,
  InvalidTwapWindowError,
  TickOutOfRangeError,
} from './uniswap/errors.js'
export { type TickToPriceWadParameters, tickToPriceWad } from './uniswap/tickToPriceWad.js'
