import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '#shared/events/catalogue';
import { ProjectSearchIndex, type SearchItem } from '#shared/search/index';
import {
  applyChange,
  failedMessageIds,
  groupByProject,
  INDEXED_EVENT_TYPES,
  type IndexChange,
  indexChangeOf,
  parseIndexMessage,
} from '#shared/search/indexing-rules';
import { markdownText } from '#shared/search/items';
import { projectStart } from '#shared/search/merging';

const PROJECT = 'p1';
const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T11:00:00.000Z';
const T2 = '2026-03-01T12:00:00.000Z';

function change(occurredAt: string, eventId = `e-${occurredAt}`): IndexChange {
  return { kind: 'change', projectId: PROJECT, eventId, occurredAt, type: 'testCase', id: 'c1' };
}

function stored(title: string, updatedAt: string): SearchItem {
  return { type: 'testCase', id: 'c1', projectId: PROJECT, title, text: '', updatedAt };
}

const titles = (index: ProjectSearchIndex, q: string) => index.search({ q }).items.map((hit) => hit.title);

describe('search indexing: which events change which item', () => {
  it('maps each indexed event to its item by the id field of its data', () => {
    const envelope = { eventId: 'e1', occurredAt: T0, projectId: PROJECT, data: { caseId: 'c1', name: 'x' } };
    expect(indexChangeOf('Test Case Updated', envelope)).toEqual({
      kind: 'change',
      projectId: PROJECT,
      eventId: 'e1',
      occurredAt: T0,
      type: 'testCase',
      id: 'c1',
    });
    expect(indexChangeOf('Deployment Failed', { ...envelope, data: { deploymentId: 'd1' } })).toMatchObject({
      type: 'deployment',
      id: 'd1',
    });
  });

  it('drops events it does not follow, without a project, or naming no item', () => {
    const envelope = { eventId: 'e1', occurredAt: T0, projectId: PROJECT, data: { caseId: 'c1' } };
    expect(indexChangeOf('Member Added', envelope)).toBeUndefined();
    expect(indexChangeOf('Test Case Created', { ...envelope, projectId: null })).toBeUndefined();
    expect(indexChangeOf('Test Case Created', { ...envelope, data: {} })).toBeUndefined();
  });

  it('follows only catalogue events (the documents core adds its three when merged)', () => {
    const documentEvents = ['Document Created', 'Document Updated', 'Document Deleted'];
    const unknown = INDEXED_EVENT_TYPES.filter(
      (type) => !(EVENT_TYPES as readonly string[]).includes(type) && !documentEvents.includes(type),
    );
    expect(unknown).toEqual([]);
  });

  it('reads queue messages back, and refuses a malformed one', () => {
    expect(parseIndexMessage(JSON.stringify(change(T0)))).toEqual(change(T0));
    const rebuild = { kind: 'rebuild', projectId: PROJECT, requestId: 'r1', requestedAt: T0 };
    expect(parseIndexMessage(JSON.stringify(rebuild))).toEqual(rebuild);
    expect(() => parseIndexMessage(JSON.stringify({ ...change(T0), type: 'user' }))).toThrow();
    expect(() => parseIndexMessage('{')).toThrow();
  });
});

describe('search indexing: order and idempotency', () => {
  it('applies the table as it is now; a repeated event is a no-op', () => {
    const index = ProjectSearchIndex.create(PROJECT);
    expect(applyChange(index, change(T0), stored('alpha', T0))).toBe('applied');
    expect(applyChange(index, change(T0), stored('alpha', T0))).toBe('ignored');
    expect(applyChange(index, change(T1), stored('beta', T1))).toBe('applied');
    expect(titles(index, 'beta')).toEqual(['beta']);
    expect(titles(index, 'alpha')).toEqual([]);
  });

  it('never goes back to an older version when an old read arrives late', () => {
    const index = ProjectSearchIndex.create(PROJECT);
    applyChange(index, change(T1), stored('newer', T1));
    expect(applyChange(index, change(T0), stored('older', T0))).toBe('ignored');
    expect(titles(index, 'newer')).toEqual(['newer']);
  });

  it('removes a deleted item as a tombstone that an earlier event cannot undo', () => {
    const index = ProjectSearchIndex.create(PROJECT);
    applyChange(index, change(T0), stored('gone', T0));
    expect(applyChange(index, change(T2), undefined)).toBe('applied');
    expect(titles(index, 'gone')).toEqual([]);
    // An update event older than the deletion, read after it: the table has nothing; still gone.
    expect(applyChange(index, change(T1), undefined)).toBe('ignored');
    // A stale copy of the item (an update before the deletion) does not come back either.
    expect(applyChange(index, change(T1), stored('gone', T1))).toBe('ignored');
    expect(titles(index, 'gone')).toEqual([]);
  });

  it("groups a batch's messages by project, each in the batch's order", () => {
    const batch = [
      { messageId: 'm1', projectId: 'a' },
      { messageId: 'm2', projectId: 'b' },
      { messageId: 'm3', projectId: 'a' },
      { messageId: 'm4', projectId: 'b' },
    ];
    const groups = groupByProject(batch);
    expect([...groups.keys()]).toEqual(['a', 'b']);
    expect(groups.get('a')!.map((message) => message.messageId)).toEqual(['m1', 'm3']);
    expect(groups.get('b')!.map((message) => message.messageId)).toEqual(['m2', 'm4']);
    // A failed project returns all its messages, in order; the other project's are done.
    expect(failedMessageIds(batch, new Set(['b']))).toEqual(['m2', 'm4']);
    expect(failedMessageIds(batch, new Set())).toEqual([]);
  });
});

describe('search over several projects: where each project resumes', () => {
  it("continues below the last score for projects ordered before the last hit's, at it for those after", () => {
    const after = { score: 2, projectId: 'p2', key: 'testCase:c5' };
    expect(projectStart('p2', after)).toEqual({ score: 2, key: 'testCase:c5' });
    expect(projectStart('p1', after)).toEqual({ score: 2, key: '\uffff' });
    expect(projectStart('p3', after)).toEqual({ score: 2, key: '' });
    expect(projectStart('p1', undefined)).toBeUndefined();
  });
});

describe('document text for the index', () => {
  it('keeps the words of Markdown, drops its markup', () => {
    const text = markdownText(
      '# 部署 *pipeline*\n\n- [link](https://example.com/x) and `code`\n\n```sh\nnpm test\n```\n',
    );
    for (const word of ['部署', 'pipeline', 'link', 'and', 'code', 'npm test']) expect(text).toContain(word);
    expect(text).not.toMatch(/[#*`[\]()]|https:/);
  });
});
