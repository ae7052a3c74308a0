// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../contracts/interfaces/AggregatorV3Interface.sol";
import {Svi} from "../../contracts/libraries/Svi.sol";
import {ChainlinkSpotAdapter} from "../../contracts/oracle/ChainlinkSpotAdapter.sol";
import {SettlementOracle} from "../../contracts/oracle/SettlementOracle.sol";
import {SpotOracleRouter} from "../../contracts/oracle/SpotOracleRouter.sol";
import {UniswapV3TwapAdapter} from "../../contracts/oracle/UniswapV3TwapAdapter.sol";
import {VolatilityOracle} from "../../contracts/oracle/VolatilityOracle.sol";
import {MockAggregator} from "../utils/MockAggregator.sol";
import {TestERC20} from "../utils/TestERC20.sol";
import {UniswapV3Fixture} from "../utils/UniswapV3Fixture.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {console} from "forge-std/console.sol";

/// @notice Gas of each oracle read and write, measured around one call with the contracts' storage cooled first
/// (as in a fresh transaction; address warmth aside). The feeds are mocks: a real Chainlink proxy + aggregator read
/// costs more than the mock's. Prints figures only.
contract OracleGasBench is UniswapV3Fixture {
    function test_bench_oracleGas() public {
        vm.warp(1_700_000_000);
        _deployUniswap();
        TestERC20 weth = new TestERC20("Wrapped Ether", "WETH", 18);
        TestERC20 usdc = new TestERC20("USD Coin", "USDC", 6);
        int24 tick0 = address(weth) < address(usdc) ? int24(-196_256) : int24(196_256);
        IUniswapV3Pool pool = _createPool(weth, usdc, FEE, tick0, 200);
        lp.mint(pool, FULL_RANGE_LOWER, FULL_RANGE_UPPER, 54_772_255_750_516_611);
        _growObservations(pool);
        MockAggregator feed = new MockAggregator(8);
        MockAggregator sequencer = new MockAggregator(0);
        sequencer.setRound(1, 0, block.timestamp - 1 days, block.timestamp - 1 days, 1);
        ChainlinkSpotAdapter chainlink = new ChainlinkSpotAdapter(
            address(this),
            AggregatorV3Interface(address(feed)),
            AggregatorV3Interface(address(sequencer)),
            1 hours,
            1 hours,
            1e18,
            1e24
        );
        UniswapV3TwapAdapter twap =
            new UniswapV3TwapAdapter(address(this), pool, address(weth), address(usdc), 30 minutes, 10, 1, 1e18, 1e24);
        SpotOracleRouter router = new SpotOracleRouter(address(this), chainlink, twap, 0.02e18, 0.2e18, 1 hours);
        SettlementOracle settlement = new SettlementOracle(chainlink, router, 0, 1 hours, 1 days);
        VolatilityOracle vol = new VolatilityOracle(address(this), 1 hours);
        vol.setKeeper(address(this), true);

        uint256 expiry = block.timestamp + 1 hours;
        vm.warp(expiry - 5 minutes);
        feed.pushAnswer(3000e8, block.timestamp);
        vm.warp(expiry + 10);
        uint80 first = feed.pushAnswer(3000e8, block.timestamp);
        address[8] memory touched = [
            address(chainlink),
            address(feed),
            address(sequencer),
            address(twap),
            address(pool),
            address(router),
            address(settlement),
            address(vol)
        ];
        for (uint256 i = 0; i < touched.length; i++) {
            cooled.push(touched[i]);
        }

        _cool();
        uint256 g = gasleft();
        chainlink.spot();
        console.log("ChainlinkSpotAdapter.spot (with sequencer feed):", g - gasleft());
        _cool();
        g = gasleft();
        twap.spot();
        console.log("UniswapV3TwapAdapter.spot (30 min window, liquidity floor):", g - gasleft());
        _cool();
        g = gasleft();
        router.spot();
        console.log("SpotOracleRouter.spot (both sources):", g - gasleft());
        _cool();
        g = gasleft();
        settlement.settle(expiry, first);
        console.log("SettlementOracle.settle (Chainlink round walk):", g - gasleft());
        Svi.Params memory p = Svi.Params({a: 0.04e18, b: 0.4e18, rho: -0.4e18, m: 0.1e18, sigma: 0.2e18});
        _cool();
        g = gasleft();
        vol.post(block.timestamp + 30 days, p);
        console.log("VolatilityOracle.post (first smile of an expiry):", g - gasleft());
        vm.warp(block.timestamp + 1 minutes);
        p.a = 0.05e18;
        _cool();
        g = gasleft();
        vol.post(block.timestamp + 30 days - 1 minutes, p);
        console.log("VolatilityOracle.post (update, change bound checked):", g - gasleft());
        _cool();
        g = gasleft();
        vol.smile(block.timestamp + 30 days - 1 minutes);
        console.log("VolatilityOracle.smile:", g - gasleft());
    }

    address[] internal cooled;

    /// @dev Marks the oracle contracts' storage cold again, so each figure is what a fresh transaction pays.
    function _cool() private {
        for (uint256 i = 0; i < cooled.length; i++) {
            vm.cool(cooled[i]);
        }
    }
}
