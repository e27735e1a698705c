import { describe, expect, it } from 'vitest';
import { matchCoveragePaths } from '#shared/analysis/coverage/paths';
import {
  CoverageReportError,
  CoverageReportTooLargeError,
  MAX_COVERAGE_REPORT_BYTES,
  parseCoverage,
} from '#shared/analysis/coverage/reports';
import { coverageSummary } from '#shared/analysis/coverage/summary';
import type { FileCoverage } from '#shared/analysis/model';
import { formatText } from '#shared/i18n/catalogue';

const asObject = (files: FileCoverage[]): Record<string, Record<number, number>> =>
  Object.fromEntries(files.map(({ path, lines }) => [path, Object.fromEntries(lines)]));

/** The error parseCoverage throws for a report, or undefined. */
function refusal(format: 'lcov' | 'cobertura' | 'jacoco', text: string): CoverageReportError | undefined {
  try {
    parseCoverage(format, text);
  } catch (error) {
    if (error instanceof CoverageReportError) return error;
    throw error;
  }
  return undefined;
}

// Written from geninfo(1)'s description of the tracefile format.
const LCOV = [
  'TN:unit',
  'SF:/home/runner/work/shop/shop/src/cart.ts',
  'FN:3,addItem',
  'FNDA:2,addItem',
  'DA:3,2',
  'DA:4,2,abcdef',
  'DA:7,0',
  'BRDA:4,0,0,1',
  'LF:3',
  'LH:2',
  'end_of_record',
  'TN:integration',
  'SF:/home/runner/work/shop/shop/src/cart.ts',
  'DA:7,5',
  'end_of_record',
  'SF:/home/runner/work/shop/shop/src/util/money.ts',
  'DA:1,0',
  'end_of_record',
].join('\n');

describe('parseCoverage', () => {
  it('reads lcov DA lines per SF record, summing hits of a file reported twice', () => {
    expect(asObject(parseCoverage('lcov', LCOV))).toEqual({
      '/home/runner/work/shop/shop/src/cart.ts': { 3: 2, 4: 2, 7: 5 },
      '/home/runner/work/shop/shop/src/util/money.ts': { 1: 0 },
    });
  });

  it('reads Cobertura class lines (not the repeated method lines), joined to the one source root', () => {
    // Written from cobertura's coverage-04.dtd, as coverage.py writes it (with its DOCTYPE).
    const xml = `<?xml version="1.0" ?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage line-rate="0.5" branch-rate="0" version="7.3" timestamp="1700000000">
  <sources><source>/ci/build/src</source></sources>
  <packages>
    <package name="shop" line-rate="0.5">
      <classes>
        <class name="cart.py" filename="shop/cart.py" line-rate="0.5">
          <methods><method name="add" signature=""><lines><line number="2" hits="9"/></lines></method></methods>
          <lines>
            <line number="1" hits="1"/>
            <line number="2" hits="1" branch="true" condition-coverage="50% (1/2)"/>
            <line number="5" hits="0"/>
          </lines>
        </class>
      </classes>
    </package>
  </packages>
</coverage>`;
    expect(asObject(parseCoverage('cobertura', xml))).toEqual({ '/ci/build/src/shop/cart.py': { 1: 1, 2: 1, 5: 0 } });
  });

  it('reads JaCoCo source files per package, a line hit by its covered instructions', () => {
    // Written from JaCoCo's report.dtd, with the DOCTYPE JaCoCo writes.
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
<report name="shop">
  <sessioninfo id="host-1" start="1" dump="2"/>
  <package name="com/acme">
    <class name="com/acme/Order" sourcefilename="Order.java"><method name="total" desc="()I" line="3"/></class>
    <sourcefile name="Order.java">
      <line nr="3" mi="0" ci="4" mb="0" cb="0"/>
      <line nr="4" mi="2" ci="0" mb="0" cb="0"/>
      <counter type="LINE" missed="1" covered="1"/>
    </sourcefile>
  </package>
  <group name="tools"><package name="com/acme/tools"><sourcefile name="Cli.java"><line nr="9" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></group>
</report>`;
    expect(asObject(parseCoverage('jacoco', xml))).toEqual({
      'com/acme/Order.java': { 3: 4, 4: 0 },
      'com/acme/tools/Cli.java': { 9: 1 },
    });
  });

  it('refuses bad reports with a machine code and the line where reading stopped', () => {
    expect(refusal('lcov', 'SF:a.ts\nDA:1,1\nthis is not lcov\nend_of_record')).toMatchObject({
      code: 'INVALID_COVERAGE_REPORT',
      status: 400,
      reason: 'lcov_syntax',
      line: 3,
    });
    expect(refusal('lcov', 'TN:\nDA:1,1\n')).toMatchObject({ reason: 'lcov_outside_record', line: 2 });
    expect(refusal('lcov', 'SF:a.ts\nDA:1,-1\nend_of_record')).toMatchObject({ reason: 'lcov_bad_number', line: 2 });
    expect(refusal('lcov', 'TN:only a test name\n')).toMatchObject({ reason: 'empty' });
    expect(refusal('cobertura', '<coverage>\n<packages>\n</coverage>')).toMatchObject({
      reason: 'xml_malformed',
      line: 3,
    });
    expect(refusal('cobertura', LCOV)).toMatchObject({ reason: 'xml_malformed' });
    expect(refusal('jacoco', '<coverage><packages/></coverage>')).toMatchObject({ reason: 'wrong_root', line: 1 });
    expect(
      refusal('jacoco', '<report>\n<package name="p"><sourcefile name="A.java"><line nr="x" ci="1" mi="0"/>'),
    ).toMatchObject({ reason: 'bad_attribute', line: 2 });
    const billionLaughs =
      '<?xml version="1.0"?>\n<!DOCTYPE report [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;">\n]>\n<report>&lol2;</report>';
    expect(refusal('jacoco', billionLaughs)).toMatchObject({ reason: 'xml_doctype' });
    const error = refusal('lcov', 'SF:a.ts\nnonsense');
    expect(formatText(error!.detail, 'en')).toBe(
      'The lcov report cannot be read at line 2: this is not an lcov record (nonsense).',
    );
    expect(formatText(error!.detail, 'zh-CN')).toBe('lcov 报告在第 2 行无法读取：这不是 lcov 记录（nonsense）。');
  });

  it('refuses a report over 5 MB', () => {
    const big = `SF:a.ts\n${'DA:1,1\n'.repeat(Math.ceil(MAX_COVERAGE_REPORT_BYTES / 7) + 1)}end_of_record\n`;
    expect(() => parseCoverage('lcov', big)).toThrow(CoverageReportTooLargeError);
  });
});

describe('matchCoveragePaths', () => {
  it('strips the checkout prefix of absolute paths and finds source-root-relative paths by their end', () => {
    const reports: FileCoverage[] = [
      { path: '/home/runner/work/shop/shop/src/cart.ts', lines: new Map([[1, 1]]) },
      { path: '/home/runner/work/shop/shop/src/util/money.ts', lines: new Map([[2, 0]]) },
      { path: 'C:\\ci\\shop\\src\\util\\tax.ts', lines: new Map([[3, 3]]) },
      { path: 'com/acme/Order.java', lines: new Map([[4, 1]]) },
      { path: '/home/runner/work/shop/shop/generated/gone.ts', lines: new Map([[5, 1]]) },
      { path: 'Index.java', lines: new Map([[6, 1]]) },
    ];
    const snapshot = [
      'src/cart.ts',
      'src/util/money.ts',
      'src/util/tax.ts',
      'shop/src/cart.ts',
      'java/src/main/java/com/acme/Order.java',
      'a/Index.java',
      'b/Index.java',
    ];
    const { files, unmatched } = matchCoveragePaths(reports, snapshot);
    expect(asObject(files)).toEqual({
      'src/cart.ts': { 1: 1 },
      'src/util/money.ts': { 2: 0 },
      'src/util/tax.ts': { 3: 3 },
      'java/src/main/java/com/acme/Order.java': { 4: 1 },
    });
    // gone.ts is not in the snapshot; Index.java could be either of two files.
    expect(unmatched).toEqual(['/home/runner/work/shop/shop/generated/gone.ts', 'Index.java']);
  });
});

describe('coverageSummary', () => {
  it('gives line coverage per file, overall and on new lines', () => {
    const files: FileCoverage[] = [
      { path: 'b.ts', lines: new Map([[1, 0]]) },
      {
        path: 'a.ts',
        lines: new Map([
          [1, 3],
          [2, 0],
          [3, 1],
        ]),
      },
      { path: 'empty.ts', lines: new Map() },
    ];
    const newLines = new Map([
      ['a.ts', new Set([2, 3, 10])],
      ['b.ts', new Set([1])],
    ]);
    expect(coverageSummary(files, newLines)).toEqual({
      overall: { lines: 4, covered: 2, percent: 50 },
      files: [
        { path: 'a.ts', lines: 3, covered: 2, percent: 66.67 },
        { path: 'b.ts', lines: 1, covered: 0, percent: 0 },
        { path: 'empty.ts', lines: 0, covered: 0, percent: null },
      ],
      // Line 10 of a.ts is new but not instrumented (a comment or a blank), so it does not count.
      newCode: { lines: 3, covered: 1, percent: 33.33 },
    });
    expect(coverageSummary(files).newCode).toBeUndefined();
  });
});
