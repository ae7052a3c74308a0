// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedParameters} from "../../contracts/interfaces/IBoundedParameters.sol";
import {SeriesId, SeriesIdLib} from "../../contracts/libraries/SeriesId.sol";
import {DeployLocal} from "../../script/DeployLocal.s.sol";
import {DeployProtocol} from "../../script/DeployProtocol.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The deployment logic of `script/` run in-process on the devnet environment (real Uniswap v3 pool,
/// Chainlink-style feed): wiring, roles, a trade on the deployed system, the config round trip and every config error.
contract DeployTest is Test {
    /// @dev A Tuesday 07:00 UTC, so that the listed expiries fall a day and eight days later.
    uint256 internal constant START = 1_800_000_000 - (1_800_000_000 % 1 days) + 7 hours;

    DeployLocal internal local;
    DeployLocal.Keys internal keys;
    DeployLocal.Environment internal env;
    address internal deployer;

    function setUp() public {
        vm.warp(START);
        local = new DeployLocal();
        keys = local.anvilKeys();
        (deployer, env) = local.setUpEnvironment(keys);
    }

    function config() internal view returns (DeployProtocol.Config memory) {
        return local.localConfig(keys, env);
    }

    /// @dev EIP-170: a public chain refuses runtime code above 24,576 bytes.
    function test_deploy_everyContractFitsTheCodeSizeLimit() public {
        DeployProtocol.Deployment memory d = local.deploy(config(), deployer);
        address[12] memory deployed = [
            address(d.chainlinkAdapter),
            address(d.twapAdapter),
            address(d.spotRouter),
            address(d.settlementOracle),
            address(d.volatilityOracle),
            address(d.pricer),
            address(d.callVault),
            address(d.putVault),
            address(d.market),
            address(d.marginEngine),
            address(d.coveredCallVault),
            address(d.putSellingVault)
        ];
        for (uint256 i; i < deployed.length; ++i) {
            assertGt(deployed[i].code.length, 0, "deployed");
            assertLe(deployed[i].code.length, 24_576, "EIP-170");
        }
    }

    function test_deploy_wiresEveryComponent() public {
        DeployProtocol.Config memory cfg = config();
        DeployProtocol.Deployment memory d = local.deploy(cfg, deployer);

        assertEq(address(d.chainlinkAdapter.feed()), address(env.feed), "adapter feed");
        assertEq(address(d.chainlinkAdapter.sequencerUptimeFeed()), address(0), "sequencer feed");
        assertEq(d.chainlinkAdapter.heartbeat(), cfg.chainlink.heartbeat, "heartbeat");
        assertEq(address(d.twapAdapter.pool()), address(env.pool), "twap pool");
        assertEq(d.twapAdapter.base(), address(env.weth), "twap base");
        assertEq(d.twapAdapter.quote(), address(env.usdc), "twap quote");
        assertEq(d.twapAdapter.twapWindow(), cfg.uniswap.twapWindow, "twap window");
        assertEq(address(d.spotRouter.primary()), address(d.chainlinkAdapter), "router primary");
        assertEq(address(d.spotRouter.secondary()), address(d.twapAdapter), "router secondary");
        assertTrue(d.spotRouter.fallbackEnabled(), "router fallback");
        assertEq(address(d.settlementOracle.source()), address(d.chainlinkAdapter), "settlement source");
        assertEq(address(d.settlementOracle.fallbackOracle()), address(d.spotRouter), "settlement fallback");
        assertTrue(d.volatilityOracle.isKeeper(cfg.roles.keeper), "keeper");

        assertEq(d.callVault.asset(), address(env.weth), "call vault asset");
        assertEq(d.putVault.asset(), address(env.usdc), "put vault asset");
        assertEq(d.callVault.market(), address(d.market), "call vault market");
        assertEq(d.putVault.market(), address(d.market), "put vault market");
        assertEq(d.callVault.guardian(), cfg.roles.guardian, "call vault guardian");
        assertEq(d.putVault.guardian(), cfg.roles.guardian, "put vault guardian");
        assertEq(address(d.market.callVault()), address(d.callVault), "market call vault");
        assertEq(address(d.market.putVault()), address(d.putVault), "market put vault");
        assertEq(address(d.market.spotOracle()), address(d.spotRouter), "market spot");
        assertEq(address(d.market.volatilityOracle()), address(d.volatilityOracle), "market vol");
        assertEq(address(d.market.settlementOracle()), address(d.settlementOracle), "market settlement");
        assertEq(address(d.market.pricer()), address(d.pricer), "market pricer");
        assertEq(d.market.marginEngine(), address(d.marginEngine), "market margin engine");
        assertEq(address(d.marginEngine.market()), address(d.market), "engine market");
        assertEq(d.marginEngine.marginParams().spotShockWad, 0.2e18, "engine parameters");

        assertEq(d.coveredCallVault.asset(), address(env.weth), "covered call asset");
        assertEq(d.putSellingVault.asset(), address(env.usdc), "put selling asset");
        assertEq(address(d.coveredCallVault.engine()), address(d.marginEngine), "covered call engine");
        assertEq(address(d.putSellingVault.engine()), address(d.marginEngine), "put selling engine");
        assertEq(d.coveredCallVault.keeper(), cfg.roles.keeper, "covered call keeper");
        assertEq(d.putSellingVault.keeper(), cfg.roles.keeper, "put selling keeper");
        assertEq(d.coveredCallVault.guardian(), cfg.roles.guardian, "covered call guardian");
        assertEq(d.coveredCallVault.moneynessWad(), cfg.strategies.callMoneynessWad, "call moneyness");
        assertEq(d.putSellingVault.moneynessWad(), cfg.strategies.putMoneynessWad, "put moneyness");
        assertEq(d.coveredCallVault.roundDurationSec(), cfg.strategies.roundDurationSec, "round length");
        (address accountOwner, bool isCall) = d.marginEngine.accountInfo(d.coveredCallVault.accountId());
        assertEq(accountOwner, address(d.coveredCallVault), "the vault owns its margin account");
        assertTrue(isCall, "a call account");

        address[10] memory owned = [
            d.chainlinkAdapter.owner(),
            d.twapAdapter.owner(),
            d.spotRouter.owner(),
            d.volatilityOracle.owner(),
            d.callVault.owner(),
            d.putVault.owner(),
            d.market.owner(),
            d.marginEngine.owner(),
            d.coveredCallVault.owner(),
            d.putSellingVault.owner()
        ];
        for (uint256 i; i < owned.length; ++i) {
            assertEq(owned[i], cfg.roles.owner, "owner");
        }
        (uint256 spotWad,) = d.spotRouter.spot();
        assertEq(spotWad, 3000e18, "spot through the router");
    }

    /// @dev The devnet's second market: its own vaults (each probing a whole token of the deployer's, which
    /// `setUpEnvironment` mints twice), the first market's oracles and pricer, a portfolio margin engine with the
    /// default parameters; the first market keeps its engine.
    function test_deployPortfolio_wiresASecondMarketOnTheSameOracles() public {
        DeployProtocol.Config memory cfg = config();
        DeployProtocol.Deployment memory d = local.deploy(cfg, deployer);
        DeployProtocol.PortfolioDeployment memory p = local.deployPortfolio(cfg, deployer, d);

        assertEq(address(p.market.spotOracle()), address(d.spotRouter), "spot oracle");
        assertEq(address(p.market.volatilityOracle()), address(d.volatilityOracle), "volatility oracle");
        assertEq(address(p.market.pricer()), address(d.pricer), "pricer");
        assertEq(address(p.market.callVault()), address(p.callVault), "call vault");
        assertEq(address(p.market.putVault()), address(p.putVault), "put vault");
        assertEq(p.callVault.market(), address(p.market), "call vault market");
        assertEq(p.putVault.market(), address(p.market), "put vault market");
        assertEq(p.callVault.asset(), address(env.weth), "call vault asset");
        assertEq(p.putVault.asset(), address(env.usdc), "put vault asset");
        assertEq(p.market.marginEngine(), address(p.engine), "portfolio engine");
        assertEq(address(p.engine.market()), address(p.market), "engine market");
        assertEq(abi.encode(p.engine.portfolioParams()), abi.encode(local.defaultPortfolioParams()), "params");
        assertEq(p.engine.owner(), cfg.roles.owner, "engine owner");
        assertEq(d.market.marginEngine(), address(d.marginEngine), "first market keeps its engine");
    }

    function test_deploy_handsRouterSurfaceAndMarketToAnotherOwner() public {
        DeployProtocol.Config memory cfg = config();
        cfg.roles.owner = makeAddr("multisig");
        DeployProtocol.Deployment memory d = local.deploy(cfg, deployer);

        assertEq(d.spotRouter.pendingOwner(), cfg.roles.owner, "router pending owner");
        assertEq(d.volatilityOracle.pendingOwner(), cfg.roles.owner, "surface pending owner");
        assertEq(d.market.pendingOwner(), cfg.roles.owner, "market pending owner");
        assertEq(d.market.marginEngine(), address(d.marginEngine), "the deployer wired the engine first");
        assertEq(d.marginEngine.owner(), cfg.roles.owner, "engine owner");
        assertEq(d.callVault.owner(), cfg.roles.owner, "vault owner");
        assertEq(d.chainlinkAdapter.owner(), cfg.roles.owner, "adapter owner");
        vm.prank(cfg.roles.owner);
        d.spotRouter.acceptOwnership();
        assertEq(d.spotRouter.owner(), cfg.roles.owner, "router owner after acceptance");
    }

    function test_deploy_tradesWithBothSpotSources() public {
        DeployProtocol.Deployment memory d = local.deploy(config(), deployer);
        uint256[2] memory expiries = local.listedExpiries(block.timestamp);
        local.postSmiles(d, keys.keeper, expiries);
        local.fundAccounts(env, keys);

        // Let the pool's TWAP cover its window (one more observation grows the ring buffer) and refresh the feed.
        vm.warp(block.timestamp + 10 minutes);
        vm.prank(deployer);
        env.poolActor.mint(env.pool, -887_220, 887_220, 1);
        env.feed.pushAnswer(3000e8, block.timestamp);
        (uint256 twapWad,) = d.twapAdapter.spot();
        assertApproxEqRel(twapWad, 3000e18, 0.001e18, "twap near 3000");

        address lp = vm.addr(keys.lp);
        address trader = vm.addr(keys.trader);
        vm.startPrank(lp);
        env.weth.approve(address(d.callVault), type(uint256).max);
        d.callVault.deposit(100e18, lp);
        vm.stopPrank();

        SeriesId id = SeriesIdLib.encode(expiries[0], 3200e18, true);
        vm.startPrank(trader);
        env.weth.approve(address(d.market), type(uint256).max);
        uint256 before = env.weth.balanceOf(trader);
        uint256 premium = d.market.buy(id, 1e18, type(uint256).max, block.timestamp);
        vm.stopPrank();

        assertGt(premium, 0, "premium");
        assertEq(env.weth.balanceOf(trader), before - premium, "premium paid");
        assertEq(d.market.balanceOf(trader, SeriesId.unwrap(id)), 1e18, "position");
    }

    function test_parseConfig_readsWhatWriteConfigWrote() public {
        DeployProtocol.Config memory cfg = config();
        string memory path = "deployments/31337.test-config.json";
        local.writeConfig(cfg, path);
        DeployProtocol.Config memory parsed = local.parseConfig(vm.readFile(path));
        vm.removeFile(path);
        assertEq(keccak256(abi.encode(parsed)), keccak256(abi.encode(cfg)));
    }

    function test_writeDeployment_writesEveryAddress() public {
        DeployProtocol.Config memory cfg = config();
        DeployProtocol.Deployment memory d = local.deploy(cfg, deployer);
        string memory path = "deployments/31337.test-deployment.json";
        local.writeDeployment(cfg, d, path);
        string memory json = vm.readFile(path);
        vm.removeFile(path);
        assertEq(vm.parseJsonUint(json, ".chainId"), block.chainid);
        assertEq(vm.parseJsonAddress(json, ".market"), address(d.market));
        assertEq(vm.parseJsonAddress(json, ".spotRouter"), address(d.spotRouter));
        assertEq(vm.parseJsonAddress(json, ".callVault"), address(d.callVault));
        assertEq(vm.parseJsonAddress(json, ".putVault"), address(d.putVault));
        assertEq(vm.parseJsonAddress(json, ".coveredCallVault"), address(d.coveredCallVault));
        assertEq(vm.parseJsonAddress(json, ".putSellingVault"), address(d.putSellingVault));
        assertEq(vm.parseJsonAddress(json, ".volatilityOracle"), address(d.volatilityOracle));
        assertEq(vm.parseJsonAddress(json, ".settlementOracle"), address(d.settlementOracle));
        assertEq(vm.parseJsonAddress(json, ".pricer"), address(d.pricer));
        assertEq(vm.parseJsonAddress(json, ".base"), address(env.weth));
    }

    function test_validate_revertsOnWrongChain() public {
        DeployProtocol.Config memory cfg = config();
        cfg.chainId = 1;
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.ChainIdMismatch.selector, 1, block.chainid));
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnZeroRole() public {
        DeployProtocol.Config memory cfg = config();
        cfg.roles.guardian = address(0);
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.ZeroAddress.selector, "roles.guardian"));
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnZeroFeed() public {
        DeployProtocol.Config memory cfg = config();
        cfg.chainlink.feed = address(0);
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.ZeroAddress.selector, "chainlink.feed"));
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnAddressWithoutCode() public {
        DeployProtocol.Config memory cfg = config();
        address eoa = makeAddr("eoa");
        cfg.uniswap.pool = eoa;
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.NoCode.selector, "uniswap.pool", eoa));
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnSameToken() public {
        DeployProtocol.Config memory cfg = config();
        cfg.quote = cfg.base;
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.SameToken.selector, cfg.base));
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnTokenNotInPool() public {
        DeployProtocol.Config memory cfg = config();
        cfg.quote = address(env.feed);
        vm.expectRevert(
            abi.encodeWithSelector(DeployProtocol.TokensNotInPool.selector, address(env.pool), cfg.base, cfg.quote)
        );
        local.validate(cfg, deployer);
    }

    function test_validate_revertsOnInvertedPriceBounds() public {
        DeployProtocol.Config memory cfg = config();
        cfg.minPriceWad = cfg.maxPriceWad;
        vm.expectRevert(
            abi.encodeWithSelector(DeployProtocol.InvalidPriceBounds.selector, cfg.maxPriceWad, cfg.maxPriceWad)
        );
        local.validate(cfg, deployer);
    }

    function test_deploy_revertsOnParameterOutOfTheContractsBounds() public {
        DeployProtocol.Config memory cfg = config();
        cfg.uniswap.twapWindow = 1 minutes;
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedParameters.ParameterOutOfBounds.selector, 1 minutes, 5 minutes, 1 days)
        );
        local.deploy(cfg, deployer);
    }

    function test_validate_revertsWithoutProbeTokens() public {
        DeployProtocol.Config memory cfg = config();
        address poor = makeAddr("poor");
        vm.expectRevert(
            abi.encodeWithSelector(DeployProtocol.InsufficientProbeBalance.selector, address(env.weth), 0, 1e18)
        );
        local.validate(cfg, poor);
    }

    function test_checkNotDeployed_refusesAnExistingFileUnlessForced() public {
        string memory path = "deployments/31337.test-exists.json";
        vm.writeFile(path, "{}");
        vm.setEnv("FORCE", "false");
        vm.expectRevert(abi.encodeWithSelector(DeployProtocol.DeploymentExists.selector, path));
        local.checkNotDeployed(path);
        vm.setEnv("FORCE", "true");
        local.checkNotDeployed(path);
        vm.setEnv("FORCE", "false");
        vm.removeFile(path);
        local.checkNotDeployed(path);
    }
}
