// How a route names a document: its id (a ULID) or `<project key>-<number>` (`DE-12`). Pure.

/** A document reference, parsed: by id, or by number with the project key it was written with. */
export type ParsedDocumentRef = { kind: 'id'; id: string } | { kind: 'number'; projectKey: string; number: number };

const ULID = /^[0-9a-z]{26}$/;
const NUMBERED = /^([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,8})$/;

/** `01jq…` → by id; `DE-12` / `de-12` → by number (key upper-cased); anything else → undefined. */
export function parseDocumentRef(ref: string): ParsedDocumentRef | undefined {
  if (ULID.test(ref)) return { kind: 'id', id: ref };
  const match = NUMBERED.exec(ref);
  if (!match) return undefined;
  return { kind: 'number', projectKey: match[1]!.toUpperCase(), number: Number(match[2]) };
}

/** The name a document shows: `<project key>-<number>` (`DE-12`). */
export function documentDisplayKey(projectKey: string, number: number): string {
  return `${projectKey.toUpperCase()}-${number}`;
}

/** Whether a reference by number names a document of the project whose key is `projectKey` (letter case ignored). */
export function refersToProject(ref: ParsedDocumentRef, projectKey: string): boolean {
  return ref.kind === 'id' || ref.projectKey === projectKey.toUpperCase();
}
