// @smile/contracts as a builder gets it: packed by `npm pack` (its prepack writes artifacts/ from
// out/, so `pnpm forge build` must have run), unpacked into a fresh Foundry project's node_modules,
// and a small strategy importing it through a remapping compiled there by the repository's forge
// (solc-js through tools/solc.cjs, offline, no via-IR). Its own dependencies are linked from this
// repository's node_modules, so the test runs offline.
//   node --test test/package/
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const STRATEGY = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptionMarket} from "@smile/contracts/interfaces/IOptionMarket.sol";
import {OptionLegs} from "@smile/contracts/libraries/OptionLegs.sol";
import {SeriesId} from "@smile/contracts/libraries/SeriesId.sol";
import {StrategyMath} from "@smile/contracts/libraries/StrategyMath.sol";
import {StrategyVault} from "@smile/contracts/strategies/StrategyVault.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/interfaces/IERC20Metadata.sol";

/// A builder's strategy outside the repository: holds long options it was given, valued rounded down.
contract HeldLongsVault is StrategyVault {
    IOptionMarket public immutable market;
    SeriesId public heldSeries;
    uint256 public heldSize;

    constructor(IOptionMarket market_, IERC20Metadata asset_, address owner_)
        StrategyVault(asset_, "Held longs", "HELD", owner_, owner_, owner_)
    {
        market = market_;
    }

    function _openRound(uint256, uint256) internal view override returns (uint256) {
        return StrategyMath.listedExpiryAtOrAfter(block.timestamp + 1 days);
    }

    function _closeRound() internal override {}

    function _positionsValue() internal view override returns (uint256) {
        return heldSize == 0 ? 0 : OptionLegs.longValueAssetsDown(market, heldSeries, heldSize, 1);
    }
}
`

let temp
let tarball
let files

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    })
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
      {
        cause: error,
      },
    )
  }
}

before(() => {
  temp = mkdtempSync(join(tmpdir(), 'smile-contracts-'))
  const output = run('npm', ['pack', '--json', '--pack-destination', temp], join(ROOT, 'contracts'))
  // The prepack's own output comes first; npm's JSON report is the last thing printed.
  const [report] = JSON.parse(output.slice(output.lastIndexOf('\n[') + 1))
  tarball = join(temp, report.filename)
  files = report.files.map((file) => file.path)
})

after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true })
  rmSync(join(ROOT, 'contracts/artifacts'), { recursive: true, force: true })
})

test('packs the interfaces, libraries, StrategyVault and ABI + bytecode artifacts, nothing else', () => {
  for (const path of [
    'package.json',
    'README.md',
    'interfaces/IStrategyVault.sol',
    'interfaces/IOptionMarket.sol',
    'interfaces/ISpreadVault.sol',
    'libraries/OptionLegs.sol',
    'libraries/OptionValuation.sol',
    'libraries/StrategyMath.sol',
    'strategies/StrategyVault.sol',
    'strategies/SpreadVault.sol',
    'artifacts/CallSpreadVault.json',
    'artifacts/OptionMarket.json',
    'artifacts/IStrategyVault.json',
  ])
    assert.ok(files.includes(path), `${path} is packed`)
  const unexpected = files.filter(
    (path) =>
      !/^(package\.json|README\.md|strategies\/README\.md)$/.test(path) &&
      !/^(interfaces|libraries)\/[A-Za-z0-9]+\.sol$/.test(path) &&
      !/^strategies\/(StrategyVault|SpreadVault)\.sol$/.test(path) &&
      !/^artifacts\/[A-Za-z0-9]+\.json$/.test(path),
  )
  assert.deepEqual(unexpected, [])
  const artifact = JSON.parse(
    readFileSync(join(ROOT, 'contracts/artifacts/CallSpreadVault.json'), 'utf8'),
  )
  assert.equal(artifact.sourceName, 'contracts/strategies/CallSpreadVault.sol')
  assert.match(artifact.bytecode, /^0x[0-9a-f]{2000,}$/)
  assert.match(artifact.deployedBytecode, /^0x[0-9a-f]{2000,}$/)
  assert.ok(artifact.abi.some((item) => item.type === 'function' && item.name === 'startRound'))
})

test("a builder's strategy compiles against the package from node_modules", () => {
  const project = join(temp, 'builder')
  const modules = join(project, 'node_modules')
  mkdirSync(join(modules, '@smile'), { recursive: true })
  mkdirSync(join(modules, '@openzeppelin'), { recursive: true })
  mkdirSync(join(project, 'src'))
  run('tar', ['-xzf', tarball, '-C', join(modules, '@smile')], ROOT)
  renameSync(join(modules, '@smile/package'), join(modules, '@smile/contracts'))
  for (const dependency of ['@openzeppelin/contracts', 'solady'])
    symlinkSync(realpathSync(join(ROOT, 'node_modules', dependency)), join(modules, dependency))
  writeFileSync(
    join(project, 'foundry.toml'),
    `[profile.default]
src = "src"
out = "out"
libs = ["node_modules"]
solc = "${join(ROOT, 'tools/solc.cjs')}"
offline = true
auto_detect_solc = false
evm_version = "prague"
remappings = [
  "@smile/contracts/=node_modules/@smile/contracts/",
  "@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/",
  "solady/=node_modules/solady/src/",
]
`,
  )
  writeFileSync(join(project, 'src/HeldLongsVault.sol'), STRATEGY)
  run('node', [join(ROOT, 'tools/foundry.mjs'), 'forge', 'build', '--root', project], ROOT)
  const built = join(project, 'out/HeldLongsVault.sol/HeldLongsVault.json')
  assert.ok(existsSync(built), 'forge wrote the artifact')
  const { bytecode } = JSON.parse(readFileSync(built, 'utf8'))
  assert.match(bytecode.object, /^0x[0-9a-f]{1000,}$/)
})
