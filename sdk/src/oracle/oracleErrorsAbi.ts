import type { Abi } from 'viem'
import {
  chainlinkSpotAdapterAbi,
  settlementOracleAbi,
  spotOracleRouterAbi,
  uniswapV3TwapAdapterAbi,
  volatilityOracleAbi,
} from '../abi/generated.js'

/**
 * Every custom error the oracle contracts can revert with (their own, their interfaces', Svi's
 * and OpenZeppelin's `Ownable` ones), from the generated ABIs: what the oracle reads decode a
 * revert against, so that a router's wrapped reason (a Chainlink `StalePrice` inside
 * `PrimaryUnavailable`) decodes too. A function, called on the error path only: a module-level
 * list would be built at load and keep the ABIs in every bundle that imports this module.
 */
export function oracleErrorsAbi(): Abi {
  return [
    ...chainlinkSpotAdapterAbi,
    ...uniswapV3TwapAdapterAbi,
    ...spotOracleRouterAbi,
    ...settlementOracleAbi,
    ...volatilityOracleAbi,
  ].filter((item) => item.type === 'error')
}
