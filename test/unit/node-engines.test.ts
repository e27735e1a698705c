import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is what npm itself checks `engines` with (hoisted here by the CDK CLI and others).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};

/** The Node version the README's prerequisites promise, e.g. "Node.js ≥ 22.12" → 22.12.0. */
function readmeNodeVersion(): string {
  const match = /Prerequisites:.*?Node\.js ≥ (\d+(?:\.\d+){0,2})/s.exec(readme);
  if (!match?.[1]) throw new Error('README prerequisites name no "Node.js ≥ <version>"');
  const [major, minor = '0', patch = '0'] = match[1].split('.');
  return `${major}.${minor}.${patch}`;
}

describe('Node version in the README prerequisites', () => {
  const version = readmeNodeVersion();

  it('is accepted by every installed package that declares engines.node (npm ci prints no EBADENGINE)', () => {
    const refusing = Object.entries(lock.packages)
      .map(([path, entry]) => ({ path, range: Array.isArray(entry.engines) ? undefined : entry.engines?.node }))
      .filter((entry): entry is { path: string; range: string } => entry.range !== undefined)
      .filter(({ range }) => !semver.satisfies(version, range))
      .map(({ path, range }) => `${path || 'trellis'} wants node ${range}`);
    expect(refusing).toEqual([]);
  });

  it('is the oldest Node the project itself declares in package.json engines', () => {
    expect(semver.minVersion(pkg.engines.node)?.version).toBe(version);
  });
});
