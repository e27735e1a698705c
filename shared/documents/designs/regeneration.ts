import { createHash } from 'node:crypto';
import type { GeneratedCaseSource } from '#shared/documents/openapi/test-generation';

// Which generated test cases to create, update or leave alone when a design's tests are
// generated again. A case remembers (in its marker) the fingerprint of what was generated for
// it; when its current content no longer has that fingerprint, someone edited it by hand and
// it is never touched again. Pure: the command reads the markers and cases and applies the plan.

/** The parts of a test case a person can edit, fingerprinted to tell generated content from hand edits. */
export interface CaseContent {
  name: string;
  tags: readonly string[];
  spec: unknown;
}

/** SHA-256 (hex) of the content as canonical JSON: object keys sorted, tags as a sorted set. */
export function caseFingerprint(content: CaseContent): string {
  const canonical = canonicalJson({ name: content.name, tags: [...new Set(content.tags)].sort(), spec: content.spec });
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys in code-point order, so a stored map read back in another order fingerprints the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What identifies a generated case across versions of the design: the operation's method and
 * path as written, and the documented status (an operationId may be renamed, the route it
 * tests is the same).
 */
export function sourceKey(source: Pick<GeneratedCaseSource, 'method' | 'path' | 'status'>): string {
  return `${source.method} ${source.path} ${source.status}`;
}

/** What was generated for one case last time (the marker), and the case as it is now (absent when deleted). */
export interface GeneratedCaseState {
  caseId: string;
  /** Fingerprint of the content generated last time. */
  fingerprint: string;
  /** The case's current content and version; undefined when the case no longer exists. */
  current?: CaseContent & { version: number };
}

/** A case the design yields now. */
export interface WantedCase<T> {
  key: string;
  content: CaseContent;
  payload: T;
}

export type RegenerationStep<T> =
  | { action: 'create'; key: string; fingerprint: string; payload: T }
  | { action: 'update'; key: string; fingerprint: string; payload: T; caseId: string; expectedVersion: number }
  | { action: 'unchanged'; key: string; payload: T; caseId: string }
  | { action: 'skippedEdited'; key: string; payload: T; caseId: string };

/**
 * One step per wanted case: `create` when none was generated for its key (or the generated one
 * was deleted), `skippedEdited` when the case's content is no longer what was generated,
 * `unchanged` when the design yields the same content again, `update` otherwise (guarded by the
 * case's version, so an edit racing the update wins).
 */
export function planRegeneration<T>(
  wanted: readonly WantedCase<T>[],
  existing: ReadonlyMap<string, GeneratedCaseState>,
): RegenerationStep<T>[] {
  return wanted.map(({ key, content, payload }) => {
    const fingerprint = caseFingerprint(content);
    const state = existing.get(key);
    if (state?.current === undefined) return { action: 'create', key, fingerprint, payload };
    if (caseFingerprint(state.current) !== state.fingerprint) {
      return { action: 'skippedEdited', key, payload, caseId: state.caseId };
    }
    if (fingerprint === state.fingerprint) return { action: 'unchanged', key, payload, caseId: state.caseId };
    return {
      action: 'update',
      key,
      fingerprint,
      payload,
      caseId: state.caseId,
      expectedVersion: state.current.version,
    };
  });
}
