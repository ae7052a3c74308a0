// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TickMath} from "../../contracts/libraries/TickMath.sol";
import {PoolActor} from "./PoolActor.sol";
import {TestERC20} from "./TestERC20.sol";
import {IUniswapV3Factory} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Factory.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Deploys the real Uniswap v3 factory from the npm artifacts and creates pools through it, for tests that
/// cannot inherit `UniswapV3Fixture` (its actors' names are taken in the protocol's `BaseTest`).
library UniswapV3Deployer {
    string internal constant FACTORY_ARTIFACT =
        "node_modules/@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json";
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function deployFactory() internal returns (IUniswapV3Factory factory) {
        bytes memory code = VM.getCode(FACTORY_ARTIFACT);
        address deployed;
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "factory deployment failed");
        factory = IUniswapV3Factory(deployed);
        VM.label(deployed, "UniswapV3Factory");
    }

    /// @notice Creates and initialises a pool at `tick`, with room for `cardinality` observations.
    function createPool(IUniswapV3Factory factory, TestERC20 a, TestERC20 b, uint24 fee, int24 tick, uint16 cardinality)
        internal
        returns (IUniswapV3Pool pool)
    {
        pool = IUniswapV3Pool(factory.createPool(address(a), address(b), fee));
        pool.initialize(TickMath.sqrtPriceAtTick(tick));
        if (cardinality > 1) pool.increaseObservationCardinalityNext(cardinality);
        VM.label(address(pool), "UniswapV3Pool");
    }
}

/// @notice Deploys the real Uniswap v3 factory from the compiled artifacts of the npm package `@uniswap/v3-core`
/// (1.0.1, the mainnet build) and creates pools of test tokens through it.
abstract contract UniswapV3Fixture is Test {
    string internal constant FACTORY_ARTIFACT = UniswapV3Deployer.FACTORY_ARTIFACT;
    string internal constant POOL_ARTIFACT =
        "node_modules/@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json";
    /// @notice keccak256 of the pool creation code deployed by the mainnet factory.
    bytes32 internal constant MAINNET_POOL_INIT_CODE_HASH =
        0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54;
    uint24 internal constant FEE = 3000;
    int24 internal constant TICK_SPACING = 60;
    /// @notice Full range for tick spacing 60: the multiples of 60 closest to ±887272.
    int24 internal constant FULL_RANGE_LOWER = -887_220;
    int24 internal constant FULL_RANGE_UPPER = 887_220;

    IUniswapV3Factory internal factory;
    PoolActor internal lp;
    PoolActor internal trader;

    function _deployUniswap() internal {
        factory = UniswapV3Deployer.deployFactory();
        lp = new PoolActor();
        trader = new PoolActor();
        vm.label(address(lp), "lp");
        vm.label(address(trader), "trader");
    }

    /// @notice Creates and initialises a pool at `tick`, with room for `cardinality` observations.
    function _createPool(TestERC20 a, TestERC20 b, uint24 fee, int24 tick, uint16 cardinality)
        internal
        returns (IUniswapV3Pool pool)
    {
        pool = UniswapV3Deployer.createPool(factory, a, b, fee, tick, cardinality);
    }

    /// @notice A pool's ring buffer grows to its `cardinalityNext` only when an observation is written in a later
    /// block: advance one second and add 1 unit of full-range liquidity (an in-range mint writes an observation).
    function _growObservations(IUniswapV3Pool pool) internal {
        vm.warp(block.timestamp + 1);
        lp.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 1);
    }

    /// @notice The CREATE2 address of a pool, computed with the mainnet init-code hash.
    function _poolAddress(address tokenA, address tokenB, uint24 fee) internal view returns (address) {
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        bytes32 salt = keccak256(abi.encode(token0, token1, fee));
        return address(
            uint160(uint256(keccak256(abi.encodePacked(hex"ff", address(factory), salt, MAINNET_POOL_INIT_CODE_HASH))))
        );
    }
}
