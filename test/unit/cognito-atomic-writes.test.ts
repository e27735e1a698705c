import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SHIM = fileURLToPath(new URL('../../scripts/local/cognito-atomic-writes.cjs', import.meta.url));

// What cognito-local's StormDB does on every change: rewrite the whole store with an async
// fs.writeFile, without waiting for the previous write. Sizes differ so that interleaved
// writes would leave a mix of two documents (or a tail of a longer one).
const WRITER = `
const fs = require('node:fs');
const file = process.argv[1];
for (let i = 0; i < 40; i++) {
  const doc = JSON.stringify({ write: i, users: Array.from({ length: 2000 - i * 40 }, (_, u) => 'user-' + u) });
  fs.writeFile(file, doc, (error) => { if (error) throw error; });
}
`;

describe('cognito-local store writes (local mode)', () => {
  let folder = '';
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('leave the last document whole, however many writes overlap, and no temporary files', () => {
    folder = mkdtempSync(join(tmpdir(), 'atomic-writes-'));
    const file = join(folder, 'user-pool.json');

    execFileSync(process.execPath, ['--require', SHIM, '-e', WRITER, file]);

    const stored = JSON.parse(readFileSync(file, 'utf8')) as { write: number; users: string[] };
    expect(stored.write).toBe(39);
    expect(stored.users).toHaveLength(2000 - 39 * 40);
    expect(readdirSync(folder)).toEqual(['user-pool.json']);
  });
});
