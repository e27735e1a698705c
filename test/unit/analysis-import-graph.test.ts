import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, type ImportGraphFile } from '#shared/analysis/dependencies/graph';
import { extractImports } from '#shared/analysis/dependencies/imports';
import { parseTolerantJson } from '#shared/analysis/dependencies/tolerant-json';
import type { ImportGraph } from '#shared/analysis/model';

const NO_CONFIG = { tsconfigs: [], packageJsons: [], goMods: [] };

/** Files of a made-up snapshot: path → text, language from the extension. */
function snapshot(texts: Record<string, string>): ImportGraphFile[] {
  const languageOf = (path: string): string =>
    path.endsWith('.py')
      ? 'Python'
      : path.endsWith('.go')
        ? 'Go'
        : path.endsWith('.java')
          ? 'Java'
          : path.endsWith('.tsx')
            ? 'TSX'
            : path.endsWith('.ts')
              ? 'TypeScript'
              : 'JavaScript';
  return Object.entries(texts).map(([path, text]) => ({
    path,
    language: languageOf(path),
    imports: extractImports(languageOf(path), path, text),
  }));
}

/** Every file of a real tree with one extension, as the batches would hand them to the merge. */
function filesOfTree(root: string, extension: string, language: string, under = ''): ImportGraphFile[] {
  return readdirSync(join(root, under), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => {
      const path = under ? `${under}/${name}` : name;
      return { path, language, imports: extractImports(language, path, readFileSync(join(root, path), 'utf8')) };
    });
}

const edgesOf = (graph: ImportGraph): string[] => graph.edges.map(({ from, to }) => `${from} -> ${to}`);

describe('buildImportGraph: JavaScript and TypeScript', () => {
  it('resolves relative paths with extensions, index files and .js written for .ts', () => {
    const files = snapshot({
      'src/main.ts': "import './util.js';\nimport { a } from './lib';\nimport x from './data.json';\nimport 'lodash';",
      'src/util.ts': "export * from '../shared/types';",
      'src/lib/index.ts': "import './missing';",
      'shared/types.d.ts': '',
    });
    const graph = buildImportGraph(files, NO_CONFIG);
    expect(edgesOf(graph)).toEqual([
      'src/main.ts -> src/lib/index.ts',
      'src/main.ts -> src/util.ts',
      'src/util.ts -> shared/types.d.ts',
    ]);
    expect(graph.nodes).toEqual(['shared/types.d.ts', 'src/lib/index.ts', 'src/main.ts', 'src/util.ts']);
    // ./missing names no file; ./data.json is an asset (counted nowhere); lodash is a package.
    expect({ unresolved: graph.unresolved, external: graph.external }).toEqual({ unresolved: 1, external: 1 });
  });

  it('resolves tsconfig paths and baseUrl (with comments and trailing commas), package.json imports and workspaces', () => {
    const files = snapshot({
      'app/src/main.ts': [
        "import '@core/clock';",
        "import 'lib/format';",
        "import '#shared/ids';",
        "import '@acme/widgets';",
        "import '@acme/widgets/button';",
        "import '@core/absent';",
      ].join('\n'),
      'app/src/core/clock.ts': '',
      'app/src/lib/format.ts': '',
      'app/shared/ids.ts': '',
      'packages/widgets/src/index.ts': '',
      'packages/widgets/button.tsx': '',
    });
    const graph = buildImportGraph(files, {
      tsconfigs: [
        { path: 'tsconfig.base.json', text: '{ "compilerOptions": { "strict": true, } }' },
        {
          path: 'app/tsconfig.json',
          text: '{\n  // aliases\n  "extends": "../tsconfig.base.json",\n  "compilerOptions": { "baseUrl": "src", /* here */ "paths": { "@core/*": ["core/*"], }, },\n}',
        },
      ],
      packageJsons: [
        {
          path: 'app/package.json',
          text: '{ "imports": { "#shared/*": { "types": "./shared/*.ts", "default": "./x" } } }',
        },
        { path: 'packages/widgets/package.json', text: '{ "name": "@acme/widgets", "types": "src/index.ts" }' },
      ],
      goMods: [],
    });
    expect(edgesOf(graph)).toEqual([
      'app/src/main.ts -> app/shared/ids.ts',
      'app/src/main.ts -> app/src/core/clock.ts',
      'app/src/main.ts -> app/src/lib/format.ts',
      'app/src/main.ts -> packages/widgets/button.tsx',
      'app/src/main.ts -> packages/widgets/src/index.ts',
    ]);
    expect(graph.unresolved).toBe(1); // @core/absent matches an alias of the project but no file
  });

  it("resolves rxjs's TypeScript sources to the same files as TypeScript's own module resolution", () => {
    const root = join(process.cwd(), 'node_modules/rxjs/src');
    const files = filesOfTree(root, '.ts', 'TypeScript');
    const tsconfigText = readFileSync(join(root, 'tsconfig.json'), 'utf8');
    const graph = buildImportGraph(files, {
      tsconfigs: [{ path: 'tsconfig.json', text: tsconfigText }],
      packageJsons: [],
      goMods: [],
    });
    const { config } = ts.parseConfigFileTextToJson('tsconfig.json', tsconfigText);
    const options = ts.parseJsonConfigFileContent(config, ts.sys, root).options;
    const reference = new Set<string>();
    for (const file of files) {
      for (const { specifier } of file.imports) {
        const resolved = ts.resolveModuleName(specifier, join(root, file.path), options, ts.sys).resolvedModule;
        if (resolved?.resolvedFileName.startsWith(`${root}/`)) {
          reference.add(`${file.path} -> ${resolved.resolvedFileName.slice(root.length + 1)}`);
        }
      }
    }
    expect(reference.size).toBeGreaterThan(500);
    expect(new Set(edgesOf(graph))).toEqual(reference);
  });
});

describe('buildImportGraph: Python, Go and Java', () => {
  it('resolves Python packages, __init__.py, src layouts and relative levels', () => {
    const files = snapshot({
      'src/shop/__init__.py': 'from .cart import Cart',
      'src/shop/cart.py': 'from . import pricing\nfrom .pricing import total\nimport os',
      'src/shop/pricing.py': 'from shop.tax import rate\nfrom ..outside import nothing',
      'src/shop/tax.py': '',
      'tests/test_cart.py': 'import shop.cart\nfrom shop import cart',
    });
    const graph = buildImportGraph(files, NO_CONFIG);
    expect(edgesOf(graph)).toEqual([
      'src/shop/__init__.py -> src/shop/cart.py',
      'src/shop/cart.py -> src/shop/pricing.py',
      'src/shop/pricing.py -> src/shop/tax.py',
      'tests/test_cart.py -> src/shop/cart.py',
    ]);
    expect({ unresolved: graph.unresolved, external: graph.external }).toEqual({ unresolved: 1, external: 1 });
  });

  it("resolves the standard library's email and xml packages to the same files as Python's import system", () => {
    const libraryRoot = '/root/.pyenv/versions/3.11.7/lib/python3.11';
    const files = ['email', 'xml'].flatMap((top) => filesOfTree(libraryRoot, '.py', 'Python', top));
    const graph = buildImportGraph(files, NO_CONFIG);
    // The reference: CPython's own resolution (importlib), a name that is no module falling back to its parent.
    const script = [
      'import importlib.util, json, sys',
      'root = sys.argv[1]',
      'edges = set()',
      'for item in json.loads(sys.stdin.read()):',
      '    package = item["path"][:-3].replace("/", ".")',
      '    if not package.endswith("__init__"): package = package.rsplit(".", 1)[0]',
      '    else: package = package[: -len(".__init__")]',
      '    for name in item["specifiers"]:',
      '        full = importlib.util.resolve_name(name, package) if name.startswith(".") else name',
      '        for candidate in (full, full.rsplit(".", 1)[0]):',
      '            try: spec = importlib.util.find_spec(candidate)',
      '            except (ImportError, ValueError): spec = None',
      '            if spec and spec.origin and spec.origin.endswith(".py"):',
      '                if spec.origin.startswith(root + "/email/") or spec.origin.startswith(root + "/xml/"):',
      '                    edges.add(item["path"] + " -> " + spec.origin[len(root) + 1 :])',
      '                break',
      'print(json.dumps(sorted(edges)))',
    ].join('\n');
    const input = JSON.stringify(
      files.map((file) => ({ path: file.path, specifiers: file.imports.map((found) => found.specifier) })),
    );
    const reference = JSON.parse(
      execFileSync('python3', ['-c', script, libraryRoot], { input, encoding: 'utf8' }),
    ) as string[];
    expect(reference.length).toBeGreaterThan(50);
    expect(edgesOf(graph)).toEqual(reference);
  });

  it('resolves Go imports inside the module from go.mod to package directories', () => {
    const files = snapshot({
      'go/main.go': 'package main\nimport (\n "fmt"\n "example.com/app/internal/store"\n "example.com/app/gone"\n)',
      'go/internal/store/store.go': 'package store\nimport "example.com/app/internal/model"',
      'go/internal/store/cache.go': 'package store',
      'go/internal/store/store_test.go': 'package store_test\nimport "example.com/app/internal/store"',
      'go/internal/model/model.go': 'package model\nimport "example.com/app/internal/store"',
    });
    const graph = buildImportGraph(files, {
      ...NO_CONFIG,
      goMods: [{ path: 'go/go.mod', text: 'module example.com/app\n\ngo 1.22\n' }],
    });
    expect(graph.nodes).toEqual(['go', 'go/internal/model', 'go/internal/store']);
    expect(edgesOf(graph)).toEqual([
      'go -> go/internal/store',
      'go/internal/model -> go/internal/store',
      'go/internal/store -> go/internal/model',
    ]);
    expect({ unresolved: graph.unresolved, external: graph.external }).toEqual({ unresolved: 1, external: 1 });
  });

  it('resolves Java classes under their source roots, static imports to their class, wildcards without an edge', () => {
    const files = snapshot({
      'core/src/main/java/com/acme/Order.java':
        'package com.acme;\nimport com.acme.util.Money;\nimport java.util.List;',
      'core/src/main/java/com/acme/util/Money.java':
        'package com.acme.util;\nimport static com.acme.Order.create;\nimport com.acme.*;',
      'core/src/test/java/com/acme/OrderTest.java': 'package com.acme;\nimport com.acme.Order.Line;',
    });
    const graph = buildImportGraph(files, NO_CONFIG);
    expect(edgesOf(graph)).toEqual([
      'core/src/main/java/com/acme/Order.java -> core/src/main/java/com/acme/util/Money.java',
      'core/src/main/java/com/acme/util/Money.java -> core/src/main/java/com/acme/Order.java',
      'core/src/test/java/com/acme/OrderTest.java -> core/src/main/java/com/acme/Order.java',
    ]);
    expect(graph.external).toBe(1);
  });
});

describe('findCycles', () => {
  it('reports each strongly connected component with a shortest cycle, and self-imports', () => {
    const graph: ImportGraph = {
      nodes: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      edges: [
        // a → b → c → d → a and a shortcut c → a: the shortest cycle is a → b → c.
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'a' },
        { from: 'c', to: 'a' },
        { from: 'd', to: 'e' },
        { from: 'f', to: 'f' },
        { from: 'e', to: 'g' },
      ],
      unresolved: 0,
      external: 0,
    };
    expect(findCycles(graph)).toEqual([
      { nodes: ['a', 'b', 'c', 'd'], example: ['a', 'b', 'c'] },
      { nodes: ['f'], example: ['f'] },
    ]);
  });

  it('handles a chain of 30,000 files and a ring of 15,000 without running out of stack', () => {
    // Far deeper than a recursive search survives (Node's stack holds about 10,000 frames).
    const count = 30_000;
    const nodes = Array.from({ length: count }, (_, i) => `m${String(i).padStart(6, '0')}`);
    const edges = nodes.slice(1).map((to, i) => ({ from: nodes[i]!, to }));
    expect(findCycles({ nodes, edges, unresolved: 0, external: 0 })).toEqual([]);
    const ring = [...edges.slice(0, 14_999), { from: nodes[14_999]!, to: nodes[0]! }];
    const [cycle] = findCycles({ nodes, edges: ring, unresolved: 0, external: 0 });
    expect(cycle?.nodes).toEqual(nodes.slice(0, 15_000));
    expect(cycle?.example).toEqual(nodes.slice(0, 15_000));
  });

  it('finds the cycle of a Go package graph built from files', () => {
    const files = snapshot({
      'a/a.go': 'package a\nimport "m/b"',
      'b/b.go': 'package b\nimport "m/a"',
    });
    const graph = buildImportGraph(files, { ...NO_CONFIG, goMods: [{ path: 'go.mod', text: 'module m' }] });
    expect(findCycles(graph)).toEqual([{ nodes: ['a', 'b'], example: ['a', 'b'] }]);
  });
});

describe('parseTolerantJson', () => {
  it('drops comments and trailing commas but never inside strings', () => {
    const text = '{\n  // a comment\n  "url": "http://x/*y*/", /* block */\n  "odd": ",}",\n  "list": [1, 2,],\n}';
    expect(parseTolerantJson(text)).toEqual({ url: 'http://x/*y*/', odd: ',}', list: [1, 2] });
    expect(parseTolerantJson('{ "a": ')).toBeUndefined();
  });
});
