import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPENAPI_MAX_BYTES, type OpenApiProblem, validateOpenApi } from '#shared/documents/openapi/validate';
import { formatText } from '#shared/i18n/catalogue';

/** The 1-based line of the first line of `text` that contains `needle` (the independent reference for lines). */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line with ${needle}`);
  return index + 1;
}

async function problemsOf(text: string): Promise<OpenApiProblem[]> {
  const result = await validateOpenApi(text);
  if (result.valid) throw new Error('expected problems');
  return result.problems;
}

const english = (problem: OpenApiProblem | undefined) => (problem ? formatText(problem.message, 'en') : '');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validateOpenApi', () => {
  it('accepts the real petstore of OAI/OpenAPI-Specification as OpenAPI 3.0, and a 3.1 document with webhooks', async () => {
    const petstore = await validateOpenApi(readFileSync('test/fixtures/openapi/petstore-2023-9df68a1d.yaml', 'utf8'));
    expect(petstore).toMatchObject({ valid: true, version: '3.0', document: { info: { title: 'Swagger Petstore' } } });
    const webhooks = await validateOpenApi(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'hooks', version: '1' },
        webhooks: { newPet: { post: { responses: { '200': { description: 'ok' } } } } },
      }),
    );
    expect(webhooks).toMatchObject({ valid: true, version: '3.1' });
  });

  it('names the duplicated keys of a real broken revision (petstore-expanded.yaml at 0476371e) by pointer and line', async () => {
    const text = readFileSync('test/fixtures/openapi/petstore-expanded-0476371e-broken.yaml', 'utf8');
    const problems = await problemsOf(text);
    // The revision added `operationId: Final` and a `parameters` list above the existing ones.
    expect(problems.map(({ pointer, line }) => ({ pointer, line }))).toEqual([
      { pointer: '/paths/~1pets/get/operationId', line: lineOf(text, 'operationId: findPets') },
      { pointer: '/paths/~1pets/get/parameters', line: lineOf(text, 'operationId: findPets') + 1 },
    ]);
    expect(english(problems[0])).toMatch(/not valid YAML or JSON: .*unique/);
  });

  it('names the place of a JSON syntax error', async () => {
    const text = '{"openapi": "3.1.0",\n "info": {"title": "x",, "version": "1"},\n "paths": {}}';
    const [problem] = await problemsOf(text);
    expect(problem).toMatchObject({ pointer: '/info', line: 2 });
  });

  it('turns the parser’s schema problems into pointers and lines of the text as written, behind a $ref too', async () => {
    const text = [
      'openapi: 3.0.3',
      'info:',
      '  title: no version',
      'paths:',
      '  /pets:',
      '    get:',
      '      responses:',
      "        '200':",
      '          content:',
      '            application/json:',
      '              schema:',
      "                $ref: '#/components/schemas/Pet'",
      'components:',
      '  schemas:',
      '    Pet:',
      '      type: object',
      '      properties:',
      '        age:',
      '          type: integer',
      '          minimum: none',
    ].join('\n');
    const problems = await problemsOf(text);
    expect(problems).toContainEqual(expect.objectContaining({ pointer: '/info', line: lineOf(text, 'info:') }));
    expect(problems).toContainEqual(
      expect.objectContaining({ pointer: '/paths/~1pets/get/responses/200', line: lineOf(text, "'200':") }),
    );
    const minimum = problems.find((problem) => problem.pointer.endsWith('/properties/age/minimum'));
    expect(minimum?.line).toBe(lineOf(text, 'minimum: none'));
    expect(problems.map(english).join('\n')).toContain("must have required property 'version'");
    expect(formatText(problems[0]?.message as never, 'zh-CN')).toMatch(/^该文档不符合 OpenAPI 规范：/);
  });

  it('places the parser’s own rules (path parameters) on their operation', async () => {
    const text = [
      'openapi: 3.1.0',
      'info: {title: x, version: "1"}',
      'paths:',
      '  /pets/{petId}:',
      '    get:',
      "      responses: {'200': {description: ok}}",
    ].join('\n');
    const [problem] = await problemsOf(text);
    expect(problem).toMatchObject({ pointer: '/paths/~1pets~1{petId}/get', line: lineOf(text, 'get:') });
    expect(english(problem)).toContain('petId');
  });

  it('refuses Swagger 2.0 and versions other than 3.0 and 3.1', async () => {
    expect(await problemsOf('swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}')).toEqual([
      expect.objectContaining({ pointer: '/swagger', line: 1 }),
    ]);
    const [future] = await problemsOf('openapi: 3.2.0\ninfo: {title: x, version: "1"}\npaths: {}');
    expect(future).toMatchObject({ pointer: '/openapi', line: 1 });
    expect(english(future)).toContain('3.2.0');
    expect(await problemsOf('- just\n- a list')).toEqual([expect.objectContaining({ pointer: '', line: 1 })]);
  });

  it('refuses external references without fetching or reading them, and names missing internal ones', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const text = [
      'openapi: 3.1.0',
      'info: {title: x, version: "1"}',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
      '          content:',
      '            application/json:',
      "              schema: {$ref: 'http://127.0.0.1:9/schema.json'}",
      "        '404':",
      "          $ref: 'file:///etc/passwd'",
      "        '500':",
      "          $ref: '#/components/responses/Missing'",
    ].join('\n');
    const problems = await problemsOf(text);
    expect(problems.map(({ pointer, line }) => ({ pointer, line }))).toEqual(
      expect.arrayContaining([
        {
          pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/$ref',
          line: lineOf(text, '127.0.0.1'),
        },
        { pointer: '/paths/~1a/get/responses/404/$ref', line: lineOf(text, 'file:///') },
        { pointer: '/paths/~1a/get/responses/500/$ref', line: lineOf(text, 'Missing') },
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a document over 1 MB and a YAML alias bomb', async () => {
    const big = `openapi: 3.1.0\ninfo: {title: x, version: "1"}\nx-padding: "${'a'.repeat(OPENAPI_MAX_BYTES)}"`;
    expect(english((await problemsOf(big))[0])).toContain('1,048,576');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const [bomb] = await problemsOf(levels.join('\n'));
    expect(english(bomb)).toMatch(/not valid YAML or JSON/);
  });
});
