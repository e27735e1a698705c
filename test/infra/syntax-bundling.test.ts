import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { bundlingWith } from '#infra/constructs/trellis-function';
import { SYNTAX_PACKAGE_FILES } from '#shared/analysis/syntax/grammars';
import { lambdaBuildOptions } from '../support/lambda-bundle.ts';

const outRoot = mkdtempSync(join(tmpdir(), 'trellis-syntax-bundle-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

describe('tree-sitter in a Lambda bundle', () => {
  it('finds its runtime and grammars in the package files the bundle carries', async () => {
    // Prepare: bundle like a Lambda, then copy SYNTAX_PACKAGE_FILES as a route's packageFiles are
    const outputDir = join(outRoot, 'functions');
    await build({
      ...lambdaBuildOptions(),
      stdin: {
        contents: `import { extractFunctions } from '#shared/analysis/functions/extract';
          export const handler = async () => [
            ...(await extractFunctions('Go', 'package p\\nfunc F(a int) { if a > 0 && a < 2 {} }')),
            ...(await extractFunctions('TypeScript', 'const f = (a?: number) => a ?? 1;')),
          ];`,
        resolveDir: REPO_ROOT,
        loader: 'ts',
        sourcefile: 'functions.ts',
      },
      outfile: join(outputDir, 'index.mjs'),
    });
    for (const command of bundlingWith(SYNTAX_PACKAGE_FILES).commandHooks?.afterBundling(REPO_ROOT, outputDir) ?? []) {
      execFileSync('bash', ['-c', command], { cwd: REPO_ROOT });
    }

    // Act: a fresh Node process, cwd elsewhere, as the Lambda runtime imports /var/task/index.mjs
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(outputDir, 'index.mjs'))}); console.log(JSON.stringify(await m.handler()));`,
      ],
      { cwd: tmpdir(), encoding: 'utf8' },
    );

    // Assess: Go `if` + `&&`; TypeScript `??`
    expect(JSON.parse(output)).toMatchObject([
      { name: 'F', cyclomatic: 3 },
      { name: 'f', cyclomatic: 2 },
    ]);
  });
});
