import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { Linter, type Rule } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { extractFunctions } from '#shared/analysis/functions/extract';
import type { LanguageName } from '#shared/analysis/model';
import { type SyntaxLanguage, withSyntaxTree } from '#shared/analysis/syntax/parsers';

// The reference for JavaScript and TypeScript cyclomatic complexity is ESLint's `complexity`
// rule (classic variant) run with a threshold of 0, so it reports every function it measures.
// Trees: sources of installed packages nobody here wrote.

const NODE_MODULES = join(import.meta.dirname, '../../node_modules');

/** Source files under `dir` (recursively) ending in one of `extensions`, declaration files and tests left out. */
function sourcesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .filter((file) => !/\.d\.[cm]?ts$/.test(file) && !/(^|\/)(tests?|__tests__)\//.test(file))
    .map((file) => join(dir, file))
    .sort();
}

const complexity = builtinRules.get('complexity');
if (complexity === undefined) throw new Error('ESLint has no complexity rule');

/**
 * ESLint's complexity rule, reporting each function at the start of the function node instead of
 * its head (`=>` of an arrow, name of a method), so functions line up by their first line.
 * Methods, getters and setters start at their definition (with `static`, `async`, `get`).
 */
const complexityAtStart: Rule.RuleModule = {
  meta: complexity.meta,
  create(context) {
    const reporting = Object.create(context, {
      report: {
        value(descriptor: Rule.ReportDescriptor & { node: Rule.Node }) {
          const node = descriptor.node;
          const parent = node.parent as (Rule.Node & { method?: boolean; kind?: string }) | null;
          const isMember =
            parent !== null &&
            (parent.type === 'MethodDefinition' ||
              (parent.type as string) === 'TSAbstractMethodDefinition' ||
              (parent.type === 'Property' && (parent.method === true || parent.kind !== 'init')));
          const at = isMember ? parent : node;
          context.report({ ...descriptor, loc: at.loc ?? node.loc ?? { line: 0, column: 0 } });
        },
      },
    }) as Rule.RuleContext;
    return complexity.create(reporting);
  },
};

interface Measured {
  file: string;
  line: number;
  cyclomatic: number;
}

/** `file:line → complexity` from ESLint; several functions may start on one line (sorted). */
function eslintComplexities(files: readonly string[], typescript: boolean): Map<string, number[]> {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.js', '**/*.ts'],
      // Measure every function: `eslint-disable` comments in the sources must not hide any.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      plugins: { reference: { rules: { complexity: complexityAtStart } } },
      rules: { 'reference/complexity': ['error', 0] },
      languageOptions: typescript
        ? { parser: tseslint.parser as Linter.Parser, sourceType: 'module' }
        : { ecmaVersion: 'latest', sourceType: sourceTypeOf(files) },
    },
  ];
  const found = new Map<string, number[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // A name inside the base path: ESLint ignores files outside it (and under node_modules).
    const messages = linter.verify(text, config, { filename: `source${extname(file)}` });
    for (const message of messages) {
      if (message.fatal) throw new Error(`${file}: ${message.message}`);
      // Warnings that the sources' inline directives are ignored.
      if (message.ruleId !== 'reference/complexity') continue;
      const value = Number(/complexity of (\d+)/.exec(message.message)?.[1]);
      push(found, `${relative(NODE_MODULES, file)}:${message.line}`, value);
    }
  }
  return found;
}

function sourceTypeOf(files: readonly string[]): 'commonjs' | 'module' {
  return files.every((file) => file.endsWith('.mjs')) ? 'module' : 'commonjs';
}

async function ourComplexities(files: readonly string[], language: LanguageName): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  for (const file of files) {
    for (const fn of await extractFunctions(language, readFileSync(file, 'utf8'))) {
      push(found, `${relative(NODE_MODULES, file)}:${fn.startLine}`, fn.cyclomatic);
    }
  }
  return found;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const values = map.get(key) ?? [];
  values.push(value);
  values.sort((a, b) => a - b);
  map.set(key, values);
}

/** The lines where the two disagree (missing on one side or other numbers), for a readable failure. */
function differences(ours: Map<string, number[]>, reference: Map<string, number[]>): Measured[] {
  const keys = new Set([...ours.keys(), ...reference.keys()]);
  const different: Measured[] = [];
  for (const key of keys) {
    const a = ours.get(key) ?? [];
    const b = reference.get(key) ?? [];
    if (a.join() !== b.join()) {
      const [file, line] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
      different.push({ file: `${file} ours=[${a}] eslint=[${b}]`, line, cyclomatic: 0 });
    }
  }
  return different;
}

/**
 * Files the grammar cannot parse whole (tree-sitter-typescript 0.20 misses a few TypeScript forms,
 * e.g. `function f(a, b?)` without a type): tree-sitter recovers, and functions near the error
 * are lost or misplaced, so such files are compared only for being few.
 */
async function withoutSyntaxErrors(files: readonly string[], language: SyntaxLanguage): Promise<string[]> {
  const clean: string[] = [];
  for (const file of files) {
    const broken = await withSyntaxTree(language, readFileSync(file, 'utf8'), (tree) => tree.rootNode.hasError);
    if (!broken) clean.push(file);
  }
  return clean;
}

describe('cyclomatic complexity matches ESLint complexity (classic)', () => {
  it('on ESLint’s own rules (CommonJS JavaScript)', { timeout: 60_000 }, async () => {
    const all = sourcesUnder(join(NODE_MODULES, 'eslint/lib/rules'), ['.js']).slice(0, 150);
    const files = await withoutSyntaxErrors(all, 'JavaScript');
    expect(files).toEqual(all);

    const reference = eslintComplexities(files, false);
    const ours = await ourComplexities(files, 'JavaScript');

    expect([...reference.values()].flat().length).toBeGreaterThan(1000);
    expect(differences(ours, reference)).toEqual([]);
  });

  it('on rxjs operators and mobx sources (TypeScript)', { timeout: 60_000 }, async () => {
    const all = [
      ...sourcesUnder(join(NODE_MODULES, 'rxjs/src/internal/operators'), ['.ts']),
      ...sourcesUnder(join(NODE_MODULES, 'mobx/src'), ['.ts']),
    ];
    const files = await withoutSyntaxErrors(all, 'TypeScript');
    expect(all.length).toBeGreaterThan(150);
    expect(all.length - files.length).toBeLessThanOrEqual(all.length * 0.05);

    const reference = eslintComplexities(files, true);
    const ours = await ourComplexities(files, 'TypeScript');

    expect([...reference.values()].flat().length).toBeGreaterThan(1000);
    expect(differences(ours, reference)).toEqual([]);
  });
});
