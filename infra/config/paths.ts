import { resolve } from 'node:path';

/**
 * The repository's root folder (no trailing slash). Handler paths in the route table and
 * event rules, ASL files and the lock file are relative to it: CDK, local mode, benchmarks
 * and tests resolve them from this one constant.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
