/**
 * Our line counts against the real cloc 1.96 on trees of this machine that nobody here wrote: per
 * language, the file count and the code/comment/blank totals must be equal, and cloc must file each
 * file under the language we give it. cloc reads the same file list (`--list-file`, `--skip-uniqueness`)
 * in one run; a tree missing on a machine is skipped by name.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { REPO_ROOT } from '#infra/config/paths';
import type { LineCounts } from '#shared/analysis/model';
import {
  type ComparedFile,
  clocInstalled,
  collectFiles,
  countLikeCloc,
  runClocByFile,
  totalsByLanguage,
} from '../support/cloc-reference.ts';

const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const PYTHON = '/root/.pyenv/versions/3.11.7/lib/python3.11';
const JDK_SOURCES = '/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip';
const JAVA_PACKAGE = 'java.base/java/util/regex/';

/** Each tree and the cloc languages it must show (so a tree that lost its files fails rather than passes empty). */
const TREES: { name: string; root: string; languages: string[] }[] = [
  { name: 'Python standard library (email)', root: join(PYTHON, 'email'), languages: ['Python'] },
  { name: 'Python standard library (json)', root: join(PYTHON, 'json'), languages: ['Python'] },
  { name: 'Perl modules (Pod)', root: '/usr/share/perl/5.36/Pod', languages: ['Perl'] },
  { name: 'Perl XS modules', root: '/usr/lib/x86_64-linux-gnu/perl5', languages: ['Perl', 'C/C++ Header'] },
  { name: 'Linux netfilter headers', root: '/usr/include/linux/netfilter', languages: ['C/C++ Header'] },
  { name: 'numpy C checks', root: join(PYTHON, 'site-packages/numpy/distutils/checks'), languages: ['C'] },
  { name: 'PostgreSQL extensions', root: '/usr/share/postgresql/15/extension', languages: ['SQL'] },
  {
    name: 'App Engine PHP runtime',
    root: '/usr/lib/google-cloud-sdk/platform/google_appengine/php/sdk/google/appengine/runtime',
    languages: ['PHP'],
  },
  { name: 'perf shell tests', root: '/usr/lib/perf-core/tests/shell', languages: ['Bourne Shell', 'Python'] },
  {
    name: 'yaml package (JS, TS, JSON, Markdown)',
    root: join(NODE_MODULES, 'yaml'),
    languages: ['JavaScript', 'TypeScript', 'JSON', 'Markdown'],
  },
  {
    name: 'flatted package (Go, Rust, PHP, Python, TOML)',
    root: join(NODE_MODULES, 'flatted'),
    languages: ['Go', 'Rust', 'PHP', 'Python', 'TOML', 'JavaScript'],
  },
  {
    name: 'aws-cdk init templates (Java, C#, Go, TypeScript)',
    root: join(NODE_MODULES, 'aws-cdk/lib/init-templates'),
    languages: ['Java', 'C#', 'Go', 'TypeScript', 'MSBuild script'],
  },
  { name: 'prism themes (CSS)', root: join(NODE_MODULES, 'prismjs/themes'), languages: ['CSS'] },
  { name: 'react-tabs style (SCSS)', root: join(NODE_MODULES, 'react-tabs/style'), languages: ['SCSS', 'CSS'] },
  { name: 'mark.js fixtures (HTML)', root: join(NODE_MODULES, 'mark.js/test/fixtures/basic'), languages: ['HTML'] },
  {
    name: 'redocly fixtures (YAML)',
    root: join(NODE_MODULES, '@redocly/openapi-core/src/__tests__/fixtures'),
    languages: ['YAML'],
  },
];

/** Unpacks one package of the JDK's own sources (a real Java tree) into `target`. */
function extractJavaPackage(zipPath: string, prefix: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.startsWith(prefix) || !entry.fileName.endsWith('.java')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const path = join(target, entry.fileName);
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe.skipIf(!clocInstalled)('line counts equal cloc 1.96 on real trees', () => {
  const javaFolder = mkdtempSync(join(tmpdir(), 'jdk-sources-'));
  const trees = [...TREES, { name: `JDK sources (${JAVA_PACKAGE})`, root: javaFolder, languages: ['Java'] }];
  const filesByTree = new Map<string, ComparedFile[]>();
  let cloc = new Map<string, LineCounts & { language: string }>();

  beforeAll(async () => {
    if (existsSync(JDK_SOURCES)) await extractJavaPackage(JDK_SOURCES, JAVA_PACKAGE, javaFolder);
    for (const tree of trees) if (existsSync(tree.root)) filesByTree.set(tree.name, collectFiles(tree.root));
    cloc = runClocByFile([...filesByTree.values()].flat().map((file) => file.path));
  }, 60_000);
  afterAll(() => rmSync(javaFolder, { recursive: true, force: true }));

  it.each(trees)('$name', ({ name, root, languages }) => {
    const files = filesByTree.get(name);
    if (files === undefined) {
      console.warn(`${root} is not on this machine: tree skipped`);
      return;
    }
    const ours = countLikeCloc(files);
    const theirs = files.map(
      (file) => cloc.get(file.path) ?? { language: 'not counted by cloc', code: 0, comment: 0, blank: 0 },
    );
    // cloc files each file under the language we give it ...
    expect(files.map((file, index) => [file.path, theirs[index]!.language])).toEqual(
      files.map((file) => [file.path, file.clocLanguage]),
    );
    // ... and the per-language totals are equal.
    const expected = totalsByLanguage(theirs);
    expect(totalsByLanguage(ours.values())).toEqual(expected);
    expect(Object.keys(expected).sort()).toEqual(expect.arrayContaining([...languages].sort()));
  });
});

if (!clocInstalled) console.warn('cloc is not installed: the comparison with cloc is skipped (apt-get install cloc)');
