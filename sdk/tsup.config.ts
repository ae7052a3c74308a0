import { writeFileSync } from 'node:fs'
import { defineConfig, type Options } from 'tsup'

// One output file per source module, as viem ships: an application's bundler then takes only the
// modules its imports reach (with `sideEffects: false`), instead of one file holding every ABI.
// Declarations are emitted by `tsc -p tsconfig.build.json` into both folders.
const perModule: Options = {
  entry: ['src/**/*.ts', '!src/**/*.test.ts'],
  bundle: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
}

export default defineConfig([
  { ...perModule, format: 'esm', outDir: 'dist/esm' },
  {
    ...perModule,
    format: 'cjs',
    outDir: 'dist/cjs',
    // `.js` files, so that the modules' own `./x.js` imports resolve; this folder's package.json
    // makes Node (and TypeScript, for the `.d.ts` beside them) read them as CommonJS.
    outExtension: () => ({ js: '.js' }),
    onSuccess: async () =>
      writeFileSync('dist/cjs/package.json', '{ "type": "commonjs", "sideEffects": false }\n'),
  },
])
