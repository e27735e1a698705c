import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

// Archives built in tests, hostile ones included: tar-stream writes any header it is given, and
// Python's zipfile (on every machine here) writes any zip entry name and mode, which the zip CLI
// would sanitise.

/** One entry to write: a file (text or bytes), a directory, a symlink or (tar) a hardlink. */
export type ArchiveSpec =
  | { name: string; content: string | Buffer }
  | { name: string; directory: true }
  | { name: string; symlink: string }
  | { name: string; hardlink: string };

/** A gzip-compressed tar archive of exactly these entries. */
export async function makeTarGz(entries: readonly ArchiveSpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const entry of entries) {
    if ('content' in entry) pack.entry({ name: entry.name }, entry.content);
    else if ('directory' in entry) pack.entry({ name: entry.name, type: 'directory' });
    else if ('symlink' in entry) pack.entry({ name: entry.name, type: 'symlink', linkname: entry.symlink });
    else pack.entry({ name: entry.name, type: 'link', linkname: entry.hardlink });
  }
  pack.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

const PYTHON_ZIP = `
import base64, json, sys, zipfile
entries = json.load(sys.stdin)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as archive:
    for entry in entries:
        info = zipfile.ZipInfo(entry['name'])
        info.create_system = 3
        info.compress_type = zipfile.ZIP_DEFLATED
        if 'symlink' in entry:
            info.external_attr = 0o120777 << 16
            archive.writestr(info, entry['symlink'])
        elif 'directory' in entry:
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b'')
        else:
            info.external_attr = 0o100644 << 16
            archive.writestr(info, base64.b64decode(entry['content']))
`;

/** A deflated zip archive of exactly these entries (names written as given), by Python's zipfile. */
export function makeZip(entries: readonly ArchiveSpec[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
  try {
    const out = join(dir, 'archive.zip');
    const spec = entries.map((entry) =>
      'content' in entry ? { name: entry.name, content: Buffer.from(entry.content).toString('base64') } : entry,
    );
    execFileSync('python3', ['-c', PYTHON_ZIP, out], { input: JSON.stringify(spec) });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
