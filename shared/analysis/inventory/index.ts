/** The inventory: which files are analysed, and why the others are skipped. */
export { buildInventoryRules, classifyFile, DEFAULT_MAX_FILE_BYTES, type InventoryRules } from './classify.ts';
export type { GitattributesFile } from './gitattributes.ts';
