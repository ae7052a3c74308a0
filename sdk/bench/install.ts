/**
 * What installing the SDK brings into an application, measured rather than assumed:
 *
 *   pnpm --filter @smile/sdk bench:install [extra packages...]
 *
 * Builds and packs the SDK (`npm pack`), then runs `npm install <tarball> viem` with
 * `--prefer-offline` in an empty temporary project, and prints the number of packages installed,
 * their size on disk in MB, and those that declare an install script (`preinstall`, `install`,
 * `postinstall`, or a `binding.gyp` that npm builds). Extra arguments are installed alongside, so
 * that an optional peer (`@uniswap/v3-sdk@3.31.5`, say) can be weighed too. It needs the npm
 * registry (or npm's cache); it prints figures and asserts nothing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SDK = fileURLToPath(new URL('../', import.meta.url))
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall']

type Installed = { name: string; path: string; installScript: boolean }

/** Every package folder under `nodeModules`, nested ones included. */
function packagesIn(nodeModules: string): Installed[] {
  if (!existsSync(nodeModules)) return []
  return readdirSync(nodeModules).flatMap((entry) => {
    if (entry.startsWith('.')) return []
    const path = join(nodeModules, entry)
    if (entry.startsWith('@')) return packagesIn(path)
    const manifestPath = join(path, 'package.json')
    if (!existsSync(manifestPath)) return []
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    const scripts: Record<string, string> = manifest.scripts ?? {}
    const installScript =
      INSTALL_SCRIPTS.some((name) => name in scripts) || existsSync(join(path, 'binding.gyp'))
    return [
      { name: manifest.name ?? entry, path, installScript },
      ...packagesIn(join(path, 'node_modules')),
    ]
  })
}

/** Bytes of the files under `path` (symlinks not followed). */
function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) return 0
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0)
}

const temp = mkdtempSync(join(tmpdir(), 'smile-sdk-install-'))
try {
  execFileSync('npm', ['run', 'build'], { cwd: SDK, stdio: 'ignore' })
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', temp], {
      cwd: SDK,
      encoding: 'utf8',
    }),
  )
  const project = join(temp, 'project')
  execFileSync('mkdir', [project])
  execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' })
  const extra = process.argv.slice(2)
  execFileSync(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(temp, packed.filename),
      'viem',
      ...extra,
    ],
    { cwd: project, stdio: 'inherit' },
  )
  const packages = packagesIn(join(project, 'node_modules'))
  const withScripts = packages.filter((p) => p.installScript).map((p) => p.name)
  const megabytes = sizeOf(join(project, 'node_modules')) / 1e6
  console.log(`npm install <@smile/sdk tarball> viem${extra.map((e) => ` ${e}`).join('')}`)
  console.log(`  packages:        ${packages.length}`)
  const own = sizeOf(join(project, 'node_modules/@smile/sdk')) / 1e6
  console.log(
    `  size on disk:    ${megabytes.toFixed(1)} MB (@smile/sdk itself ${own.toFixed(1)} MB)`,
  )
  console.log(
    `  install scripts: ${withScripts.length === 0 ? 'none' : [...new Set(withScripts)].join(', ')}`,
  )
} finally {
  rmSync(temp, { recursive: true, force: true })
}
