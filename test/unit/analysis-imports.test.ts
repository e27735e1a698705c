import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { extractImports } from '#shared/analysis/dependencies/imports';

const specifiers = (language: string, text: string): string[] =>
  extractImports(language, 'file', text).map((found) => found.specifier);

function filesUnder(root: string, extensions: RegExp): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => extensions.test(name))
    .map((name) => join(root, name))
    .sort();
}

/**
 * The reference: the TypeScript compiler's parser. (Its `preProcessFile` shortcut misses
 * `export * as ns from`, so the full syntax tree is walked.)
 */
function typescriptImports(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      found.push(node.expression.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text); // import('x').T in a type
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return found.sort();
}

describe('extractImports: JavaScript and TypeScript', () => {
  it('finds static, re-exported, dynamic and CommonJS imports with the line of their statement', () => {
    const text = [
      "import a, { b as c } from './a.js';",
      'import type { T } from "./types";',
      "import './side-effect';",
      "export * from './all';",
      "export { x } from './x';",
      "export type { Y } from './y';",
      "const lazy = await import('./lazy');",
      "const cjs = require('cjs');",
      "import fs = require('node:fs');",
      'import {',
      '  one,',
      '  two,',
      "} from './multi-line';",
    ].join('\n');
    expect(extractImports('TypeScript', 'x.ts', text)).toEqual([
      { specifier: './a.js', line: 1 },
      { specifier: './types', line: 2 },
      { specifier: './side-effect', line: 3 },
      { specifier: './all', line: 4 },
      { specifier: './x', line: 5 },
      { specifier: './y', line: 6 },
      { specifier: './lazy', line: 7 },
      { specifier: 'cjs', line: 8 },
      { specifier: 'node:fs', line: 9 },
      { specifier: './multi-line', line: 10 },
    ]);
  });

  it('is not fooled by comments, strings, regular expressions, local exports or member calls', () => {
    const text = [
      "// import x from 'in-line-comment'",
      "/* require('in-block-comment') */",
      'const s = "import x from \'in-string\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      "const t = `${require('in-template-expression')} import 'in-template-text'`;",
      'const r = /\'import "in-regex"\'/g;',
      'export { local };',
      'export const value = 1;',
      "loader.require('member-call');",
      'const url = import.meta.url;',
      'const dynamic = import(name);',
    ].join('\n');
    expect(specifiers('JavaScript', text)).toEqual(['in-template-expression']);
  });

  it("finds the same imports as the TypeScript compiler's syntax tree in the yaml package's sources", () => {
    const root = join(process.cwd(), 'node_modules/yaml/dist');
    const files = filesUnder(root, /\.(js|d\.ts)$/);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const reference = typescriptImports(file, text);
      const language = file.endsWith('.ts') ? 'TypeScript' : 'JavaScript';
      expect([...specifiers(language, text)].sort(), relative(root, file)).toEqual(reference);
    }
  });
});

describe('extractImports: Python', () => {
  it('reads import and from-import statements, relative levels and parenthesized lists', () => {
    const text = [
      'import os, sys as system',
      'import a.b.c',
      'from . import sibling',
      'from ..pkg import (x,',
      '    y as z)',
      'from .mod import *',
      's = """import not_an_import"""',
      '# import commented_out',
      'from x.y import z; import w',
      "text = r'from nowhere import nothing'",
    ].join('\n');
    expect(extractImports('Python', 'p.py', text)).toEqual([
      { specifier: 'os', line: 1 },
      { specifier: 'sys', line: 1 },
      { specifier: 'a.b.c', line: 2 },
      { specifier: '.sibling', line: 3 },
      { specifier: '..pkg.x', line: 4 },
      { specifier: '..pkg.y', line: 4 },
      { specifier: '.mod', line: 6 },
      { specifier: 'x.y.z', line: 9 },
      { specifier: 'w', line: 9 },
    ]);
  });

  it("finds the same modules as Python's own ast module in the standard library's email package", () => {
    const root = '/root/.pyenv/versions/3.11.7/lib/python3.11/email';
    // The reference: CPython's parser; `from X import n` is written X.n as extractImports does.
    const script = [
      'import ast, json, sys, pathlib',
      'out = {}',
      'for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):',
      '    names = []',
      '    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):',
      '        if isinstance(node, ast.Import):',
      '            names += [alias.name for alias in node.names]',
      '        elif isinstance(node, ast.ImportFrom):',
      '            module = "." * node.level + (node.module or "")',
      '            sep = "" if module.endswith(".") else "."',
      '            names += [module if a.name == "*" else module + sep + a.name for a in node.names]',
      '    out[str(path)] = sorted(names)',
      'print(json.dumps(out))',
    ].join('\n');
    const reference = JSON.parse(execFileSync('python3', ['-c', script, root], { encoding: 'utf8' })) as Record<
      string,
      string[]
    >;
    expect(Object.keys(reference).length).toBeGreaterThan(20);
    for (const [file, names] of Object.entries(reference)) {
      expect(specifiers('Python', readFileSync(file, 'utf8')).sort(), file).toEqual(names);
    }
  });
});

describe('extractImports: Go and Java', () => {
  it('reads Go import declarations and blocks, with aliases and blank imports', () => {
    const text = [
      'package main',
      'import "fmt"',
      'import (',
      '  "os"',
      '  str "strings"',
      '  _ "example.com/m/internal/db" // a comment with "quotes"',
      ')',
      'var s = `import "raw-string"`',
    ].join('\n');
    expect(extractImports('Go', 'main.go', text)).toEqual([
      { specifier: 'fmt', line: 2 },
      { specifier: 'os', line: 4 },
      { specifier: 'strings', line: 5 },
      { specifier: 'example.com/m/internal/db', line: 6 },
    ]);
  });

  it('reads Java single-type, static and wildcard imports', () => {
    const text = [
      'package a.b;',
      'import java.util.List;',
      'import static org.junit.Assert.assertEquals;',
      'import com.x.*;',
      '/* import no.Way; */',
      'class A { String s = "import no.Two;"; }',
    ].join('\n');
    expect(extractImports('Java', 'A.java', text)).toEqual([
      { specifier: 'java.util.List', line: 2 },
      { specifier: 'org.junit.Assert.assertEquals', line: 3 },
      { specifier: 'com.x.*', line: 4 },
    ]);
  });

  it('yields nothing for a language it does not read', () => {
    expect(extractImports('Ruby', 'a.rb', "require 'json'")).toEqual([]);
  });
});
