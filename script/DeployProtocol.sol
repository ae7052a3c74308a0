// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../contracts/interfaces/AggregatorV3Interface.sol";
import {ICollateralVault} from "../contracts/interfaces/ICollateralVault.sol";
import {IHistoricalPriceSource} from "../contracts/interfaces/IHistoricalPriceSource.sol";
import {IMarginEngine} from "../contracts/interfaces/IMarginEngine.sol";
import {IOptionMarket} from "../contracts/interfaces/IOptionMarket.sol";
import {IPortfolioMarginEngine} from "../contracts/interfaces/IPortfolioMarginEngine.sol";
import {ISettlementOracle} from "../contracts/interfaces/ISettlementOracle.sol";
import {ISpotOracle} from "../contracts/interfaces/ISpotOracle.sol";
import {IVolatilityOracle} from "../contracts/interfaces/IVolatilityOracle.sol";
import {MarginEngine} from "../contracts/margin/MarginEngine.sol";
import {PortfolioMarginEngine} from "../contracts/margin/PortfolioMarginEngine.sol";
import {PortfolioPricer} from "../contracts/margin/PortfolioPricer.sol";
import {OptionMarket} from "../contracts/market/OptionMarket.sol";
import {OptionPricer} from "../contracts/market/OptionPricer.sol";
import {ChainlinkSpotAdapter} from "../contracts/oracle/ChainlinkSpotAdapter.sol";
import {SettlementOracle} from "../contracts/oracle/SettlementOracle.sol";
import {SpotOracleRouter} from "../contracts/oracle/SpotOracleRouter.sol";
import {UniswapV3TwapAdapter} from "../contracts/oracle/UniswapV3TwapAdapter.sol";
import {VolatilityOracle} from "../contracts/oracle/VolatilityOracle.sol";
import {CoveredCallVault} from "../contracts/strategies/CoveredCallVault.sol";
import {PutSellingVault} from "../contracts/strategies/PutSellingVault.sol";
import {CollateralVault} from "../contracts/vault/CollateralVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {Script} from "forge-std/Script.sol";

/// @notice The deployment of the whole protocol for one pair, shared by `Deploy.s.sol` (any chain, from a JSON
/// config) and `DeployLocal.s.sol` (anvil devnet): config parsing and writing, validation before anything is
/// broadcast, the deployment itself and the addresses file the SDK reads.
/// @dev Order: Chainlink adapter (primary) and Uniswap v3 TWAP adapter (secondary), router over the two, settlement
/// oracle (Chainlink rounds, router as fallback), volatility oracle, then the call (base) vault, the put (quote) vault
/// and the market at its precomputed address (each vault's constructor probes one whole token from the deployer),
/// then the margin engine (`defaultMarginParams`) and the two option-writing strategy vaults on it (a covered-call
/// vault on the base, a put-selling vault on the quote; owner, keeper and guardian are the config's roles, so the
/// keeper that posts smiles also starts the strategies' rounds). The adapters, vaults and engine are created owned by `owner`; the
/// router, the volatility oracle and the market are created owned by the deployer so that it can set the fallback
/// flag, the keeper and the market's margin engine, then handed to `owner` through `Ownable2Step` (the owner must
/// call `acceptOwnership()` when it is not the deployer). `validate` checks what the
/// contracts cannot (addresses, code, pool tokens, price band, probe balances); the parameter bounds are the
/// contracts' own (`ParameterOutOfBounds` from a constructor), and they too stop the script before the first
/// transaction, because forge simulates the whole script before it broadcasts anything.
abstract contract DeployProtocol is Script {
    /// @notice Everything a deployment needs. Units: seconds, wad (1e18 = 1.0) where the name says `Wad`.
    struct Config {
        uint256 chainId;
        Roles roles;
        address base;
        address quote;
        ChainlinkConfig chainlink;
        UniswapConfig uniswap;
        uint256 minPriceWad;
        uint256 maxPriceWad;
        uint256 maxDeviationWad;
        uint256 maxDegradedDeviationWad;
        uint256 maxAge;
        bool fallbackEnabled;
        uint256 settlementDelay;
        uint256 maxObservationLag;
        uint256 fallbackDelay;
        uint256 smileMaxStaleness;
        VaultConfig vaults;
        StrategyConfig strategies;
        IOptionMarket.RiskParams risk;
        IOptionMarket.SideParams callSide;
        IOptionMarket.SideParams putSide;
    }

    /// @notice `owner` governs every contract, `guardian` may pause the vaults, `keeper` posts smiles.
    struct Roles {
        address owner;
        address guardian;
        address keeper;
    }

    /// @notice A Chainlink-style feed of the base priced in the quote; `sequencerUptimeFeed` is zero on L1.
    struct ChainlinkConfig {
        address feed;
        address sequencerUptimeFeed;
        uint256 heartbeat;
        uint256 gracePeriod;
    }

    /// @notice A Uniswap v3 pool of base and quote, and the TWAP's window (seconds), cardinality and liquidity floors.
    struct UniswapConfig {
        address pool;
        uint256 twapWindow;
        uint256 minCardinality;
        uint256 minLiquidity;
    }

    /// @notice Share names and symbols, and the exit notice (seconds) of both vaults.
    struct VaultConfig {
        string callName;
        string callSymbol;
        string putName;
        string putSymbol;
        uint256 exitNotice;
    }

    /// @notice The strategy vaults' moneyness (wad: 0.05e18 writes 5 % out of the money) and their round length
    /// (seconds); the vaults' own bounds apply (moneyness ≤ 50 %, 1–91 days).
    struct StrategyConfig {
        uint256 callMoneynessWad;
        uint256 putMoneynessWad;
        uint256 roundDurationSec;
    }

    /// @notice The deployed addresses.
    struct Deployment {
        ChainlinkSpotAdapter chainlinkAdapter;
        UniswapV3TwapAdapter twapAdapter;
        SpotOracleRouter spotRouter;
        SettlementOracle settlementOracle;
        VolatilityOracle volatilityOracle;
        OptionPricer pricer;
        CollateralVault callVault;
        CollateralVault putVault;
        OptionMarket market;
        MarginEngine marginEngine;
        CoveredCallVault coveredCallVault;
        PutSellingVault putSellingVault;
    }

    /// @notice A second market over the same oracles and pricer, margined by a `PortfolioMarginEngine`.
    struct PortfolioDeployment {
        CollateralVault callVault;
        CollateralVault putVault;
        OptionMarket market;
        PortfolioPricer portfolioPricer;
        PortfolioMarginEngine engine;
    }

    /// @notice The config is for chain `expected`, the script runs on chain `actual`.
    error ChainIdMismatch(uint256 expected, uint256 actual);
    /// @notice The config field `field` is the zero address.
    error ZeroAddress(string field);
    /// @notice The config field `field` names `account`, which has no code on this chain.
    error NoCode(string field, address account);
    /// @notice Base and quote are the same token.
    error SameToken(address token);
    /// @notice `pool` does not hold exactly `base` and `quote`.
    error TokensNotInPool(address pool, address base, address quote);
    /// @notice The price band `[minPriceWad, maxPriceWad]` is empty or starts at zero.
    error InvalidPriceBounds(uint256 minPriceWad, uint256 maxPriceWad);
    /// @notice The deployer holds `balance` of `token` but each vault's constructor probes `required` from it.
    error InsufficientProbeBalance(address token, uint256 balance, uint256 required);
    /// @notice A deployment file already exists at `path`; set `FORCE=true` to deploy again.
    error DeploymentExists(string path);

    // ------------------------------------------------------------------ config

    /// @notice Parses a config (format: `config/README.md`). Numbers may be JSON numbers or decimal strings.
    function parseConfig(string memory json) public pure returns (Config memory cfg) {
        cfg.chainId = vm.parseJsonUint(json, ".chainId");
        cfg.roles = Roles({
            owner: vm.parseJsonAddress(json, ".roles.owner"),
            guardian: vm.parseJsonAddress(json, ".roles.guardian"),
            keeper: vm.parseJsonAddress(json, ".roles.keeper")
        });
        cfg.base = vm.parseJsonAddress(json, ".tokens.base");
        cfg.quote = vm.parseJsonAddress(json, ".tokens.quote");
        cfg.chainlink = ChainlinkConfig({
            feed: vm.parseJsonAddress(json, ".chainlink.feed"),
            sequencerUptimeFeed: vm.parseJsonAddress(json, ".chainlink.sequencerUptimeFeed"),
            heartbeat: vm.parseJsonUint(json, ".chainlink.heartbeat"),
            gracePeriod: vm.parseJsonUint(json, ".chainlink.gracePeriod")
        });
        cfg.uniswap = UniswapConfig({
            pool: vm.parseJsonAddress(json, ".uniswap.pool"),
            twapWindow: vm.parseJsonUint(json, ".uniswap.twapWindow"),
            minCardinality: vm.parseJsonUint(json, ".uniswap.minCardinality"),
            minLiquidity: vm.parseJsonUint(json, ".uniswap.minLiquidity")
        });
        cfg.minPriceWad = vm.parseJsonUint(json, ".priceBounds.minPriceWad");
        cfg.maxPriceWad = vm.parseJsonUint(json, ".priceBounds.maxPriceWad");
        cfg.maxDeviationWad = vm.parseJsonUint(json, ".router.maxDeviationWad");
        cfg.maxDegradedDeviationWad = vm.parseJsonUint(json, ".router.maxDegradedDeviationWad");
        cfg.maxAge = vm.parseJsonUint(json, ".router.maxAge");
        cfg.fallbackEnabled = vm.parseJsonBool(json, ".router.fallbackEnabled");
        cfg.settlementDelay = vm.parseJsonUint(json, ".settlement.settlementDelay");
        cfg.maxObservationLag = vm.parseJsonUint(json, ".settlement.maxObservationLag");
        cfg.fallbackDelay = vm.parseJsonUint(json, ".settlement.fallbackDelay");
        cfg.smileMaxStaleness = vm.parseJsonUint(json, ".volatility.maxStaleness");
        cfg.vaults = VaultConfig({
            callName: vm.parseJsonString(json, ".vaults.callName"),
            callSymbol: vm.parseJsonString(json, ".vaults.callSymbol"),
            putName: vm.parseJsonString(json, ".vaults.putName"),
            putSymbol: vm.parseJsonString(json, ".vaults.putSymbol"),
            exitNotice: vm.parseJsonUint(json, ".vaults.exitNotice")
        });
        cfg.strategies = StrategyConfig({
            callMoneynessWad: vm.parseJsonUint(json, ".strategies.callMoneynessWad"),
            putMoneynessWad: vm.parseJsonUint(json, ".strategies.putMoneynessWad"),
            roundDurationSec: vm.parseJsonUint(json, ".strategies.roundDurationSec")
        });
        cfg.risk = IOptionMarket.RiskParams({
            feeShareWad: uint64(vm.parseJsonUint(json, ".market.risk.feeShareWad")),
            vegaFeeWad: uint64(vm.parseJsonUint(json, ".market.risk.vegaFeeWad")),
            maxUtilisationWad: uint64(vm.parseJsonUint(json, ".market.risk.maxUtilisationWad")),
            minAbsDeltaWad: uint64(vm.parseJsonUint(json, ".market.risk.minAbsDeltaWad")),
            maxAbsDeltaWad: uint64(vm.parseJsonUint(json, ".market.risk.maxAbsDeltaWad")),
            minTimeToExpirySec: uint32(vm.parseJsonUint(json, ".market.risk.minTimeToExpirySec")),
            maxTimeToExpirySec: uint32(vm.parseJsonUint(json, ".market.risk.maxTimeToExpirySec")),
            rateWad: uint64(vm.parseJsonUint(json, ".market.risk.rateWad"))
        });
        cfg.callSide = _parseSide(json, ".market.callSide");
        cfg.putSide = _parseSide(json, ".market.putSide");
    }

    /// @notice Writes `cfg` to `path` in the format `parseConfig` reads (numbers as decimal strings).
    function writeConfig(Config memory cfg, string memory path) public {
        string memory roles = vm.serializeAddress("roles", "owner", cfg.roles.owner);
        roles = vm.serializeAddress("roles", "guardian", cfg.roles.guardian);
        roles = vm.serializeAddress("roles", "keeper", cfg.roles.keeper);

        string memory tokens = vm.serializeAddress("tokens", "base", cfg.base);
        tokens = vm.serializeAddress("tokens", "quote", cfg.quote);

        string memory chainlink = vm.serializeAddress("chainlink", "feed", cfg.chainlink.feed);
        chainlink = vm.serializeAddress("chainlink", "sequencerUptimeFeed", cfg.chainlink.sequencerUptimeFeed);
        chainlink = _serializeUint("chainlink", "heartbeat", cfg.chainlink.heartbeat);
        chainlink = _serializeUint("chainlink", "gracePeriod", cfg.chainlink.gracePeriod);

        string memory uniswap = vm.serializeAddress("uniswap", "pool", cfg.uniswap.pool);
        uniswap = _serializeUint("uniswap", "twapWindow", cfg.uniswap.twapWindow);
        uniswap = _serializeUint("uniswap", "minCardinality", cfg.uniswap.minCardinality);
        uniswap = _serializeUint("uniswap", "minLiquidity", cfg.uniswap.minLiquidity);

        string memory bounds = _serializeUint("priceBounds", "minPriceWad", cfg.minPriceWad);
        bounds = _serializeUint("priceBounds", "maxPriceWad", cfg.maxPriceWad);

        string memory router = _serializeUint("router", "maxDeviationWad", cfg.maxDeviationWad);
        router = _serializeUint("router", "maxDegradedDeviationWad", cfg.maxDegradedDeviationWad);
        router = _serializeUint("router", "maxAge", cfg.maxAge);
        router = vm.serializeBool("router", "fallbackEnabled", cfg.fallbackEnabled);

        string memory settlement = _serializeUint("settlement", "settlementDelay", cfg.settlementDelay);
        settlement = _serializeUint("settlement", "maxObservationLag", cfg.maxObservationLag);
        settlement = _serializeUint("settlement", "fallbackDelay", cfg.fallbackDelay);

        string memory volatility = _serializeUint("volatility", "maxStaleness", cfg.smileMaxStaleness);

        string memory vaults = vm.serializeString("vaults", "callName", cfg.vaults.callName);
        vaults = vm.serializeString("vaults", "callSymbol", cfg.vaults.callSymbol);
        vaults = vm.serializeString("vaults", "putName", cfg.vaults.putName);
        vaults = vm.serializeString("vaults", "putSymbol", cfg.vaults.putSymbol);
        vaults = _serializeUint("vaults", "exitNotice", cfg.vaults.exitNotice);

        string memory strategies = _serializeUint("strategies", "callMoneynessWad", cfg.strategies.callMoneynessWad);
        strategies = _serializeUint("strategies", "putMoneynessWad", cfg.strategies.putMoneynessWad);
        strategies = _serializeUint("strategies", "roundDurationSec", cfg.strategies.roundDurationSec);

        string memory market = vm.serializeString("market", "risk", _serializeRisk(cfg.risk));
        market = vm.serializeString("market", "callSide", _serializeSide("callSide", cfg.callSide));
        market = vm.serializeString("market", "putSide", _serializeSide("putSide", cfg.putSide));

        string memory root = "config";
        vm.serializeUint(root, "chainId", cfg.chainId);
        vm.serializeString(root, "roles", roles);
        vm.serializeString(root, "tokens", tokens);
        vm.serializeString(root, "chainlink", chainlink);
        vm.serializeString(root, "uniswap", uniswap);
        vm.serializeString(root, "priceBounds", bounds);
        vm.serializeString(root, "router", router);
        vm.serializeString(root, "settlement", settlement);
        vm.serializeString(root, "volatility", volatility);
        vm.serializeString(root, "vaults", vaults);
        vm.serializeString(root, "strategies", strategies);
        vm.writeJson(vm.serializeString(root, "market", market), path);
    }

    // -------------------------------------------------------------- validation

    /// @notice Reverts with the first problem of `cfg` for a deployment by `deployer` on this chain; reads only.
    function validate(Config memory cfg, address deployer) public view {
        if (cfg.chainId != block.chainid) revert ChainIdMismatch(cfg.chainId, block.chainid);
        _requireNonZero(cfg.roles.owner, "roles.owner");
        _requireNonZero(cfg.roles.guardian, "roles.guardian");
        _requireNonZero(cfg.roles.keeper, "roles.keeper");
        _requireCode(cfg.base, "tokens.base");
        _requireCode(cfg.quote, "tokens.quote");
        if (cfg.base == cfg.quote) revert SameToken(cfg.base);
        _requireCode(cfg.chainlink.feed, "chainlink.feed");
        if (cfg.chainlink.sequencerUptimeFeed != address(0)) {
            _requireCode(cfg.chainlink.sequencerUptimeFeed, "chainlink.sequencerUptimeFeed");
        }
        _requireCode(cfg.uniswap.pool, "uniswap.pool");
        address token0 = IUniswapV3Pool(cfg.uniswap.pool).token0();
        address token1 = IUniswapV3Pool(cfg.uniswap.pool).token1();
        if (!(token0 == cfg.base && token1 == cfg.quote) && !(token0 == cfg.quote && token1 == cfg.base)) {
            revert TokensNotInPool(cfg.uniswap.pool, cfg.base, cfg.quote);
        }
        if (cfg.minPriceWad == 0 || cfg.minPriceWad >= cfg.maxPriceWad) {
            revert InvalidPriceBounds(cfg.minPriceWad, cfg.maxPriceWad);
        }
        _requireProbeBalance(cfg.base, deployer);
        _requireProbeBalance(cfg.quote, deployer);
    }

    /// @notice Reverts `DeploymentExists` if `path` exists, unless the environment sets `FORCE=true`.
    function checkNotDeployed(string memory path) public view {
        if (vm.exists(path) && !vm.envOr("FORCE", false)) revert DeploymentExists(path);
    }

    /// @notice `deployments/<chainId>.json`, or the environment's `DEPLOYMENT_OUT` when set.
    function deploymentPath() public view returns (string memory) {
        return vm.envOr("DEPLOYMENT_OUT", string.concat("deployments/", vm.toString(block.chainid), ".json"));
    }

    // -------------------------------------------------------------- deployment

    /// @notice The margin engine's parameters at deployment (the owner may change them inside the engine's bounds):
    /// spot shock 20 %, vol shock 30 % (relative), floor 1 % of the maximum payoff, MM = 80 % of IM, liquidation
    /// bonus 5 % of the mark taken over, a fifth of it to the insurance fund.
    function defaultMarginParams() public pure returns (IMarginEngine.MarginParams memory) {
        return IMarginEngine.MarginParams({
            spotShockWad: 0.2e18,
            volShockWad: 0.3e18,
            floorShareWad: 0.01e18,
            maintenanceRatioWad: 0.8e18,
            liquidationDiscountWad: 0.05e18,
            insuranceShareWad: 0.2e18
        });
    }

    /// @notice The portfolio margin engine's parameters at deployment (inside its bounds, owner-governed): a grid of
    /// 3 spot intervals, vol shock 30 % (relative), spot shock 4 standard deviations of one day's move, within
    /// [5 %, 50 %], floor 1 % of the maximum payoff, MM = 80 % of IM, haircuts 5 % on base collateral and none on
    /// quote, liquidation bonus 5 % of the mark taken over, a fifth of it to the insurance fund.
    function defaultPortfolioParams() public pure returns (IPortfolioMarginEngine.PortfolioParams memory) {
        return IPortfolioMarginEngine.PortfolioParams({
            spotIntervals: 3,
            volShockWad: 0.3e18,
            shockMultiplierWad: 4e18,
            shockHorizonSec: 1 days,
            minSpotShockWad: 0.05e18,
            maxSpotShockWad: 0.5e18,
            floorShareWad: 0.01e18,
            maintenanceRatioWad: 0.8e18,
            baseHaircutWad: 0.05e18,
            quoteHaircutWad: 0,
            liquidationDiscountWad: 0.05e18,
            insuranceShareWad: 0.2e18
        });
    }

    /// @notice Deploys a second market over `d`'s oracles and pricer, with its own call and put vaults (each
    /// constructor probes one whole token of `deployer`'s, as the first market's), margined by a
    /// `PortfolioMarginEngine` (`defaultPortfolioParams`); broadcasting from `deployer`. The first market is left as
    /// it is.
    function deployPortfolio(Config memory cfg, address deployer, Deployment memory d)
        public
        returns (PortfolioDeployment memory p)
    {
        _requireProbeBalance(cfg.base, deployer);
        _requireProbeBalance(cfg.quote, deployer);
        vm.startBroadcast(deployer);
        (p.callVault, p.putVault, p.market) = _deployMarket(cfg, deployer, d, " (portfolio)");
        p.portfolioPricer = new PortfolioPricer();
        p.engine = new PortfolioMarginEngine(cfg.roles.owner, p.market, p.portfolioPricer, defaultPortfolioParams());
        p.market.setMarginEngine(address(p.engine));
        if (cfg.roles.owner != deployer) p.market.transferOwnership(cfg.roles.owner);
        vm.stopBroadcast();
    }

    /// @notice Adds `p`'s addresses to the deployment JSON object under the key `portfolio` (`callVault`, `putVault`,
    /// `market`, `engine`); call it before `writeDeployment`.
    function serializePortfolio(PortfolioDeployment memory p) public {
        string memory o = "portfolio";
        vm.serializeAddress(o, "callVault", address(p.callVault));
        vm.serializeAddress(o, "putVault", address(p.putVault));
        vm.serializeAddress(o, "market", address(p.market));
        vm.serializeString("deployment", "portfolio", vm.serializeAddress(o, "engine", address(p.engine)));
    }

    /// @notice Validates `cfg`, then deploys and wires the protocol, broadcasting from `deployer`.
    function deploy(Config memory cfg, address deployer) public returns (Deployment memory d) {
        validate(cfg, deployer);
        vm.startBroadcast(deployer);
        d.chainlinkAdapter = new ChainlinkSpotAdapter(
            cfg.roles.owner,
            AggregatorV3Interface(cfg.chainlink.feed),
            AggregatorV3Interface(cfg.chainlink.sequencerUptimeFeed),
            cfg.chainlink.heartbeat,
            cfg.chainlink.gracePeriod,
            cfg.minPriceWad,
            cfg.maxPriceWad
        );
        d.twapAdapter = new UniswapV3TwapAdapter(
            cfg.roles.owner,
            IUniswapV3Pool(cfg.uniswap.pool),
            cfg.base,
            cfg.quote,
            cfg.uniswap.twapWindow,
            uint16(cfg.uniswap.minCardinality),
            cfg.uniswap.minLiquidity,
            cfg.minPriceWad,
            cfg.maxPriceWad
        );
        d.spotRouter = new SpotOracleRouter(
            deployer,
            ISpotOracle(address(d.chainlinkAdapter)),
            d.twapAdapter,
            cfg.maxDeviationWad,
            cfg.maxDegradedDeviationWad,
            cfg.maxAge
        );
        if (cfg.fallbackEnabled) d.spotRouter.setFallbackEnabled(true);
        d.settlementOracle = new SettlementOracle(
            IHistoricalPriceSource(address(d.chainlinkAdapter)),
            d.spotRouter,
            cfg.settlementDelay,
            cfg.maxObservationLag,
            cfg.fallbackDelay
        );
        d.volatilityOracle = new VolatilityOracle(deployer, cfg.smileMaxStaleness);
        d.volatilityOracle.setKeeper(cfg.roles.keeper, true);
        if (cfg.roles.owner != deployer) {
            d.spotRouter.transferOwnership(cfg.roles.owner);
            d.volatilityOracle.transferOwnership(cfg.roles.owner);
        }
        d.pricer = new OptionPricer();
        _deployVaultsAndMarket(cfg, deployer, d);
        d.coveredCallVault = new CoveredCallVault(
            d.marginEngine,
            cfg.roles.owner,
            cfg.roles.keeper,
            cfg.roles.guardian,
            cfg.strategies.callMoneynessWad,
            cfg.strategies.roundDurationSec
        );
        d.putSellingVault = new PutSellingVault(
            d.marginEngine,
            cfg.roles.owner,
            cfg.roles.keeper,
            cfg.roles.guardian,
            cfg.strategies.putMoneynessWad,
            cfg.strategies.roundDurationSec
        );
        vm.stopBroadcast();
    }

    /// @notice Writes the addresses of `d` (and the config's roles and tokens) to `path` as JSON for the SDK;
    /// `startBlock` is the block the deployment was simulated on, a lower bound for event scans.
    function writeDeployment(Config memory cfg, Deployment memory d, string memory path) public {
        string memory o = "deployment";
        vm.serializeUint(o, "chainId", block.chainid);
        vm.serializeUint(o, "startBlock", block.number);
        vm.serializeAddress(o, "owner", cfg.roles.owner);
        vm.serializeAddress(o, "guardian", cfg.roles.guardian);
        vm.serializeAddress(o, "keeper", cfg.roles.keeper);
        vm.serializeAddress(o, "base", cfg.base);
        vm.serializeAddress(o, "quote", cfg.quote);
        vm.serializeAddress(o, "chainlinkFeed", cfg.chainlink.feed);
        vm.serializeAddress(o, "uniswapPool", cfg.uniswap.pool);
        vm.serializeAddress(o, "chainlinkAdapter", address(d.chainlinkAdapter));
        vm.serializeAddress(o, "twapAdapter", address(d.twapAdapter));
        vm.serializeAddress(o, "spotRouter", address(d.spotRouter));
        vm.serializeAddress(o, "settlementOracle", address(d.settlementOracle));
        vm.serializeAddress(o, "volatilityOracle", address(d.volatilityOracle));
        vm.serializeAddress(o, "pricer", address(d.pricer));
        vm.serializeAddress(o, "callVault", address(d.callVault));
        vm.serializeAddress(o, "putVault", address(d.putVault));
        vm.serializeAddress(o, "marginEngine", address(d.marginEngine));
        vm.serializeAddress(o, "coveredCallVault", address(d.coveredCallVault));
        vm.serializeAddress(o, "putSellingVault", address(d.putSellingVault));
        vm.writeJson(vm.serializeAddress(o, "market", address(d.market)), path);
    }

    // ----------------------------------------------------------------- private

    /// @dev The vaults take the market's address before it exists: it is the deployer's CREATE address two
    /// transactions (the two probe approvals) plus two deployments (the vaults) ahead.
    function _deployVaultsAndMarket(Config memory cfg, address deployer, Deployment memory d) private {
        (d.callVault, d.putVault, d.market) = _deployMarket(cfg, deployer, d, "");
        d.marginEngine = new MarginEngine(cfg.roles.owner, d.market, defaultMarginParams());
        d.market.setMarginEngine(address(d.marginEngine));
        if (cfg.roles.owner != deployer) d.market.transferOwnership(cfg.roles.owner);
    }

    /// @dev A call vault, a put vault (share names suffixed by `suffix`) and a market over `d`'s oracles and pricer,
    /// owned by the deployer.
    function _deployMarket(Config memory cfg, address deployer, Deployment memory d, string memory suffix)
        private
        returns (CollateralVault callVault, CollateralVault putVault, OptionMarket market)
    {
        uint64 nonce = vm.getNonce(deployer);
        address callVaultAt = vm.computeCreateAddress(deployer, nonce + 2);
        address putVaultAt = vm.computeCreateAddress(deployer, nonce + 3);
        address marketAt = vm.computeCreateAddress(deployer, nonce + 4);
        IERC20Metadata(cfg.base).approve(callVaultAt, 10 ** IERC20Metadata(cfg.base).decimals());
        IERC20Metadata(cfg.quote).approve(putVaultAt, 10 ** IERC20Metadata(cfg.quote).decimals());
        callVault = new CollateralVault(
            IERC20Metadata(cfg.base),
            string.concat(cfg.vaults.callName, suffix),
            cfg.vaults.callSymbol,
            marketAt,
            cfg.roles.owner,
            cfg.roles.guardian,
            cfg.vaults.exitNotice
        );
        putVault = new CollateralVault(
            IERC20Metadata(cfg.quote),
            string.concat(cfg.vaults.putName, suffix),
            cfg.vaults.putSymbol,
            marketAt,
            cfg.roles.owner,
            cfg.roles.guardian,
            cfg.vaults.exitNotice
        );
        market = new OptionMarket(
            deployer,
            ICollateralVault(address(callVault)),
            ICollateralVault(address(putVault)),
            d.spotRouter,
            IVolatilityOracle(address(d.volatilityOracle)),
            ISettlementOracle(address(d.settlementOracle)),
            d.pricer,
            cfg.risk,
            cfg.callSide,
            cfg.putSide
        );
    }

    /// @dev Reverts `ZeroAddress(field)` when `account` is zero.
    function _requireNonZero(address account, string memory field) private pure {
        if (account == address(0)) revert ZeroAddress(field);
    }

    /// @dev Reverts `ZeroAddress(field)` or `NoCode(field, account)` unless `account` is a contract.
    function _requireCode(address account, string memory field) private view {
        _requireNonZero(account, field);
        if (account.code.length == 0) revert NoCode(field, account);
    }

    /// @dev Reverts `InsufficientProbeBalance` unless `deployer` holds one whole `token` (10^decimals units).
    function _requireProbeBalance(address token, address deployer) private view {
        uint256 required = 10 ** IERC20Metadata(token).decimals();
        uint256 balance = IERC20Metadata(token).balanceOf(deployer);
        if (balance < required) revert InsufficientProbeBalance(token, balance, required);
    }

    /// @dev Reads the `IOptionMarket.SideParams` object at `key`.
    function _parseSide(string memory json, string memory key)
        private
        pure
        returns (IOptionMarket.SideParams memory side)
    {
        side.vegaDepthWad = uint128(vm.parseJsonUint(json, string.concat(key, ".vegaDepthWad")));
        side.maxInventoryWad = uint128(vm.parseJsonUint(json, string.concat(key, ".maxInventoryWad")));
        side.minFeePerOptionWad = uint128(vm.parseJsonUint(json, string.concat(key, ".minFeePerOptionWad")));
    }

    /// @dev Adds `value` to `object` as a decimal string (JSON numbers lose precision above 2^53 in most readers).
    function _serializeUint(string memory object, string memory key, uint256 value) private returns (string memory) {
        return vm.serializeString(object, key, vm.toString(value));
    }

    /// @dev `risk` as a JSON object, numbers as decimal strings.
    function _serializeRisk(IOptionMarket.RiskParams memory risk) private returns (string memory json) {
        json = _serializeUint("risk", "feeShareWad", risk.feeShareWad);
        json = _serializeUint("risk", "vegaFeeWad", risk.vegaFeeWad);
        json = _serializeUint("risk", "maxUtilisationWad", risk.maxUtilisationWad);
        json = _serializeUint("risk", "minAbsDeltaWad", risk.minAbsDeltaWad);
        json = _serializeUint("risk", "maxAbsDeltaWad", risk.maxAbsDeltaWad);
        json = _serializeUint("risk", "minTimeToExpirySec", risk.minTimeToExpirySec);
        json = _serializeUint("risk", "maxTimeToExpirySec", risk.maxTimeToExpirySec);
        json = _serializeUint("risk", "rateWad", risk.rateWad);
    }

    /// @dev `side` as the JSON object named `object`, numbers as decimal strings.
    function _serializeSide(string memory object, IOptionMarket.SideParams memory side)
        private
        returns (string memory json)
    {
        json = _serializeUint(object, "vegaDepthWad", side.vegaDepthWad);
        json = _serializeUint(object, "maxInventoryWad", side.maxInventoryWad);
        json = _serializeUint(object, "minFeePerOptionWad", side.minFeePerOptionWad);
    }
}
