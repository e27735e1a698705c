import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/http/errors';
import { localize } from '#shared/i18n/catalogue';
import { caseKey } from '#shared/testing/imports/case-key';
import {
  JUnitParseError,
  junitXmlChunks,
  type ParseJUnitOptions,
  parseJUnit,
  toJUnitXml,
  type WritableCase,
} from '#shared/testing/imports/junit-reader';
import { ParsedReport, type ReportCase, TEST_STATUSES } from '#shared/testing/imports/parsed-report';
import { JUNIT_PRODUCER_FIXTURES, junitFixture } from '../support/junit.ts';

function caseNamed(report: ParsedReport, name: string): ReportCase {
  const found = report.cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case named ${name}`);
  return found;
}

/** The error parseJUnit rejects with; fails the test if it resolves or rejects with anything else. */
async function parseError(
  source: Parameters<typeof parseJUnit>[0],
  options?: ParseJUnitOptions,
): Promise<JUnitParseError> {
  const error = await parseJUnit(source, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JUnitParseError);
  return error as JUnitParseError;
}

/** Bytes in the given pieces, as an S3 body or a Node stream would hand them over. */
async function* inChunks(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

function everyNBytes(bytes: Uint8Array, size: number): number[] {
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size);
}

function testsuite(body: string): string {
  return `<testsuites><testsuite name="s">${body}</testsuite></testsuites>`;
}

describe('parseJUnit: reports as producers write them', () => {
  it('reads Maven Surefire: properties, output, reruns of a failure and a flaky pass', async () => {
    const report = await parseJUnit(junitFixture('maven-surefire.xml'));

    expect(report.totals).toEqual({ total: 5, passed: 2, failed: 1, errored: 1, skipped: 1, durationMs: 1_022_341 });
    expect(report.suites).toEqual([
      {
        name: 'com.acme.shop.CartServiceTest',
        suitePath: 'com.acme.shop.CartServiceTest',
        properties: expect.objectContaining({ 'java.version': '17.0.9', 'surefire.rerunFailingTestsCount': '2' }),
      },
    ]);
    expect(caseNamed(report, 'appliesPercentageDiscount')).toEqual({
      suite: 'com.acme.shop.CartServiceTest',
      suitePath: 'com.acme.shop.CartServiceTest',
      classname: 'com.acme.shop.CartServiceTest',
      name: 'appliesPercentageDiscount',
      durationMs: 45,
      status: 'failed',
      message: 'expected: <90.00> but was: <100.00>',
      type: 'org.opentest4j.AssertionFailedError',
      details: expect.stringMatching(
        /^org\.opentest4j\.AssertionFailedError: expected: <90\.00>[\s\S]*CartServiceTest\.java:58\)$/,
      ),
      // The reruns' own output (cart 43) belongs to the reruns, not to the case.
      systemOut: 'Applying discount SPRING10 to cart 42\nCart 42 total: 100.00',
      retries: 2,
    });
    const flaky = caseNamed(report, 'syncsInventory');
    expect(flaky).toMatchObject({ status: 'passed', retries: 2, flaky: true, durationMs: 311 });
    expect(flaky.systemOut).toBeUndefined();
    expect(caseNamed(report, 'loadsCartFromDatabase')).toMatchObject({
      status: 'errored',
      durationMs: 1_021_973, // time="1,021.973"
      // Surefire writes ESC as &#27;, which XML 1.0 forbids: kept as text rather than refusing the report.
      message: '&#27;[31mConnection refused&#27;[0m (localhost:5432)',
      type: 'org.postgresql.util.PSQLException',
      systemErr: 'WARN  HikariPool-1 - Connection is not available, request timed out after 30000ms.',
      retries: 2,
    });
    expect(caseNamed(report, 'exportsInvoicePdf')).toMatchObject({
      status: 'skipped',
      message: 'PDF rendering is disabled on CI',
    });
  });

  it('reads pytest: skips and xfails, fixture errors, a failure with a teardown error', async () => {
    const report = await parseJUnit(junitFixture('pytest.xml'));

    expect(report.totals).toEqual({ total: 7, passed: 2, failed: 2, errored: 1, skipped: 2, durationMs: 223 });
    expect(report.suites).toEqual([
      {
        name: 'pytest',
        suitePath: 'pytest',
        timestamp: '2024-05-02T10:11:12.345678+00:00',
        hostname: 'ci-runner-7',
        properties: {},
      },
    ]);
    expect(caseNamed(report, 'test_total')).toMatchObject({
      classname: 'tests.test_cart',
      status: 'failed',
      message: 'assert 41 == 42\n +  where 41 = total(Cart(items=[...]))',
      details: expect.stringContaining('E       assert 41 == 42'),
    });
    expect(caseNamed(report, 'test_discount')).toMatchObject({
      status: 'skipped',
      type: 'pytest.skip',
      message: 'discounts not implemented yet',
      details: '/builds/acme/shop/tests/test_cart.py:31: discounts not implemented yet',
    });
    expect(caseNamed(report, 'test_refund')).toMatchObject({ status: 'skipped', type: 'pytest.xfail' });
    expect(caseNamed(report, 'test_connect')).toMatchObject({
      classname: 'tests.test_db',
      status: 'errored',
      message: 'failed on setup with "ConnectionRefusedError: [Errno 111] Connection refused"',
    });
    // One result per <testcase>: the failure decides, the teardown error does not add a result.
    expect(caseNamed(report, 'test_checkout')).toMatchObject({
      status: 'failed',
      message: 'AssertionError: order not persisted',
      durationMs: 205,
    });
    expect(caseNamed(report, 'test_parse_price[1,234.5-1234.5]')).toMatchObject({
      status: 'passed',
      systemOut: expect.stringContaining('parsed 1,234.5 as 1234.5'),
    });
  });

  it('reads jest-junit: failures without a message attribute and a suite that failed to run', async () => {
    const report = await parseJUnit(junitFixture('jest-junit.xml'));

    expect(report.totals).toEqual({ total: 4, passed: 1, failed: 1, errored: 1, skipped: 1, durationMs: 15 });
    const failed = caseNamed(report, 'Cart computes the total with discounts');
    expect(failed).toMatchObject({ suite: 'Cart', classname: 'Cart computes the total with discounts' });
    expect(failed.message).toBeUndefined();
    expect(failed.details).toMatch(/^Error: expect\(received\)\.toBe\(expected\)[\s\S]*Received: 100/);
    expect(caseNamed(report, 'src/checkout.test.js')).toMatchObject({
      suite: 'src/checkout.test.js',
      classname: 'Test suite failed to run',
      status: 'errored',
      details: expect.stringContaining("Cannot find module './payment'"),
    });
    expect(caseNamed(report, 'Cart removes an item').status).toBe('skipped');
  });

  it("reads vitest's junit reporter: escaped names, multi-byte text, per-test output", async () => {
    const report = await parseJUnit(junitFixture('vitest.xml'));

    expect(report.totals).toEqual({ total: 4, passed: 2, failed: 1, errored: 0, skipped: 1, durationMs: 7 });
    expect(report.cases.map((c) => [c.name, c.status, c.durationMs])).toEqual([
      ['cart > adds an item', 'passed', 2],
      ['cart > discounts > applies a percentage', 'failed', 4],
      ['cart > logs the checkout', 'passed', 1],
      ['cart > exports a PDF', 'skipped', 0],
    ]);
    expect(caseNamed(report, 'cart > discounts > applies a percentage')).toMatchObject({
      classname: 'src/cart.test.ts',
      message: 'expected 100 to be 90 // Object.is equality',
      type: 'AssertionError',
      details: expect.stringMatching(/^AssertionError: expected 100 to be 90[\s\S]* ❯ src\/cart\.test\.ts:21:27$/),
    });
    expect(caseNamed(report, 'cart > logs the checkout').systemOut).toBe('checkout started for cart 42 – total 100 €');
  });

  it('reads go-junit-report: one suite per package, subtests, a build failure', async () => {
    const report = await parseJUnit(junitFixture('go-junit-report.xml'));

    expect(report.totals).toEqual({ total: 5, passed: 1, failed: 2, errored: 1, skipped: 1, durationMs: 2 });
    expect(report.suites.map((s) => [s.name, s.properties])).toEqual([
      ['github.com/acme/shop/cart', { 'go.version': 'go1.22.2 linux/amd64' }],
      ['github.com/acme/shop/payments', { 'go.version': 'go1.22.2 linux/amd64' }],
    ]);
    expect(caseNamed(report, 'TestTotal/with_discount')).toMatchObject({
      status: 'failed',
      message: 'Failed',
      details: 'cart_test.go:42: total() = 100, want 90',
    });
    expect(caseNamed(report, 'TestTotal').details).toBeUndefined(); // an empty CDATA section
    expect(caseNamed(report, '[build failed]')).toMatchObject({
      suite: 'github.com/acme/shop/payments',
      status: 'errored',
      message: 'Build error',
      details: 'payments/stripe.go:12:2: undefined: stripe.Client',
    });
    // Suite-level output (coverage) is not any one case's output.
    expect(report.cases.some((c) => c.systemOut)).toBe(false);
  });

  it('reads Gradle with JUnit 5: nested test classes, parameterized names, suite-level output', async () => {
    const report = await parseJUnit(junitFixture('gradle-junit5.xml'));

    expect(report.totals).toEqual({ total: 4, passed: 2, failed: 1, errored: 0, skipped: 1, durationMs: 37 });
    expect(report.suites).toEqual([
      {
        name: 'com.acme.shop.CartTest$WhenEmpty',
        suitePath: 'com.acme.shop.CartTest$WhenEmpty',
        timestamp: '2024-05-02T10:11:12',
        hostname: 'ci-runner-5',
        properties: {},
      },
    ]);
    expect(caseNamed(report, 'rejectsCheckout()')).toMatchObject({
      classname: 'com.acme.shop.CartTest$WhenEmpty',
      status: 'failed',
      message: expect.stringMatching(/^org\.opentest4j\.AssertionFailedError: Expected .*EmptyCartException/),
    });
    expect(caseNamed(report, 'addsItem(String, int)[1]').status).toBe('passed');
    expect(report.cases.some((c) => c.systemOut)).toBe(false);
  });

  it('reads nested suites (PHPUnit: config › testsuite › class › data provider) into suite paths', async () => {
    const report = await parseJUnit(junitFixture('phpunit-nested.xml'));

    expect(report.suites.map((s) => s.suitePath)).toEqual([
      '/app/phpunit.xml',
      '/app/phpunit.xml › Unit',
      '/app/phpunit.xml › Unit › Tests\\Unit\\CartTest',
      '/app/phpunit.xml › Unit › Tests\\Unit\\CartTest › Tests\\Unit\\CartTest::testTotal',
    ]);
    expect(caseNamed(report, 'testAddsItem')).toMatchObject({
      suite: 'Tests\\Unit\\CartTest',
      suitePath: '/app/phpunit.xml › Unit › Tests\\Unit\\CartTest',
      classname: 'Tests.Unit.CartTest',
      file: '/app/tests/Unit/CartTest.php',
    });
    expect(caseNamed(report, 'testTotal with data set "ten percent"')).toMatchObject({
      suite: 'Tests\\Unit\\CartTest::testTotal',
      suitePath: '/app/phpunit.xml › Unit › Tests\\Unit\\CartTest › Tests\\Unit\\CartTest::testTotal',
      status: 'failed',
      type: 'PHPUnit\\Framework\\ExpectationFailedException',
      details: expect.stringContaining('Failed asserting that 100.0 matches expected 90.0.'),
    });
    expect(caseNamed(report, 'testRejectsNegativeQuantity')).toMatchObject({ status: 'errored', type: 'TypeError' });
    expect(report.totals).toEqual({ total: 5, passed: 2, failed: 1, errored: 1, skipped: 1, durationMs: 29 });
  });

  it('counts the <testcase> elements, whatever the suite attributes claim', async () => {
    const report = await parseJUnit(junitFixture('lying-counts.xml'));

    // The file claims tests="120"/"40" and no failures or skips.
    expect(report.totals).toEqual({ total: 5, passed: 3, failed: 1, errored: 0, skipped: 1, durationMs: 1200 });
    expect(caseNamed(report, 'pays by invoice')).toMatchObject({
      status: 'failed',
      message: 'invoice service answered 503',
    });
  });

  it('falls back to the suite name when a case has no classname (or an empty one)', async () => {
    const report = await parseJUnit(junitFixture('lying-counts.xml'));

    expect(caseNamed(report, 'homepage answers 200').classname).toBe('smoke-checkout');
    expect(caseNamed(report, 'search answers 200').classname).toBe('smoke-checkout');
    expect(caseNamed(report, 'pays by card').classname).toBe('smoke.checkout');
  });

  it.each(JUNIT_PRODUCER_FIXTURES)('returns a report that matches the ParsedReport schema (%s)', async (name) => {
    const report = await parseJUnit(junitFixture(name));

    expect(ParsedReport.safeParse(report).success).toBe(true);
  });
});

describe('parseJUnit: elements and attributes', () => {
  it('reads a bare <testsuite> root and a <testsuites> root alike', async () => {
    const bare = await parseJUnit('<testsuite name="s"><testcase classname="k" name="c"/></testsuite>');
    const wrapped = await parseJUnit(testsuite('<testcase classname="k" name="c"/>'));

    expect(bare).toEqual(wrapped);
    expect(bare.cases).toEqual([
      { suite: 's', suitePath: 's', classname: 'k', name: 'c', durationMs: 0, status: 'passed' },
    ]);
  });

  it.each([
    ['0.012', 12],
    ['1,234.5', 1_234_500],
    ['12,345.678', 12_345_678],
    ['1,234,567.8', 1_234_567_800],
    ['200000000', 0], // 6 years: garbage
    ['0,25', 250],
    ['3', 3000],
    ['0.0004', 0],
    [' 1.5 ', 1500],
    ['', 0],
    ['NaN', 0],
    ['-1', 0],
    ['abc', 0],
    ['1e400', 0],
  ])('reads time="%s" as %i ms', async (time, durationMs) => {
    const report = await parseJUnit(testsuite(`<testcase name="c" time="${time}"/>`));

    expect(report.cases[0]?.durationMs).toBe(durationMs);
  });

  it('takes the worst result element: failure over error over skipped, whatever their order', async () => {
    const report = await parseJUnit(
      testsuite(`
        <testcase name="a"><skipped message="s"/><failure message="f">F</failure></testcase>
        <testcase name="b"><error message="e"/><skipped/></testcase>
        <testcase name="c"><failure message="first"/><failure message="second"/></testcase>`),
    );

    expect(report.cases.map((c) => [c.name, c.status, c.message])).toEqual([
      ['a', 'failed', 'f'],
      ['b', 'errored', 'e'],
      ['c', 'failed', 'first'],
    ]);
  });

  it('reads properties at suite and case level, from value attributes or text content', async () => {
    const report = await parseJUnit(`
      <testsuite name="s">
        <properties>
          <property name="build" value="4711"/>
          <property name="commit">9f3c2e1</property>
          <property name="notes"><![CDATA[multi
line]]></property>
          <property name="__proto__" value="kept as data"/>
        </properties>
        <testcase name="c">
          <properties><property name="jira" value="SHOP-12"/></properties>
        </testcase>
      </testsuite>`);

    expect(report.suites[0]?.properties).toEqual({
      build: '4711',
      commit: '9f3c2e1',
      notes: 'multi\nline',
      ['__proto__']: 'kept as data',
    });
    expect(Object.getPrototypeOf(report.suites[0]?.properties)).toBe(Object.prototype);
    expect(report.cases[0]?.properties).toEqual({ jira: 'SHOP-12' });
  });

  it('joins text and CDATA sections, and cuts long output with a note of what was cut', async () => {
    const report = await parseJUnit(
      testsuite(`
        <testcase name="joined"><system-out>abc<![CDATA[<def>]]>&amp;ghi</system-out></testcase>
        <testcase name="long"><system-out>0123456789abcdef</system-out><system-err>short</system-err></testcase>`),
      { maxTextLength: 10 },
    );

    expect(caseNamed(report, 'joined').systemOut).toBe('abc<def>&g\n[… truncated: 2 more characters]');
    expect(caseNamed(report, 'long')).toMatchObject({
      systemOut: '0123456789\n[… truncated: 6 more characters]',
      systemErr: 'short',
    });
  });

  it('keeps the first 64 KB of a huge output by default', async () => {
    const huge = 'x'.repeat(100_000);
    const report = await parseJUnit(testsuite(`<testcase name="c"><system-out>${huge}</system-out></testcase>`));

    expect(report.cases[0]?.systemOut).toBe(`${'x'.repeat(65_536)}\n[… truncated: 34464 more characters]`);
  });

  it('counts GoogleTest disabled tests (no child, status="notrun") as skipped', async () => {
    const report = await parseJUnit(
      testsuite('<testcase name="DISABLED_Export" status="notrun" result="suppressed" time="0" classname="CartTest"/>'),
    );

    expect(report.cases[0]?.status).toBe('skipped');
  });

  it('takes the file of the nearest suite when a case has none', async () => {
    const report = await parseJUnit(
      '<testsuite name="outer" file="a.ts"><testsuite name="inner"><testcase name="c"/></testsuite></testsuite>',
    );

    expect(report.cases[0]).toMatchObject({ file: 'a.ts', suite: 'inner', suitePath: 'outer › inner' });
  });

  it('refuses more test cases than maxCases, pointing at the first one too many', async () => {
    const xml = testsuite('\n<testcase name="1"/>\n<testcase name="2"/>\n  <testcase name="3"/>');

    await expect(parseJUnit(xml, { maxCases: 3 })).resolves.toMatchObject({ totals: { total: 3 } });
    const error = await parseError(xml, { maxCases: 2 });
    expect(error.message).toMatch(/too many test cases/);
    expect([error.line, error.column]).toEqual([4, 3]);
  });
});

describe('parseJUnit: input that is not a readable report', () => {
  it('answers a truncated file with the position where it ends and the element left open', async () => {
    const error = await parseError(junitFixture('malformed-truncated.xml'));

    expect([error.line, error.column]).toEqual([21, 28]);
    expect(error.message).toBe(
      'Line 21, column 28: the document ends before <system-out> opened at line 20, column 13 is closed (truncated file?)',
    );
  });

  it('answers a mismatched closing tag with its position and the element that must be closed first', async () => {
    const error = await parseError(junitFixture('malformed-mismatched-tag.xml'));

    expect([error.line, error.column]).toEqual([7, 13]);
    expect(localize(error.reason)).toBe(
      'mismatched closing tag: <failure> opened at line 5, column 5 must be closed first',
    );
  });

  it('refuses a DOCTYPE with entity declarations (billion laughs) without expanding anything', async () => {
    const error = await parseError(junitFixture('malformed-doctype-entities.xml'));

    expect([error.line, error.column]).toEqual([13, 2]);
    expect(localize(error.reason)).toMatch(/DOCTYPE declarations are not allowed/);
  });

  it('refuses any DOCTYPE, even one without entities', async () => {
    const error = await parseError('<!DOCTYPE testsuite>\n<testsuite name="s"/>');

    expect([error.line, error.column]).toEqual([1, 20]);
  });

  it.each([
    ['an empty body', '', 1, 1, /empty: no root element/],
    ['an HTML page', '<!doctype html>', 1, 9, /not well-formed XML: incorrect syntax/],
    [
      'another XML document',
      '<?xml version="1.0"?>\n<project>\n</project>',
      2,
      1,
      /must be <testsuites> or <testsuite>, not <project>/,
    ],
    ['JSON', '\n  {"tests": 3}', 2, 3, /not an XML document: it starts with "{"/],
    [
      'text after the XML declaration',
      '<?xml version="1.0"?>\nreport: <testsuite/>',
      2,
      9,
      /text outside the root element/,
    ],
    ['two reports concatenated', '<testsuite name="a"/>\n  <testsuite name="b"/>', 2, 3, /second root element/],
    ['an HTML entity', testsuite('<testcase name="a&nbsp;b"/>'), 1, 55, /undefined entity/],
    [
      'a suite inside a case',
      testsuite('<testcase name="c"><testsuite/></testcase>'),
      1,
      52,
      /<testcase> cannot contain a <testsuite>/,
    ],
    ['a duplicate attribute', '<testsuite name="a" name="b"/>', 1, 30, /duplicate attribute: name/],
  ])('refuses %s with its position', async (_label, source, line, column, reason) => {
    const error = await parseError(source);

    expect([error.line, error.column]).toEqual([line, column]);
    expect(localize(error.reason)).toMatch(reason);
  });

  it('is an AppError the API answers with 400 INVALID_JUNIT_REPORT', async () => {
    const error = await parseError('<html/>');

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_JUNIT_REPORT', line: 1, column: 1 });
  });

  it('reports the same position however the bytes are chunked', async () => {
    const bytes = readFileSync(new URL('../fixtures/junit/malformed-mismatched-tag.xml', import.meta.url));

    const error = await parseError(inChunks(bytes, everyNBytes(bytes, 7)));

    expect([error.line, error.column]).toEqual([7, 13]);
  });

  it('throws JUnitParseError and no other error for any string (fuzz)', async () => {
    const token = fc.constantFrom(
      '<testsuites>',
      '</testsuites>',
      '<testsuite name="s">',
      '</testsuite>',
      '<testcase name="c" time="1,5"',
      '<testcase',
      ' classname=""',
      '/>',
      '>',
      '</testcase>',
      '<failure message="m">',
      '</failure>',
      '<error/>',
      '<skipped/>',
      '<flakyFailure>',
      '</flakyFailure>',
      '<properties>',
      '<property name="p"',
      '</property>',
      '</properties>',
      '<system-out>',
      '</system-out>',
      '<![CDATA[x]]>',
      '&amp;',
      '&#27;',
      '&bogus;',
      '<!DOCTYPE x>',
      '<?xml version="1.0"?>',
      '<!-- c -->',
      'text',
      ' ',
      '\n',
      '<',
      '&',
      '"',
      '\uFEFF',
    );
    const xmlish = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), xmlish), async (source) => {
        try {
          const report = await parseJUnit(source);
          expect(ParsedReport.safeParse(report).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(JUnitParseError);
          const { line, column } = error as JUnitParseError;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('parseJUnit: streaming', () => {
  it('reads a 50 000-case report fed in 1 KB chunks by an async generator', async () => {
    const cases = 50_000;
    async function* report(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      let pending: Uint8Array = encoder.encode('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n');
      for (let i = 0; i < cases; i++) {
        const suite = i % 1000 === 0 ? `${i > 0 ? '</testsuite>\n' : ''}<testsuite name="module ${i / 1000}">\n` : '';
        const body = i % 10 === 0 ? `><failure message="boom ${i} ✗">stack ${i}</failure></testcase>` : '/>';
        const piece = encoder.encode(
          `${suite}  <testcase classname="ÜberTest" name="case ${i}" time="0.00${i % 10}"${body}\n`,
        );
        pending = concat(pending, piece);
        while (pending.length >= 1024) {
          yield pending.slice(0, 1024); // cuts multi-byte characters in two
          pending = pending.slice(1024);
        }
      }
      yield concat(pending, encoder.encode('</testsuite>\n</testsuites>\n'));
    }

    const parsed = await parseJUnit(report());

    expect(parsed.totals).toEqual({
      total: cases,
      passed: 45_000,
      failed: 5_000,
      errored: 0,
      skipped: 0,
      durationMs: 225_000, // time="0.00<i % 10>"
    });
    expect(parsed.suites).toHaveLength(50);
    expect(parsed.cases[49_990]).toEqual({
      suite: 'module 49',
      suitePath: 'module 49',
      classname: 'ÜberTest',
      name: 'case 49990',
      durationMs: 0,
      status: 'failed',
      message: 'boom 49990 ✗',
      details: 'stack 49990',
    });
  });

  it.each(['vitest.xml', 'maven-surefire.xml'])(
    'gives the same result however the bytes are cut: UTF-8 sequences, CRLF, CDATA (%s)',
    async (name) => {
      const text = junitFixture(name).replaceAll('\n', '\r\n');
      const bytes = new TextEncoder().encode(text);
      const whole = await parseJUnit(text);

      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), async (cuts) => {
          expect(await parseJUnit(inChunks(bytes, cuts))).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('accepts string chunks, byte chunks and a mix of both', async () => {
    const text = junitFixture('jest-junit.xml');
    const whole = await parseJUnit(text);
    async function* mixed(): AsyncGenerator<Uint8Array | string> {
      yield text.slice(0, 100);
      yield new TextEncoder().encode(text.slice(100, 700));
      yield text.slice(700);
    }

    expect(await parseJUnit(mixed())).toEqual(whole);
  });

  it('reads a UTF-16 report with a byte order mark', async () => {
    const text = junitFixture('vitest.xml').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');

    const report = await parseJUnit(inChunks(bytes, everyNBytes(bytes, 3)));

    expect(report).toEqual(await parseJUnit(junitFixture('vitest.xml')));
  });

  it('lets an error of the source itself through as it is', async () => {
    const failure = new Error('S3 stream reset');
    async function* broken(): AsyncGenerator<string> {
      yield '<testsuite name="s">';
      throw failure;
    }

    await expect(parseJUnit(broken())).rejects.toBe(failure);
  });
});

describe('toJUnitXml', () => {
  it.each(JUNIT_PRODUCER_FIXTURES)(
    'writes back what was read: parse → write → parse keeps every case (%s)',
    async (name) => {
      const original = await parseJUnit(junitFixture(name));

      const reread = await parseJUnit(toJUnitXml({ name: 'run 42', cases: original.cases }));

      // Nested suites are written flat, one <testsuite> per suite path.
      expect(reread.cases).toEqual(original.cases.map((c) => ({ ...c, suite: c.suitePath })));
      expect(reread.totals).toEqual(original.totals);
    },
  );

  it('writes a <testsuites> report with counts per suite and for the run', () => {
    const cases: WritableCase[] = [
      { suite: 'cart', classname: 'Cart', name: 'adds', durationMs: 1500, status: 'passed', retries: 1, flaky: true },
      { suite: 'cart', classname: 'Cart', name: 'totals', durationMs: 20, status: 'failed', message: 'off by one' },
      { suite: 'checkout', classname: 'Checkout', name: 'pays', durationMs: 0, status: 'skipped' },
    ];

    const xml = toJUnitXml({ name: 'nightly', cases });

    expect(xml).toContain(
      '<testsuites name="nightly" tests="3" failures="1" errors="0" skipped="1" time="1.520">\n' +
        '  <testsuite name="cart" tests="2" failures="1" errors="0" skipped="0" time="1.520">\n' +
        '    <testcase name="adds" classname="Cart" time="1.500">\n      <flakyFailure/>\n    </testcase>\n',
    );
    expect(xml).toContain('<testsuite name="checkout" tests="1" failures="0" errors="0" skipped="1" time="0.000">');
    expect(xml).toContain('<failure message="off by one"/>');
    expect([...junitXmlChunks({ name: 'nightly', cases })].join('')).toBe(xml);
  });

  it('escapes markup and whitespace, and replaces characters XML cannot carry', async () => {
    const nasty = 'a<b>&"c\'\td\ne\r\nf]]>\u0000\u001b[31m\uFFFF\uD800';
    const xml = toJUnitXml({
      name: nasty,
      cases: [
        {
          suite: nasty,
          classname: nasty,
          name: nasty,
          durationMs: 1,
          status: 'errored',
          message: nasty,
          details: `trace ${nasty}`,
          systemOut: `out ${nasty}`,
          properties: { [nasty]: nasty },
        },
      ],
    });

    const [reread] = (await parseJUnit(xml)).cases;
    const expected = 'a<b>&"c\'\td\ne\r\nf]]>\uFFFD\uFFFD[31m\uFFFD\uFFFD';
    expect(reread).toEqual({
      suite: expected,
      suitePath: expected,
      classname: expected,
      name: expected,
      durationMs: 1,
      status: 'errored',
      message: expected,
      details: `trace ${expected}`,
      systemOut: `out ${expected}`,
      properties: { [expected]: expected },
    });
    expect([...xml].filter((c) => c < ' ' && !'\t\n\r'.includes(c))).toEqual([]);
  });

  it('round-trips the statuses, counts and names of any run (property)', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const writableCase = fc.record({
      suite: text,
      classname: text.filter((s) => s.trim() !== ''),
      name: text,
      durationMs: fc.integer({ min: 0, max: 10_000_000 }),
      status: fc.constantFrom(...TEST_STATUSES),
      message: fc.option(
        text.filter((s) => s !== ''),
        { nil: undefined },
      ),
      retries: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    });

    await fc.assert(
      fc.asyncProperty(fc.array(writableCase, { maxLength: 15 }), async (generated) => {
        const cases: WritableCase[] = generated.map((c) => ({
          ...c,
          flaky: c.status === 'passed' && c.retries ? true : undefined,
        }));

        const report = await parseJUnit(toJUnitXml({ name: 'run', cases }));

        expect(report.totals.total).toBe(cases.length);
        for (const status of TEST_STATUSES) {
          expect(report.totals[status]).toBe(cases.filter((c) => c.status === status).length);
        }
        const key = (c: { classname: string; name: string; status: string; durationMs: number }) =>
          JSON.stringify([xmlSafe(c.classname), xmlSafe(c.name), c.status, c.durationMs]);
        expect(report.cases.map(key).sort()).toEqual(cases.map(key).sort());
      }),
      { numRuns: 100 },
    );
  });
});

describe('caseKey', () => {
  it('joins classname and name with ::, whitespace collapsed and Unicode normalized', () => {
    expect(caseKey(' com.acme.CartTest ', 'adds \n\t an  item')).toBe('com.acme.CartTest::adds an item');
    expect(caseKey('Caf\u00e9Test', 'r\u00e9sum\u00e9')).toBe(caseKey('Cafe\u0301Test', 're\u0301sume\u0301'));
  });

  it('stays unambiguous when classnames or names contain :: (Rust, C++)', () => {
    expect(caseKey('my_crate::tests', 'adds')).toBe('my_crate%3A%3Atests::adds');
    expect(caseKey('a::b', 'c')).not.toBe(caseKey('a', 'b::c'));
  });

  it('gives two cases the same key only if their normalized classname and name are the same (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('a', ':', '%', ' ', '3', 'A'), maxLength: 6 });
    fc.assert(
      fc.property(part, part, part, part, (c1, n1, c2, n2) => {
        const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
        const same = normalize(c1) === normalize(c2) && normalize(n1) === normalize(n2);
        expect(caseKey(c1, n1) === caseKey(c2, n2)).toBe(same);
      }),
    );
  });
});

/** What XML can carry of a string: the writer replaces the rest with U+FFFD. */
function xmlSafe(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
