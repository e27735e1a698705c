/** `"3"`, `W/"3"` or `3` from an If-Match header → 3; anything else can never match. */
export function parseVersionTag(tag: string): number {
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(tag.trim());
  return match ? Number(match[1]) : -1;
}
