#!/usr/bin/env node
// A solc executable for forge, served by the npm `solc` package (solc-js), because these
// machines have no native solc and forge cannot download one. It answers the two calls
// forge makes: `--version` and `--standard-json` (input on stdin, output on stdout).
//
// solc-js is WebAssembly with a bounded heap: compiling the whole repository (via IR) in one
// call runs out of memory (`std::bad_alloc`). So a large input is compiled in chunks, each in its
// own process (a fresh heap): every chunk gets all the sources (solc needs the imports to analyse
// them) but asks for the outputs of its share of the files only, so only those are generated.
// The chunks' outputs are merged: contracts and source ASTs by file, diagnostics once each.
'use strict'
const { spawnSync } = require('node:child_process')
const solc = require('solc')

/** Files whose outputs one process generates; the whole repository is about 190. */
const FILES_PER_CHUNK = 48

const args = process.argv.slice(2)
if (args.includes('--version')) {
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  )
  process.exit(0)
}
if (!args.includes('--standard-json')) {
  process.stderr.write('tools/solc.cjs: only --version and --standard-json are supported\n')
  process.exit(2)
}
const chunks = []
process.stdin.on('data', (chunk) => chunks.push(chunk))
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8')
  if (args.includes('--single')) {
    process.stdout.write(solc.compile(input))
    return
  }
  process.stdout.write(JSON.stringify(compileInChunks(JSON.parse(input))))
})

/** Compiles `input` (standard JSON) in chunks of `FILES_PER_CHUNK` files and merges the outputs. */
function compileInChunks(input) {
  const files = Object.keys(input.sources).sort()
  const selection = input.settings.outputSelection ?? {}
  const perFile = selection['*'] ?? {}
  const merged = { contracts: {}, sources: {}, errors: [] }
  const seen = new Set()
  for (let start = 0; start < files.length; start += FILES_PER_CHUNK) {
    const share = files.slice(start, start + FILES_PER_CHUNK)
    const outputSelection = {}
    for (const file of share) outputSelection[file] = selection[file] ?? perFile
    const chunkInput = { ...input, settings: { ...input.settings, outputSelection } }
    const output =
      files.length > FILES_PER_CHUNK ? compileApart(chunkInput) : compileHere(chunkInput)
    for (const error of output.errors ?? []) {
      const key = `${error.formattedMessage ?? error.message}`
      if (seen.has(key)) continue
      seen.add(key)
      merged.errors.push(error)
    }
    for (const file of share) {
      if (output.contracts?.[file]) merged.contracts[file] = output.contracts[file]
      if (output.sources?.[file]) merged.sources[file] = output.sources[file]
    }
    // Source ids are the same in every chunk (solc numbers the same sources alike).
    for (const [file, source] of Object.entries(output.sources ?? {})) {
      merged.sources[file] ??= { id: source.id }
    }
    if (merged.errors.some((e) => e.severity === 'error')) break
  }
  return merged
}

function compileHere(chunkInput) {
  return JSON.parse(solc.compile(JSON.stringify(chunkInput)))
}

/** One chunk in a child process, so that each starts with a fresh WebAssembly heap. */
function compileApart(chunkInput) {
  const child = spawnSync(process.execPath, [__filename, '--standard-json', '--single'], {
    input: JSON.stringify(chunkInput),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  })
  if (child.status !== 0) {
    return {
      errors: [
        {
          severity: 'error',
          type: 'CompilerError',
          message: `solc-js chunk failed: ${child.stderr || child.error}`,
          formattedMessage: `solc-js chunk failed: ${child.stderr || child.error}`,
        },
      ],
    }
  }
  return JSON.parse(child.stdout)
}
