export { SmileError } from './errors/base.js'
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
