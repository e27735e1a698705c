/**
 * Runs the real cloc 1.96 and our line counter on the same files, for the reference tests and the
 * lines benchmark. cloc is given the exact file list (`--list-file`) with `--skip-uniqueness`, so it
 * neither walks directories nor drops duplicate files, and `--by-file` so a difference can be named
 * per file. Files that are binary to isbinaryfile, or whose language we do not count like cloc, are left
 * out of both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBinaryFileSync } from 'isbinaryfile';
import { detectLanguage } from '#shared/analysis/languages/detect';
import { clocLanguageForFile, clocLanguageName, countLines } from '#shared/analysis/lines/index';
import type { LineCounts } from '#shared/analysis/model';

/** Whether `cloc` is on PATH. */
export const clocInstalled = spawnSync('cloc', ['--version'], { encoding: 'utf8' }).status === 0;

/** One file of a comparison: its path, text, our language and cloc's name for it. */
export interface ComparedFile {
  path: string;
  text: string;
  language: string;
  clocLanguage: string;
}

/** Per-language totals keyed by cloc's language name, as `cloc --json` reports them. */
export type LanguageTotals = Record<string, LineCounts & { nFiles: number }>;

/** Files under `root` (recursively, hidden folders skipped) whose language we count like cloc. */
export function collectFiles(root: string, accept: (path: string) => boolean = () => true): ComparedFile[] {
  const files: ComparedFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(path);
      if (!entry.isFile() || !accept(path)) continue;
      const bytes = readFileSync(path);
      if (bytes.length === 0 || isBinaryFileSync(bytes, bytes.length)) continue;
      const text = bytes.toString('latin1');
      const language = detectLanguage(path, text.slice(0, 4096));
      const clocLanguage = language === undefined ? undefined : clocLanguageForFile(language, path, text.slice(0, 256));
      if (language !== undefined && clocLanguage !== undefined) files.push({ path, text, language, clocLanguage });
    }
  };
  walk(root);
  return files;
}

/** cloc's per-file counts and language for exactly these files. */
export function runClocByFile(paths: readonly string[]): Map<string, LineCounts & { language: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'cloc-list-'));
  try {
    const listFile = join(folder, 'files.txt');
    writeFileSync(listFile, `${paths.join('\n')}\n`);
    const output = execFileSync(
      'cloc',
      [`--list-file=${listFile}`, '--by-file', '--json', '--skip-uniqueness', '--quiet'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const report = JSON.parse(output) as Record<string, LineCounts & { language: string }>;
    delete report.header;
    delete report.SUM;
    return new Map(Object.entries(report));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Sums per-file counts into per-language totals. */
export function totalsByLanguage(entries: Iterable<LineCounts & { language: string }>): LanguageTotals {
  const totals: LanguageTotals = {};
  for (const { language, code, comment, blank } of entries) {
    const total = totals[language] ?? { nFiles: 0, code: 0, comment: 0, blank: 0 };
    totals[language] = total;
    total.nFiles++;
    total.code += code;
    total.comment += comment;
    total.blank += blank;
  }
  return totals;
}

/** Our counts of the files, in the same shape as cloc's by-file report. */
export function countLikeCloc(files: readonly ComparedFile[]): Map<string, LineCounts & { language: string }> {
  return new Map(
    files.map((file) => [file.path, { ...countLines(file.language, file.text), language: file.clocLanguage }]),
  );
}

/** An analysis summary's languages in `cloc --json`'s shape (cloc's names, `nFiles`), to compare with it. */
export function summaryAsClocTotals(
  languages: readonly (LineCounts & { language: string; files: number })[],
): LanguageTotals {
  return Object.fromEntries(
    languages.map(({ language, files, code, comment, blank }) => [
      clocLanguageName(language) ?? language,
      { nFiles: files, code, comment, blank },
    ]),
  );
}
