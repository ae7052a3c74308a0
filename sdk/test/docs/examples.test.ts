/**
 * The TSDoc `@example` blocks are documentation that must keep compiling (STYLE.md): every
 * ```ts block of an `@example` in `src/`, and of the README, is type-checked as a module of its own, with the
 * package's own name `@smile/sdk` mapped to `src/index.ts` and the compiler options of
 * `tsconfig.json`, as if it sat beside its source file (never written to disk). An example with no
 * import statement may use the package's exports (or its own file's, for internal helpers)
 * without importing them: those are imported for it. An example with imports must be complete.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SDK = fileURLToPath(new URL('../../', import.meta.url))
const SRC = join(SDK, 'src')
const ENTRY = join(SRC, 'index.ts')
const README = join(SDK, 'README.md')

type Example = { source: string; line: number; code: string; file: string }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Every ```ts block after an `@example` tag in a `/** … *\/` comment of `path`. */
function examplesOf(path: string): Example[] {
  const text = readFileSync(path, 'utf8')
  const examples: Example[] = []
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment[0].split('\n').map((line) => line.replace(/^\s*\*? ?/, ''))
    const tag = lines.findIndex((line) => line.startsWith('@example'))
    if (tag === -1) continue
    const start = lines.findIndex((line, i) => i > tag && line.startsWith('```ts'))
    const end = lines.findIndex((line, i) => i > start && line.startsWith('```') && i !== start)
    if (start === -1 || end === -1) {
      examples.push({ source: path, line: lineOf(text, comment.index), code: '', file: '' })
      continue
    }
    const line = lineOf(text, comment.index) + start + 1
    const file = join(dirname(path), `${basename(path, '.ts')}.example${line}.ts`)
    examples.push({ source: path, line, code: lines.slice(start + 1, end).join('\n'), file })
  }
  return examples
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

const compilerOptions: ts.CompilerOptions = {
  ...ts.convertCompilerOptionsFromJson(
    JSON.parse(readFileSync(join(SDK, 'tsconfig.json'), 'utf8')).compilerOptions,
    SDK,
  ).options,
  noEmit: true,
  baseUrl: SDK,
  paths: {
    '@smile/sdk': ['src/index.ts'],
    '@smile/sdk/uniswap': ['src/uniswap/index.ts'],
    '@smile/sdk/portfolio': ['src/portfolio/index.ts'],
  },
}

/** The names a module exports (resolving re-exports). */
function exportsOf(program: ts.Program, path: string): Set<string> {
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(path)
  const symbol = file && checker.getSymbolAtLocation(file)
  return new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : [])
}

/** The example as a module: with the imports it leaves implicit, and `export {}`. */
function moduleOf(example: Example, entryExports: Set<string>, ownExports: Set<string>): string {
  if (/^import /m.test(example.code)) return `${example.code}\nexport {}\n`
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(example.code)
  const fromEntry = [...entryExports].filter(used)
  const fromOwn = [...ownExports].filter((name) => !entryExports.has(name) && used(name))
  const ownPath = `./${basename(example.source, '.ts')}.js`
  const imports = [
    fromEntry.length === 0 ? '' : `import { ${fromEntry.join(', ')} } from '@smile/sdk'\n`,
    fromOwn.length === 0 ? '' : `import { ${fromOwn.join(', ')} } from '${ownPath}'\n`,
  ]
  return `${imports.join('')}${example.code}\nexport {}\n`
}

/** Every ```ts block of a Markdown file (the README's quick start). */
function markdownExamples(path: string): Example[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  return lines.flatMap((line, start) => {
    if (!line.startsWith('```ts')) return []
    const end = lines.findIndex((l, i) => i > start && l.startsWith('```'))
    const file = join(dirname(path), `${basename(path, '.md')}.example${start + 1}.ts`)
    return [{ source: path, line: start + 1, code: lines.slice(start + 1, end).join('\n'), file }]
  })
}

const examples = [...sourceFiles(SRC).flatMap(examplesOf), ...markdownExamples(README)]
/** An example that must not compile, checked with the others: the check is not vacuous. */
const broken: Example = {
  source: join(SRC, 'math/blackScholes.ts'),
  line: 0,
  code: "blackScholesPrice({ spot: 100, strike: 100, time: 1, vol: '20%', type: 'call' })",
  file: join(SRC, 'math/blackScholes.example0.ts'),
}
let checked: ReturnType<typeof typeCheck> | undefined
const check = () => {
  checked ??= typeCheck([...examples.filter((e) => e.code !== ''), broken])
  return checked
}

describe('TSDoc examples', () => {
  it('every example has a ```ts block', () => {
    expect(examples.filter((e) => e.code === '').map((e) => `${e.source}:${e.line}`)).toEqual([])
    expect(examples.length).toBeGreaterThan(100)
    expect(examples.filter((e) => e.source === README)).toHaveLength(5)
  })

  it('every example type-checks against the package source', () => {
    const diagnostics = check().results.flatMap(({ example, diagnostics }) =>
      example === broken
        ? []
        : diagnostics.map(
            (d) =>
              `${relative(SDK, example.source)}:${example.line} example: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
          ),
    )
    expect(diagnostics).toEqual([])
  })

  it('catches an example that does not compile', () => {
    const result = check().results.find(({ example }) => example === broken)
    expect(result?.diagnostics.map((d) => d.code)).toContain(2322)
  })

  it('every export of the package entry has an example (XParameters/XReturnType: function x’s)', () => {
    const base = check().base
    const checker = base.getTypeChecker()
    const file = base.getSourceFile(ENTRY)
    const module = file && checker.getSymbolAtLocation(file)
    const exported = module ? checker.getExportsOfModule(module) : []
    const documented = new Set(
      exported
        .filter((e) => {
          const symbol = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e
          return (symbol.declarations ?? []).some((d) =>
            ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example'),
          )
        })
        .map((e) => e.name),
    )
    // As in viem, an action's parameter and return types are shown by the action's own example.
    const shownByFunction = (name: string) => {
      const match = /^(\w+?)(?:Parameters|ReturnType)$/.exec(name)
      const action = match?.[1]
      return action !== undefined && documented.has(action[0]?.toLowerCase() + action.slice(1))
    }
    const missing = exported
      .map((e) => e.name)
      .filter((name) => !documented.has(name) && !shownByFunction(name))
    expect(missing).toEqual([])
    expect(exported.length).toBeGreaterThan(150)
  })
})

/** Type-checks the examples in one program and returns each one's diagnostics. */
function typeCheck(list: Example[]) {
  // The first program only reads the exports the implicit imports come from.
  const base = ts.createProgram([ENTRY, ...new Set(list.map((e) => e.source))], compilerOptions)
  const entryExports = exportsOf(base, ENTRY)
  const texts = new Map(
    list.map((e) => [e.file, moduleOf(e, entryExports, exportsOf(base, e.source))] as const),
  )
  const host = ts.createCompilerHost(compilerOptions)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (path) => texts.has(path) || fileExists(path)
  host.readFile = (path) => texts.get(path) ?? readFile(path)
  host.getSourceFile = (path, languageVersion, ...rest) => {
    const text = texts.get(path)
    return text === undefined
      ? getSourceFile(path, languageVersion, ...rest)
      : ts.createSourceFile(path, text, languageVersion, true)
  }
  const program = ts.createProgram([...texts.keys()], compilerOptions, host, base)
  const results = list.map((example) => {
    const file = program.getSourceFile(example.file)
    const diagnostics: readonly ts.Diagnostic[] = file
      ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
      : []
    return { example, diagnostics }
  })
  return { base, results }
}
