import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { bundlingWith } from '#infra/constructs/trellis-function';
import { SYNTAX_PACKAGE_FILES } from '#shared/analysis/syntax/grammars';
import { CODE_ANALYSIS_MACHINE, STATE_MACHINES } from '#shared/workflows/state-machines';
import { lambdaBuildOptions } from '../support/lambda-bundle.ts';

const outRoot = mkdtempSync(join(tmpdir(), 'trellis-analysis-bundle-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/**
 * Bundles `contents` like a Lambda, copies `packageFiles` with the hook CDK runs after esbuild, then
 * imports the bundle in a fresh Node process from another folder (as the Lambda runtime imports
 * /var/task/index.mjs) and answers what its handler returned.
 */
async function runBundled(name: string, contents: string, packageFiles: readonly string[]): Promise<unknown> {
  const outputDir = join(outRoot, name);
  await build({
    ...lambdaBuildOptions(),
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    outfile: join(outputDir, 'index.mjs'),
  });
  for (const command of bundlingWith(packageFiles).commandHooks?.afterBundling(REPO_ROOT, outputDir) ?? []) {
    execFileSync('bash', ['-c', command], { cwd: REPO_ROOT });
  }
  const output = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(join(outputDir, 'index.mjs'))}); console.log(JSON.stringify(await m.handler()));`,
    ],
    { cwd: tmpdir(), encoding: 'utf8' },
  );
  return JSON.parse(output);
}

describe('tree-sitter in a Lambda bundle (grammars in WebAssembly)', () => {
  it('finds its runtime and grammars in the package files the bundle carries', async () => {
    // Prepare + Act: SYNTAX_PACKAGE_FILES copied as a route's packageFiles are
    const answer = await runBundled(
      'functions',
      `import { extractFunctions } from '#shared/analysis/functions/extract';
       export const handler = async () => [
         ...(await extractFunctions('Go', 'package p\\nfunc F(a int) { if a > 0 && a < 2 {} }')),
         ...(await extractFunctions('TypeScript', 'const f = (a?: number) => a ?? 1;')),
       ];`,
      SYNTAX_PACKAGE_FILES,
    );

    // Assess: Go `if` + `&&`; TypeScript `??`
    expect(answer).toMatchObject([
      { name: 'F', cyclomatic: 3 },
      { name: 'f', cyclomatic: 2 },
    ]);
  });

  it('parses in the code-analysis batch task with the grammars its own packageFiles carry', async () => {
    // Prepare + Act: the task's declared packageFiles, as CDK copies them
    const task = STATE_MACHINES.find((machine) => machine.id === CODE_ANALYSIS_MACHINE)?.tasks.AnalyseBatchFunction;
    const answer = await runBundled(
      'analyse-batch',
      `import { extractFunctions } from '#shared/analysis/functions/extract';
       export const handler = () => extractFunctions('TypeScript', 'function pick(a: number) {\\n  if (a > 1) return a;\\n  return 0;\\n}\\n');`,
      task?.packageFiles ?? [],
    );

    // Assess: one function, lines 1-4, one parameter, one `if` (ESLint's complexity would say 2)
    expect(answer).toEqual([
      expect.objectContaining({ name: 'pick', startLine: 1, endLine: 4, parameters: 1, cyclomatic: 2 }),
    ]);
  });
});
