/**
 * The shapes the code-analysis engine passes between its stages (inventory → batches → merge → gate).
 * Internal data, not the API's schemas (those are in shared/schemas/analyses.ts): each stage's module
 * produces or consumes these, so the stages can be built and tested apart.
 */

/** A language by its GitHub Linguist name (`linguist-languages`), e.g. `TypeScript`, `C++`, `Shell`. */
export type LanguageName = string;

/** Why a file of the snapshot is not analysed; counted apart in the summary. */
export type SkipReason =
  | 'vendored'
  | 'generated'
  | 'minified'
  | 'binary'
  | 'excluded'
  | 'unknown_language'
  | 'too_large';

/** What the inventory decides about one file. */
export type FileClassification =
  | { kind: 'source'; language: LanguageName }
  | { kind: 'skipped'; reason: SkipReason; language?: LanguageName };

/** Physical lines of one file, counted the way cloc 1.96 counts them. */
export interface LineCounts {
  code: number;
  comment: number;
  blank: number;
}

/** One function (method, lambda, closure) found by the syntax tree. Lines are 1-based, inclusive. */
export interface FunctionMetrics {
  /** Qualified where the language has a container (`Class.method`), `<anonymous>` when unnamed. */
  name: string;
  startLine: number;
  endLine: number;
  parameters: number;
  /** endLine − startLine + 1. */
  length: number;
  /** McCabe: 1 + decision points (rules per language in shared/analysis/functions/). */
  cyclomatic: number;
  /** SonarSource cognitive complexity. */
  cognitive: number;
}

/** A file-level line range (1-based, inclusive) in a snapshot path. */
export interface CodeLocation {
  path: string;
  startLine: number;
  endLine: number;
}

/** An external dependency read from a manifest or lockfile. */
export interface ExternalDependency {
  /** purl type: npm, pypi, golang, maven, cargo. */
  ecosystem: 'npm' | 'pypi' | 'golang' | 'maven' | 'cargo';
  name: string;
  /** Resolved version when a lockfile gives it; the manifest's range otherwise. */
  version: string;
  direct: boolean;
  /** The manifest or lockfile it was read from. */
  source: string;
}

/** Line coverage of one file from a CI coverage report. */
export interface FileCoverage {
  path: string;
  /** Line number → hit count, for the lines the report instruments. */
  lines: Map<number, number>;
}

/** One import of a source file as written there, with the 1-based line of its statement. */
export interface ImportSpecifier {
  specifier: string;
  line: number;
}

/**
 * The internal import graph of a snapshot. A node is a snapshot path, except for Go, where a
 * node is a package: its directory (`.` for the root). Edges are deduplicated.
 */
export interface ImportGraph {
  nodes: string[];
  edges: { from: string; to: string }[];
  /** Specifiers that name a file of the snapshot (relative, aliased, in-module) but match none. */
  unresolved: number;
  /** Specifiers of packages from outside the snapshot (npm packages, the standard library, …). */
  external: number;
}

/** A strongly connected component of the import graph with two or more nodes, or a node that imports itself. */
export interface DependencyCycle {
  /** The component's nodes, sorted. */
  nodes: string[];
  /** One shortest cycle through the component: each node imports the next, the last imports the first. */
  example: string[];
}
