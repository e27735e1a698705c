import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { lambdaBuildOptions } from '../support/lambda-bundle.ts';

// Cold start (issue 9, docs/benchmarks.md section 2): modules that only a few functions use
// (RE2's WebAssembly, the XML parser, report rendering, the load engine, JSON Schema and
// JSONPath engines, the case spec schemas) stay out of the bundles of functions that do not
// use them. Each bundle is built as the function construct builds it, without writing it.

/** Bundles one handler like the CDK function construct and returns the inputs in its output. */
async function bundledInputs(handler: string): Promise<string[]> {
  const result = await build({
    ...lambdaBuildOptions(),
    entryPoints: [join(REPO_ROOT, handler)],
    outfile: join(REPO_ROOT, '.bundle-boundaries', 'index.mjs'),
    write: false,
    metafile: true,
  });
  const metafile: Metafile = result.metafile;
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
}

/** Rarely used modules, by the path fragment that shows them in a bundle's inputs. */
const RARE = {
  re2: 'node_modules/re2-wasm/',
  xmlParser: 'node_modules/saxes/',
  reportRendering: 'shared/testing/reports/html.ts',
  loadEngine: 'shared/testing/load/engine.ts',
  jsonSchemaEngine: 'node_modules/ajv/',
  jsonPathEngine: 'node_modules/jsonpath-plus/',
  caseSpecSchemas: 'shared/schemas/test-cases.ts',
} as const;
type Rare = keyof typeof RARE;

const contains = (inputs: readonly string[], rare: Rare) => inputs.some((path) => path.includes(RARE[rare]));

describe('Lambda bundle boundaries', () => {
  it.each([
    { handler: 'functions/projects/get-project.ts', absent: Object.keys(RARE) as Rare[] },
    { handler: 'functions/deployments/create-deployment.ts', absent: Object.keys(RARE) as Rare[] },
    { handler: 'functions/activity/record-event.ts', absent: Object.keys(RARE) as Rare[] },
    { handler: 'functions/test-runs/list-test-runs.ts', absent: Object.keys(RARE) as Rare[] },
    {
      handler: 'functions/test-runs/get-test-run-report.ts',
      absent: ['re2', 'xmlParser', 'loadEngine', 'jsonSchemaEngine', 'jsonPathEngine', 'caseSpecSchemas'] as Rare[],
    },
    {
      handler: 'functions/test-cases/create-test-case.ts',
      absent: ['xmlParser', 'reportRendering', 'loadEngine', 'jsonSchemaEngine'] as Rare[],
    },
  ])('$handler leaves out $absent', async ({ handler, absent }) => {
    // Act
    const inputs = await bundledInputs(handler);

    // Assess
    expect(absent.filter((rare) => contains(inputs, rare))).toEqual([]);
  });

  it('reads environments without the outbound HTTP client that verifying ownership uses', async () => {
    // Act
    const [getEnvironment, verifyOwnership] = await Promise.all([
      bundledInputs('functions/environments/get-environment.ts'),
      bundledInputs('functions/environments/verify-environment-ownership.ts'),
    ]);

    // Assess
    const outboundClient = (inputs: readonly string[]) =>
      inputs.some((path) => path.endsWith('shared/http/outbound.ts'));
    expect(outboundClient(getEnvironment)).toBe(false);
    expect(outboundClient(verifyOwnership)).toBe(true);
  });

  it('still finds each module in a function that uses it (the check above can fail)', async () => {
    // Act
    const [report, createCase, importResults] = await Promise.all([
      bundledInputs('functions/test-runs/get-test-run-report.ts'),
      bundledInputs('functions/test-cases/create-test-case.ts'),
      bundledInputs('functions/test-runs/import-test-results.ts'),
    ]);

    // Assess
    expect(contains(report, 'reportRendering')).toBe(true);
    expect(contains(createCase, 're2')).toBe(true);
    expect(contains(createCase, 'caseSpecSchemas')).toBe(true);
    expect(contains(importResults, 'xmlParser')).toBe(true);
  });
});
