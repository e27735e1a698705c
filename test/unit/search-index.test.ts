import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
  BM25_PARAMETERS,
  ProjectSearchIndex,
  SEARCH_INDEX_FORMAT_VERSION,
  type SearchItem,
  type SearchItemType,
} from '#shared/search/index';

const PROJECT = 'p1';
const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T11:00:00.000Z';
const T2 = '2026-03-01T12:00:00.000Z';

function item(id: string, fields: Partial<SearchItem> = {}): SearchItem {
  return { type: 'document', id, projectId: PROJECT, title: '', text: '', updatedAt: T0, ...fields };
}

function indexOf(items: readonly SearchItem[]): ProjectSearchIndex {
  const index = ProjectSearchIndex.create(PROJECT);
  for (const entry of items) index.upsert(entry);
  return index;
}

function ids(index: ProjectSearchIndex, q: string, types?: SearchItemType[]): string[] {
  return index.search({ q, types, limit: 100 }).items.map((hit) => hit.id);
}

/** Elements and their attributes in an HTML fragment, as a browser's parser reads them. */
function elementsOf(html: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return elements;
}

describe('search ranking (BM25+)', () => {
  it('orders by BM25+ of term frequency and field length, not by raw count', () => {
    // Prepare: "yak" (3 letters: no typo tolerance; no other term starts with it) 2, 1 and 3
    // times in texts, absent from a fourth. MiniSearch's field length is the number of distinct
    // terms: 3, 1, 28 and 5, average 9.25.
    const filler = (count: number) => Array.from({ length: count }, (_, n) => `filler${n}`).join(' ');
    const index = indexOf([
      item('twice-short', { text: `yak yak ${filler(2)}` }),
      item('once-shortest', { text: 'yak' }),
      item('thrice-long', { text: `yak yak yak ${filler(27)}` }),
      item('absent', { text: filler(5) }),
    ]);
    // By hand, BM25+ with k = 1.2, b = 0.7, d = 0.5 (the IDF is the same for the three):
    //   tf·(k+1) / (tf + k·(1 − b + b·len/avg)) + d
    //   twice-short:    2·2.2 / (2 + 1.2·(0.3 + 0.7·3/9.25))  = 4.4 / 2.632 = 1.672 (+ 0.5)
    //   once-shortest:      1·2.2 / (1 + 1.2·(0.3 + 0.7·1/9.25))  = 2.2 / 1.451 = 1.516 (+ 0.5)
    //   thrice-long: 3·2.2 / (3 + 1.2·(0.3 + 0.7·28/9.25)) = 6.6 / 5.903 = 1.118 (+ 0.5)
    expect(BM25_PARAMETERS).toEqual({ k: 1.2, b: 0.7, d: 0.5 });

    // Act
    const page = index.search({ q: 'yak' });

    // Assess
    expect(page.items.map((hit) => hit.id)).toEqual(['twice-short', 'once-shortest', 'thrice-long']);
    const [first, second, third] = page.items.map((hit) => hit.score);
    expect(first! / third!).toBeCloseTo((1.672 + 0.5) / (1.118 + 0.5), 2);
    expect(second! / third!).toBeCloseTo((1.516 + 0.5) / (1.118 + 0.5), 2);
  });

  it('weighs a match in the title over one in the tags over one in the text', () => {
    const index = indexOf([
      item('in-text', { title: 'alpha beta', tags: ['gamma', 'delta'], text: 'yak epsilon' }),
      item('in-title', { title: 'yak beta', tags: ['gamma', 'delta'], text: 'zeta epsilon' }),
      item('in-tags', { title: 'alpha beta', tags: ['yak', 'delta'], text: 'zeta epsilon' }),
    ]);

    expect(ids(index, 'yak')).toEqual(['in-title', 'in-tags', 'in-text']);
  });

  it('requires every word of the query, and falls back to any word when no item has all', () => {
    const index = indexOf([item('both', { text: 'rollback staging' }), item('one', { text: 'rollback production' })]);

    expect(ids(index, 'rollback staging')).toEqual(['both']);
    expect(ids(index, 'rollback nowhere').sort()).toEqual(['both', 'one']);
    expect(ids(index, 'nothing nowhere')).toEqual([]);
    expect(ids(index, '  ,.!  ')).toEqual([]);
  });
});

describe('search tolerance', () => {
  const index = indexOf([
    item('deployment', { title: 'Deployment checklist', text: 'Before the release, run the pipeline.' }),
    item('cart', { title: 'Shopping cart', text: 'The car park test.' }),
    item('tests', { title: 'Flaky tests', text: 'Retry budget for integration suites.' }),
  ]);

  it('finds longer words from their beginning', () => {
    expect(ids(index, 'deploy')).toEqual(['deployment']);
    expect(ids(index, 'integ')).toEqual(['tests']);
  });

  it('forgives one typo from four letters and two from eight', () => {
    expect(ids(index, 'pipline')).toEqual(['deployment']);
    expect(ids(index, 'retri')).toEqual(['tests']);
    expect(ids(index, 'tesst')).toEqual(['cart']); // test, one edit; not tests, two
    expect(ids(index, 'integartion')).toEqual(['tests']);
  });

  it('takes a word the project has as written', () => {
    const withBoth = indexOf([item('test', { text: 'a test plan' }), item('text', { text: 'a text field' })]);

    expect(ids(withBoth, 'text')).toEqual(['text']);
    expect(ids(withBoth, 'tezt').sort()).toEqual(['test', 'text']);
  });

  it('does not fuzz short words', () => {
    expect(ids(index, 'cat')).toEqual([]);
    expect(ids(index, 'car')).toEqual(['cart']);
  });

  it('matches full-width letters and any case', () => {
    expect(ids(index, 'ＦＬＡＫＹ')).toEqual(['tests']);
    expect(ids(index, 'RELEASE')).toEqual(['deployment']);
  });
});

describe('search in Chinese and English', () => {
  const index = indexOf([
    item('zh-failure', { title: '部署流水线失败', text: '检查构建日志，然后回滚到上一个版本。' }),
    item('zh-script', { title: '部署脚本说明', text: '脚本会调用 API 网关。' }),
    item('mixed', { title: 'Release pipeline 说明', text: '当 pipeline 部署失败时，执行 rollback 并通知值班。' }),
    item('en', { title: 'Gateway timeouts', text: 'The API gateway returns 504 when the pipeline is slow.' }),
  ]);

  it('finds a longer phrase from the words it starts with', () => {
    expect(ids(index, '部署流水线')).toEqual(['zh-failure']);
  });

  it('finds Chinese words inside longer text', () => {
    expect(ids(index, '回滚')).toEqual(['zh-failure']);
    expect(ids(index, '网关')).toEqual(['zh-script']);
  });

  it('answers a mixed query on Chinese, English and mixed items', () => {
    expect(ids(index, '部署 pipeline')).toEqual(['mixed']);
    expect(ids(index, 'rollback 通知')).toEqual(['mixed']);
    expect(ids(index, 'pipeline').sort()).toEqual(['en', 'mixed']);
    expect(ids(index, 'API 网关')).toEqual(['zh-script']);
  });

  it('finds items by one Chinese character', () => {
    expect(ids(index, '滚')).toEqual(['zh-failure']);
  });
});

describe('search snippets', () => {
  it('marks the matches and escapes the text around them', () => {
    const index = indexOf([
      item('x', { title: '<b>Deploy</b> & roll', text: 'Run <script>alert(1)</script> then deploy "now" & wait.' }),
    ]);

    const [hit] = index.search({ q: 'deploy' }).items;

    expect(hit!.snippet).toBe(
      'Run &lt;script&gt;alert(1)&lt;/script&gt; then <mark>deploy</mark> &quot;now&quot; &amp; wait.',
    );
    expect(hit!.titleHtml).toBe('&lt;b&gt;<mark>Deploy</mark>&lt;/b&gt; &amp; roll');
    expect(elementsOf(hit!.snippet).map((element) => element.name)).toEqual(['mark']);
  });

  it('shows the window of a long text where the matches are', () => {
    const before = 'Lorem ipsum dolor sit amet. '.repeat(30);
    const after = ' Consectetur adipiscing elit. '.repeat(30);
    const index = indexOf([item('long', { text: `${before}The rollback of 部署流水线 failed.${after}` })]);

    const [hit] = index.search({ q: 'rollback 部署流水线' }).items;

    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet).toContain('<mark>rollback</mark> of <mark>部署流水线</mark> failed');
    expect(hit!.snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(162);
  });
});

describe('search facets and filters', () => {
  const index = indexOf([
    item('d1', { type: 'document', title: 'Login flow' }),
    item('d2', { type: 'document', title: 'Login errors' }),
    item('c1', { type: 'testCase', title: 'Login with SSO' }),
    item('p1', { type: 'pipeline', title: 'Nightly build' }),
  ]);

  it('counts the matches of every type and filters without changing the counts', () => {
    const all = index.search({ q: 'login' });
    const onlyCases = index.search({ q: 'login', types: ['testCase'] });

    expect(all.facets).toEqual({
      document: 2,
      testCase: 1,
      testSuite: 0,
      pipeline: 0,
      environment: 0,
      deployment: 0,
      analysis: 0,
    });
    expect(all.total).toBe(3);
    expect(onlyCases.items.map((hit) => [hit.type, hit.id])).toEqual([['testCase', 'c1']]);
    expect(onlyCases.total).toBe(1);
    expect(onlyCases.facets).toEqual(all.facets);
  });
});

describe('search pages', () => {
  // 45 items that score the same: only the tie-break keeps pages apart.
  const index = indexOf(
    Array.from({ length: 45 }, (_, n) => item(`same-${String(n).padStart(2, '0')}`, { text: 'flaky retry' })),
  );
  index.upsert(item('best', { title: 'flaky', text: 'flaky retry' }));

  it('walks every match once, in the order of a single page', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = index.search({ q: 'flaky', limit: 10, cursor });
      seen.push(...page.items.map((hit) => hit.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }

    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    expect(seen).toEqual(ids(index, 'flaky'));
    expect(seen[0]).toBe('best');
  });

  it('refuses a cursor of another query or a forged one', () => {
    const { nextCursor } = index.search({ q: 'flaky', limit: 10 });

    expect(() => index.search({ q: 'retry', cursor: nextCursor! })).toThrow(
      expect.objectContaining({ status: 400, code: 'INVALID_CURSOR' }),
    );
    expect(() => index.search({ q: 'flaky', types: ['pipeline'], cursor: nextCursor! })).toThrow(
      expect.objectContaining({ code: 'INVALID_CURSOR' }),
    );
    expect(() => index.search({ q: 'flaky', cursor: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CURSOR' }),
    );
  });
});

describe('search index storage', () => {
  const corpus = [
    item('a', { title: '部署流水线失败', text: 'rollback 日志', tags: ['ops'] }),
    item('b', { type: 'pipeline', title: 'Release pipeline', text: 'deploys to staging' }),
    item('c', { type: 'testCase', title: 'Login', text: 'checks the login page' }),
  ];

  it('answers the same after a round trip through JSON', async () => {
    const index = indexOf(corpus);
    index.upsert(item('c', { type: 'testCase', title: 'Sign-in', text: 'checks the sign-in page', updatedAt: T1 }));
    index.remove({ type: 'pipeline', id: 'b' }, T1);

    const restored = ProjectSearchIndex.deserialize(await index.serialize())!;

    for (const q of ['部署流水线', 'rollback', 'ops', 'sign', 'login', 'pipeline', '日志 rollback']) {
      expect(restored.search({ q })).toEqual(index.search({ q }));
    }
    expect(restored.size).toBe(2);
    expect(ids(restored, 'login')).toEqual([]);
    expect(restored.upsert(item('b', { type: 'pipeline', title: 'Release pipeline', updatedAt: T0 }))).toBe('ignored');
  });

  it('is not read in another format version', async () => {
    const stored = JSON.parse(await indexOf(corpus).serialize()) as { formatVersion: number };
    stored.formatVersion = SEARCH_INDEX_FORMAT_VERSION + 1;

    expect(ProjectSearchIndex.deserialize(JSON.stringify(stored))).toBeUndefined();
  });
});

describe('search index changes', () => {
  it('ignores an event applied twice', () => {
    const index = indexOf([item('a', { title: 'alpha' })]);
    const before = index.search({ q: 'alpha' });

    expect(index.upsert(item('a', { title: 'alpha' }))).toBe('ignored');
    expect(index.search({ q: 'alpha' })).toEqual(before);
  });

  it('replaces an item by a newer version and ignores an older one', () => {
    const index = indexOf([item('a', { title: 'alpha', updatedAt: T1 })]);

    expect(index.upsert(item('a', { title: 'beta', updatedAt: T2 }))).toBe('applied');
    expect(index.upsert(item('a', { title: 'gamma', updatedAt: T0 }))).toBe('ignored');
    expect(ids(index, 'alpha')).toEqual([]);
    expect(ids(index, 'gamma')).toEqual([]);
    expect(ids(index, 'beta')).toEqual(['a']);
    expect(index.size).toBe(1);
  });

  it('keeps a removed item out when an older update arrives late, and lets a newer one in', () => {
    const index = indexOf([item('a', { title: 'alpha', updatedAt: T0 })]);

    expect(index.remove({ type: 'document', id: 'a' }, T1)).toBe('applied');
    expect(index.remove({ type: 'document', id: 'a' }, T1)).toBe('ignored');
    expect(index.upsert(item('a', { title: 'alpha', updatedAt: T0 }))).toBe('ignored');
    expect(ids(index, 'alpha')).toEqual([]);
    expect(index.upsert(item('a', { title: 'alpha', updatedAt: T2 }))).toBe('applied');
    expect(ids(index, 'alpha')).toEqual(['a']);
  });

  it('ignores a removal older than the version it holds', () => {
    const index = indexOf([item('a', { title: 'alpha', updatedAt: T2 })]);

    expect(index.remove({ type: 'document', id: 'a' }, T1)).toBe('ignored');
    expect(ids(index, 'alpha')).toEqual(['a']);
  });

  it('keeps items of the same id and different types apart', () => {
    const index = indexOf([
      item('x', { type: 'document', title: 'alpha' }),
      item('x', { type: 'pipeline', title: 'alpha' }),
    ]);

    index.remove({ type: 'document', id: 'x' }, T1);

    expect(index.search({ q: 'alpha' }).items.map((hit) => hit.type)).toEqual(['pipeline']);
  });

  it('refuses an item of another project', () => {
    expect(() => ProjectSearchIndex.create(PROJECT).upsert({ ...item('a'), projectId: 'p2' })).toThrow();
  });
});
