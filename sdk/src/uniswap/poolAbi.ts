/**
 * The two reads of a Uniswap v3 pool the SDK makes, as published in `@uniswap/v3-core`'s
 * `IUniswapV3PoolDerivedState` and `IUniswapV3PoolImmutables`.
 */
export const uniswapV3PoolAbi = [
  {
    type: 'function',
    name: 'observe',
    stateMutability: 'view',
    inputs: [{ name: 'secondsAgos', type: 'uint32[]' }],
    outputs: [
      { name: 'tickCumulatives', type: 'int56[]' },
      { name: 'secondsPerLiquidityCumulativeX128s', type: 'uint160[]' },
    ],
  },
  {
    type: 'function',
    name: 'token0',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'address' }],
  },
] as const
