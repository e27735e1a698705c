import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generateTestCases, toJsonSchema } from '#shared/documents/openapi/test-generation';
import { dereferenceOpenApi, type OpenApiDocument, validateOpenApi } from '#shared/documents/openapi/validate';
import { CreateTestCaseBody } from '#shared/schemas/test-cases';

async function load(text: string): Promise<{ document: OpenApiDocument; version: '3.0' | '3.1' }> {
  const result = await validateOpenApi(text);
  if (!result.valid) throw new Error(JSON.stringify(result.problems));
  return { document: await dereferenceOpenApi(result.document), version: result.version };
}

// A 3.1 design whose schemas are plain JSON Schema 2020-12: generated bodies are checked with
// Ajv2020 against the design's own schema, not against anything this module converted.
const ORDERS = `
openapi: 3.1.0
info: { title: Orders, version: "2" }
servers: [{ url: "https://api.example.com/{stage}/v2", variables: { stage: { default: prod } } }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Address:
      type: object
      required: [city, zip]
      properties:
        city: { type: string, minLength: 2, maxLength: 40 }
        zip: { type: string, pattern: "^[0-9]{5}$" }
    NewOrder:
      type: object
      required: [email, customerId, placedAt, day, quantity, price, priority, lines, shipTo, ref]
      properties:
        id: { type: string, readOnly: true }
        email: { type: string, format: email }
        customerId: { type: string, format: uuid }
        placedAt: { type: string, format: date-time }
        day: { type: string, format: date }
        quantity: { type: integer, minimum: 3, maximum: 9, multipleOf: 3 }
        price: { type: number, exclusiveMinimum: 0, maximum: 1000 }
        priority: { type: string, enum: [high, low] }
        note: { type: [string, "null"], maxLength: 10 }
        lines:
          type: array
          minItems: 2
          uniqueItems: true
          items: { type: string, minLength: 12 }
        shipTo: { $ref: "#/components/schemas/Address" }
        ref: { type: string, pattern: "^[A-Z]{3}-[0-9]{3}$" }
    Order:
      allOf:
        - $ref: "#/components/schemas/NewOrder"
        - type: object
          required: [id]
          properties:
            secret: { type: string, writeOnly: true }
security: [{ bearer: [] }]
paths:
  /shops/{shopId}/orders:
    parameters:
      - { name: shopId, in: path, required: true, schema: { type: integer, minimum: 10 } }
    post:
      operationId: createOrder
      parameters:
        - { name: dryRun, in: query, required: true, schema: { type: boolean } }
        - { name: X-Tenant, in: header, required: true, schema: { type: string, enum: [acme] } }
        - { name: session, in: cookie, required: true, schema: { type: string, format: uuid } }
        - { name: verbose, in: query, schema: { type: boolean } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewOrder" }
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Order" }
        "400": { description: bad }
    get:
      operationId: listOrders
      responses:
        "200":
          description: orders
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Order" } }
  /shops/{shopId}/orders/{orderId}:
    put:
      parameters:
        - { name: shopId, in: path, required: true, schema: { type: integer }, example: 42 }
        - { name: orderId, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewOrder" }
            examples:
              small: { value: { email: "ann@example.org", note: "from the design" } }
      responses:
        "200": { description: replaced }
        "204": { description: nothing to say }
`;

// The parser compiles the OpenAPI meta-schema on every validation (~1 s): the design is loaded once.
let ordersLoaded: ReturnType<typeof load> | undefined;
const orders = () => {
  ordersLoaded ??= load(ORDERS);
  return ordersLoaded;
};

describe('generateTestCases', () => {
  it('makes one valid create-test-case body per success response of the real petstore, marked with its source', async () => {
    const { document, version } = await load(readFileSync('test/fixtures/openapi/petstore-2023-9df68a1d.yaml', 'utf8'));
    const cases = generateTestCases(document, { documentId: 'DE-7', version: 4, openapiVersion: version });
    expect(cases.map(({ source }) => source)).toEqual([
      { documentId: 'DE-7', version: 4, method: 'GET', path: '/pets', operationId: 'listPets', status: 200 },
      { documentId: 'DE-7', version: 4, method: 'POST', path: '/pets', operationId: 'createPets', status: 201 },
      { documentId: 'DE-7', version: 4, method: 'GET', path: '/pets/{petId}', operationId: 'showPetById', status: 200 },
    ]);
    for (const { input } of cases) expect(CreateTestCaseBody.safeParse(input).success).toBe(true);
    // servers: [{ url: http://petstore.swagger.io/v1 }]
    expect(cases.map(({ input }) => input.spec.request.url)).toEqual([
      '{{environment.url}}/v1/pets',
      '{{environment.url}}/v1/pets',
      '{{environment.url}}/v1/pets/example',
    ]);
    const create = cases[1]?.input.spec;
    // createPets takes a Pet: id (int64) and name are required.
    const petSchema = (document.components as { schemas: { Pet: object } }).schemas.Pet;
    expect(
      new Ajv({ strict: false }).validate(toJsonSchema(petSchema as never, '3.0', 'request'), create?.request.body),
    ).toBe(true);
    expect(create?.assertions).toEqual([{ type: 'status', equals: 201 }]);
    const show = cases[2]?.input.spec.assertions;
    expect(show?.[0]).toEqual({ type: 'status', equals: 200 });
    const schemaAssertion = show?.[1];
    expect(schemaAssertion?.type).toBe('jsonSchema');
    const validate = new Ajv({ strict: false }).compile(
      schemaAssertion?.type === 'jsonSchema' ? (schemaAssertion.schema as object) : {},
    );
    expect(validate({ id: 1, name: 'Rex' })).toBe(true);
    expect(validate({ id: 'one', name: 'Rex' })).toBe(false);
    expect(validate({ name: 'Rex' })).toBe(false);
  });

  it('generates request bodies valid against the design’s own 3.1 schemas, with valid formats', async () => {
    const { document, version } = await orders();
    const [create] = generateTestCases(document, {
      documentId: 'DE-1',
      version: 1,
      openapiVersion: version,
      operations: ['createOrder'],
    });
    const body = create?.input.spec.request.body as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const newOrder = (document.components as { schemas: { NewOrder: object } }).schemas.NewOrder;
    expect(ajv.validate(newOrder, body), JSON.stringify(ajv.errors)).toBe(true);
    expect(body).not.toHaveProperty('id'); // read-only
    expect(body.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(body.customerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(body.placedAt as string).toISOString().slice(0, 19)).toBe((body.placedAt as string).slice(0, 19));
    expect(new Date(`${body.day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(body.day);
    expect(body.priority).toBe('high');
    expect(CreateTestCaseBody.safeParse(create?.input).success).toBe(true);
  });

  it('fills path, query, header, cookie and security from the parameters, under the server’s base path', async () => {
    const { document, version } = await orders();
    const [create, put] = generateTestCases(document, {
      documentId: 'DE-1',
      version: 1,
      openapiVersion: version,
      operations: ['createOrder', 'PUT /shops/{shopId}/orders/{orderId}'],
    });
    const request = create?.input.spec.request;
    const url = new URL((request?.url ?? '').replace('{{environment.url}}', 'https://env.example'));
    expect(url.pathname).toBe('/prod/v2/shops/10/orders'); // minimum 10; server variable default
    expect(Object.fromEntries(url.searchParams)).toEqual({ dryRun: 'true' }); // optional `verbose` left out
    expect(request?.headers).toEqual({
      'X-Tenant': 'acme',
      cookie: 'session=3fa85f64-5717-4562-b3fc-2c963f66afa6',
      authorization: 'Bearer {{vars.token}}',
    });
    // The design's named example is sent as written; both success responses get a case.
    expect(put?.input.spec.request).toMatchObject({
      method: 'PUT',
      url: '{{environment.url}}/prod/v2/shops/42/orders/example',
      body: { email: 'ann@example.org', note: 'from the design' },
    });
    expect(
      generateTestCases(document, { documentId: 'DE-1', version: 1, openapiVersion: version })
        .filter(({ source }) => source.method === 'PUT')
        .map(({ source }) => source.status),
    ).toEqual([200, 204]);
  });

  it('asserts responses with the 3.1 schema as 2020-12, write-only properties not required, allOf kept', async () => {
    const { document, version } = await orders();
    const [list] = generateTestCases(document, {
      documentId: 'DE-1',
      version: 1,
      openapiVersion: version,
      operations: ['listOrders'],
    });
    const assertion = list?.input.spec.assertions[1];
    expect(assertion).toMatchObject({
      type: 'jsonSchema',
      schema: { $schema: 'https://json-schema.org/draft/2020-12/schema' },
    });
    const validate = new Ajv2020({ strict: false }).compile(
      assertion?.type === 'jsonSchema' ? (assertion.schema as object) : {},
    );
    const order = (document.components as { schemas: { NewOrder: object } }).schemas.NewOrder;
    const sample = {
      ...(generateTestCases(document, {
        documentId: 'x',
        version: 1,
        openapiVersion: '3.1',
        operations: ['createOrder'],
      })[0]?.input.spec.request.body as object),
    };
    expect(new Ajv2020({ strict: false }).validate(order, sample)).toBe(true);
    expect(validate([{ ...sample, id: 'o-1' }])).toBe(true);
    expect(validate([sample])).toBe(false); // id is required in Order
  });

  it('turns 3.0 nullable and boolean exclusive bounds into draft-07 JSON Schema', () => {
    const schema = toJsonSchema(
      {
        type: 'object',
        required: ['count', 'label', 'token'],
        properties: {
          count: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
          label: { type: 'string', nullable: true, enum: ['a', 'b'] },
          token: { type: 'string', writeOnly: true },
        },
      },
      '3.0',
      'response',
    );
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate({ count: 1, label: null })).toBe(true);
    expect(validate({ count: 10, label: 'a' })).toBe(true);
    expect(validate({ count: 0, label: 'a' })).toBe(false);
    expect(validate({ count: 11, label: 'a' })).toBe(false);
    expect(validate({ count: 1, label: 'c' })).toBe(false);
  });

  it('ends on recursive schemas, for requests and for assertions', async () => {
    const { document, version } = await load(`
openapi: 3.0.3
info: { title: tree, version: "1" }
paths:
  /nodes:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Node" }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Node" }
components:
  schemas:
    Node:
      type: object
      required: [name, parent]
      properties:
        name: { type: string }
        parent: { $ref: "#/components/schemas/Node" }
        children: { type: array, items: { $ref: "#/components/schemas/Node" } }
`);
    const [node] = generateTestCases(document, { documentId: 'DE-2', version: 1, openapiVersion: version });
    expect(node?.input.spec.request.body).toMatchObject({ name: expect.any(String), parent: expect.any(Object) });
    expect(node?.input.spec.assertions[1]?.type).toBe('jsonSchema');
    expect(CreateTestCaseBody.safeParse(node?.input).success).toBe(true);
  });
});
