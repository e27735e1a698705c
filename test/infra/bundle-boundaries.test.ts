import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { REPO_ROOT } from '#infra/config/paths';
import { RESPONSE_BODIES } from '#shared/api/responses';
import type { RouteDefinition } from '#shared/api/route-definition';
import { ROUTES } from '#shared/api/routes';
import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { EVENT_CATALOGUE } from '#shared/events/catalogue';
import * as s from '#shared/schemas/messages';
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

/** The minified code of one handler's bundle (or of `source`), built like the function construct builds it. */
async function bundledText(handler: string, source?: string): Promise<string> {
  const result = await build({
    ...lambdaBuildOptions(),
    ...(source === undefined
      ? { entryPoints: [join(REPO_ROOT, handler)] }
      : { stdin: { contents: source, resolveDir: REPO_ROOT, sourcefile: handler, loader: 'ts' as const } }),
    outfile: join(REPO_ROOT, '.bundle-boundaries', 'index.mjs'),
    write: false,
  });
  return result.outputFiles.map((file) => file.text).join('\n');
}

/** The ids (`z.meta({ id })`) of the named schemas inside `schema`, itself included, as JSON Schema sees them. */
function schemaIds(schema: z.ZodMiniType, io: 'input' | 'output'): string[] {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as { id?: string; $defs?: object };
  return [...(json.id ? [json.id] : []), ...Object.keys(json.$defs ?? {})];
}

/**
 * Named schemas only success responses use (shared/api/responses.ts), none of any route's
 * request nor of any event's data: documentation, which no handler should build at init. (An
 * event's schemas are in every publisher's bundle, built only when that event is published:
 * shared/events/catalogue.ts.)
 */
function responseOnlySchemaIds(): string[] {
  const requestIds = new Set([
    ...ROUTES.flatMap((route) =>
      [route.request?.params, route.request?.query, route.request?.body].flatMap((schema) =>
        schema ? schemaIds(schema, 'input') : [],
      ),
    ),
    ...Object.values(EVENT_CATALOGUE).flatMap((event) => schemaIds(event.data, 'output')),
  ]);
  const responseIds = new Set(Object.values(RESPONSE_BODIES).flatMap((schema) => schemaIds(schema, 'output')));
  return [...responseIds].filter((id) => !requestIds.has(id));
}

/** The ids of `ids` whose `z.meta({ id })` is in a minified bundle. */
const idsIn = (text: string, ids: readonly string[]) => ids.filter((id) => text.includes(`id:"${id}"`));

/** Rarely used modules, by the path fragment that shows them in a bundle's inputs. */
const RARE = {
  re2: 'node_modules/re2-wasm/',
  xmlParser: 'node_modules/saxes/',
  reportRendering: 'shared/testing/reports/html.ts',
  loadEngine: 'shared/testing/load/engine.ts',
  jsonSchemaEngine: 'node_modules/ajv/',
  jsonPathEngine: 'node_modules/jsonpath-plus/',
  caseSpecSchemas: 'shared/schemas/test-cases.ts',
  // Only functions that record a metric (through the event publisher) construct Metrics.
  metrics: 'node_modules/@aws-lambda-powertools/metrics/',
} as const;
type Rare = keyof typeof RARE;

const contains = (inputs: readonly string[], rare: Rare) => inputs.some((path) => path.includes(RARE[rare]));

describe('Lambda bundle boundaries', () => {
  it.each([
    { handler: 'functions/projects/get-project.ts', absent: Object.keys(RARE) as Rare[] },
    {
      handler: 'functions/deployments/create-deployment.ts',
      absent: (Object.keys(RARE) as Rare[]).filter((rare) => rare !== 'metrics'),
    },
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

  it('deletes projects and changes members without the outbound URL policy that a repository setting needs', async () => {
    // Act
    const [deleteProject, putMember, removeMember, createProject] = await Promise.all([
      bundledInputs('functions/projects/delete-project.ts'),
      bundledInputs('functions/projects/put-member.ts'),
      bundledInputs('functions/projects/remove-member.ts'),
      bundledInputs('functions/projects/create-project.ts'),
    ]);

    // Assess
    const outboundPolicy = (inputs: readonly string[]) =>
      inputs.some(
        (path) => path.endsWith('shared/http/outbound-policy.ts') || path.includes('node_modules/ipaddr.js/'),
      );
    expect([deleteProject, putMember, removeMember].map(outboundPolicy)).toEqual([false, false, false]);
    expect(outboundPolicy(createProject)).toBe(true);
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
    expect(contains(importResults, 'metrics')).toBe(true);
  });

  it.each([
    { table: PROJECTS_ROUTES, id: 'GetProject' },
    { table: TEST_CASES_ROUTES, id: 'CreateTestCase' },
    { table: DEPLOYMENTS_ROUTES, id: 'GetDeployment' },
  ])("bundles $id's own route definition and none of its service's other routes", async ({ table, id }) => {
    // Arrange: each route names its handler file, a string only its definition holds.
    const routes: readonly RouteDefinition[] = Object.values(table);
    const own = routes.find((route) => route.id === id)!;

    // Act
    const text = await bundledText(own.handler);

    // Assess
    expect(text).toContain(`"${own.handler}"`);
    const others = routes.filter((route) => route.id !== id && text.includes(`"${route.handler}"`));
    expect(others.map((route) => route.id)).toEqual([]);
  });

  // One route of each service, with the largest response trees (test cases and suites, deployments).
  // Not those whose domain builds the schema itself (Register and ImportTestResults answer what
  // they validate; the analysis queries parse stored results with Analysis).
  it.each([
    'GetHealth',
    'GetMe',
    'ListMembers',
    'GetEnvironment',
    'CreatePipeline',
    'GetDeployment',
    'CreateTestCase',
    'UpdateTestSuite',
  ])('builds no response-only schema in %s (responses are documentation only)', async (id) => {
    // Arrange
    const route = ROUTES.find((candidate) => candidate.id === id)!;
    const responseOnly = responseOnlySchemaIds();

    // Act
    const text = await bundledText(route.handler);

    // Assess
    expect(responseOnly).toEqual(expect.arrayContaining(['Project', 'TestCase', 'TestSuite', 'Deployment']));
    expect(idsIn(text, responseOnly)).toEqual([]);
  });

  it('finds every response-only schema in a bundle that imports the response schemas (the check above can fail)', async () => {
    // Act
    const text = await bundledText(
      'responses-entry.ts',
      "import { RESPONSE_BODIES } from '#shared/api/responses'; export const handler = () => RESPONSE_BODIES;",
    );

    // Assess
    const responseOnly = responseOnlySchemaIds();
    expect(idsIn(text, responseOnly)).toEqual(responseOnly);
  });

  it('builds no schema another route of the service needs', async () => {
    // Arrange: the "at least one field" check belongs to UpdateProject's body alone among project routes.
    const atLeastOneField = `"${s.atLeastOneField.id}"`;

    // Act
    const [getProject, updateProject] = await Promise.all([
      bundledText('functions/projects/get-project.ts'),
      bundledText('functions/projects/update-project.ts'),
    ]);

    // Assess
    expect(getProject).not.toContain(atLeastOneField);
    expect(updateProject).toContain(atLeastOneField);
  });
});
