import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDependencyManifest, readExternalDependencies } from '#shared/analysis/dependencies/manifests';
import type { ExternalDependency } from '#shared/analysis/model';

const brief = (dependencies: ExternalDependency[]): string[] =>
  dependencies.map((d) => `${d.ecosystem} ${d.name} ${d.version}${d.direct ? ' direct' : ''}`);

describe('readExternalDependencies: real lockfiles of this machine', () => {
  it("reads this repository's package-lock.json: direct ones are package.json's, at the installed versions", () => {
    const root = process.cwd();
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const dependencies = readExternalDependencies([
      { path: 'package.json', text: readFileSync(join(root, 'package.json'), 'utf8') },
      { path: 'package-lock.json', text: readFileSync(join(root, 'package-lock.json'), 'utf8') },
    ]);
    const declared = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
    const direct = dependencies.filter((d) => d.direct);
    expect(direct.map((d) => d.name).sort()).toEqual([...declared].sort());
    for (const { name, version } of direct) {
      const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(version, name).toBe(installed.version);
    }
    expect(dependencies.length).toBeGreaterThan(direct.length);
    expect(new Set(dependencies.map((d) => d.source))).toEqual(new Set(['package-lock.json']));
  });

  it('reads classic yarn.lock files from packages in node_modules', () => {
    const root = join(process.cwd(), 'node_modules/combined-stream');
    const small = readExternalDependencies([
      { path: 'yarn.lock', text: readFileSync(join(root, 'yarn.lock'), 'utf8') },
      { path: 'package.json', text: readFileSync(join(root, 'package.json'), 'utf8') },
    ]);
    expect(brief(small)).toEqual(['npm delayed-stream 1.0.0 direct', 'npm far 0.0.7 direct', 'npm oop 0.0.3']);
    const large = readFileSync(join(process.cwd(), 'node_modules/uri-js/yarn.lock'), 'utf8');
    // Every entry of a v1 lockfile has exactly one indented `version` line.
    const entries = large.match(/^ {2}version "/gm)?.length;
    expect(readExternalDependencies([{ path: 'yarn.lock', text: large }]).length).toBe(entries);
  });

  it("reads the aws-cdk Java template's pom.xml with its properties", () => {
    const text = readFileSync(join(process.cwd(), 'node_modules/aws-cdk/lib/init-templates/app/java/pom.xml'), 'utf8');
    const cdkVersion = /<cdk\.version>([^<]+)</.exec(text)?.[1];
    const dependencies = readExternalDependencies([{ path: 'pom.xml', text }]);
    expect(dependencies).toContainEqual({
      ecosystem: 'maven',
      name: 'software.amazon.awscdk:aws-cdk-lib',
      version: cdkVersion,
      direct: true,
      source: 'pom.xml',
    });
    // Build plugins are not dependencies.
    expect(dependencies.map((d) => d.name)).not.toContain('org.apache.maven.plugins:maven-compiler-plugin');
  });
});

describe('readExternalDependencies: each format, from its documentation', () => {
  it('package-lock.json v1: nested dependencies, direct from package.json', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^2.0.0' }, dependencies: { b: { version: '2.1.0' } } },
        b: { version: '3.0.0' },
      },
    };
    const dependencies = readExternalDependencies([
      { path: 'web/package-lock.json', text: JSON.stringify(lock) },
      { path: 'web/package.json', text: JSON.stringify({ dependencies: { a: '^1.0.0' } }) },
    ]);
    expect(brief(dependencies)).toEqual(['npm a 1.0.0 direct', 'npm b 2.1.0', 'npm b 3.0.0']);
  });

  it('package-lock.json v3: nested copies are transitive, workspace links skipped', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', dependencies: { '@scope/x': '^1.0.0' }, devDependencies: { y: '2' } },
        'node_modules/@scope/x': { version: '1.2.0' },
        'node_modules/y': { version: '2.0.0', dev: true },
        'node_modules/y/node_modules/@scope/x': { version: '0.9.0' },
        'node_modules/local': { resolved: 'packages/local', link: true },
        'packages/local': { version: '0.0.1' },
      },
    };
    expect(brief(readExternalDependencies([{ path: 'package-lock.json', text: JSON.stringify(lock) }]))).toEqual([
      'npm @scope/x 0.9.0',
      'npm @scope/x 1.2.0 direct',
      'npm y 2.0.0 direct',
    ]);
  });

  it('package.json without a lockfile: the declared ranges, all direct', () => {
    const text = JSON.stringify({ dependencies: { a: '^1.0.0', w: 'workspace:*' }, devDependencies: { b: '~2.1' } });
    expect(brief(readExternalDependencies([{ path: 'package.json', text }]))).toEqual([
      'npm a ^1.0.0 direct',
      'npm b ~2.1 direct',
    ]);
  });

  it('pnpm-lock.yaml v6 and v9', () => {
    const v6 = [
      "lockfileVersion: '6.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      react:',
      '        specifier: ^18.2.0',
      '        version: 18.2.0',
      'packages:',
      '  /react@18.2.0:',
      '    resolution: {integrity: sha512-x}',
      '    dependencies:',
      '      loose-envify: 1.4.0',
      '  /loose-envify@1.4.0:',
      '    resolution: {integrity: sha512-y}',
      '  /@types/node@20.1.0:',
      '    resolution: {integrity: sha512-z}',
    ].join('\n');
    expect(brief(readExternalDependencies([{ path: 'pnpm-lock.yaml', text: v6 }]))).toEqual([
      'npm @types/node 20.1.0',
      'npm loose-envify 1.4.0',
      'npm react 18.2.0 direct',
    ]);
    const v9 = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    devDependencies:',
      "      '@vitest/ui':",
      '        specifier: ^1.0.0',
      '        version: 1.0.4(vitest@1.0.4)',
      'packages:',
      "  '@vitest/ui@1.0.4':",
      '    resolution: {integrity: sha512-a}',
      '  vitest@1.0.4:',
      '    resolution: {integrity: sha512-b}',
      'snapshots:',
      "  '@vitest/ui@1.0.4(vitest@1.0.4)':",
      '    dependencies:',
      '      vitest: 1.0.4',
    ].join('\n');
    expect(brief(readExternalDependencies([{ path: 'pnpm-lock.yaml', text: v9 }]))).toEqual([
      'npm @vitest/ui 1.0.4 direct',
      'npm vitest 1.0.4',
    ]);
  });

  it('yarn.lock berry (YAML) skips the workspace itself', () => {
    const text = [
      '__metadata:',
      '  version: 6',
      '',
      '"@babel/code-frame@npm:^7.0.0, @babel/code-frame@npm:^7.10.4":',
      '  version: 7.12.13',
      '  resolution: "@babel/code-frame@npm:7.12.13"',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
    ].join('\n');
    expect(brief(readExternalDependencies([{ path: 'yarn.lock', text }]))).toEqual(['npm @babel/code-frame 7.12.13']);
  });

  it('requirements files: pins, ranges, extras and markers; options and URLs skipped', () => {
    const text = [
      '# comment',
      '-r base.txt',
      '--index-url https://example.org/simple',
      'Django==4.2.7',
      'requests[socks] >= 2.31 ; python_version >= "3.8"',
      'zope.interface===6.0  # pinned',
      'git+https://github.com/x/y.git#egg=y',
      '-e .',
    ].join('\n');
    expect(brief(readExternalDependencies([{ path: 'requirements-dev.txt', text }]))).toEqual([
      'pypi django 4.2.7 direct',
      'pypi requests >= 2.31 direct',
      'pypi zope-interface 6.0 direct',
    ]);
  });

  it('poetry.lock with pyproject.toml deciding what is direct', () => {
    const lock = [
      '[[package]]',
      'name = "Requests"',
      'version = "2.31.0"',
      '',
      '[[package]]',
      'name = "urllib3"',
      'version = "2.0.7"',
      '',
      '[metadata]',
      'lock-version = "2.0"',
    ].join('\n');
    const pyproject = '[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n';
    const dependencies = readExternalDependencies([
      { path: 'poetry.lock', text: lock },
      { path: 'pyproject.toml', text: pyproject },
    ]);
    expect(brief(dependencies)).toEqual(['pypi requests 2.31.0 direct', 'pypi urllib3 2.0.7']);
  });

  it('go.mod requirements (indirect marked) and go.sum modules not required by go.mod', () => {
    const goMod = [
      'module example.com/app',
      'go 1.22',
      'require github.com/google/uuid v1.6.0',
      'require (',
      '\tgolang.org/x/text v0.14.0 // indirect',
      '\tgithub.com/gorilla/mux v1.8.1',
      ')',
    ].join('\n');
    const goSum = [
      'github.com/google/uuid v1.6.0 h1:aaa=',
      'github.com/google/uuid v1.6.0/go.mod h1:bbb=',
      'github.com/gorilla/mux v1.8.1 h1:ccc=',
      'golang.org/x/text v0.14.0 h1:ddd=',
      'golang.org/x/tools v0.1.0/go.mod h1:eee=',
      'golang.org/x/sys v0.15.0 h1:fff=',
    ].join('\n');
    const dependencies = readExternalDependencies([
      { path: 'go.mod', text: goMod },
      { path: 'go.sum', text: goSum },
    ]);
    expect(dependencies.map((d) => `${d.name} ${d.version} ${d.direct} ${d.source}`)).toEqual([
      'github.com/google/uuid v1.6.0 true go.mod',
      'github.com/gorilla/mux v1.8.1 true go.mod',
      'golang.org/x/sys v0.15.0 false go.sum',
      'golang.org/x/text v0.14.0 false go.mod',
    ]);
  });

  it('Cargo.lock: dependencies of the workspace crates are direct', () => {
    const text = [
      'version = 3',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = [',
      ' "rand",',
      ' "serde 1.0.190",',
      ']',
      '',
      '[[package]]',
      'name = "rand"',
      'version = "0.8.5"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      'dependencies = ["rand_core"]',
      '',
      '[[package]]',
      'name = "rand_core"',
      'version = "0.6.4"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.190"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
    ].join('\n');
    expect(brief(readExternalDependencies([{ path: 'Cargo.lock', text }]))).toEqual([
      'cargo rand 0.8.5 direct',
      'cargo rand_core 0.6.4',
      'cargo serde 1.0.190 direct',
    ]);
  });

  it('tells which files the merge step needs the text of', () => {
    const needed = [
      'a/package-lock.json',
      'pnpm-lock.yaml',
      'requirements/dev.txt',
      'requirements-test.txt',
      'svc/go.sum',
      'pyproject.toml',
      'Cargo.lock',
      'pom.xml',
    ];
    const notNeeded = ['src/index.ts', 'notes/requirements.md', 'Cargo.toml', 'go.work'];
    expect(needed.filter(isDependencyManifest)).toEqual(needed);
    expect(notNeeded.filter(isDependencyManifest)).toEqual([]);
  });

  it('skips a malformed file and a pom.xml with a DOCTYPE', () => {
    const pom =
      '<?xml version="1.0"?><!DOCTYPE project [<!ENTITY x "y">]><project><dependencies><dependency>' +
      '<groupId>g</groupId><artifactId>&x;</artifactId></dependency></dependencies></project>';
    expect(
      readExternalDependencies([
        { path: 'package-lock.json', text: '{ not json' },
        { path: 'pom.xml', text: pom },
      ]),
    ).toEqual([]);
  });
});
