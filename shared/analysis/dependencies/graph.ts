// The merge step of the dependency analysis: resolves the specifiers that extractImports read
// in each batch to files of the whole snapshot, and finds the import cycles. Pure: the caller
// hands in every analysed file with its imports and the text of the configuration files that
// steer resolution (tsconfig.json, package.json, go.mod). Resolution rules per language are in
// docs/analysis.md, "Dependencies".
import { posix } from 'node:path';
import { parseTolerantJson } from '#shared/analysis/dependencies/tolerant-json';
import type { DependencyCycle, ImportGraph, ImportSpecifier, LanguageName } from '#shared/analysis/model';

/** One analysed source file with the specifiers extractImports found in it. */
export interface ImportGraphFile {
  path: string;
  language: LanguageName;
  imports: ImportSpecifier[];
}

/** A configuration file of the snapshot: its path and text. */
export interface ConfigFile {
  path: string;
  text: string;
}

/** The configuration files that steer resolution, wherever they are in the snapshot. */
export interface ImportGraphConfig {
  tsconfigs: ConfigFile[];
  packageJsons: ConfigFile[];
  goMods: ConfigFile[];
}

/** What one specifier resolves to: snapshot nodes, or why none. */
type Resolution = { kind: 'internal'; targets: string[] } | { kind: 'unresolved' } | { kind: 'external' };

const JS_LANGUAGES = new Set(['JavaScript', 'TypeScript', 'TSX']);
/** Tried in this order after the specifier as written, as TypeScript's bundler resolution does. */
const JS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** `.js` written for a `.ts` file (TypeScript ESM), and the like for the module variants. */
const TS_SOURCE_FOR: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
};
/** Condition names of package.json `imports`, in the order a TypeScript/Node resolver would pick them. */
const CONDITIONS = ['types', 'import', 'node', 'require', 'default'];
/**
 * Work (nodes visited) spent on one component's example cycle. A breadth-first search from every
 * node finds the shortest cycle; past this budget (huge components) the shortest found so far is kept.
 */
const MAX_CYCLE_SEARCH_STEPS = 2_000_000;

/**
 * Resolves every file's imports to files of the snapshot. Nodes are the files of the languages
 * resolved here (JavaScript, TypeScript, TSX, Python, Java) and the Go packages (directories);
 * edges are deduplicated; specifiers counted as unresolved or external (see ImportGraph).
 */
export function buildImportGraph(files: ImportGraphFile[], config: ImportGraphConfig): ImportGraph {
  const resolver = new SnapshotResolver(files, config);
  const nodes = new Set<string>();
  const edges = new Map<string, { from: string; to: string }>();
  let unresolved = 0;
  let external = 0;
  for (const file of files) {
    const from = resolver.nodeOf(file);
    if (from === undefined) continue;
    nodes.add(from);
    // An external test package (x_test) may import what imports x; Go builds it apart from the package graph.
    if (file.language === 'Go' && file.path.endsWith('_test.go')) continue;
    for (const { specifier } of file.imports) {
      const resolution = resolver.resolve(file, specifier);
      if (resolution.kind === 'unresolved') unresolved++;
      else if (resolution.kind === 'external') external++;
      else {
        for (const to of resolution.targets) {
          if (file.language === 'Go' && to === from) continue;
          edges.set(`${from}\n${to}`, { from, to });
        }
      }
    }
  }
  const sortedEdges = [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  return { nodes: [...nodes].sort(compare), edges: sortedEdges, unresolved, external };
}

/**
 * The import cycles: each strongly connected component with two or more nodes, and each node
 * that imports itself, with one shortest cycle through it. Iterative (Tarjan), so a deep graph
 * cannot overflow the stack. Sorted by the component's first node.
 */
export function findCycles(graph: ImportGraph): DependencyCycle[] {
  const indexOf = new Map(graph.nodes.map((node, index) => [node, index]));
  const successors: number[][] = graph.nodes.map(() => []);
  const selfImports = new Set<number>();
  for (const { from, to } of graph.edges) {
    const a = indexOf.get(from);
    const b = indexOf.get(to);
    if (a === undefined || b === undefined) continue;
    if (a === b) selfImports.add(a);
    else successors[a]!.push(b);
  }
  for (const list of successors) list.sort((x, y) => x - y);
  const cycles: DependencyCycle[] = [];
  for (const component of stronglyConnectedComponents(successors)) {
    if (component.length === 1 && !selfImports.has(component[0]!)) continue;
    component.sort((x, y) => x - y);
    const example = component.length === 1 ? component : shortestCycle(component, successors);
    cycles.push({
      nodes: component.map((index) => graph.nodes[index]!),
      example: example.map((index) => graph.nodes[index]!),
    });
  }
  return cycles.sort((a, b) => compare(a.nodes[0]!, b.nodes[0]!));
}

/** Tarjan's algorithm with an explicit stack of (node, next successor) frames. */
function stronglyConnectedComponents(successors: number[][]): number[][] {
  const count = successors.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const frameNodes = [root];
    const frameNext = [0];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameNodes.length > 0) {
      const top = frameNodes.length - 1;
      const node = frameNodes[top]!;
      const next = successors[node]![frameNext[top]!];
      if (next !== undefined) {
        frameNext[top]!++;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          frameNodes.push(next);
          frameNext.push(0);
        } else if (onStack[next]) low[node] = Math.min(low[node]!, order[next]!);
        continue;
      }
      frameNodes.pop();
      frameNext.pop();
      const parent = frameNodes.at(-1);
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[node]!);
      if (low[node] === order[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest cycle inside one component: a breadth-first search back to each start node. */
function shortestCycle(component: number[], successors: number[][]): number[] {
  const members = new Set(component);
  let best: number[] | undefined;
  let steps = 0;
  for (const start of component) {
    if (best && steps > MAX_CYCLE_SEARCH_STEPS) break;
    const parent = new Map<number, number>([[start, -1]]);
    const queue = [start];
    let found: number[] | undefined;
    for (let head = 0; head < queue.length && !found; head++) {
      const node = queue[head]!;
      for (const next of successors[node]!) {
        if (next === start) {
          found = [];
          for (let at = node; at !== -1; at = parent.get(at)!) found.push(at);
          found.reverse();
          break;
        }
        if (!members.has(next) || parent.has(next)) continue;
        parent.set(next, node);
        queue.push(next);
      }
    }
    steps += queue.length;
    if (found && (!best || found.length < best.length)) best = found;
    if (best?.length === 2) break;
  }
  return best ?? component;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ancestor directories of a snapshot path, nearest first, ending with `.` (the root). */
function ancestors(path: string): string[] {
  const dirs: string[] = [];
  let dir = posix.dirname(path);
  for (;;) {
    dirs.push(dir);
    if (dir === '.' || dir === '/' || dir === '') return dirs;
    dir = posix.dirname(dir);
  }
}

const joinPath = (dir: string, relative: string): string => posix.normalize(posix.join(dir, relative));

/** The entries of a directory's configuration file, keyed by directory. */
function byDirectory<T>(files: ConfigFile[], read: (file: ConfigFile) => T | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const file of files) {
    const value = read(file);
    if (value !== undefined) map.set(posix.dirname(file.path), value);
  }
  return map;
}

/** The value of the nearest ancestor directory's entry. */
function nearest<T>(map: Map<string, T>, path: string): T | undefined {
  for (const dir of ancestors(path)) {
    const value = map.get(dir);
    if (value !== undefined) return value;
  }
  return undefined;
}

interface TsPaths {
  /** Directory `paths` targets are relative to: baseUrl, or the tsconfig's own directory. */
  pathsBase: string;
  paths: [pattern: string, targets: string[]][];
  baseUrl?: string;
}

interface PackageInfo {
  dir: string;
  name?: string;
  imports?: Record<string, unknown>;
  entries: string[];
}

interface GoModule {
  dir: string;
  module: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads tsconfig `compilerOptions.baseUrl`/`paths`, following `extends` to files of the snapshot. */
function readTsPaths(path: string, texts: Map<string, string>, seen = new Set<string>()): TsPaths | undefined {
  const text = texts.get(path);
  if (text === undefined || seen.has(path)) return undefined;
  seen.add(path);
  const parsed = parseTolerantJson(text);
  if (!isRecord(parsed)) return undefined;
  const dir = posix.dirname(path);
  const extended = typeof parsed.extends === 'string' && parsed.extends.startsWith('.') ? parsed.extends : undefined;
  const base = extended
    ? readTsPaths(joinPath(dir, extended.endsWith('.json') ? extended : `${extended}.json`), texts, seen)
    : undefined;
  const options = isRecord(parsed.compilerOptions) ? parsed.compilerOptions : {};
  const baseUrl = typeof options.baseUrl === 'string' ? joinPath(dir, options.baseUrl) : base?.baseUrl;
  const ownPaths = isRecord(options.paths)
    ? Object.entries(options.paths).map(([pattern, targets]): [string, string[]] => [
        pattern,
        Array.isArray(targets) ? targets.filter((t) => typeof t === 'string') : [],
      ])
    : undefined;
  if (ownPaths) return { pathsBase: baseUrl ?? dir, paths: ownPaths, baseUrl };
  if (base) return { ...base, baseUrl };
  return { pathsBase: dir, paths: [], baseUrl };
}

function readPackageJson(file: ConfigFile): PackageInfo | undefined {
  const parsed = parseTolerantJson(file.text);
  if (!isRecord(parsed)) return undefined;
  const entries = ['types', 'typings', 'module', 'main', 'source'].flatMap((field) =>
    typeof parsed[field] === 'string' ? [parsed[field] as string] : [],
  );
  return {
    dir: posix.dirname(file.path),
    name: typeof parsed.name === 'string' ? parsed.name : undefined,
    imports: isRecord(parsed.imports) ? parsed.imports : undefined,
    entries,
  };
}

function readGoMod(file: ConfigFile): GoModule | undefined {
  const match = /^\s*module\s+"?([^\s"]+)"?/m.exec(file.text);
  return match ? { dir: posix.dirname(file.path), module: match[1]! } : undefined;
}

/** Matches `pattern` (at most one `*`) against `specifier`; the text the `*` stands for, or undefined. */
function matchStar(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (specifier.length < prefix.length + suffix.length) return undefined;
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix)) return undefined;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** The string target of a package.json `imports` entry, choosing among conditions. */
function conditionalTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return conditionalTarget(value[0]);
  if (!isRecord(value)) return undefined;
  for (const condition of CONDITIONS) {
    if (condition in value) return conditionalTarget(value[condition]);
  }
  return undefined;
}

/** The candidates a JS/TS import of `base` may name, in resolution order. */
function jsCandidates(base: string): string[] {
  const candidates = [base];
  const extension = posix.extname(base);
  for (const replacement of TS_SOURCE_FOR[extension] ?? []) {
    candidates.push(base.slice(0, -extension.length) + replacement);
  }
  for (const added of JS_EXTENSIONS) candidates.push(base + added);
  for (const added of JS_EXTENSIONS) candidates.push(`${base}/index${added}`);
  return candidates;
}

/** Snapshot-wide indexes and the resolution rules per language. */
class SnapshotResolver {
  private readonly paths: Set<string>;
  private readonly tsPaths: Map<string, TsPaths>;
  private readonly packages: Map<string, PackageInfo>;
  private readonly packagesByName = new Map<string, PackageInfo>();
  private readonly goModules: GoModule[];
  private readonly goPackages = new Set<string>();
  private readonly pythonPackageDirs = new Set<string>();
  /** Dotted module name (from its package root, and from the snapshot root) → files. */
  private readonly pythonModules = new Map<string, string[]>();
  /** Java class path without `.java` (`a/b/C`) by simple name → files. */
  private readonly javaClasses = new Map<string, string[]>();
  private readonly javaDirs = new Set<string>();

  constructor(files: ImportGraphFile[], config: ImportGraphConfig) {
    this.paths = new Set(files.map((file) => file.path));
    const tsconfigTexts = new Map(config.tsconfigs.map((file) => [file.path, file.text]));
    this.tsPaths = byDirectory(config.tsconfigs, (file) => readTsPaths(file.path, tsconfigTexts));
    this.packages = byDirectory(config.packageJsons, readPackageJson);
    for (const info of this.packages.values()) if (info.name) this.packagesByName.set(info.name, info);
    this.goModules = [...byDirectory(config.goMods, readGoMod).values()].sort(
      (a, b) => b.module.length - a.module.length,
    );
    for (const file of files) {
      if (file.language === 'Go') this.goPackages.add(posix.dirname(file.path));
      if (file.language === 'Python' && /\/?__init__\.pyi?$/.test(file.path)) {
        this.pythonPackageDirs.add(posix.dirname(file.path));
      }
    }
    for (const file of files) {
      if (file.language === 'Python') this.indexPython(file.path);
      if (file.language === 'Java') this.indexJava(file.path);
    }
  }

  /** The graph node of a file: itself, its Go package, or undefined for a language not resolved here. */
  nodeOf(file: ImportGraphFile): string | undefined {
    if (file.language === 'Go') return posix.dirname(file.path);
    if (JS_LANGUAGES.has(file.language) || file.language === 'Python' || file.language === 'Java') return file.path;
    return undefined;
  }

  resolve(file: ImportGraphFile, specifier: string): Resolution {
    if (JS_LANGUAGES.has(file.language)) return this.resolveJs(file.path, specifier);
    if (file.language === 'Python') return this.resolvePython(file.path, specifier);
    if (file.language === 'Go') return this.resolveGo(specifier);
    if (file.language === 'Java') return this.resolveJava(specifier);
    return { kind: 'external' };
  }

  private firstExisting(candidates: string[]): Resolution | undefined {
    const found = candidates.find((candidate) => this.paths.has(candidate));
    return found === undefined ? undefined : { kind: 'internal', targets: [found] };
  }

  private resolveJs(from: string, specifier: string): Resolution {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.firstExisting(jsCandidates(joinPath(posix.dirname(from), specifier))) ?? { kind: 'unresolved' };
    }
    if (specifier.startsWith('#')) return this.resolvePackageImport(from, specifier);
    const tsconfig = nearest(this.tsPaths, from);
    if (tsconfig) {
      const aliased = this.resolveTsPaths(tsconfig, specifier);
      if (aliased) return aliased;
    }
    return this.resolveWorkspacePackage(specifier) ?? { kind: 'external' };
  }

  /** tsconfig `paths` (longest prefix first, like TypeScript), then `baseUrl`. */
  private resolveTsPaths(tsconfig: TsPaths, specifier: string): Resolution | undefined {
    const matches = tsconfig.paths
      .map(([pattern, targets]) => ({ pattern, targets, star: matchStar(pattern, specifier) }))
      .filter((match) => match.star !== undefined)
      .sort((a, b) => b.pattern.indexOf('*') - a.pattern.indexOf('*'));
    for (const { targets, star } of matches) {
      for (const target of targets) {
        const found = this.firstExisting(jsCandidates(joinPath(tsconfig.pathsBase, target.replace('*', star!))));
        if (found) return found;
      }
    }
    if (tsconfig.baseUrl !== undefined) {
      const found = this.firstExisting(jsCandidates(joinPath(tsconfig.baseUrl, specifier)));
      if (found) return found;
    }
    // An alias that names the project (not a catch-all `*`) and matches no file is a broken import.
    return matches.some((match) => match.pattern !== '*') ? { kind: 'unresolved' } : undefined;
  }

  /** package.json `imports` (`#x/*`) of the nearest package.json that has them. */
  private resolvePackageImport(from: string, specifier: string): Resolution {
    for (const dir of ancestors(from)) {
      const info = this.packages.get(dir);
      if (!info?.imports) continue;
      for (const [pattern, value] of Object.entries(info.imports)) {
        const star = matchStar(pattern, specifier);
        const target = star === undefined ? undefined : conditionalTarget(value);
        if (target === undefined || star === undefined) continue;
        const resolved = this.firstExisting(jsCandidates(joinPath(info.dir, target.replaceAll('*', star))));
        if (resolved) return resolved;
      }
      return { kind: 'unresolved' };
    }
    return { kind: 'unresolved' };
  }

  /** A package of the snapshot imported by its package.json `name` (a workspace of a monorepo). */
  private resolveWorkspacePackage(specifier: string): Resolution | undefined {
    const segments = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const info = this.packagesByName.get(segments.slice(0, nameLength).join('/'));
    if (!info) return undefined;
    const subpath = segments.slice(nameLength).join('/');
    const candidates = subpath
      ? jsCandidates(joinPath(info.dir, subpath))
      : [...info.entries.flatMap((entry) => jsCandidates(joinPath(info.dir, entry))), ...jsCandidates(info.dir)];
    return this.firstExisting(candidates) ?? { kind: 'unresolved' };
  }

  private indexPython(path: string): void {
    const match = /^(.*?)(?:\/__init__)?\.pyi?$/.exec(path);
    if (!match) return;
    const modulePath = match[1]!;
    // The package root: walk up while the directory is a package (has __init__.py).
    let root = posix.dirname(
      path.endsWith('__init__.py') || path.endsWith('__init__.pyi') ? posix.dirname(path) : path,
    );
    while (root !== '.' && this.pythonPackageDirs.has(root)) root = posix.dirname(root);
    const fromRoot = root === '.' ? modulePath : modulePath.slice(root.length + 1);
    for (const name of new Set([fromRoot, modulePath])) {
      if (!name) continue;
      const key = name.replaceAll('/', '.');
      const list = this.pythonModules.get(key) ?? [];
      list.push(path);
      this.pythonModules.set(key, list);
    }
  }

  /** Dotted module names: the name itself, else its parent (a `from X import name` of an attribute). */
  private resolvePython(from: string, specifier: string): Resolution {
    const level = /^\.*/.exec(specifier)![0].length;
    const dotted = specifier.slice(level);
    const names = dotted ? [dotted, dotted.split('.').slice(0, -1).join('.')] : [''];
    if (level > 0) {
      let dir = posix.dirname(from);
      for (let up = 1; up < level; up++) dir = posix.dirname(dir);
      for (const name of names) {
        const base = name ? joinPath(dir, name.replaceAll('.', '/')) : dir;
        const found = this.firstExisting(
          name ? [`${base}.py`, `${base}.pyi`, `${base}/__init__.py`, `${base}/__init__.pyi`] : [`${base}/__init__.py`],
        );
        if (found) return found;
      }
      return { kind: 'unresolved' };
    }
    for (const name of names) {
      const candidates = name ? this.pythonModules.get(name) : undefined;
      if (candidates) return { kind: 'internal', targets: [closestTo(from, candidates)] };
    }
    return { kind: 'external' };
  }

  /** An import path inside a module of the snapshot (longest module path first) is that package's directory. */
  private resolveGo(specifier: string): Resolution {
    const owner = this.goModules.find(
      (module) => specifier === module.module || specifier.startsWith(`${module.module}/`),
    );
    if (!owner) return { kind: 'external' };
    const dir = joinPath(owner.dir, specifier.slice(owner.module.length + 1) || '.');
    return this.goPackages.has(dir) ? { kind: 'internal', targets: [dir] } : { kind: 'unresolved' };
  }

  private indexJava(path: string): void {
    const key = path.slice(0, -'.java'.length);
    const simpleName = posix.basename(key);
    const list = this.javaClasses.get(simpleName) ?? [];
    list.push(path);
    this.javaClasses.set(simpleName, list);
    this.javaDirs.add(posix.dirname(path));
  }

  /**
   * A class `a.b.C` is the file whose path ends with `a/b/C.java` (its source root is wherever
   * that directory chain starts, as javac's package layout has it); `a.b.C.m` (static) and
   * `a.b.C.Inner` fall back to `a.b.C`. A wildcard names a package: resolved, but no edge.
   */
  private resolveJava(specifier: string): Resolution {
    const segments = specifier.split('.');
    if (segments.at(-1) === '*') {
      const packagePath = segments.slice(0, -1).join('/');
      const classFile = this.findJavaClass(segments.slice(0, -1));
      if (classFile) return { kind: 'internal', targets: [classFile] };
      for (const dir of this.javaDirs) {
        if (dir === packagePath || dir.endsWith(`/${packagePath}`)) return { kind: 'internal', targets: [] };
      }
      return { kind: 'external' };
    }
    for (let length = segments.length; length >= Math.max(1, segments.length - 2); length--) {
      const found = this.findJavaClass(segments.slice(0, length));
      if (found) return { kind: 'internal', targets: [found] };
    }
    return { kind: 'external' };
  }

  private findJavaClass(segments: string[]): string | undefined {
    const candidates = this.javaClasses.get(segments.at(-1) ?? '');
    if (!candidates) return undefined;
    const suffix = `${segments.join('/')}.java`;
    return candidates.find((path) => path === suffix || path.endsWith(`/${suffix}`));
  }
}

/** Of several files, the one sharing the longest directory prefix with `from` (then the first by name). */
function closestTo(from: string, candidates: string[]): string {
  let best = candidates[0]!;
  let bestShared = -1;
  for (const candidate of [...candidates].sort(compare)) {
    let shared = 0;
    while (shared < from.length && from[shared] === candidate[shared]) shared++;
    if (shared > bestShared) {
      best = candidate;
      bestShared = shared;
    }
  }
  return best;
}
