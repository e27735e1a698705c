// External dependencies read from the manifests and lockfiles of a snapshot. A lockfile gives
// every package it resolved with its exact version; a dependency is direct when the project's
// own manifest lists it (package.json next to an npm/pnpm/yarn lockfile, pyproject.toml next to
// poetry.lock, go.mod, the workspace members of Cargo.lock). A manifest without a lockfile
// gives its direct dependencies with the version range it declares.
import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { ExternalDependency } from '#shared/analysis/model';

/** A manifest or lockfile: its snapshot path and text. */
export interface ManifestFile {
  path: string;
  text: string;
}

type Ecosystem = ExternalDependency['ecosystem'];
type Reader = (file: ManifestFile, siblings: Map<string, string>) => ExternalDependency[];

const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];
const NPM_DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** The reader for a file name, or undefined for a file that is not a manifest read here. */
function readerFor(path: string): Reader | undefined {
  const name = posix.basename(path);
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return readPackageLock;
  if (name === 'pnpm-lock.yaml') return readPnpmLock;
  if (name === 'yarn.lock') return readYarnLock;
  if (name === 'package.json') return readPackageJson;
  if (/^requirements.*\.txt$/.test(name) || /(^|\/)requirements\/[^/]+\.txt$/.test(path)) return readRequirements;
  if (name === 'poetry.lock') return readPoetryLock;
  if (name === 'go.mod') return readGoMod;
  if (name === 'go.sum') return readGoSum;
  if (name === 'pom.xml') return readPom;
  if (name === 'Cargo.lock') return readCargoLock;
  return undefined;
}

/** Whether readExternalDependencies reads this path (the inventory keeps these files' text for the merge). */
export function isDependencyManifest(path: string): boolean {
  return readerFor(path) !== undefined || posix.basename(path) === 'pyproject.toml';
}

/**
 * The external dependencies of every manifest and lockfile among `files`, each once per
 * (ecosystem, name, version, source file), sorted. Files of other names are ignored; a file
 * that cannot be parsed yields nothing rather than failing the analysis.
 */
export function readExternalDependencies(files: ManifestFile[]): ExternalDependency[] {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const found = new Map<string, ExternalDependency>();
  for (const file of files) {
    const read = readerFor(file.path);
    if (!read) continue;
    let dependencies: ExternalDependency[];
    try {
      dependencies = read(file, byPath);
    } catch {
      continue; // a malformed manifest is the project's problem, not a failed analysis
    }
    for (const dependency of dependencies) {
      const key = [dependency.ecosystem, dependency.name, dependency.version, dependency.source].join('\n');
      const known = found.get(key);
      if (!known || (dependency.direct && !known.direct)) found.set(key, dependency);
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      compare(a.ecosystem, b.ecosystem) ||
      compare(a.name, b.name) ||
      compare(a.version, b.version) ||
      compare(a.source, b.source),
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a file in the same directory, if the snapshot has it. */
function sibling(file: ManifestFile, name: string, siblings: Map<string, string>): string | undefined {
  return siblings.get(posix.join(posix.dirname(file.path), name));
}

function dependency(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  direct: boolean,
  source: string,
): ExternalDependency {
  return { ecosystem, name, version, direct, source };
}

/** The dependency names package.json declares (all four fields), for deciding what is direct. */
function packageJsonNames(text: string | undefined): Set<string> {
  const names = new Set<string>();
  if (text === undefined) return names;
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) return names;
  for (const field of NPM_DEPENDENCY_FIELDS) {
    if (isRecord(parsed[field])) for (const name of Object.keys(parsed[field])) names.add(name);
  }
  return names;
}

/** package.json alone: its declared ranges, when no lockfile next to it resolves them. */
function readPackageJson(file: ManifestFile, siblings: Map<string, string>): ExternalDependency[] {
  if (NPM_LOCKFILES.some((name) => sibling(file, name, siblings) !== undefined)) return [];
  const parsed: unknown = JSON.parse(file.text);
  if (!isRecord(parsed)) return [];
  return NPM_DEPENDENCY_FIELDS.flatMap((field) =>
    isRecord(parsed[field])
      ? Object.entries(parsed[field])
          .filter(([, range]) => typeof range === 'string' && !/^(workspace|file|link):/.test(range))
          .map(([name, range]) => dependency('npm', name, String(range), true, file.path))
      : [],
  );
}

/** package-lock.json: v2/v3 `packages` keyed by install path, or v1's nested `dependencies`. */
function readPackageLock(file: ManifestFile, siblings: Map<string, string>): ExternalDependency[] {
  const lock: unknown = JSON.parse(file.text);
  if (!isRecord(lock)) return [];
  const found: ExternalDependency[] = [];
  if (isRecord(lock.packages)) {
    const root = isRecord(lock.packages['']) ? lock.packages[''] : {};
    const direct = packageJsonNames(JSON.stringify(root));
    for (const [installPath, entry] of Object.entries(lock.packages)) {
      const at = installPath.lastIndexOf('node_modules/');
      if (at === -1 || !isRecord(entry) || entry.link === true || typeof entry.version !== 'string') continue;
      const name = typeof entry.name === 'string' ? entry.name : installPath.slice(at + 'node_modules/'.length);
      // Only the top-level copy of a name is what the manifest asked for; nested copies are transitive.
      const topLevel = at === 0;
      found.push(dependency('npm', name, entry.version, topLevel && direct.has(name), file.path));
    }
    return found;
  }
  const direct = packageJsonNames(sibling(file, 'package.json', siblings));
  const walk = (dependencies: unknown, topLevel: boolean): void => {
    if (!isRecord(dependencies)) return;
    for (const [name, entry] of Object.entries(dependencies)) {
      if (!isRecord(entry) || typeof entry.version !== 'string' || entry.version.startsWith('file:')) continue;
      found.push(dependency('npm', name, entry.version, topLevel && direct.has(name), file.path));
      walk(entry.dependencies, false);
    }
  };
  walk(lock.dependencies, true);
  return found;
}

/**
 * An npm package key of a lockfile: `name@version`, `/name@version` (pnpm v6), `/name/version`
 * (pnpm v5), with peer suffixes `(…)` or `_…` dropped.
 */
function splitNameVersion(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) return { name: bare.slice(0, at), version: bare.slice(at + 1).replace(/_.*$/, '') };
  const slash = bare.lastIndexOf('/');
  return slash > 0 ? { name: bare.slice(0, slash), version: bare.slice(slash + 1).replace(/_.*$/, '') } : undefined;
}

/** pnpm-lock.yaml v5/v6 (`/name@1.0.0` keys) and v9 (`name@1.0.0` keys, `snapshots`). */
function readPnpmLock(file: ManifestFile): ExternalDependency[] {
  const lock: unknown = parseYaml(file.text);
  if (!isRecord(lock)) return [];
  const direct = new Set<string>();
  const importers = isRecord(lock.importers) ? Object.values(lock.importers) : [lock];
  for (const importer of importers) {
    if (!isRecord(importer)) continue;
    for (const field of NPM_DEPENDENCY_FIELDS) {
      if (isRecord(importer[field])) for (const name of Object.keys(importer[field])) direct.add(name);
    }
  }
  const found: ExternalDependency[] = [];
  for (const key of Object.keys(isRecord(lock.packages) ? lock.packages : {})) {
    const parsed = splitNameVersion(key);
    if (!parsed || /^(link|file|workspace):/.test(parsed.version)) continue;
    found.push(dependency('npm', parsed.name, parsed.version, direct.has(parsed.name), file.path));
  }
  return found;
}

/** yarn.lock: classic v1 (its own format) and berry (YAML with `__metadata`). */
function readYarnLock(file: ManifestFile, siblings: Map<string, string>): ExternalDependency[] {
  const direct = packageJsonNames(sibling(file, 'package.json', siblings));
  const entries: { descriptor: string; version: string }[] = [];
  if (/^__metadata:/m.test(file.text)) {
    const lock: unknown = parseYaml(file.text);
    if (!isRecord(lock)) return [];
    for (const [key, entry] of Object.entries(lock)) {
      if (key === '__metadata' || !isRecord(entry) || typeof entry.version !== 'string') continue;
      const resolution = typeof entry.resolution === 'string' ? entry.resolution : key;
      if (/@(workspace|link|portal|file):/.test(resolution)) continue;
      entries.push({ descriptor: key.split(',')[0]!.trim(), version: entry.version });
    }
  } else {
    let descriptor: string | undefined;
    for (const line of file.text.split(/\r?\n/)) {
      if (line.startsWith('#') || line.trim() === '') continue;
      if (!line.startsWith(' ') && line.endsWith(':')) {
        descriptor = line.slice(0, -1).split(',')[0]!.trim().replace(/^"|"$/g, '');
        continue;
      }
      const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
      if (version && descriptor) {
        entries.push({ descriptor, version: version[1]! });
        descriptor = undefined;
      }
    }
  }
  return entries.map(({ descriptor, version }) => {
    const name = descriptor.slice(0, descriptor.indexOf('@', 1));
    return dependency('npm', name, version, direct.has(name), file.path);
  });
}

/**
 * requirements*.txt: each requirement is direct; `name==1.2` gives its version, any other
 * specifier (`>=1`, `~=2.0`) is kept as the range. Options, URLs and editable installs are skipped.
 */
function readRequirements(file: ManifestFile): ExternalDependency[] {
  const found: ExternalDependency[] = [];
  const text = file.text.replace(/\\\r?\n/g, ' ');
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;@]*)/.exec(line);
    if (!match) continue;
    const specifier = match[3]!.trim().split(/\s+--/)[0]!.trim();
    const pinned = /^===?\s*([^,\s]+)$/.exec(specifier);
    found.push(dependency('pypi', normalizePythonName(match[1]!), pinned ? pinned[1]! : specifier, true, file.path));
  }
  return found;
}

/** PEP 503 normalized name, as the purl spec wants for pypi. */
function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** poetry.lock `[[package]]`; direct when pyproject.toml next to it declares the name. */
function readPoetryLock(file: ManifestFile, siblings: Map<string, string>): ExternalDependency[] {
  const lock = parseToml(file.text);
  const direct = new Set<string>();
  const pyproject = sibling(file, 'pyproject.toml', siblings);
  if (pyproject !== undefined) {
    const manifest = parseToml(pyproject);
    const poetry = isRecord(manifest.tool) && isRecord(manifest.tool.poetry) ? manifest.tool.poetry : {};
    const tables = [poetry.dependencies, poetry['dev-dependencies']];
    if (isRecord(poetry.group)) {
      for (const group of Object.values(poetry.group)) if (isRecord(group)) tables.push(group.dependencies);
    }
    for (const table of tables) if (isRecord(table)) for (const name of Object.keys(table)) direct.add(name);
    const project = isRecord(manifest.project) ? manifest.project : {};
    for (const requirement of Array.isArray(project.dependencies) ? project.dependencies : []) {
      const name = typeof requirement === 'string' ? /^[A-Za-z0-9._-]+/.exec(requirement)?.[0] : undefined;
      if (name) direct.add(name);
    }
  }
  const directNames = new Set([...direct].map(normalizePythonName));
  const packages = Array.isArray(lock.package) ? lock.package : [];
  return packages.flatMap((entry) => {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') return [];
    const name = normalizePythonName(entry.name);
    return [dependency('pypi', name, entry.version, directNames.has(name), file.path)];
  });
}

/** go.mod `require` lines and blocks; `// indirect` marks a transitive requirement. */
function readGoMod(file: ManifestFile): ExternalDependency[] {
  const found: ExternalDependency[] = [];
  let inBlock = false;
  for (const raw of file.text.split(/\r?\n/)) {
    const line = raw.trim();
    let requirement: string | undefined;
    if (inBlock) {
      if (line.startsWith(')')) inBlock = false;
      else requirement = line;
    } else if (/^require\s*\(/.test(line)) inBlock = true;
    else if (line.startsWith('require ')) requirement = line.slice('require '.length);
    if (!requirement) continue;
    const match = /^"?([^\s"]+)"?\s+(v[^\s]+)/.exec(requirement);
    if (match) found.push(dependency('golang', match[1]!, match[2]!, !/\/\/\s*indirect/.test(requirement), file.path));
  }
  return found;
}

/**
 * go.sum: the modules whose source (not only their go.mod) was checksummed and that go.mod does
 * not require itself — transitive dependencies of the build.
 */
function readGoSum(file: ManifestFile, siblings: Map<string, string>): ExternalDependency[] {
  const goMod = sibling(file, 'go.mod', siblings);
  const required = new Set(
    goMod === undefined ? [] : readGoMod({ path: '', text: goMod }).map((entry) => `${entry.name}@${entry.version}`),
  );
  const found: ExternalDependency[] = [];
  for (const line of file.text.split(/\r?\n/)) {
    const [module, version] = line.trim().split(/\s+/);
    if (!module || !version || version.endsWith('/go.mod') || required.has(`${module}@${version}`)) continue;
    found.push(dependency('golang', module, version, false, file.path));
  }
  return found;
}

/**
 * pom.xml `<dependencies>` of the project (not dependencyManagement, not plugins): all direct,
 * named `groupId:artifactId`, `${property}` versions replaced from `<properties>`. A DOCTYPE is
 * refused (no entity is ever expanded).
 */
function readPom(file: ManifestFile): ExternalDependency[] {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: string[] = [];
  const properties = new Map<string, string>();
  const dependencies: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  let text = '';
  parser.on('doctype', () => {
    throw new Error('DOCTYPE in pom.xml');
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    text = '';
    if (tag.name === 'dependency' && stack.join('/') === 'project/dependencies/dependency') current = {};
  });
  parser.on('text', (value) => {
    text += value;
  });
  parser.on('closetag', (tag) => {
    const path = stack.join('/');
    if (current && stack.length === 4 && path.startsWith('project/dependencies/dependency/')) {
      current[tag.name] = text.trim();
    } else if (stack.length === 3 && stack[1] === 'properties') properties.set(tag.name, text.trim());
    else if (path === 'project/version' || path === 'project/groupId')
      properties.set(`project.${tag.name}`, text.trim());
    else if (path === 'project/parent/version' && !properties.has('project.version')) {
      properties.set('project.version', text.trim());
    }
    if (path === 'project/dependencies/dependency' && current) {
      dependencies.push(current);
      current = undefined;
    }
    stack.pop();
    text = '';
  });
  parser.write(file.text).close();
  const substitute = (value: string): string =>
    value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
  return dependencies
    .filter((entry) => entry.groupId && entry.artifactId)
    .map((entry) =>
      dependency(
        'maven',
        `${substitute(entry.groupId!)}:${substitute(entry.artifactId!)}`,
        substitute(entry.version ?? ''),
        true,
        file.path,
      ),
    );
}

/**
 * Cargo.lock `[[package]]`: packages without `source` are the workspace's own crates (not
 * external); what they depend on is direct, everything else transitive.
 */
function readCargoLock(file: ManifestFile): ExternalDependency[] {
  const lock = parseToml(file.text);
  const packages = (Array.isArray(lock.package) ? lock.package : []).flatMap((entry) =>
    isRecord(entry) ? [entry] : [],
  );
  const direct = new Set<string>();
  for (const entry of packages) {
    if (entry.source !== undefined || !Array.isArray(entry.dependencies)) continue;
    for (const reference of entry.dependencies) {
      if (typeof reference !== 'string') continue;
      const [name, version] = reference.split(' ');
      direct.add(version ? `${name} ${version}` : `${name}`);
    }
  }
  return packages.flatMap((entry) => {
    if (entry.source === undefined || typeof entry.name !== 'string' || typeof entry.version !== 'string') return [];
    const isDirect = direct.has(entry.name) || direct.has(`${entry.name} ${entry.version}`);
    return [dependency('cargo', entry.name, entry.version, isDirect, file.path)];
  });
}
