import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlingWith, TRELLIS_BUNDLING } from '#infra/constructs/trellis-function';
import { ROUTES } from '#shared/api/routes';
import { API_REFERENCE_SCRIPT } from '#shared/platform/api-reference';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('package files a handler reads at run time', () => {
  const outputDir = mkdtempSync(join(tmpdir(), 'trellis-bundle-'));
  afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

  it('are declared by the API reference script route', () => {
    const route = ROUTES.find((candidate) => candidate.id === 'GetApiReferenceScript');
    expect(route?.packageFiles).toEqual([API_REFERENCE_SCRIPT]);
  });

  it('land in the Lambda bundle where the handler resolves them from its own module', () => {
    // Prepare
    const hooks = bundlingWith([API_REFERENCE_SCRIPT]).commandHooks;

    // Act: the commands CDK runs after esbuild, with the repository as input
    for (const command of hooks?.afterBundling(root, outputDir) ?? []) execFileSync('sh', ['-c', command]);

    // Assess: `createRequire(import.meta.url).resolve` from the bundle's index.mjs finds the copy
    const resolved = createRequire(join(outputDir, 'index.mjs')).resolve(API_REFERENCE_SCRIPT);
    expect(resolved).toBe(join(outputDir, 'node_modules', API_REFERENCE_SCRIPT));
    expect(statSync(resolved).size).toBe(statSync(join(root, 'node_modules', API_REFERENCE_SCRIPT)).size);
  });

  it('leave every other function with the plain bundling options', () => {
    expect(bundlingWith([])).toBe(TRELLIS_BUNDLING);
  });
});
