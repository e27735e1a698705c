// Where a project's search index lives in the artifacts bucket (docs/search.md, "Index layout").

/** The object holding a project's index: the gzipped JSON of `ProjectSearchIndex.serialize()`. */
export function searchIndexKey(projectId: string): string {
  return `search/${projectId}/index.json.gz`;
}
