import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { TRELLIS_BUNDLING, wasmCopyCommands } from '#infra/constructs/trellis-function';
import { lambdaBuildOptions } from '../support/lambda-bundle.ts';

const outRoot = mkdtempSync(join(tmpdir(), 'trellis-wasm-bundle-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** Bundles `contents` (resolved from the repository root) with the Lambda options, then runs the afterBundling hook. */
async function bundleLikeLambda(name: string, contents: string): Promise<string> {
  const outputDir = join(outRoot, name);
  await build({
    ...lambdaBuildOptions(),
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    outfile: join(outputDir, 'index.mjs'),
  });
  const hook = TRELLIS_BUNDLING.commandHooks?.afterBundling(REPO_ROOT, outputDir) ?? [];
  expect(hook).toEqual(wasmCopyCommands(REPO_ROOT, outputDir));
  for (const command of hook) execFileSync('bash', ['-c', command], { cwd: REPO_ROOT });
  return outputDir;
}

describe('bundled WebAssembly (RE2 for user patterns)', () => {
  it('loads RE2 inside a Lambda-style ESM bundle, run from another folder', async () => {
    // Prepare
    const outputDir = await bundleLikeLambda(
      'patterns',
      `import { compilePattern } from '#shared/testing/assertions/patterns';
       export const handler = async () => compilePattern('^(a|a)*$').test('a'.repeat(32) + 'b');`,
    );

    // Act: a fresh Node process, cwd elsewhere, as the Lambda runtime imports /var/task/index.mjs
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(outputDir, 'index.mjs'))}); console.log(await m.handler());`,
      ],
      { cwd: tmpdir(), encoding: 'utf8' },
    );

    // Assess
    expect(existsSync(join(outputDir, 're2.wasm'))).toBe(true);
    expect(output.trim()).toBe('false');
  });

  it('compiles the WebAssembly on the first pattern, not when the bundle is imported', async () => {
    // Prepare: the case schemas (in every test-case function) reach RE2 for their pattern checks
    const outputDir = await bundleLikeLambda(
      'lazy-patterns',
      `import { CreateTestCaseBody } from '#shared/schemas/test-cases';
       import { compilePattern } from '#shared/testing/assertions/patterns';
       export const schema = CreateTestCaseBody;
       export const handler = async () => compilePattern('^a+$').test('aaa');`,
    );

    // Act: count WebAssembly modules compiled by the import, then by the first pattern
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `let compiled = 0;
         const Module = WebAssembly.Module;
         WebAssembly.Module = function (bytes) { compiled += 1; return new Module(bytes); };
         const m = await import(${JSON.stringify(join(outputDir, 'index.mjs'))});
         const afterImport = compiled;
         const matched = await m.handler();
         console.log(JSON.stringify({ afterImport, afterFirstPattern: compiled, matched }));`,
      ],
      { cwd: tmpdir(), encoding: 'utf8' },
    );

    // Assess
    expect(JSON.parse(output)).toEqual({ afterImport: 0, afterFirstPattern: 1, matched: true });
  });

  it('copies the .wasm only next to bundles that use it', async () => {
    const outputDir = await bundleLikeLambda('plain', `export const handler = async () => 'ok';`);
    expect(existsSync(join(outputDir, 're2.wasm'))).toBe(false);
  });
});
