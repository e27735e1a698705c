import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { bundlingWith } from '#infra/constructs/trellis-function';
import { CODE_ANALYSIS_MACHINE, STATE_MACHINES } from '#shared/workflows/state-machines';
import { lambdaBuildOptions } from '../support/lambda-bundle.ts';

const outputDir = mkdtempSync(join(tmpdir(), 'trellis-analysis-bundle-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

describe('the code-analysis batch task bundle (tree-sitter grammars in WebAssembly)', () => {
  it('parses with the grammars its packageFiles carry, run from another folder as Lambda runs it', async () => {
    // Prepare: the task's own packageFiles, copied by the same hook CDK runs after esbuild
    const task = STATE_MACHINES.find((machine) => machine.id === CODE_ANALYSIS_MACHINE)?.tasks.AnalyseBatchFunction;
    await build({
      ...lambdaBuildOptions(),
      stdin: {
        contents: `import { extractFunctions } from '#shared/analysis/functions/extract';
          export const handler = () => extractFunctions('TypeScript', 'function pick(a: number) {\\n  if (a > 1) return a;\\n  return 0;\\n}\\n');`,
        resolveDir: REPO_ROOT,
        loader: 'ts',
        sourcefile: 'analyse-batch.ts',
      },
      outfile: join(outputDir, 'index.mjs'),
    });
    for (const command of bundlingWith(task?.packageFiles ?? []).commandHooks?.afterBundling(REPO_ROOT, outputDir) ??
      []) {
      execFileSync('sh', ['-c', command]);
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

    // Assess: one function, lines 1-4, one parameter, one `if` (ESLint's complexity would say 2)
    expect(JSON.parse(output)).toEqual([
      expect.objectContaining({ name: 'pick', startLine: 1, endLine: 4, parameters: 1, cyclomatic: 2 }),
    ]);
  });
});
