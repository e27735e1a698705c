// JUnit XML import: a streaming reader over saxes, so a report of hundreds of megabytes is
// read chunk by chunk and only the parsed results are kept (long bodies cut to a limit).
// The format is a convention, not a standard: this follows what Surefire, Gradle, pytest,
// jest-junit, vitest, go-junit-report and PHPUnit actually write. Every <testcase> is one
// result counted by its children; the counts a <testsuite> claims in its attributes are
// ignored. See test/fixtures/junit/ for a report from each producer.
// Memory: the results, plus the longest single text node or attribute value, which saxes
// holds whole until it ends (a 50 MB <system-out> costs 50 MB while it is read).
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '#shared/http/errors';
import type { LocalizedText } from '#shared/i18n/catalogue';
import * as m from '#shared/testing/imports/messages';
import type {
  ParsedReport,
  ReportCase,
  ReportSuite,
  ReportTotals,
  TestStatus,
} from '#shared/testing/imports/parsed-report';

export { junitXmlChunks, toJUnitXml, type WritableCase } from '#shared/testing/imports/junit-writer';

export const DEFAULT_MAX_CASES = 100_000;
/** Characters kept of each failure body, system-out, system-err, message or name. */
export const DEFAULT_MAX_TEXT_LENGTH = 64 * 1024;
export const SUITE_PATH_SEPARATOR = ' › ';
/** Deeper than any producer nests; stops a `<a><a><a>…` document from exhausting memory. */
const MAX_DEPTH = 256;
/** A duration beyond this (about 115 days) is garbage, read as 0 like any unreadable time. */
const MAX_DURATION_MS = 10_000_000_000;

export interface ParseJUnitOptions {
  /** A report with more `<testcase>` elements than this is refused (default 100 000). */
  maxCases?: number;
  /** Longer texts are cut to this many characters plus a "[… truncated]" note (default 64 Ki). */
  maxTextLength?: number;
}

/**
 * The report is not well-formed XML or not a JUnit report. A 400 for the API, carrying the
 * 1-based position where reading stopped.
 */
export class JUnitParseError extends AppError {
  constructor(
    readonly reason: LocalizedText,
    readonly line: number,
    readonly column: number,
  ) {
    super(
      400,
      'INVALID_JUNIT_REPORT',
      m.titleInvalidJunit(),
      m.junitParseDetail({ line: String(line), column: String(column), reason }),
    );
  }
}

/**
 * Reads a JUnit XML report: a whole string, or chunks (bytes or text) as an S3 body or a
 * Node stream yields them. Throws JUnitParseError for anything that is not a readable report;
 * an error raised by the source itself propagates as it is.
 */
export async function parseJUnit(
  source: AsyncIterable<Uint8Array | string> | string,
  options: ParseJUnitOptions = {},
): Promise<ParsedReport> {
  const reader = new JUnitReader(
    options.maxCases ?? DEFAULT_MAX_CASES,
    options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH,
  );
  if (typeof source === 'string') {
    reader.write(source);
    return reader.end();
  }
  const decoder = new ChunkDecoder();
  for await (const chunk of source) {
    reader.write(typeof chunk === 'string' ? decoder.flush() + chunk : decoder.decode(chunk));
  }
  reader.write(decoder.flush());
  return reader.end();
}

type Outcome = Exclude<TestStatus, 'passed'>;
/** A case with several result elements takes the worst: a failure beats an error beats a skip. */
const OUTCOME_RANK: Record<Outcome, number> = { skipped: 1, errored: 2, failed: 3 };
const OUTCOME_OF_ELEMENT: Record<string, Outcome> = { failure: 'failed', error: 'errored', skipped: 'skipped' };
/** Surefire's records of earlier attempts (and JUnit 5 / Gradle plugins that copy them). */
const RERUN_ELEMENTS = new Set(['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);

interface Position {
  line: number;
  column: number;
}

interface SuiteDraft {
  report: ReportSuite;
  properties: Map<string, string>;
}

interface CaseDraft {
  suite: SuiteDraft | undefined;
  classname: string;
  name: string;
  file: string | undefined;
  durationMs: number;
  /** GoogleTest writes disabled tests with no child, only `status="notrun"` / `result="suppressed"`. */
  notRun: boolean;
  outcome?: Outcome;
  message?: string;
  type?: string;
  details?: TextBuffer;
  systemOut?: TextBuffer;
  systemErr?: TextBuffer;
  properties?: Map<string, string>;
  retries: number;
}

type FrameKind = 'suite' | 'case' | 'properties' | 'property' | 'other';

/** One open element. Elements we do not read are kept as 'other' so that nesting stays known. */
interface Frame extends Position {
  kind: FrameKind;
  name: string;
  /** Where this element's text goes, if it is read. */
  text?: TextBuffer;
  /** The property bag a `<properties>` block or one of its `<property>` elements fills. */
  properties?: Map<string, string>;
  propertyName?: string;
  propertyValue?: string;
}

class JUnitReader {
  private readonly parser = new SaxesParser();
  private readonly suites: ReportSuite[] = [];
  private readonly cases: ReportCase[] = [];
  private readonly totals: ReportTotals = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, durationMs: 0 };
  private readonly frames: Frame[] = [];
  private readonly suiteStack: SuiteDraft[] = [];
  private draft: CaseDraft | undefined;
  private tagStart: Position = { line: 1, column: 1 };
  private sawRoot = false;
  private lastClosed: Frame | undefined;
  private started = false;
  private sawMarkup = false;
  /** Where the first non-blank character is, while only blanks have been read. */
  private lead: Position = { line: 1, column: 1 };

  constructor(
    private readonly maxCases: number,
    private readonly maxText: number,
  ) {
    const { parser } = this;
    parser.on('error', (error) => this.onXmlError(error));
    parser.on('doctype', () => {
      throw this.fail(m.junitDoctype());
    });
    parser.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
    parser.on('opentag', (tag) => this.onOpenTag(tag));
    parser.on('closetag', () => this.onCloseTag());
    parser.on('text', (text) => this.frames.at(-1)?.text?.append(text));
    parser.on('cdata', (text) => this.frames.at(-1)?.text?.append(text));
  }

  write(text: string): void {
    if (text.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!this.sawMarkup) this.checkFirstCharacter(text);
    this.parser.write(text);
  }

  /**
   * saxes reports text before the root only where the text ends: for a JSON or HTML body
   * that would be its last line. Anything but markup at the start is refused where it is.
   */
  private checkFirstCharacter(text: string): void {
    for (const character of text) {
      if (character === ' ' || character === '\t' || character === '\r') this.lead.column += 1;
      else if (character === '\n') this.lead = { line: this.lead.line + 1, column: 1 };
      else if (character === '<') {
        this.sawMarkup = true;
        return;
      } else {
        throw this.fail(m.junitNotXml({ character }), this.lead);
      }
    }
  }

  end(): ParsedReport {
    this.parser.close();
    return { suites: this.suites, cases: this.cases, totals: this.totals };
  }

  private onXmlError(error: Error): void {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    // Surefire writes control characters of messages as `&#27;`, which XML 1.0 forbids; the
    // reference is kept as text rather than refusing every report with a coloured message.
    if (reason === 'malformed character entity.') return;
    throw this.fail(this.describeXmlError(reason));
  }

  private describeXmlError(reason: string): LocalizedText {
    const open = this.frames.at(-1);
    if (reason === 'unexpected close tag.' && this.lastClosed) {
      return m.junitMismatchedClose(element(this.lastClosed));
    }
    if (reason.startsWith('unclosed tag: ') && open) {
      return m.junitTruncatedElement(element(open));
    }
    const known: Record<string, LocalizedText> = {
      'unexpected end.': m.junitTruncatedMarkup(),
      'document must contain a root element.': m.junitNoRoot(),
      'undefined entity.': m.junitUndefinedEntity(),
      'text data outside of root node.': m.junitTextOutsideRoot(),
      'documents may contain only one root.': m.junitSecondRoot(),
    };
    return known[reason] ?? m.junitNotWellFormed({ reason: reason.replace(/\.$/, '') });
  }

  private fail(reason: LocalizedText, where: Position = this.position()): JUnitParseError {
    return new JUnitParseError(reason, where.line, where.column);
  }

  private position(): Position {
    return { line: this.parser.line, column: Math.max(1, this.parser.column) };
  }

  /** Called once the name is read: the `<` is one column before it, unless a newline ended the name. */
  private onOpenTagStart(name: string): void {
    const column = this.parser.column - codePointLength(name) - 1;
    this.tagStart = column >= 1 ? { line: this.parser.line, column } : this.position();
    if (this.frames.length > 0) return;
    if (this.sawRoot) throw this.fail(m.junitSecondRoot(), this.tagStart);
    if (name !== 'testsuites' && name !== 'testsuite') {
      throw this.fail(m.junitRootElement({ name }), this.tagStart);
    }
    this.sawRoot = true;
  }

  private onOpenTag(tag: SaxesTagPlain): void {
    const { name, attributes } = tag;
    const parent = this.frames.at(-1);
    const frame: Frame = { kind: 'other', name, ...this.tagStart };
    if (this.frames.length >= MAX_DEPTH) throw this.fail(m.junitTooDeep({ max: MAX_DEPTH }), frame);

    if (name === 'testsuite' || name === 'testcase') {
      if (this.draft) throw this.fail(m.junitCaseContains({ name }), frame);
      frame.kind = name === 'testsuite' ? 'suite' : 'case';
      if (name === 'testsuite') this.openSuite(attributes, frame);
      else this.openCase(attributes, frame);
    } else if (parent?.kind === 'case' && this.draft) {
      this.openCaseChild(name, attributes, frame, this.draft);
    } else if (name === 'properties' && parent?.kind === 'suite') {
      frame.kind = 'properties';
      frame.properties = this.suiteStack.at(-1)?.properties;
    } else if (name === 'property' && parent?.kind === 'properties') {
      frame.kind = 'property';
      frame.properties = parent.properties;
      frame.propertyName = attributes.name;
      frame.propertyValue = attributes.value;
      if (attributes.value === undefined) frame.text = new TextBuffer(this.maxText);
    }
    this.frames.push(frame);
  }

  private openSuite(attributes: Record<string, string>, where: Position): void {
    if (this.suites.length >= this.maxCases) throw this.fail(m.junitTooManySuites(), where);
    const parentPath = this.suiteStack.at(-1)?.report.suitePath ?? '';
    const name = this.keep(attributes.name ?? '');
    const suitePath = parentPath && name ? `${parentPath}${SUITE_PATH_SEPARATOR}${name}` : parentPath || name;
    const report: ReportSuite = { name, suitePath, properties: {} };
    if (attributes.file) report.file = this.keep(attributes.file);
    if (attributes.timestamp) report.timestamp = this.keep(attributes.timestamp);
    if (attributes.hostname) report.hostname = this.keep(attributes.hostname);
    this.suites.push(report);
    this.suiteStack.push({ report, properties: new Map() });
  }

  private openCase(attributes: Record<string, string>, where: Position): void {
    if (this.cases.length >= this.maxCases) {
      throw this.fail(m.junitTooManyCases({ max: this.maxCases }), where);
    }
    const suite = this.suiteStack.at(-1);
    this.draft = {
      suite,
      classname: attributes.classname ?? '',
      name: attributes.name ?? '',
      file: attributes.file || this.suiteStack.findLast((s) => s.report.file)?.report.file,
      durationMs: toDurationMs(attributes.time),
      notRun: attributes.status === 'notrun' || attributes.result === 'suppressed' || attributes.result === 'skipped',
      retries: 0,
    };
  }

  private openCaseChild(name: string, attributes: Record<string, string>, frame: Frame, draft: CaseDraft): void {
    const outcome = OUTCOME_OF_ELEMENT[name];
    if (outcome) {
      if (draft.outcome && OUTCOME_RANK[draft.outcome] >= OUTCOME_RANK[outcome]) return;
      draft.outcome = outcome;
      draft.message = attributes.message || undefined;
      draft.type = attributes.type || undefined;
      draft.details = frame.text = new TextBuffer(this.maxText);
    } else if (RERUN_ELEMENTS.has(name)) {
      draft.retries += 1;
    } else if (name === 'system-out') {
      frame.text = draft.systemOut ??= new TextBuffer(this.maxText);
    } else if (name === 'system-err') {
      frame.text = draft.systemErr ??= new TextBuffer(this.maxText);
    } else if (name === 'properties') {
      frame.kind = 'properties';
      frame.properties = draft.properties ??= new Map();
    }
  }

  private onCloseTag(): void {
    const frame = this.frames.pop();
    this.lastClosed = frame;
    if (frame?.kind === 'case') this.closeCase();
    else if (frame?.kind === 'suite') this.closeSuite();
    else if (frame?.kind === 'property' && frame.propertyName) {
      const value = frame.propertyValue ?? frame.text?.toString() ?? '';
      frame.properties?.set(this.keep(frame.propertyName), this.keep(value));
    }
  }

  private closeSuite(): void {
    const suite = this.suiteStack.pop();
    if (suite) suite.report.properties = Object.fromEntries(suite.properties);
  }

  private closeCase(): void {
    const draft = this.draft;
    if (!draft) return;
    this.draft = undefined;
    const suite = draft.suite?.report.name ?? '';
    const status: TestStatus = draft.outcome ?? (draft.notRun ? 'skipped' : 'passed');
    const result: ReportCase = {
      suite,
      suitePath: draft.suite?.report.suitePath ?? '',
      classname: draft.classname.trim() ? this.keep(draft.classname) : suite,
      name: this.keep(draft.name),
      durationMs: draft.durationMs,
      status,
    };
    if (draft.file) result.file = this.keep(draft.file);
    if (draft.message) result.message = this.keep(draft.message);
    if (draft.type) result.type = this.keep(draft.type);
    const details = draft.details?.toString();
    if (details) result.details = details;
    const systemOut = draft.systemOut?.toString();
    if (systemOut) result.systemOut = systemOut;
    const systemErr = draft.systemErr?.toString();
    if (systemErr) result.systemErr = systemErr;
    if (draft.properties?.size) result.properties = Object.fromEntries(draft.properties);
    if (draft.retries > 0) {
      result.retries = draft.retries;
      if (status === 'passed') result.flaky = true;
    }
    this.cases.push(result);
    this.totals.total += 1;
    this.totals[status] += 1;
    this.totals.durationMs += result.durationMs;
  }

  /** A string to keep in the result: cut to the limit, and copied off the chunk it came from. */
  private keep(value: string): string {
    return detach(value.length > this.maxText ? truncate(value, this.maxText, 0) : value);
  }
}

/**
 * Collects an element's text (text nodes and CDATA sections alike) up to a limit and
 * counts what it drops, so that a 200 MB system-out keeps its first 64 KB.
 */
class TextBuffer {
  private readonly parts: string[] = [];
  private length = 0;
  private dropped = 0;

  constructor(private readonly limit: number) {}

  append(text: string): void {
    const room = this.limit - this.length;
    if (text.length <= room) {
      this.parts.push(text);
      this.length += text.length;
      return;
    }
    const cut = room > 0 && isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : Math.max(room, 0);
    if (cut > 0) this.parts.push(detach(text.slice(0, cut)));
    this.length = this.limit;
    this.dropped += text.length - cut;
  }

  /** The text without surrounding whitespace (reports indent it), or undefined if there is none. */
  toString(): string | undefined {
    const text = this.parts.join('').trim();
    if (this.dropped > 0) return detach(truncate(text, text.length, this.dropped));
    return text ? detach(text) : undefined;
  }
}

/** The first `keep` characters of `text` and a note of how many are gone, counting `dropped` already left out. */
function truncate(text: string, keep: number, dropped: number): string {
  const cut = keep > 0 && keep < text.length && isHighSurrogate(text.charCodeAt(keep - 1)) ? keep - 1 : keep;
  return `${text.slice(0, cut)}\n[… truncated: ${dropped + text.length - cut} more characters]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * V8 represents a slice of a long string as a view that keeps the whole string alive: a
 * 30-character name sliced from a 64 KB chunk would pin the chunk, and the results of a
 * 200 MB report would pin the report. Flattening a fresh concatenation copies the characters.
 */
function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

function codePointLength(name: string): number {
  let length = 0;
  for (let i = 0; i < name.length; i++) if (!isHighSurrogate(name.charCodeAt(i))) length++;
  return length;
}

function element(frame: Position & { name: string }): { name: string; line: number; column: number } {
  return { name: frame.name, line: frame.line, column: frame.column };
}

/**
 * Seconds as producers write them: "0.012", "1,234.5" (Surefire's #,##0.### pattern),
 * "12,5" (a decimal comma). Missing, negative or unreadable times count as 0.
 */
function toDurationMs(time: string | undefined): number {
  if (time === undefined) return 0;
  let text = time.trim();
  if (/^[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replaceAll(',', '');
  else if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
  const ms = Math.round(Number(text) * 1000);
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_DURATION_MS ? ms : 0;
}

/**
 * Bytes to text, chunk by chunk: UTF-8 (the encoding every producer uses) unless the report
 * starts with a UTF-16 byte order mark. A character split across chunks is carried over.
 */
class ChunkDecoder {
  private decoder: TextDecoder | undefined;
  private head: Uint8Array | undefined;

  decode(bytes: Uint8Array): string {
    if (!this.decoder) {
      const head = this.head ? concat(this.head, bytes) : bytes;
      if (head.length < 2) {
        this.head = head;
        return '';
      }
      this.head = undefined;
      this.decoder = new TextDecoder(sniffEncoding(head));
      return this.decoder.decode(head, { stream: true });
    }
    return this.decoder.decode(bytes, { stream: true });
  }

  flush(): string {
    if (this.head) {
      this.decoder = new TextDecoder('utf-8');
      const text = this.decoder.decode(this.head, { stream: true });
      this.head = undefined;
      return text + this.decoder.decode();
    }
    return this.decoder?.decode() ?? '';
  }
}

function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
