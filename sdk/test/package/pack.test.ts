/**
 * The package as npm users get it: built (`pnpm run build`: one file per module, ESM and CJS, with
 * declarations), packed by `npm pack`, unpacked into a fresh project's node_modules (what
 * `npm install <tarball>` does; its dependencies viem and abitype are linked from this workspace
 * rather than fetched, so the test runs offline), then both entries (`@smile/sdk` and
 * `@smile/sdk/uniswap`) imported from ESM and CJS by node, type-checked from both by tsc (node16
 * resolution, which follows the `exports` map to each format's declarations), and bundled by
 * esbuild against the size limits of `size-limits.json` (scripts/size.ts).
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatSizes, loadEffects, measureSizes } from '../../scripts/size.js'

const SDK = fileURLToPath(new URL('../../', import.meta.url))
const require = createRequire(join(SDK, 'package.json'))
const DEPENDENCIES = ['viem', 'abitype']
/** Black-Scholes call, S = K = 100, T = 1, σ = 20 %, r = 5 %: Hull's textbook value 10.4506. */
const SCRIPT_BODY = `
const call = blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: 0.2, rate: 0.05, type: 'call' })
const id = encodeSeriesId({ expiry: 1767254400n, strikeWad: 3000n * 10n ** 18n, isCall: true })
const zeroSize = decodeSmileError(encodeErrorResult({ abi: optionMarketAbi, errorName: 'ZeroSize' }))
console.log(JSON.stringify({
  call,
  series: decodeSeriesId(id).strikeWad === 3000n * 10n ** 18n,
  error: zeroSize instanceof SmileError && zeroSize.errorName,
  abi: optionMarketAbi.some((item) => item.type === 'function' && item.name === 'buy'),
  price: String(tickToPriceWad({ tick: 0, baseIsToken0: true, baseDecimals: 6, quoteDecimals: 18 })),
  sharedErrors: new TickOutOfRangeError(900_000) instanceof SmileError,
}))
`
const NAMES =
  'blackScholesPrice, encodeSeriesId, decodeSeriesId, decodeSmileError, SmileError, optionMarketAbi'
const UNISWAP_NAMES = 'tickToPriceWad, TickOutOfRangeError'

let temp: string
let project: string
let installed: string
let tarball: string

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    })
  }
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'smile-sdk-pack-'))
  run('npm', ['run', 'build'], SDK)
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', temp], SDK))
  tarball = join(temp, packed.filename)
  project = join(temp, 'project')
  installed = join(project, 'node_modules/@smile/sdk')
  mkdirSync(installed, { recursive: true })
  run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], temp)
  for (const name of DEPENDENCIES) {
    const target = join(project, 'node_modules', name)
    mkdirSync(dirname(target), { recursive: true })
    symlinkSync(realpathSync(join(SDK, 'node_modules', name)), target, 'dir')
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
}, 240_000)

afterAll(() => {
  if (temp !== undefined) rmSync(temp, { recursive: true, force: true })
})

describe('the packed @smile/sdk', () => {
  it('declares its entry points, side-effect freedom and ships only what it should', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    expect(manifest.sideEffects).toBe(false)
    const entry = (path: string) => ({
      import: { types: `./dist/esm/${path}.d.ts`, default: `./dist/esm/${path}.js` },
      require: { types: `./dist/cjs/${path}.d.ts`, default: `./dist/cjs/${path}.js` },
    })
    expect(manifest.exports).toEqual({
      '.': entry('index'),
      './uniswap': entry('uniswap/index'),
      './portfolio': entry('portfolio/index'),
      './package.json': './package.json',
    })
    // The core installs viem (peer) and abitype, and nothing of Uniswap's.
    expect(Object.keys(manifest.dependencies)).toEqual(['abitype'])
    expect(Object.keys(manifest.peerDependencies)).toEqual(['viem'])
    expect(JSON.parse(readFileSync(join(installed, 'dist/cjs/package.json'), 'utf8'))).toEqual({
      type: 'commonjs',
      sideEffects: false,
    })
    const files = run('tar', ['-tzf', tarball], temp).split('\n')
    for (const format of ['esm', 'cjs'])
      for (const file of [
        'index.js',
        'index.d.ts',
        'uniswap/index.js',
        'uniswap/index.d.ts',
        'portfolio/index.js',
        'portfolio/index.d.ts',
        'math/blackScholes.js',
      ])
        expect(files).toContain(`package/dist/${format}/${file}`)
    expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([])
  })

  it.each([
    [
      'ESM',
      'check.mjs',
      `import { encodeErrorResult } from 'viem'\nimport { ${NAMES} } from '@smile/sdk'\nimport { ${UNISWAP_NAMES} } from '@smile/sdk/uniswap'\n`,
    ],
    [
      'CJS',
      'check.cjs',
      `const { encodeErrorResult } = require('viem')\nconst { ${NAMES} } = require('@smile/sdk')\nconst { ${UNISWAP_NAMES} } = require('@smile/sdk/uniswap')\n`,
    ],
  ])('runs from %s', (_, file, imports) => {
    writeFileSync(join(project, file), imports + SCRIPT_BODY)
    const result = JSON.parse(run(process.execPath, [file], project))
    expect(result.call).toBeCloseTo(10.450583572185568, 12)
    expect(result).toMatchObject({ series: true, error: 'ZeroSize', abi: true, sharedErrors: true })
    // At tick 0 one raw unit buys one: a whole token0 of 6 decimals is 1e-12 of a token1 of 18.
    expect(result.price).toBe('1000000')
  })

  it('type-checks from ESM and CJS through the exports map (each format’s declarations)', () => {
    const typed = `const price: number = blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: 0.2, type: 'call' })
const error = decodeSmileError('0x')
if (error?.errorName === 'PremiumAboveMax') { const premium: bigint = error.args.premiumAssets }
const sqrtPrice: bigint = sqrtPriceAtTick(0)
const maxPositions: number = PORTFOLIO_MAX_POSITIONS
// @ts-expect-error the types are strict, not any
blackScholesPrice({ spot: '100' })
export { price, sqrtPrice, maxPositions }
`
    writeFileSync(
      join(project, 'esm.mts'),
      `import { blackScholesPrice, decodeSmileError } from '@smile/sdk'\nimport { sqrtPriceAtTick } from '@smile/sdk/uniswap'\nimport { PORTFOLIO_MAX_POSITIONS } from '@smile/sdk/portfolio'\n${typed}`,
    )
    writeFileSync(
      join(project, 'cjs.cts'),
      `import sdk = require('@smile/sdk')\nimport uniswap = require('@smile/sdk/uniswap')\nimport portfolio = require('@smile/sdk/portfolio')\nconst { blackScholesPrice, decodeSmileError } = sdk\nconst { sqrtPriceAtTick } = uniswap\nconst { PORTFOLIO_MAX_POSITIONS } = portfolio\n${typed}`,
    )
    const tsc = require.resolve('typescript/bin/tsc')
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--target',
      'es2022',
      '--skipLibCheck',
    ]
    // `run` throws with tsc's diagnostics on any error; the CJS file must resolve to the CJS
    // declarations (read as CommonJS through dist/cjs/package.json), the ESM one to the ESM ones.
    const files = run(
      process.execPath,
      [tsc, ...args, '--listFiles', 'esm.mts', 'cjs.cts'],
      project,
    )
    for (const format of ['esm', 'cjs'])
      for (const file of ['index.d.ts', 'uniswap/index.d.ts', 'portfolio/index.d.ts'])
        expect(files).toContain(`node_modules/@smile/sdk/dist/${format}/${file}\n`)
  })

  it('bundles within the size limits of size-limits.json', async () => {
    const results = await measureSizes(project)
    console.log(formatSizes(results))
    for (const { name, gzip, limitGzip } of results)
      expect(gzip, `${name}: ${gzip} B gzip`).toBeLessThanOrEqual(limitGzip)
    // The measurement is of real code: the math alone is small, the whole SDK is not.
    const byName = Object.fromEntries(results.map((r) => [r.name, r.gzip]))
    expect(byName.blackScholesPrice).toBeGreaterThan(1_000)
    expect(byName['the whole SDK']).toBeGreaterThan(20_000)
  })

  it('does nothing at load that a bundler without the sideEffects hint must keep', async () => {
    const modules = join(temp, 'esm-without-hint')
    cpSync(join(installed, 'dist/esm'), modules, { recursive: true })
    for (const entry of ['index.js', 'uniswap/index.js', 'portfolio/index.js']) {
      const kept = await loadEffects(modules, entry)
      // bigint and number constants only (about 4 KB for the whole SDK): no ABI (every one has
      // a "type" key), no function call at load (a hash, a spread of ABIs), no viem import used.
      expect(kept.length, entry).toBeLessThan(5_000)
      expect(kept, entry).not.toMatch(/type:"(function|error|event)"/)
      expect(kept, entry).not.toMatch(/keccak|\.\.\./)
    }
    // The check sees effects: a module that builds a list at load is kept.
    writeFileSync(join(modules, 'effect.js'), 'export const all = [...globalThis.list]\n')
    expect(await loadEffects(modules, 'effect.js')).toContain('...')
  })
})
