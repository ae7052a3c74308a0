export {
  type ArithmeticMeanTickParameters,
  arithmeticMeanTick,
} from './arithmeticMeanTick.js'
export {
  InvalidTokenDecimalsError,
  InvalidTwapWindowError,
  PoolObservationError,
  TickOutOfRangeError,
} from './errors.js'
export {
  type ReadPoolTwapParameters,
  type ReadPoolTwapReturnType,
  readPoolTwap,
} from './readPoolTwap.js'
export { sqrtPriceAtTick } from './sqrtPriceAtTick.js'
export { type TickToPriceWadParameters, tickToPriceWad } from './tickToPriceWad.js'
