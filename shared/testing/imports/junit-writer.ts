// Writes results back as a JUnit XML report (the report download). The flat Ant/Surefire
// shape that every CI and IDE reads: <testsuites> with one <testsuite> per suite path.
import type { ReportCase, TestStatus } from '#shared/testing/imports/parsed-report';

/** A case as the writer takes it: a parsed case, `suitePath` defaulting to `suite`. */
export type WritableCase = Omit<ReportCase, 'suitePath'> & { suitePath?: string };

export interface JUnitRun {
  name: string;
  cases: readonly WritableCase[];
  /** `<properties>` of the `<testsuite>` elements, by suite path. */
  suiteProperties?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const RESULT_ELEMENT: Record<Exclude<TestStatus, 'passed'>, string> = {
  failed: 'failure',
  errored: 'error',
  skipped: 'skipped',
};
/** How reruns are recorded, as Surefire does: flaky attempts of a pass, reruns of a failure. */
const RERUN_ELEMENT: Partial<Record<TestStatus, string>> = {
  passed: 'flakyFailure',
  failed: 'rerunFailure',
  errored: 'rerunError',
};

/** The report as a string; see junitXmlChunks to stream a large one. */
export function toJUnitXml(run: JUnitRun): string {
  return [...junitXmlChunks(run)].join('');
}

/**
 * The report in pieces (one per case), for streaming a large run to S3 without holding the
 * document. Nested suites are flattened: a suite is named by its whole suite path.
 */
export function* junitXmlChunks(run: JUnitRun): Generator<string> {
  const suites = new Map<string, WritableCase[]>();
  for (const testCase of run.cases) {
    const path = testCase.suitePath || testCase.suite;
    const cases = suites.get(path);
    if (cases) cases.push(testCase);
    else suites.set(path, [testCase]);
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({ name: run.name, ...counts(run.cases) })}>\n`;
  for (const [name, cases] of suites) {
    yield `  <testsuite${attributes({ name, ...counts(cases) })}>\n`;
    yield propertiesElement(run.suiteProperties?.[name], '    ');
    for (const testCase of cases) yield testcase(testCase);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function counts(cases: readonly WritableCase[]) {
  const count = (status: TestStatus) => cases.filter((c) => c.status === status).length;
  const durationMs = cases.reduce((sum, c) => sum + c.durationMs, 0);
  return {
    tests: cases.length,
    failures: count('failed'),
    errors: count('errored'),
    skipped: count('skipped'),
    time: seconds(durationMs),
  };
}

function testcase(c: WritableCase): string {
  const open = `    <testcase${attributes({ name: c.name, classname: c.classname, time: seconds(c.durationMs), file: c.file })}`;
  const children: string[] = [];
  const properties = propertiesElement(c.properties, '      ');
  if (properties !== '') children.push(properties);
  if (c.status !== 'passed') {
    const element = RESULT_ELEMENT[c.status];
    const head = `      <${element}${attributes({ message: c.message, type: c.type })}`;
    children.push(c.details ? `${head}>${escapeText(c.details)}</${element}>\n` : `${head}/>\n`);
  }
  const rerun = RERUN_ELEMENT[c.status];
  if (rerun && c.retries) children.push(`      <${rerun}/>\n`.repeat(c.retries));
  if (c.systemOut) children.push(`      <system-out>${escapeText(c.systemOut)}</system-out>\n`);
  if (c.systemErr) children.push(`      <system-err>${escapeText(c.systemErr)}</system-err>\n`);
  return children.length === 0 ? `${open}/>\n` : `${open}>\n${children.join('')}    </testcase>\n`;
}

/** A `<properties>` element indented by `indent`; empty for no properties. */
function propertiesElement(properties: Readonly<Record<string, string>> | undefined, indent: string): string {
  if (properties === undefined || Object.keys(properties).length === 0) return '';
  const items = Object.entries(properties).map(
    ([name, value]) => `${indent}  <property${attributes({ name, value })}/>\n`,
  );
  return `${indent}<properties>\n${items.join('')}${indent}</properties>\n`;
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}

function attributes(values: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/** Characters XML 1.0 cannot carry at all, not even escaped (control characters, lone surrogates). */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text content; a carriage return is escaped so that XML's line-end normalization keeps it. */
function escapeText(value: string): string {
  return value.replace(NOT_XML_CHARACTER, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** An attribute value; whitespace is escaped too, or XML would turn it into spaces. */
function escapeAttribute(value: string): string {
  return value.replace(NOT_XML_CHARACTER, '\uFFFD').replace(/[&<>\r"'\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}
