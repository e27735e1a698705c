import { describe, expect, it } from 'vitest';
import {
  type CaseContent,
  caseFingerprint,
  type GeneratedCaseState,
  planRegeneration,
  sourceKey,
} from '#shared/documents/designs/regeneration';

const generated = (status: number, maximum = 10): CaseContent => ({
  name: `listPets → ${status}`,
  tags: ['openapi'],
  spec: {
    request: { method: 'GET', url: '{{environment.url}}/pets?limit=1' },
    assertions: [
      { type: 'status', equals: status },
      { type: 'jsonSchema', schema: { type: 'array', maxItems: maximum } },
    ],
  },
});

// The state a case is in right after generation stored `content` as version `version`.
const stored = (caseId: string, content: CaseContent, version = 1): GeneratedCaseState => ({
  caseId,
  fingerprint: caseFingerprint(content),
  current: { ...structuredClone(content), version },
});

const want = (content: CaseContent, status = 200) => ({
  key: sourceKey({ method: 'GET', path: '/pets', status }),
  content,
  payload: status,
});

describe('planRegeneration', () => {
  it('creates a case for an operation generated for the first time', () => {
    const [step] = planRegeneration([want(generated(200))], new Map());
    expect(step).toMatchObject({ action: 'create', key: 'GET /pets 200', payload: 200 });
  });

  it('leaves a case alone when the design yields what it already holds', () => {
    const existing = new Map([['GET /pets 200', stored('case-1', generated(200))]]);
    expect(planRegeneration([want(generated(200))], existing)).toEqual([
      { action: 'unchanged', key: 'GET /pets 200', payload: 200, caseId: 'case-1' },
    ]);
  });

  it('updates an untouched generated case when the design changed, guarded by the version it read', () => {
    const existing = new Map([['GET /pets 200', stored('case-1', generated(200, 10), 3)]]);
    const [step] = planRegeneration([want(generated(200, 20))], existing);
    expect(step).toMatchObject({ action: 'update', caseId: 'case-1', expectedVersion: 3 });
    expect(step).toHaveProperty('fingerprint', caseFingerprint(generated(200, 20)));
  });

  it('never touches a case edited by hand, whether or not the design changed', () => {
    const state = stored('case-1', generated(200));
    state.current = { ...(state.current as CaseContent & { version: number }), tags: ['openapi', 'smoke'], version: 2 };
    const existing = new Map([['GET /pets 200', state]]);
    for (const design of [generated(200), generated(200, 99)]) {
      expect(planRegeneration([want(design)], existing)).toEqual([
        { action: 'skippedEdited', key: 'GET /pets 200', payload: 200, caseId: 'case-1' },
      ]);
    }
  });

  it('sees an edit deep in the spec (an assertion changed)', () => {
    const state = stored('case-1', generated(200));
    const edited = structuredClone(generated(200));
    (edited.spec as { assertions: { equals?: number }[] }).assertions[0] = { equals: 201 };
    state.current = { ...edited, version: 2 };
    expect(planRegeneration([want(generated(200))], new Map([['GET /pets 200', state]]))[0]?.action).toBe(
      'skippedEdited',
    );
  });

  it('creates the case again when the generated one was deleted', () => {
    const existing = new Map<string, GeneratedCaseState>([
      ['GET /pets 200', { caseId: 'gone', fingerprint: caseFingerprint(generated(200)) }],
    ]);
    expect(planRegeneration([want(generated(200))], existing)[0]?.action).toBe('create');
  });

  it('does not take a stored map read back in another key order, or tags in another order, for an edit', () => {
    const content = generated(200);
    const reordered: CaseContent = {
      name: content.name,
      tags: ['openapi', 'openapi'],
      spec: JSON.parse(
        '{"assertions":[{"equals":200,"type":"status"},{"schema":{"maxItems":10,"type":"array"},"type":"jsonSchema"}],"request":{"url":"{{environment.url}}/pets?limit=1","method":"GET"}}',
      ),
    };
    const state: GeneratedCaseState = {
      caseId: 'case-1',
      fingerprint: caseFingerprint(content),
      current: { ...reordered, version: 1 },
    };
    expect(planRegeneration([want(content)], new Map([['GET /pets 200', state]]))[0]?.action).toBe('unchanged');
  });

  it('decides each operation on its own, in the order the design yields them', () => {
    const edited = stored('case-201', generated(201));
    edited.current = { ...(edited.current as CaseContent & { version: number }), name: 'mine', version: 2 };
    const existing = new Map([
      ['GET /pets 200', stored('case-200', generated(200))],
      ['GET /pets 201', edited],
    ]);
    const steps = planRegeneration(
      [want(generated(204), 204), want(generated(200), 200), want(generated(201, 5), 201)],
      existing,
    );
    expect(steps.map((step) => step.action)).toEqual(['create', 'unchanged', 'skippedEdited']);
  });
});

describe('caseFingerprint', () => {
  it('differs when any editable part differs', () => {
    const base = caseFingerprint(generated(200));
    expect(caseFingerprint({ ...generated(200), name: 'other' })).not.toBe(base);
    expect(caseFingerprint({ ...generated(200), tags: [] })).not.toBe(base);
    expect(caseFingerprint(generated(200, 11))).not.toBe(base);
  });
});
