// CI coverage reports → line coverage per file. Three formats:
// - lcov tracefiles (geninfo(1)): `SF:<path>`, `DA:<line>,<hits>[,<checksum>]`, `end_of_record`;
//   the other record types (TN, FN, FNDA, BRDA, LF, LH, …) are not needed for line coverage.
// - Cobertura XML (coverage-04.dtd): `<sources><source>` and each `<class filename>` with its
//   `<lines><line number hits>`; the lines under `<methods>` repeat the class's and are skipped.
// - JaCoCo XML (report.dtd): `<package name="a/b"><sourcefile name="C.java"><line nr mi ci>`;
//   a line is hit `ci` times (covered instructions), missed when ci is 0.
// XML is read with saxes as a stream of events; a DOCTYPE is allowed only without an internal
// subset (Cobertura and JaCoCo write one that names their DTD), so no entity is ever declared.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import * as m from '#shared/analysis/coverage/messages';
import type { FileCoverage } from '#shared/analysis/model';
import { AppError } from '#shared/http/errors';

/** The report formats parseCoverage reads. */
export type CoverageFormat = 'lcov' | 'cobertura' | 'jacoco';

/** The largest report accepted (bytes of UTF-8). */
export const MAX_COVERAGE_REPORT_BYTES = 5 * 1024 * 1024;

/** Machine codes of CoverageReportError, each worded in messages.ts. */
export type CoverageReportProblem =
  | 'lcov_syntax'
  | 'lcov_outside_record'
  | 'lcov_bad_number'
  | 'xml_malformed'
  | 'xml_doctype'
  | 'wrong_root'
  | 'bad_attribute'
  | 'empty';

/** A report that cannot be read: a 400 with `reason` (a machine code) and the 1-based line where reading stopped. */
export class CoverageReportError extends AppError {
  constructor(
    readonly reason: CoverageReportProblem,
    readonly line: number,
    format: CoverageFormat,
    detail = '',
  ) {
    super(
      400,
      'INVALID_COVERAGE_REPORT',
      m.titleInvalidCoverageReport(),
      m.invalidCoverageReportDetail({ format, line, reason, detail }),
    );
  }
}

/** A report over MAX_COVERAGE_REPORT_BYTES: a 413. */
export class CoverageReportTooLargeError extends AppError {
  constructor() {
    super(
      413,
      'COVERAGE_REPORT_TOO_LARGE',
      m.titleInvalidCoverageReport(),
      m.coverageReportTooLarge({ maxBytes: MAX_COVERAGE_REPORT_BYTES }),
    );
  }
}

/**
 * Reads a coverage report into one FileCoverage per file, with the paths as the report writes
 * them (see matchCoveragePaths to map them to the snapshot). A file reported twice (lcov test
 * runs, Cobertura inner classes) is merged: lcov sums hits, the XML formats keep the larger.
 */
export function parseCoverage(format: CoverageFormat, text: string): FileCoverage[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_COVERAGE_REPORT_BYTES) throw new CoverageReportTooLargeError();
  const files = format === 'lcov' ? parseLcov(text) : parseXmlReport(format, text);
  if (files.size === 0) throw new CoverageReportError('empty', 1, format);
  return [...files].map(([path, lines]) => ({ path, lines }));
}

const WHOLE_NUMBER = /^\d+$/;

function parseLcov(text: string): Map<string, Map<number, number>> {
  const files = new Map<string, Map<number, number>>();
  let current: Map<number, number> | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    const lineNumber = index + 1;
    if (line === '') continue;
    if (line === 'end_of_record') {
      current = undefined;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[A-Z]+$/.test(line.slice(0, colon))) {
      throw new CoverageReportError('lcov_syntax', lineNumber, 'lcov', line.slice(0, 40));
    }
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (key === 'SF') {
      current = files.get(value) ?? new Map();
      files.set(value, current);
    } else if (key === 'DA') {
      if (!current) throw new CoverageReportError('lcov_outside_record', lineNumber, 'lcov');
      const [number, hits] = value.split(',');
      if (!number || !hits || !WHOLE_NUMBER.test(number) || !WHOLE_NUMBER.test(hits) || number === '0') {
        throw new CoverageReportError('lcov_bad_number', lineNumber, 'lcov', value.slice(0, 40));
      }
      current.set(Number(number), (current.get(Number(number)) ?? 0) + Number(hits));
    }
  }
  return files;
}

function parseXmlReport(format: 'cobertura' | 'jacoco', text: string): Map<string, Map<number, number>> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const files = new Map<string, Map<number, number>>();
  const stack: string[] = [];
  const sources: string[] = [];
  let sourceText: string | undefined;
  let current: Map<number, number> | undefined;
  let packageName = '';
  const fail = (reason: CoverageReportProblem, detail = ''): CoverageReportError =>
    new CoverageReportError(reason, parser.line, format, detail);
  const fileFor = (path: string): Map<number, number> => {
    const lines = files.get(path) ?? new Map<number, number>();
    files.set(path, lines);
    return lines;
  };
  const wholeNumber = (tag: SaxesTagPlain, name: string): number => {
    const value = tag.attributes[name];
    if (typeof value !== 'string' || !WHOLE_NUMBER.test(value)) throw fail('bad_attribute', `${tag.name} ${name}`);
    return Number(value);
  };
  const record = (lines: Map<number, number>, line: number, hits: number): void => {
    lines.set(line, Math.max(lines.get(line) ?? 0, hits));
  };

  parser.on('error', (error) => {
    throw fail('xml_malformed', error.message.replace(/^\d+:\d+: /, ''));
  });
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) throw fail('xml_doctype');
  });
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1);
    stack.push(tag.name);
    if (stack.length === 1) {
      const root = format === 'cobertura' ? 'coverage' : 'report';
      if (tag.name !== root) throw fail('wrong_root', tag.name);
      return;
    }
    if (format === 'cobertura') {
      if (tag.name === 'source' && parent === 'sources') sourceText = '';
      else if (tag.name === 'class') {
        const filename = tag.attributes.filename;
        if (typeof filename !== 'string' || filename === '') throw fail('bad_attribute', 'class filename');
        // With one source root the path is made whole; with several, matchCoveragePaths finds the file by its end.
        current = fileFor(sources.length === 1 ? joinSource(sources[0]!, filename) : filename);
      } else if (tag.name === 'line' && parent === 'lines' && stack.at(-3) === 'class' && current) {
        record(current, wholeNumber(tag, 'number'), wholeNumber(tag, 'hits'));
      }
    } else {
      if (tag.name === 'package') packageName = String(tag.attributes.name ?? '');
      else if (tag.name === 'sourcefile') {
        const name = String(tag.attributes.name ?? '');
        if (name === '') throw fail('bad_attribute', 'sourcefile name');
        current = fileFor(packageName ? `${packageName}/${name}` : name);
      } else if (tag.name === 'line' && parent === 'sourcefile' && current) {
        wholeNumber(tag, 'mi');
        record(current, wholeNumber(tag, 'nr'), wholeNumber(tag, 'ci'));
      }
    }
  });
  parser.on('text', (value) => {
    if (sourceText !== undefined) sourceText += value;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.name === 'source' && sourceText !== undefined) {
      if (sourceText.trim()) sources.push(sourceText.trim());
      sourceText = undefined;
    } else if (tag.name === 'class' || tag.name === 'sourcefile') current = undefined;
    else if (tag.name === 'package') packageName = '';
  });
  parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  return files;
}

function joinSource(source: string, filename: string): string {
  if (filename.startsWith('/')) return filename;
  return `${source.replace(/[\\/]+$/, '')}/${filename}`;
}
