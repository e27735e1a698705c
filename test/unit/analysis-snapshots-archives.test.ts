import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveFormat, readArchiveEntries } from '#shared/analysis/snapshots/archives';
import { SnapshotError, type SnapshotLimits } from '#shared/analysis/snapshots/entries';
import { type ArchiveSource, bufferSource, fileSource, s3Source } from '#shared/analysis/snapshots/sources';
import { type ArchiveSpec, makeTarGz, makeZip } from '../support/archives';

// The archive readers on archives made in the test: good ones made by the system `tar` and `zip`
// from a tree on disk (the disk is the reference for paths, types and bytes), hostile ones
// written entry by entry, each refused with its code before any entry is handed out.

type Tree = Map<string, [type: string, content: string]>;

/** What a folder on disk holds, as the readers should report it (relative paths, links as targets). */
function diskTree(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const path = relative(root, full);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) tree.set(path, ['symlink', readlinkSync(full)]);
      else if (stat.isDirectory()) {
        tree.set(path, ['directory', '']);
        walk(full);
      } else tree.set(path, ['file', readFileSync(full).toString('base64')]);
    }
  };
  walk(root);
  return tree;
}

async function readTree(format: ArchiveFormat, source: ArchiveSource, limits?: Partial<SnapshotLimits>): Promise<Tree> {
  const tree: Tree = new Map();
  for await (const entry of readArchiveEntries(format, source, limits)) {
    const content = await entry.read();
    if (entry.type === 'file') expect(content.length).toBe(entry.size);
    tree.set(entry.path, [entry.type, entry.type === 'file' ? content.toString('base64') : (entry.linkTarget ?? '')]);
  }
  return tree;
}

/** The code an archive is refused with, and how many entries were handed out before (must be none). */
async function refusal(
  format: ArchiveFormat,
  bytes: Buffer,
  limits?: Partial<SnapshotLimits>,
): Promise<{ code: string; handedOut: number }> {
  let handedOut = 0;
  try {
    for await (const entry of readArchiveEntries(format, bufferSource(bytes), limits)) {
      handedOut += 1;
      await entry.read();
    }
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return { code: (error as SnapshotError).code, handedOut };
  }
  throw new Error('the archive was not refused');
}

const build = { 'tar.gz': makeTarGz, zip: async (entries: readonly ArchiveSpec[]) => makeZip(entries) };

let work: string;
let tree: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'snapshots-'));
  tree = join(work, 'repo-0123abc');
  mkdirSync(join(tree, 'src', 'deep'), { recursive: true });
  mkdirSync(join(tree, 'empty'));
  writeFileSync(join(tree, 'README.md'), '# hello\n');
  writeFileSync(join(tree, 'src', 'main.ts'), 'export const x = 1;\n'.repeat(200));
  writeFileSync(
    join(tree, 'src', 'deep', 'data.bin'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)),
  );
  writeFileSync(join(tree, 'src', 'deep', 'ünïcode.py'), 'print("ok")\n');
  symlinkSync('../README.md', join(tree, 'src', 'readme-link'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readArchiveEntries: good archives', () => {
  it('reads a tar.gz made by tar: every path, type and byte, the single top folder stripped', async () => {
    const archive = join(work, 'tree.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', work, 'repo-0123abc']);

    expect(await readTree('tar.gz', await fileSource(archive))).toEqual(diskTree(tree));
  });

  it('reads a zip made by zip: every path, type and byte, the single top folder stripped', async () => {
    const archive = join(work, 'tree.zip');
    execFileSync('zip', ['-qry', archive, 'repo-0123abc'], { cwd: work });

    expect(await readTree('zip', await fileSource(archive))).toEqual(diskTree(tree));
  });

  it('reads a tar.gz of a real package tree from this machine byte for byte', async () => {
    const packageRoot = join(process.cwd(), 'node_modules', 'tar-stream');
    const archive = join(work, 'package.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', packageRoot, '.']);

    expect(await readTree('tar.gz', await fileSource(archive))).toEqual(diskTree(packageRoot));
  });

  it('lets the consumer skip entries without reading them, and still gives the right bytes of the others', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({
      name: `top/f${i}.txt`,
      content: `content of ${i}\n`.repeat(50),
    }));
    for (const format of ['tar.gz', 'zip'] as const) {
      const read = new Map<string, string>();
      for await (const entry of readArchiveEntries(format, bufferSource(await build[format](files)))) {
        if (['f1.txt', 'f4.txt'].includes(entry.path)) read.set(entry.path, (await entry.read()).toString());
      }

      expect(read).toEqual(
        new Map([
          ['f1.txt', 'content of 1\n'.repeat(50)],
          ['f4.txt', 'content of 4\n'.repeat(50)],
        ]),
      );
    }
  });

  it('keeps paths as they are when the entries do not share one top folder', async () => {
    for (const format of ['tar.gz', 'zip'] as const) {
      const bytes = await build[format]([
        { name: 'a/x.ts', content: 'x' },
        { name: 'b.ts', content: 'b' },
      ]);

      expect([...(await readTree(format, bufferSource(bytes))).keys()]).toEqual(['a/x.ts', 'b.ts']);
    }
  });

  it('reads a zip from S3 with ranged GETs bound to the object ETag', async () => {
    const archive = join(work, 'tree.zip');
    execFileSync('zip', ['-qry', archive, 'repo-0123abc'], { cwd: work });
    const bytes = readFileSync(archive);
    const s3 = mockClient(S3Client);
    s3.on(HeadObjectCommand).resolves({ ContentLength: bytes.length, ETag: '"v1"' });
    s3.on(GetObjectCommand).callsFake(async (input: { Range: string }) => {
      const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(input.Range) ?? [];
      return { Body: Readable.from([bytes.subarray(Number(start), Number(end) + 1)]) };
    });

    const source = await s3Source(new S3Client({ region: 'eu-west-1' }), { bucket: 'b', key: 'k.zip' });

    expect(await readTree('zip', source)).toEqual(diskTree(tree));
    const gets = s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input);
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((input) => input.IfMatch === '"v1"' && /^bytes=\d+-\d+$/.test(input.Range ?? ''))).toBe(true);
    s3.restore();
  });
});

describe('readArchiveEntries: hostile archives are refused as a whole', () => {
  const formats = ['tar.gz', 'zip'] as const;
  const ok: ArchiveSpec = { name: 'ok.ts', content: 'ok' };
  const cases: [string, readonly ArchiveSpec[], string][] = [
    ['a ".." path', [ok, { name: 'src/../../evil.sh', content: 'x' }], 'ARCHIVE_UNSAFE_PATH'],
    ['an absolute path', [ok, { name: '/etc/cron.d/evil', content: 'x' }], 'ARCHIVE_UNSAFE_PATH'],
    ['a drive letter', [ok, { name: 'C:/Windows/evil.dll', content: 'x' }], 'ARCHIVE_UNSAFE_PATH'],
    ['a backslash path', [ok, { name: '..\\evil.bat', content: 'x' }], 'ARCHIVE_UNSAFE_PATH'],
    ['a symlink out of the tree', [ok, { name: 'a/link', symlink: '../../etc/passwd' }], 'ARCHIVE_LINK_ESCAPES'],
    ['an absolute symlink', [ok, { name: 'link', symlink: '/etc/passwd' }], 'ARCHIVE_LINK_ESCAPES'],
    // Inside the archive, but above the top folder that is stripped: outside the snapshot.
    [
      'a link above the top folder',
      [
        { name: 'top/ok.ts', content: 'ok' },
        { name: 'top/link', symlink: '../up' },
      ],
      'ARCHIVE_LINK_ESCAPES',
    ],
  ];
  for (const format of formats) {
    for (const [what, entries, code] of cases) {
      it(`${format}: refuses ${what} with ${code}, before any entry`, async () => {
        expect(await refusal(format, await build[format](entries))).toEqual({ code, handedOut: 0 });
      });
    }
  }

  it('tar.gz: refuses a hardlink out of the tree', async () => {
    const bytes = await makeTarGz([
      { name: 'ok.ts', content: 'ok' },
      { name: 'hard', hardlink: '../etc/shadow' },
    ]);
    expect(await refusal('tar.gz', bytes)).toEqual({ code: 'ARCHIVE_LINK_ESCAPES', handedOut: 0 });
  });

  it('tar.gz: accepts a hardlink to another entry, named by its snapshot path', async () => {
    const bytes = await makeTarGz([
      { name: 'top/a.ts', content: 'a' },
      { name: 'top/b.ts', hardlink: 'top/a.ts' },
    ]);
    expect(await readTree('tar.gz', bufferSource(bytes))).toEqual(
      new Map([
        ['a.ts', ['file', Buffer.from('a').toString('base64')]],
        ['b.ts', ['hardlink', 'a.ts']],
      ]),
    );
  });

  for (const format of formats) {
    const many: ArchiveSpec[] = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, content: `${i}` }));

    it(`${format}: refuses more entries than the limit, and accepts exactly the limit`, async () => {
      expect(await refusal(format, await build[format](many), { maxEntries: 10 })).toEqual({
        code: 'ARCHIVE_TOO_MANY_ENTRIES',
        handedOut: 0,
      });
      expect((await readTree(format, bufferSource(await build[format](many)), { maxEntries: 11 })).size).toBe(11);
    });

    it(`${format}: refuses an inflated total over the limit`, async () => {
      // Random bytes do not compress, so the ratio stays low and only the total trips.
      const noise = randomBytes(4000);
      const bytes = await build[format]([
        { name: 'a.bin', content: noise },
        { name: 'b.bin', content: noise },
      ]);

      expect(await refusal(format, bytes, { maxTotalBytes: 6000 })).toEqual({
        code: 'ARCHIVE_TOO_LARGE',
        handedOut: 0,
      });
      expect((await readTree(format, bufferSource(bytes), { maxTotalBytes: 20_000 })).size).toBe(2);
    });

    it(`${format}: refuses a bomb whose inflated size is over 100 times its compressed size`, async () => {
      const bytes = await build[format]([
        { name: 'src/a.ts', content: 'export {};\n' },
        { name: 'zeros.txt', content: Buffer.alloc(20 * 1024 * 1024) },
      ]);
      expect(bytes.length).toBeLessThan(200 * 1024);

      expect(await refusal(format, bytes)).toEqual({ code: 'ARCHIVE_RATIO_EXCEEDED', handedOut: 0 });
    });

    it(`${format}: refuses a truncated archive`, async () => {
      const bytes = await build[format]([
        { name: 'a.ts', content: 'a'.repeat(5000) },
        { name: 'b.bin', content: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 251)) },
      ]);

      expect(await refusal(format, bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual({
        code: 'ARCHIVE_TRUNCATED',
        handedOut: 0,
      });
    });
  }

  it('tar.gz: refuses bytes that are not gzip as corrupt', async () => {
    expect(await refusal('tar.gz', Buffer.from('this is not an archive at all'))).toEqual({
      code: 'ARCHIVE_CORRUPT',
      handedOut: 0,
    });
  });

  it('zip: refuses an entry whose local header is damaged as corrupt', async () => {
    const bytes = Buffer.from(makeZip([{ name: 'a.ts', content: 'a'.repeat(100) }]));
    bytes.write('XXXX', 0, 'latin1');

    expect(await refusal('zip', bytes)).toEqual({ code: 'ARCHIVE_CORRUPT', handedOut: 1 });
  });
});
