// The part of hardhat's runtime that Lyra v1's published test deployer uses (`ethers` with
// `getContractFactory` and `getSigners`, `upgrades`, `tracer`), backed by ethers v5 on an RPC URL and
// by the compiled artifacts inside the @lyrafinance/protocol package (library placeholders linked
// by position). `lyraV1Gas.mjs` installs it as `node_modules/hardhat` of its cache folder.
const fs = require('node:fs')
const path = require('node:path')
const { ethers } = require('ethers')

const artifactsDir = path.join(process.env.LYRA_PACKAGE_DIR, 'dist/artifacts')
const provider = new ethers.providers.JsonRpcProvider(process.env.LYRA_RPC_URL)
provider.pollingInterval = 20

// Lyra's gas depends on the block's time (its GWAV), which moves between ethers' estimate and the
// block: a transaction sent with the estimate as its limit can run out of gas. Every transaction
// without a limit gets a fixed one instead (the gas used is what is measured, not the limit).
const GAS_LIMIT = 25_000_000
const sendTransaction = ethers.providers.JsonRpcSigner.prototype.sendTransaction
ethers.providers.JsonRpcSigner.prototype.sendTransaction = function (transaction) {
  return sendTransaction.call(this, {
    ...transaction,
    gasLimit: transaction.gasLimit ?? GAS_LIMIT,
  })
}

/** Contract name → artifact file; the first one found wins (names are unique in the package). */
const artifactFiles = new Map()
function indexArtifacts(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) indexArtifacts(full)
    else if (entry.name.endsWith('.json') && !entry.name.endsWith('.dbg.json')) {
      const name = entry.name.slice(0, -'.json'.length)
      if (!artifactFiles.has(name)) artifactFiles.set(name, full)
    }
  }
}
indexArtifacts(artifactsDir)

async function getContractFactory(name, options = {}) {
  const file = artifactFiles.get(name)
  if (file === undefined) throw new Error(`no artifact named ${name} in ${artifactsDir}`)
  const artifact = JSON.parse(fs.readFileSync(file, 'utf8'))
  let bytecode = artifact.bytecode.slice(2)
  for (const libraries of Object.values(artifact.linkReferences ?? {})) {
    for (const [library, references] of Object.entries(libraries)) {
      const address = options.libraries?.[library]
      if (address === undefined) throw new Error(`${name} needs library ${library} linked`)
      for (const { start, length } of references) {
        bytecode =
          bytecode.slice(0, start * 2) +
          address.slice(2).toLowerCase() +
          bytecode.slice((start + length) * 2)
      }
    }
  }
  return new ethers.ContractFactory(
    artifact.abi,
    `0x${bytecode}`,
    options.signer ?? provider.getSigner(0),
  )
}

async function getSigners() {
  return (await provider.listAccounts()).map((account) => provider.getSigner(account))
}

module.exports = {
  ethers: { ...ethers, provider, getContractFactory, getSigners },
  upgrades: {},
  tracer: { nameTags: {} },
  network: { name: 'local' },
}
