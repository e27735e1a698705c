import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, type ImportGraphFile } from '#shared/analysis/dependencies/graph';
import { extractImports } from '#shared/analysis/dependencies/imports';
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
    // ./data.json and ./missing name files that are not source files of the snapshot; lodash is a package.
    expect({ unresolved: graph.unresolved, external: graph.external }).toEqual({ unresolved: 2, external: 1 });
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

  it("resolves this repository's shared/analysis imports to the same files as TypeScript's module resolution", () => {
    const root = process.cwd();
    const paths = readdirSync(join(root, 'shared'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `shared/${name}`);
    const files = paths.map((path) => {
      const text = readFileSync(join(root, path), 'utf8');
      return { path, language: 'TypeScript', imports: extractImports('TypeScript', path, text) };
    });
    const graph = buildImportGraph(files, {
      tsconfigs: [{ path: 'tsconfig.json', text: readFileSync(join(root, 'tsconfig.json'), 'utf8') }],
      packageJsons: [{ path: 'package.json', text: readFileSync(join(root, 'package.json'), 'utf8') }],
      goMods: [],
    });
    const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const options = ts.parseJsonConfigFileContent(config, ts.sys, root).options;
    const reference = new Set<string>();
    for (const file of files) {
      for (const { specifier } of file.imports) {
        const resolved = ts.resolveModuleName(specifier, join(root, file.path), options, ts.sys).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport && resolved.resolvedFileName.startsWith(`${root}/shared/`)) {
          reference.add(`${file.path} -> ${resolved.resolvedFileName.slice(root.length + 1)}`);
        }
      }
    }
    expect(reference.size).toBeGreaterThan(100);
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

  it('handles a chain of 50,000 files and a ring of 20,000 without running out of stack', () => {
    // Far deeper than a recursive search survives (Node's stack holds about 10,000 frames).
    const count = 50_000;
    const nodes = Array.from({ length: count }, (_, i) => `m${String(i).padStart(6, '0')}`);
    const edges = nodes.slice(1).map((to, i) => ({ from: nodes[i]!, to }));
    expect(findCycles({ nodes, edges, unresolved: 0, external: 0 })).toEqual([]);
    const ring = [...edges.slice(0, 19_999), { from: nodes[19_999]!, to: nodes[0]! }];
    const [cycle] = findCycles({ nodes, edges: ring, unresolved: 0, external: 0 });
    expect(cycle?.nodes).toEqual(nodes.slice(0, 20_000));
    expect(cycle?.example).toEqual(nodes.slice(0, 20_000));
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
