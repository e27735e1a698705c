import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffOpenApi, OASDIFF_CHECKS, type OpenApiChange } from '#shared/documents/openapi/diff';
import { dereferenceOpenApi, type OpenApiDocument } from '#shared/documents/openapi/validate';

// Each case edits one thing of a small petstore and expects the one change oasdiff reports for
// it: the scenarios and verdicts follow oasdiff's own checker tests (named beside each case) and
// the levels of checker/rules.go (ERR and WARN are `breaking: true`, INFO is not). Pointers name
// the place the edit touched.

// biome-ignore lint/suspicious/noExplicitAny: the cases edit any place of a JSON document
type Doc = Record<string, any>;

function petstore(): Doc {
  const pet = {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id: { type: 'integer', format: 'int64' },
      name: { type: 'string', minLength: 1, maxLength: 100 },
      status: { type: 'string', enum: ['available', 'pending', 'sold'] },
      tag: { type: 'string' },
    },
  };
  const error = { type: 'object', properties: { message: { type: 'string' } } };
  const json = (schema: unknown) => ({ 'application/json': { schema: structuredClone(schema) } });
  return {
    openapi: '3.0.3',
    info: { title: 'Petstore', version: '1.0.0' },
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32', maximum: 100 } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['available', 'sold'] } },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'pets', content: json({ type: 'array', items: pet }) },
            default: { description: 'error', content: json(error) },
          },
        },
        post: {
          operationId: 'addPet',
          requestBody: {
            content: json({
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: 50, pattern: '^[A-Za-z ]+$' },
                age: { type: 'integer', minimum: 0, maximum: 30 },
                kind: { type: 'string', enum: ['cat', 'dog'] },
                weight: { type: 'integer' },
              },
            }),
          },
          responses: { '201': { description: 'created', content: json(pet) } },
        },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'showPetById',
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'a pet', content: json(pet) },
            '404': { description: 'missing', content: json(error) },
          },
        },
      },
    },
  };
}

const LIST = '/paths/~1pets/get';
const ADD = '/paths/~1pets/post';
const SHOW = '/paths/~1pets~1{petId}/get';
const ADD_BODY = `${ADD}/requestBody/content/application~1json/schema`;
const SHOW_200 = `${SHOW}/responses/200/content/application~1json/schema`;

/** The changes from the petstore to the petstore after `edit` (and `editBase` on the base). */
function changesAfter(edit: (doc: Doc) => void, editBase: (doc: Doc) => void = () => {}): OpenApiChange[] {
  const base = petstore();
  editBase(base);
  const revision = structuredClone(base);
  edit(revision);
  return diffOpenApi(base, revision);
}

// Validation is tested in documents-openapi-validate.test.ts; it costs ~1 s a document (the
// parser compiles the OpenAPI meta-schema each time), so the diff reads documents directly.
function dereferenced(text: string): Promise<OpenApiDocument> {
  return dereferenceOpenApi(parse(text) as OpenApiDocument);
}

function read(fixture: string): Promise<OpenApiDocument> {
  return dereferenced(readFileSync(`test/fixtures/openapi/${fixture}`, 'utf8'));
}

function only(changes: OpenApiChange[]): OpenApiChange {
  expect(changes.map((change) => change.id)).toHaveLength(1);
  return changes[0] as OpenApiChange;
}

describe('diffOpenApi: one edit, the change oasdiff reports', () => {
  const cases: [string, (doc: Doc) => void, Partial<OpenApiChange>, ((doc: Doc) => void)?][] = [
    // TestBreaking_DeletedPath / api-path-removed-without-deprecation
    [
      'a removed path',
      (doc) => delete doc.paths['/pets/{petId}'],
      { id: 'api-path-removed-without-deprecation', breaking: true, operation: 'GET /pets/{petId}', pointer: SHOW },
    ],
    // deprecated first: removal is then in the changelog only
    [
      'a removed path whose operation was deprecated',
      (doc) => delete doc.paths['/pets/{petId}'],
      { id: 'api-path-removed-with-deprecation', breaking: false, operation: 'GET /pets/{petId}', pointer: SHOW },
      (doc) => {
        doc.paths['/pets/{petId}'].get.deprecated = true;
      },
    ],
    [
      'a removed operation',
      (doc) => delete doc.paths['/pets'].post,
      { id: 'api-removed-without-deprecation', breaking: true, operation: 'POST /pets', pointer: ADD },
    ],
    [
      'an added operation',
      (doc) => {
        doc.paths['/pets/{petId}'].delete = { responses: { '204': { description: 'gone' } } };
      },
      {
        id: 'endpoint-added',
        breaking: false,
        operation: 'DELETE /pets/{petId}',
        pointer: '/paths/~1pets~1{petId}/delete',
      },
    ],
    // TestBreaking_ResponseSuccessStatusUpdated
    [
      'a removed success response',
      (doc) => delete doc.paths['/pets/{petId}'].get.responses['200'],
      {
        id: 'response-success-status-removed',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW}/responses/200`,
        from: '200',
      },
    ],
    // TestBreaking_ResponseNonSuccessStatusUpdated
    [
      'a removed error response',
      (doc) => delete doc.paths['/pets/{petId}'].get.responses['404'],
      {
        id: 'response-non-success-status-removed',
        breaking: false,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW}/responses/404`,
      },
    ],
    [
      'a new required query parameter',
      (doc) =>
        doc.paths['/pets'].get.parameters.push({
          name: 'owner',
          in: 'query',
          required: true,
          schema: { type: 'string' },
        }),
      {
        id: 'new-required-request-parameter',
        breaking: true,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/3`,
        to: 'owner',
      },
    ],
    // TestBreaking_NewRequiredHeaderParam
    [
      'a new required header parameter',
      (doc) =>
        doc.paths['/pets'].get.parameters.push({
          name: 'Network-Policies',
          in: 'header',
          required: true,
          schema: { type: 'string' },
        }),
      { id: 'new-required-request-parameter', breaking: true, operation: 'GET /pets', pointer: `${LIST}/parameters/3` },
    ],
    [
      'a new required cookie parameter',
      (doc) =>
        doc.paths['/pets'].get.parameters.push({
          name: 'session',
          in: 'cookie',
          required: true,
          schema: { type: 'string' },
        }),
      { id: 'new-required-request-parameter', breaking: true, operation: 'GET /pets', pointer: `${LIST}/parameters/3` },
    ],
    // TestBreaking_NewPathParam: the base lacks the path parameter's declaration
    [
      'a new path parameter',
      (doc) => {
        doc.paths['/pets/{petId}'].get.parameters = petstore().paths['/pets/{petId}'].get.parameters;
      },
      {
        id: 'new-request-path-parameter',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW}/parameters/0`,
      },
      (doc) => {
        doc.paths['/pets/{petId}'].get.parameters = [];
      },
    ],
    [
      'a new optional parameter',
      (doc) => doc.paths['/pets'].get.parameters.push({ name: 'sort', in: 'query', schema: { type: 'string' } }),
      {
        id: 'new-optional-request-parameter',
        breaking: false,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/3`,
      },
    ],
    // TestBreaking_HeaderParamRequiredEnabled
    [
      'a parameter that became required',
      (doc) => {
        doc.paths['/pets'].get.parameters[2].required = true;
      },
      {
        id: 'request-parameter-became-required',
        breaking: true,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/2/required`,
      },
    ],
    // TestBreaking_AddingRequiredRequestBody
    [
      'a new required request body',
      (doc) => {
        doc.paths['/pets/{petId}'].get.requestBody = {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } } },
        };
      },
      {
        id: 'request-body-added-required',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW}/requestBody`,
      },
    ],
    // TestBreaking_RequestBodyRequiredEnabled
    [
      'a request body that became required',
      (doc) => {
        doc.paths['/pets'].post.requestBody.required = true;
      },
      {
        id: 'request-body-became-required',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD}/requestBody/required`,
      },
    ],
    [
      'a new required request property',
      (doc) => {
        const body = doc.paths['/pets'].post.requestBody.content['application/json'].schema;
        body.properties.owner = { type: 'string' };
        body.required.push('owner');
      },
      {
        id: 'new-required-request-property',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/owner`,
        to: 'owner',
      },
    ],
    [
      'a new optional request property',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.owner = { type: 'string' };
      },
      {
        id: 'new-optional-request-property',
        breaking: false,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/owner`,
      },
    ],
    [
      'a request property that became required',
      (doc) => doc.paths['/pets'].post.requestBody.content['application/json'].schema.required.push('age'),
      {
        id: 'request-property-became-required',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/age`,
      },
    ],
    [
      'a removed required response property',
      (doc) => {
        const pet = doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema;
        delete pet.properties.name;
        pet.required = ['id'];
      },
      {
        id: 'response-required-property-removed',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/name`,
        from: 'name',
      },
    ],
    [
      'a removed optional response property (WARN)',
      (doc) => delete doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.tag,
      {
        id: 'response-optional-property-removed',
        level: 'warning',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/tag`,
      },
    ],
    [
      'an added optional response property',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.born = {
          type: 'string',
          format: 'date',
        };
      },
      {
        id: 'response-optional-property-added',
        breaking: false,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/born`,
      },
    ],
    [
      'a response property that became optional',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.required = ['id'];
      },
      {
        id: 'response-property-became-optional',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/name`,
      },
    ],
    // request type changes: narrowing breaks, widening (integer within number) does not
    [
      'a request property narrowed from integer to string in JSON',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.weight = { type: 'string' };
      },
      {
        id: 'request-property-type-changed',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/weight`,
        from: 'integer',
        to: 'string',
      },
    ],
    [
      'a request property widened from integer to number',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.weight = { type: 'number' };
      },
      {
        id: 'request-property-type-generalized',
        breaking: false,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/weight`,
      },
    ],
    [
      'a request parameter format widened from int32 to int64',
      (doc) => {
        doc.paths['/pets'].get.parameters[0].schema.format = 'int64';
      },
      {
        id: 'request-parameter-type-generalized',
        breaking: false,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/0/schema`,
      },
    ],
    // response type changes: widening breaks, narrowing does not
    [
      'a response property widened from integer to number',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.id = {
          type: 'number',
        };
      },
      {
        id: 'response-property-type-generalized',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/id`,
      },
    ],
    [
      'a response property format changed from int64 to int32',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.id.format =
          'int32';
      },
      {
        id: 'response-property-type-specialized',
        breaking: false,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/id`,
      },
    ],
    [
      'a response property type swapped from string to integer',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.tag = {
          type: 'integer',
        };
      },
      {
        id: 'response-property-type-changed',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/tag`,
      },
    ],
    // TestBreaking_DeletedEnum
    [
      'an enum value removed from a request property',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.kind.enum = ['cat'];
      },
      {
        id: 'request-property-enum-value-removed',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/kind/enum`,
        from: 'dog',
      },
    ],
    [
      'an enum value removed from a request parameter',
      (doc) => {
        doc.paths['/pets'].get.parameters[1].schema.enum = ['available'];
      },
      {
        id: 'request-parameter-enum-value-removed',
        breaking: true,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/1/schema/enum`,
        from: 'sold',
      },
    ],
    // TestBreaking_AddedResponseEnum (WARN)
    [
      'an enum value added to a response property',
      (doc) =>
        doc.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema.properties.status.enum.push(
          'lost',
        ),
      {
        id: 'response-property-enum-value-added',
        level: 'warning',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: `${SHOW_200}/properties/status/enum`,
        to: 'lost',
      },
    ],
    // TestRequestBodyMaxLengthIncreasedCheck (decreased is ERR)
    [
      'a request maxLength decreased',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.name.maxLength = 20;
      },
      {
        id: 'request-property-max-length-decreased',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/name/maxLength`,
        from: 50,
        to: 20,
      },
    ],
    [
      'a request maxLength increased',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.name.maxLength = 80;
      },
      { id: 'request-property-max-length-increased', breaking: false, operation: 'POST /pets' },
    ],
    [
      'a request maximum decreased',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.age.maximum = 20;
      },
      {
        id: 'request-property-max-decreased',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/age/maximum`,
      },
    ],
    [
      'a request parameter maximum decreased',
      (doc) => {
        doc.paths['/pets'].get.parameters[0].schema.maximum = 50;
      },
      {
        id: 'request-parameter-max-decreased',
        breaking: true,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/0/schema/maximum`,
      },
    ],
    [
      'a request minLength increased',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.name.minLength = 3;
      },
      {
        id: 'request-property-min-length-increased',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/name/minLength`,
      },
    ],
    [
      'a request minimum increased',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.age.minimum = 1;
      },
      {
        id: 'request-property-min-increased',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/age/minimum`,
      },
    ],
    // TestBreaking_AddPattern
    [
      'a pattern added to a request parameter',
      (doc) => {
        doc.paths['/pets'].get.parameters[2].schema.pattern = '^[0-9a-f]+$';
      },
      {
        id: 'request-parameter-pattern-added',
        breaking: true,
        operation: 'GET /pets',
        pointer: `${LIST}/parameters/2/schema/pattern`,
      },
    ],
    // TestBreaking_ModifyPattern (WARN)
    [
      'a request property pattern changed',
      (doc) => {
        doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.name.pattern = '^[a-z]+$';
      },
      {
        id: 'request-property-pattern-changed',
        level: 'warning',
        breaking: true,
        operation: 'POST /pets',
        pointer: `${ADD_BODY}/properties/name/pattern`,
      },
    ],
    // TestBreaking_DeletePatten
    [
      'a request property pattern removed',
      (doc) => delete doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.name.pattern,
      { id: 'request-property-pattern-removed', breaking: false, operation: 'POST /pets' },
    ],
    // oasdiff rates an added security requirement INFO (api-security-added)
    [
      'a security requirement added to an operation',
      (doc) => {
        doc.paths['/pets'].post.security = [{ apiKey: [] }];
      },
      { id: 'api-security-added', breaking: false, operation: 'POST /pets', pointer: `${ADD}/security`, to: 'apiKey' },
      (doc) => {
        doc.paths['/pets'].post.security = [];
      },
    ],
    // TestBreaking_ResponseDeleteMediaType
    [
      'a response media type removed',
      (doc) => {
        doc.paths['/pets/{petId}'].get.responses['200'].content = { 'application/xml': { schema: { type: 'object' } } };
      },
      { id: 'response-media-type-removed', breaking: true, operation: 'GET /pets/{petId}' },
    ],
  ];

  it.each(cases)('%s', (_name, edit, expected, editBase) => {
    const changes = changesAfter(edit, editBase);
    const change = changes.find((candidate) => candidate.id === expected.id);
    expect(change).toMatchObject(expected);
    expect(change?.level).toBe(OASDIFF_CHECKS[expected.id as keyof typeof OASDIFF_CHECKS]);
    // Every other change found alongside is the by-product a second media type brings (added), never a second verdict.
    expect(changes.filter((other) => other !== change && other.breaking)).toEqual([]);
  });

  it('reports nothing for identical documents and for a renamed path parameter (TestBreaking_PathParamRename)', () => {
    expect(changesAfter(() => {})).toEqual([]);
    const renamed = changesAfter((doc) => {
      const item = doc.paths['/pets/{petId}'];
      item.get.parameters[0].name = 'id';
      doc.paths['/pets/{id}'] = item;
      delete doc.paths['/pets/{petId}'];
    });
    expect(renamed).toEqual([]);
  });

  it('a removed request property is a warning; a widened request parameter type is not breaking', () => {
    const removed = only(
      changesAfter(
        (doc) => delete doc.paths['/pets'].post.requestBody.content['application/json'].schema.properties.kind,
      ),
    );
    expect(removed).toMatchObject({ id: 'request-property-removed', level: 'warning', breaking: true });
    const widened = only(
      changesAfter((doc) => {
        doc.paths['/pets'].get.parameters[0].schema = { type: 'number' };
      }),
    );
    expect(widened).toMatchObject({ id: 'request-parameter-type-generalized', breaking: false });
  });

  it('compares through allOf and survives recursive schemas', async () => {
    const text = (childType: string) => `
openapi: 3.1.0
info: { title: tree, version: "1" }
paths:
  /nodes:
    get:
      responses:
        "200":
          description: a node
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Node" }
components:
  schemas:
    Named:
      type: object
      required: [name]
      properties: { name: { type: string } }
    Node:
      allOf:
        - $ref: "#/components/schemas/Named"
        - type: object
          properties:
            weight: { type: ${childType} }
            children: { type: array, items: { $ref: "#/components/schemas/Node" } }
`;
    const changes = diffOpenApi(await dereferenced(text('integer')), await dereferenced(text('number')));
    const pointer = '/paths/~1nodes/get/responses/200/content/application~1json/schema/properties/weight';
    expect(changes).toContainEqual(
      expect.objectContaining({
        id: 'response-property-type-generalized',
        breaking: true,
        operation: 'GET /nodes',
        pointer,
      }),
    );
  });
});

describe('diffOpenApi on real documents: OAI/OpenAPI-Specification examples/v3.0/petstore.yaml, 2018 vs 2023', () => {
  // Read side by side (commits 80fd1186 and 9df68a1d): the 2023 file caps `limit` at 100, adds a
  // required JSON body to createPets, and answers showPetById with a Pet object instead of the
  // Pets array; `type: object` was added to Pet and Error.

  it('finds the three breaking changes and nothing else breaking', async () => {
    const changes = diffOpenApi(await read('petstore-2018-80fd1186.yaml'), await read('petstore-2023-9df68a1d.yaml'));
    const breaking = changes.filter((change) => change.breaking);
    expect(breaking).toEqual([
      {
        id: 'request-body-added-required',
        level: 'breaking',
        breaking: true,
        operation: 'POST /pets',
        pointer: '/paths/~1pets/post/requestBody',
      },
      {
        id: 'response-body-type-changed',
        level: 'breaking',
        breaking: true,
        operation: 'GET /pets/{petId}',
        pointer: '/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema',
        from: 'array',
        to: 'object',
      },
      {
        id: 'request-parameter-max-set',
        level: 'warning',
        breaking: true,
        operation: 'GET /pets',
        pointer: '/paths/~1pets/get/parameters/0/schema/maximum',
        to: 100,
      },
    ]);
    // `type: object` added to Error narrows what a response may be: reported, not breaking.
    expect(changes).toContainEqual(
      expect.objectContaining({
        id: 'response-body-type-specialized',
        breaking: false,
        operation: 'GET /pets',
        pointer: '/paths/~1pets/get/responses/default/content/application~1json/schema',
      }),
    );
  });

  it('going back from 2023 to 2018: the removed body breaks, the removed cap loosens and is not reported', async () => {
    const changes = diffOpenApi(await read('petstore-2023-9df68a1d.yaml'), await read('petstore-2018-80fd1186.yaml'));
    // Dropping the body and the cap loosens requests; dropping `type: object` widens responses.
    expect(changes.find((change) => change.id === 'request-body-removed')).toMatchObject({
      breaking: true,
      operation: 'POST /pets',
    });
    expect(
      changes.find((change) => change.pointer === '/paths/~1pets/get/parameters/0/schema/maximum'),
    ).toBeUndefined();
  });
});

describe('docs/documents.md', () => {
  it('lists every covered check with its level', () => {
    const docs = readFileSync('docs/documents.md', 'utf8');
    for (const [id, level] of Object.entries(OASDIFF_CHECKS)) expect(docs).toContain(`| \`${id}\` | ${level} |`);
  });
});

describe('diffOpenApi on real documents: the APIs.guru API 2.0.5 vs 2.2.0 (APIs-guru/openapi-directory)', () => {
  // Read side by side: 2.2.0 drops the `application/json; charset=utf-8` media type of both
  // existing operations and adds five read operations; nothing else a client sends or reads
  // changed (2.2.0 also adds an optional `link` inside additionalProperties, which this diff
  // does not walk).
  it('finds the two removed media types and the five new operations', async () => {
    const [base, revision] = await Promise.all([
      read('apis-guru-2.0.5-excerpt.yaml'),
      read('apis-guru-2.2.0-excerpt.yaml'),
    ]);
    const changes = diffOpenApi(base, revision);
    expect(changes.filter((change) => change.breaking)).toEqual([
      {
        id: 'response-media-type-removed',
        level: 'breaking',
        breaking: true,
        operation: 'GET /list.json',
        pointer: '/paths/~1list.json/get/responses/200/content/application~1json; charset=utf-8',
        from: 'application/json; charset=utf-8',
      },
      {
        id: 'response-media-type-removed',
        level: 'breaking',
        breaking: true,
        operation: 'GET /metrics.json',
        pointer: '/paths/~1metrics.json/get/responses/200/content/application~1json; charset=utf-8',
        from: 'application/json; charset=utf-8',
      },
    ]);
    expect(
      changes
        .filter((change) => change.id === 'endpoint-added')
        .map((change) => change.operation)
        .sort(),
    ).toEqual([
      'GET /providers.json',
      'GET /specs/{provider}/{api}.json',
      'GET /specs/{provider}/{service}/{api}.json',
      'GET /{provider}.json',
      'GET /{provider}/services.json',
    ]);
    expect(changes).toHaveLength(7);
  });
});
