import { describe, expect, it } from 'vitest';
import { itemSizeBytes } from '#shared/data/item-size';

describe('itemSizeBytes (DynamoDB item size rules)', () => {
  it('counts attribute names and UTF-8 string bytes', () => {
    expect(itemSizeBytes({ PK: 'PROJECT#1', name: 'Zoë' })).toBe(2 + 9 + 4 + 4);
  });

  it('counts numbers by significant digits (1 byte per two, plus 1), booleans and nulls as 1', () => {
    expect(itemSizeBytes({ n: 7, big: 123456789, f: 0.25, t: true, z: null })).toBe(
      1 + 2 + (3 + 6) + (1 + 2) + (1 + 1) + (1 + 1),
    );
  });

  it('adds 3 bytes per list or map and 1 per element, plus map keys', () => {
    // list: 3 + 2 elements + 'a' + 'bc'; map: 3 + (1 + 'k'.length) + 'v'
    expect(itemSizeBytes({ l: ['a', 'bc'], m: { k: 'v' } })).toBe(1 + (3 + 2 + 1 + 2) + 1 + (3 + 1 + 1 + 1));
  });

  it('ignores undefined attributes, as the document client removes them', () => {
    expect(itemSizeBytes({ a: 'x', b: undefined })).toBe(2);
  });

  it('walks deeply nested values without overflowing the stack', () => {
    let nested: unknown = 'leaf';
    for (let depth = 0; depth < 100_000; depth++) nested = [nested];
    expect(itemSizeBytes({ d: nested })).toBe(1 + 100_000 * 4 + 4);
  });
});
