import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_CASE_LIMITS } from '#shared/schemas/test-results';
import { type OwnedProject, ownedProject, projectApi } from '../support/test-runs.ts';

/** A scenario whose two steps carry string bodies adding up to `totalBodyBytes` (each within its own bound). */
function scenarioOfSize(name: string, totalBodyBytes: number) {
  const half = Math.floor(totalBodyBytes / 2);
  const step = (stepName: string, bytes: number) => ({
    name: stepName,
    request: { method: 'POST', url: 'https://shop.example.com/cart', body: 'x'.repeat(bytes) },
    assertions: [{ type: 'status', equals: 200 }],
  });
  return { name, type: 'scenario', spec: { steps: [step('first', half), step('second', totalBodyBytes - half)] } };
}

const caseNames = async (p: OwnedProject): Promise<string[]> => {
  const list = await projectApi(p, 'GET', '/test-cases?limit=100');
  expect(list.status, list.text).toBe(200);
  return (list.body.items as { name: string }[]).map((item) => item.name);
};

describe('test cases larger than one stored item', () => {
  let p: OwnedProject;
  beforeAll(async () => {
    p = await ownedProject('Sizes', 'SZ');
  });

  it.each([
    ['just over the limit', TEST_CASE_LIMITS.itemBytes + 1024],
    ["over DynamoDB's 400 KB item limit", 2 * 250 * 1024],
  ])('refuses a case %s with 413 TEST_CASE_TOO_LARGE naming the spec, and writes nothing', async (label, bytes) => {
    // Act
    const response = await projectApi(p, 'POST', '/test-cases', { body: scenarioOfSize(`big ${label}`, bytes) });

    // Assess
    expect(response.status, response.text).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'TEST_CASE_TOO_LARGE', status: 413 });
    expect(response.body.errors).toEqual([{ path: 'body.spec', message: expect.stringMatching(/over the limit/) }]);
    expect(await caseNames(p)).not.toContain(`big ${label}`);
  });

  it('saves a case just under the limit, and refuses to grow it past the limit (413, stored case unchanged)', async () => {
    // Prepare: the bodies leave 4 KB for the rest of the item (keys, name, timestamps, steps)
    const created = await projectApi(p, 'POST', '/test-cases', {
      body: scenarioOfSize('just under', TEST_CASE_LIMITS.itemBytes - 4096),
    });
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.id as string;

    // Act
    const grown = await projectApi(p, 'PATCH', `/test-cases/${caseId}`, {
      body: { type: 'scenario', spec: scenarioOfSize('grown', TEST_CASE_LIMITS.itemBytes + 1024).spec },
    });

    // Assess
    expect(grown.status, grown.text).toBe(413);
    expect(grown.body.code).toBe('TEST_CASE_TOO_LARGE');
    const stored = await projectApi(p, 'GET', `/test-cases/${caseId}`);
    expect(stored.body.version).toBe(1);
    expect(JSON.stringify(stored.body.spec).length).toBeLessThan(TEST_CASE_LIMITS.itemBytes);
  });
});
