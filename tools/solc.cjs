#!/usr/bin/env node
// A solc executable for forge, served by the npm `solc` package (solc-js), because these
// machines have no native solc and forge cannot download one. It answers the two calls
// forge makes: `--version` and `--standard-json` (input on stdin, output on stdout).
'use strict'
const solc = require('solc')

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
  process.stdout.write(solc.compile(Buffer.concat(chunks).toString('utf8')))
})
