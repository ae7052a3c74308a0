// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StrategyMath} from "../contracts/libraries/StrategyMath.sol";
import {Svi} from "../contracts/libraries/Svi.sol";
import {TickMath} from "../contracts/libraries/TickMath.sol";
import {MockAggregator} from "../test/utils/MockAggregator.sol";
import {PoolActor} from "../test/utils/PoolActor.sol";
import {TestERC20} from "../test/utils/TestERC20.sol";
import {DeployProtocol} from "./DeployProtocol.sol";
import {IUniswapV3Factory} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Factory.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";

/// @notice The local devnet on anvil: permit-enabled WETH-like (18 decimals) and USDC-like (6 decimals) tokens, the
/// real Uniswap v3 factory and a WETH/USDC 0.3 % pool from the npm artifacts at ~3,000 USDC/WETH with full-range
/// liquidity (1,000 WETH + 3,000,000 USDC), a Chainlink-style feed a scenario can drive, then the same deployment as
/// `Deploy.s.sol` from a config written to `config/local.json`; a second market margined by a
/// `PortfolioMarginEngine` over the same oracles (`deployPortfolio`); the keeper posts SVI smiles for two listed expiries
/// and the named accounts receive tokens.
/// @dev `forge script script/DeployLocal.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --private-key <anvil key 0>`
/// (or `pnpm devnet`). Accounts are anvil's defaults (the `test … junk` mnemonic): 0 deployer and owner, 1 guardian,
/// 2 keeper, 3 lp, 4 trader. The router's single-source fallback is on, so the Chainlink feed alone prices spot
/// while the pool's TWAP has less history than its window. A local chain is fresh every time, so the deployment file
/// is overwritten without `FORCE`.
contract DeployLocal is DeployProtocol {
    /// @notice anvil's default mnemonic.
    string internal constant MNEMONIC = "test test test test test test test test test test test junk";
    string internal constant FACTORY_ARTIFACT =
        "node_modules/@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json";
    string internal constant CONFIG_PATH = "config/local.json";
    /// @notice The 0.3 % fee tier (tick spacing 60).
    uint24 internal constant POOL_FEE = 3000;
    /// @notice The multiples of the tick spacing 60 closest to ±887,272: full range.
    int24 internal constant FULL_RANGE_LOWER = -887_220;
    int24 internal constant FULL_RANGE_UPPER = 887_220;
    /// @notice round(ln(3000e6 / 1e18) / ln(1.0001)) = round(-196,256.35): 3,000 USDC per WETH in raw units when
    /// WETH is token0; the opposite tick when USDC is token0.
    int24 internal constant TICK_3000 = -196_256;
    /// @notice sqrt(1,000e18 · 3,000,000e6): 1,000 WETH and 3,000,000 USDC of full-range liquidity at 3,000.
    uint128 internal constant POOL_LIQUIDITY = 54_772_255_750_516_611;
    /// @notice Ring buffer asked of the pool: a day of one observation every 15 minutes.
    uint16 internal constant POOL_CARDINALITY = 100;
    /// @notice Spot of the feed: 3,000 USD with 8 decimals, as Chainlink's ETH/USD.
    int256 internal constant FEED_ANSWER = 3000e8;
    uint8 internal constant FEED_DECIMALS = 8;
    /// @notice Given to each named account.
    uint256 internal constant FUND_WETH = 1000e18;
    uint256 internal constant FUND_USDC = 3_000_000e6;
    /// @notice The strategy vaults' rounds: one day (their shortest), calls and puts 5 % out of the money, so that
    /// a round started on the devnet writes the first listed expiry inside the market's delta bounds.
    uint256 internal constant STRATEGY_ROUND_SEC = 1 days;
    uint256 internal constant STRATEGY_MONEYNESS = 0.05e18;

    /// @notice The devnet's keys (anvil's first five accounts).
    struct Keys {
        uint256 deployer;
        uint256 guardian;
        uint256 keeper;
        uint256 lp;
        uint256 trader;
    }

    /// @notice What the devnet adds around the protocol.
    struct Environment {
        TestERC20 weth;
        TestERC20 usdc;
        MockAggregator feed;
        IUniswapV3Factory factory;
        IUniswapV3Pool pool;
        PoolActor poolActor;
    }

    /// @notice Builds the devnet environment, writes and re-reads its config, deploys, posts the smiles, funds the
    /// named accounts and writes `deployments/31337.json` (or `DEPLOYMENT_OUT`) with the devnet's extras.
    function run() external {
        Keys memory keys = anvilKeys();
        (, Environment memory env) = setUpEnvironment(keys);
        writeConfig(localConfig(keys, env), CONFIG_PATH);
        Config memory cfg = parseConfig(vm.readFile(CONFIG_PATH));
        Deployment memory d = deploy(cfg, vm.addr(keys.deployer));
        serializePortfolio(deployPortfolio(cfg, vm.addr(keys.deployer), d));
        uint256[2] memory expiries = listedExpiries(block.timestamp);
        postSmiles(d, keys.keeper, expiries);
        fundAccounts(env, keys);
        vm.serializeUint("deployment", "expiries", _toDynamic(expiries));
        vm.serializeAddress("deployment", "uniswapFactory", address(env.factory));
        vm.serializeAddress("deployment", "poolActor", address(env.poolActor));
        vm.serializeAddress("deployment", "lp", vm.addr(keys.lp));
        vm.serializeAddress("deployment", "trader", vm.addr(keys.trader));
        writeDeployment(cfg, d, deploymentPath());
    }

    /// @notice anvil's default accounts 0–4.
    function anvilKeys() public pure returns (Keys memory keys) {
        keys.deployer = vm.deriveKey(MNEMONIC, 0);
        keys.guardian = vm.deriveKey(MNEMONIC, 1);
        keys.keeper = vm.deriveKey(MNEMONIC, 2);
        keys.lp = vm.deriveKey(MNEMONIC, 3);
        keys.trader = vm.deriveKey(MNEMONIC, 4);
    }

    /// @notice Deploys the tokens, the feed at 3,000 and the Uniswap v3 pool with its liquidity, from the deployer;
    /// the deployer ends with the whole tokens the vaults' probes need.
    function setUpEnvironment(Keys memory keys) public returns (address deployer, Environment memory env) {
        deployer = vm.addr(keys.deployer);
        vm.startBroadcast(keys.deployer);
        env.weth = new TestERC20("Wrapped Ether", "WETH", 18);
        env.usdc = new TestERC20("USD Coin", "USDC", 6);
        env.feed = new MockAggregator(FEED_DECIMALS);
        env.feed.pushAnswer(FEED_ANSWER, block.timestamp);
        bytes memory factoryCode = vm.getCode(FACTORY_ARTIFACT);
        address factory;
        assembly ("memory-safe") {
            factory := create(0, add(factoryCode, 0x20), mload(factoryCode))
        }
        env.factory = IUniswapV3Factory(factory);
        env.pool = IUniswapV3Pool(env.factory.createPool(address(env.weth), address(env.usdc), POOL_FEE));
        int24 tick = env.pool.token0() == address(env.weth) ? TICK_3000 : -TICK_3000;
        env.pool.initialize(TickMath.sqrtPriceAtTick(tick));
        env.pool.increaseObservationCardinalityNext(POOL_CARDINALITY);
        env.poolActor = new PoolActor();
        env.poolActor.mint(env.pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, POOL_LIQUIDITY);
        // One whole token per vault probe: the first market's vaults and the portfolio market's.
        env.weth.mint(deployer, 2 * 10 ** env.weth.decimals());
        env.usdc.mint(deployer, 2 * 10 ** env.usdc.decimals());
        vm.stopBroadcast();
    }

    /// @notice The devnet's config: roles from `keys`, sources from `env`, parameters for a fast local chain.
    function localConfig(Keys memory keys, Environment memory env) public view returns (Config memory cfg) {
        cfg.chainId = block.chainid;
        cfg.roles =
            Roles({owner: vm.addr(keys.deployer), guardian: vm.addr(keys.guardian), keeper: vm.addr(keys.keeper)});
        cfg.base = address(env.weth);
        cfg.quote = address(env.usdc);
        cfg.chainlink = ChainlinkConfig({
            feed: address(env.feed), sequencerUptimeFeed: address(0), heartbeat: 1 days, gracePeriod: 1 hours
        });
        cfg.uniswap =
            UniswapConfig({pool: address(env.pool), twapWindow: 5 minutes, minCardinality: 2, minLiquidity: 0});
        cfg.minPriceWad = 1e18;
        cfg.maxPriceWad = 1_000_000e18;
        cfg.maxDeviationWad = 0.02e18;
        cfg.maxDegradedDeviationWad = 0.2e18;
        cfg.maxAge = 1 days;
        cfg.fallbackEnabled = true;
        cfg.settlementDelay = 0;
        cfg.maxObservationLag = 1 hours;
        cfg.fallbackDelay = 1 days;
        cfg.smileMaxStaleness = 1 days;
        cfg.vaults = VaultConfig({
            callName: "Smile WETH calls",
            callSymbol: "sWETH-C",
            putName: "Smile USDC puts",
            putSymbol: "sUSDC-P",
            exitNotice: 1 hours
        });
        cfg.strategies = StrategyConfig({
            callMoneynessWad: STRATEGY_MONEYNESS,
            putMoneynessWad: STRATEGY_MONEYNESS,
            roundDurationSec: STRATEGY_ROUND_SEC
        });
        cfg.risk.feeShareWad = 0.01e18;
        cfg.risk.vegaFeeWad = 0.002e18;
        cfg.risk.maxUtilisationWad = 0.9e18;
        cfg.risk.minAbsDeltaWad = 0.05e18;
        cfg.risk.maxAbsDeltaWad = 0.95e18;
        cfg.risk.minTimeToExpirySec = 1 hours;
        cfg.risk.maxTimeToExpirySec = 365 days;
        cfg.risk.rateWad = 0;
        cfg.callSide.vegaDepthWad = 1000e18;
        cfg.callSide.maxInventoryWad = 500e18;
        cfg.callSide.minFeePerOptionWad = 0.0001e18;
        cfg.putSide.vegaDepthWad = 3_000_000e18;
        cfg.putSide.maxInventoryWad = 1_500_000e18;
        cfg.putSide.minFeePerOptionWad = 0.3e18;
    }

    /// @notice The expiry a strategy round started at `nowSec` ends on (the vaults' own rule: the first 08:00 UTC at
    /// least a round ahead), and the one a week later. A round started later ends on the first one too, unless an
    /// 08:00 UTC passes a round after `nowSec` in between: then its expiry has no smile (`SmileNotSet`). The
    /// scenario's chain starts at noon UTC (`scenarioClockStart` in `script/devnet.mjs`), 20 hours from that.
    function listedExpiries(uint256 nowSec) public pure returns (uint256[2] memory expiries) {
        uint256 first = StrategyMath.listedExpiryAtOrAfter(nowSec + STRATEGY_ROUND_SEC);
        expiries = [first, first + 7 days];
    }

    /// @notice About 82 % ATM volatility skewed to the puts: the total variance of the SVI smile
    /// (a, b, ρ, m, s) = (0.008, 0.05, −0.3, 0, 0.1) for one week, scaled linearly to the time left.
    function smileFor(uint256 expiry, uint256 nowSec) public pure returns (Svi.Params memory params) {
        uint256 timeLeft = expiry - nowSec;
        params = Svi.Params({
            a: int256(0.008e18 * timeLeft / 7 days), b: 0.05e18 * timeLeft / 7 days, rho: -0.3e18, m: 0, sigma: 0.1e18
        });
    }

    /// @notice The keeper posts the smile of each expiry.
    function postSmiles(Deployment memory d, uint256 keeperKey, uint256[2] memory expiries) public {
        vm.startBroadcast(keeperKey);
        for (uint256 i; i < expiries.length; ++i) {
            d.volatilityOracle.post(expiries[i], smileFor(expiries[i], block.timestamp));
        }
        vm.stopBroadcast();
    }

    /// @notice Mints `FUND_WETH` and `FUND_USDC` to the lp and the trader.
    function fundAccounts(Environment memory env, Keys memory keys) public {
        vm.startBroadcast(keys.deployer);
        for (uint256 i; i < 2; ++i) {
            address account = vm.addr(i == 0 ? keys.lp : keys.trader);
            env.weth.mint(account, FUND_WETH);
            env.usdc.mint(account, FUND_USDC);
        }
        vm.stopBroadcast();
    }

    /// @dev `values` as a dynamic array, for `vm.serializeUint`.
    function _toDynamic(uint256[2] memory values) private pure returns (uint256[] memory out) {
        out = new uint256[](2);
        out[0] = values[0];
        out[1] = values[1];
    }
}
