/**
 * What the SDK costs an application's bundle: each case of `size-limits.json` is an import of the
 * BUILT package (its `exports` map, `sideEffects: false`), bundled by esbuild as an application's
 * bundler would (ESM, minified, tree-shaken) with viem, abitype and Uniswap's SDKs external, then
 * gzipped. `test/package/pack.test.ts` checks the packed tarball against the limits.
 *
 *   pnpm --filter @smile/sdk size    build, then print each case's minified and gzip size
 *                                    (exits 1 when a case is over its limit)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/**
 * One measured import: its source, the gzip size it may not exceed, in bytes, and what the size is
 * made of where that is worth saying.
 */
export type SizeCase = { name: string; code: string; limitGzip: number; note?: string }

/** One case's bundle size, in bytes. */
export type SizeResult = { name: string; minified: number; gzip: number; limitGzip: number }

const SDK = fileURLToPath(new URL('../', import.meta.url))

/** The committed cases and limits. */
export function sizeCases(): SizeCase[] {
  return JSON.parse(readFileSync(join(SDK, 'size-limits.json'), 'utf8')).cases
}

/**
 * Bundles every case with `@smile/sdk` resolved from `resolveDir` (a folder whose
 * `node_modules/@smile/sdk` is the built package) and returns its sizes.
 */
export async function measureSizes(resolveDir: string): Promise<SizeResult[]> {
  const results: SizeResult[] = []
  for (const { name, code, limitGzip } of sizeCases()) {
    const { outputFiles } = await build({
      stdin: { contents: code, resolveDir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      external: ['viem', 'viem/*', 'abitype', '@uniswap/*'],
      write: false,
      logLevel: 'silent',
    })
    const output = outputFiles[0]?.contents ?? new Uint8Array()
    results.push({ name, minified: output.length, gzip: gzipSync(output).length, limitGzip })
  }
  return results
}

/**
 * What importing `entry` (a module of the built package) for nothing leaves in a minified bundle
 * when the bundler is given no `sideEffects` hint (the folder `modules` holds a copy of
 * `dist/esm` without its package.json): only what the modules do at load. Constants are kept; a
 * table built by a call, an ABI spread or a hash computed at load would show here.
 */
export async function loadEffects(modules: string, entry: string): Promise<string> {
  const { outputFiles } = await build({
    stdin: { contents: `import './${entry}'`, resolveDir: modules, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['viem', 'viem/*', 'abitype'],
    write: false,
    logLevel: 'silent',
  })
  return outputFiles[0]?.text ?? ''
}

/** The results as a table, sizes in KB (1,000 bytes). */
export function formatSizes(results: readonly SizeResult[]): string {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`
  const rows = results.map(
    (r) =>
      `${r.name.padEnd(44)} ${kb(r.minified).padStart(11)} ${kb(r.gzip).padStart(11)} ${kb(r.limitGzip).padStart(11)}`,
  )
  return [
    `${'case'.padEnd(44)} ${'minified'.padStart(11)} ${'gzip'.padStart(11)} ${'limit'.padStart(11)}`,
    ...rows,
  ].join('\n')
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'smile-sdk-size-'))
  try {
    mkdirSync(join(temp, 'node_modules/@smile'), { recursive: true })
    symlinkSync(SDK, join(temp, 'node_modules/@smile/sdk'), 'dir')
    const results = await measureSizes(temp)
    console.log(formatSizes(results))
    if (results.some((r) => r.gzip > r.limitGzip)) process.exitCode = 1
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
