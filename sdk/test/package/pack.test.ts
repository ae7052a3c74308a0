/**
 * The package as npm users get it: built by tsup, packed by `npm pack`, unpacked into a fresh
 * project's node_modules (what `npm install <tarball>` does; its dependencies viem, abitype and
 * @uniswap/v3-sdk are linked from this workspace rather than fetched, so the test runs offline),
 * then imported from ESM and CJS by node and type-checked from both by tsc (node16 resolution,
 * which follows the `exports` map to the d.ts / d.cts).
 */
import { execFileSync } from 'node:child_process'
import {
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

const SDK = fileURLToPath(new URL('../../', import.meta.url))
const require = createRequire(join(SDK, 'package.json'))
const DEPENDENCIES = ['viem', 'abitype', '@uniswap/v3-sdk']
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
}))
`
const NAMES =
  'blackScholesPrice, encodeSeriesId, decodeSeriesId, decodeSmileError, SmileError, optionMarketAbi'

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
  run(process.execPath, [require.resolve('tsup/dist/cli-default.js')], SDK)
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
}, 60_000)

afterAll(() => {
  if (temp !== undefined) rmSync(temp, { recursive: true, force: true })
})

describe('the packed @smile/sdk', () => {
  it('declares its entry points, side-effect freedom and ships only what it should', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    expect(manifest.sideEffects).toBe(false)
    expect(manifest.exports).toEqual({
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
    })
    const files = run('tar', ['-tzf', tarball], temp).split('\n')
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'])
      expect(files).toContain(`package/${file}`)
    expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([])
  })

  it.each([
    [
      'ESM',
      'check.mjs',
      `import { encodeErrorResult } from 'viem'\nimport { ${NAMES} } from '@smile/sdk'\n`,
    ],
    [
      'CJS',
      'check.cjs',
      `const { encodeErrorResult } = require('viem')\nconst { ${NAMES} } = require('@smile/sdk')\n`,
    ],
  ])('runs from %s', (_, file, imports) => {
    writeFileSync(join(project, file), imports + SCRIPT_BODY)
    const result = JSON.parse(run(process.execPath, [file], project))
    expect(result.call).toBeCloseTo(10.450583572185568, 12)
    expect(result).toMatchObject({ series: true, error: 'ZeroSize', abi: true })
  })

  it('type-checks from ESM and CJS through the exports map (d.ts and d.cts)', () => {
    const typed = `const price: number = blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: 0.2, type: 'call' })
const error = decodeSmileError('0x')
if (error?.errorName === 'PremiumAboveMax') { const premium: bigint = error.args.premiumAssets }
// @ts-expect-error the types are strict, not any
blackScholesPrice({ spot: '100' })
export { price }
`
    writeFileSync(
      join(project, 'esm.mts'),
      `import { blackScholesPrice, decodeSmileError } from '@smile/sdk'\n${typed}`,
    )
    writeFileSync(
      join(project, 'cjs.cts'),
      `import sdk = require('@smile/sdk')\nconst { blackScholesPrice, decodeSmileError } = sdk\n${typed}`,
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
    // `run` throws with tsc's diagnostics on any error; the CJS file must resolve to the .d.cts,
    // the ESM one to the .d.ts.
    const files = run(
      process.execPath,
      [tsc, ...args, '--listFiles', 'esm.mts', 'cjs.cts'],
      project,
    )
    expect(files).toContain('node_modules/@smile/sdk/dist/index.d.ts\n')
    expect(files).toContain('node_modules/@smile/sdk/dist/index.d.cts\n')
  })
})
