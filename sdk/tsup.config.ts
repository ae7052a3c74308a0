import { defineConfig } from 'tsup'

export default defineConfig({
  // The second entry is the `smile` CLI, the package's `bin`.
  entry: ['src/index.ts', 'src/cli/smile.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // @uniswap/v3-sdk ≥ 3.25 ships an ESM build with extensionless directory re-exports
  // (`export * from './entities'`) that Node's ESM loader refuses (ERR_UNSUPPORTED_DIR_IMPORT),
  // so `import '@smile/sdk'` would fail in Node. Bundling it (tree-shaken to TickMath and JSBI,
  // ~50 kB) keeps both builds loadable; test/package/pack.test.ts imports the packed tarball.
  noExternal: ['@uniswap/v3-sdk'],
})
