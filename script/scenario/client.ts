/** The viem client the scenario drives the devnet with: anvil test actions, reads and writes. */
import { createTestClient, http, publicActions, walletActions } from 'viem'
import { foundry } from 'viem/chains'

/** A client on the anvil at `rpcUrl`; anvil's default accounts are unlocked, so it sends as any of them. */
export function makeScenarioClient(rpcUrl: string) {
  return createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) })
    .extend(publicActions)
    .extend(walletActions)
}

export type ScenarioClient = ReturnType<typeof makeScenarioClient>
