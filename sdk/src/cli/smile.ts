#!/usr/bin/env node
/**
 * `smile`, the integrators' command line: the package's `bin`, and `pnpm smile` at the repository's
 * root. `smile --help` lists the commands (quote, expiries, series); every failure is one line on
 * standard error and a non-zero exit code.
 */
import { runCli } from './run.js'

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
