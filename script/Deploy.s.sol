// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DeployProtocol} from "./DeployProtocol.sol";

/// @notice Deploys Smile to any EVM chain from the JSON config at `DEPLOY_CONFIG` (format: `config/README.md`) and
/// writes the addresses to `deployments/<chainId>.json` (or `DEPLOYMENT_OUT`).
/// @dev `DEPLOY_CONFIG=config/mainnet.json forge script script/Deploy.s.sol --rpc-url $RPC --broadcast
/// --private-key $KEY` (or `--account`/`--ledger` with `--sender`). The config is validated and the whole
/// deployment simulated before anything is broadcast; an existing deployment file stops the script unless `FORCE=true`.
contract Deploy is DeployProtocol {
    /// @notice Refuses an existing deployment file (unless `FORCE=true`), reads and validates the config, deploys
    /// from the script's sender and writes the addresses.
    function run() external returns (Deployment memory d) {
        string memory out = deploymentPath();
        checkNotDeployed(out);
        Config memory cfg = parseConfig(vm.readFile(vm.envString("DEPLOY_CONFIG")));
        d = deploy(cfg, msg.sender);
        writeDeployment(cfg, d, out);
    }
}
