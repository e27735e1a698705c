/** What search can find. Dependency-free, so request schemas can name it without the index engine. */
export const SEARCH_ITEM_TYPES = [
  'document',
  'testCase',
  'testSuite',
  'pipeline',
  'environment',
  'deployment',
  'analysis',
] as const;
export type SearchItemType = (typeof SEARCH_ITEM_TYPES)[number];
