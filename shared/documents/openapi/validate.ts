import { dereference, validate } from '@readme/openapi-parser';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import * as m from '#shared/documents/openapi/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';

// Parses and validates an OpenAPI 3.0 / 3.1 design (YAML or JSON) with @readme/openapi-parser,
// naming each problem by its JSON pointer and line. Bounded: a size cap, a cap on YAML aliases
// (no "billion laughs"), and no external `$ref` is ever resolved: the parser's file and URL
// resolvers could read this machine's files or reach any host, so such references are refused
// before the parser sees the document.

/** The largest document accepted, in bytes (documents are stored inline up to 1 MB). */
export const OPENAPI_MAX_BYTES = 1_048_576;

const MAX_YAML_ALIASES = 1_000;

/** One thing wrong with a document: where (JSON pointer, 1-based line and column) and why. */
export interface OpenApiProblem {
  pointer: string;
  line: number;
  column?: number;
  message: LocalizedText;
}

/** A parsed OpenAPI document, as written (internal `$ref`s kept). */
export type OpenApiDocument = Record<string, unknown>;

/** The outcome of `validateOpenApi`. */
export type OpenApiValidation =
  | { valid: true; document: OpenApiDocument; version: '3.0' | '3.1' }
  | { valid: false; problems: OpenApiProblem[] };

/** Parses `text` (YAML or JSON) and validates it as OpenAPI 3.0 or 3.1: the document, or every problem found. */
export async function validateOpenApi(text: string): Promise<OpenApiValidation> {
  if (Buffer.byteLength(text) > OPENAPI_MAX_BYTES) {
    return invalid([{ pointer: '', line: 1, message: m.documentTooLarge({ max: OPENAPI_MAX_BYTES }) }]);
  }
  const lineCounter = new LineCounter();
  const source = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (source.errors.length > 0) {
    return invalid(
      source.errors.map((error) => ({
        ...positionAt(source, lineCounter, error.pos[0]),
        message: m.syntaxError({ reason: error.message.split('\n')[0] ?? error.message }),
      })),
    );
  }
  let value: unknown;
  try {
    value = source.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    return invalid([{ pointer: '', line: 1, message: m.syntaxError({ reason: (error as Error).message }) }]);
  }
  const locate = (pointer: string): Omit<OpenApiProblem, 'message'> => ({
    pointer,
    ...lineOf(source, lineCounter, pointer),
  });

  if (!isPlainObject(value)) return invalid([{ ...locate(''), message: m.notAnObject() }]);
  if ('swagger' in value) return invalid([{ ...locate('/swagger'), message: m.swaggerRefused() }]);
  const version = typeof value.openapi === 'string' ? /^3\.(0|1)\.\d+$/.exec(value.openapi)?.[1] : undefined;
  if (version === undefined) {
    if (!('openapi' in value)) return invalid([{ ...locate(''), message: m.notAnObject() }]);
    return invalid([{ ...locate('/openapi'), message: m.unsupportedVersion({ version: String(value.openapi) }) }]);
  }

  const referenceProblems = [...references(value)].flatMap(({ pointer, ref }) => {
    if (!ref.startsWith('#')) return [{ ...locate(pointer), message: m.externalReference({ ref }) }];
    return resolvePointer(value, ref.slice(1)) === undefined
      ? [{ ...locate(pointer), message: m.missingReference({ ref }) }]
      : [];
  });
  if (referenceProblems.length > 0) return invalid(referenceProblems);

  let result: Awaited<ReturnType<typeof validate>>;
  try {
    result = await validate(structuredClone(value) as never, PARSER_OPTIONS);
  } catch (error) {
    // The parser throws on shapes its checks do not expect; the document is still refused, with its words.
    return invalid([{ ...locate(''), message: m.validatorProblem({ reason: (error as Error).message }) }]);
  }
  if (result.valid) return { valid: true, document: value, version: version === '0' ? '3.0' : '3.1' };

  // The parser words its problems without a pointer: its schema problems carry a code frame of
  // the dereferenced document printed with two-space indentation, its own rules name the place
  // in backticks. Both are turned back into a pointer, then into a line of the text as written.
  const printedLines = await printedLinePointers(value);
  return invalid(
    result.errors.map(({ message }) => {
      const pointer = pointerInMessage(message, printedLines, value);
      return { ...locate(pointer), message: m.validatorProblem({ reason: firstParagraph(message) }) };
    }),
  );
}

/**
 * The document with every internal `$ref` replaced by its target; circular references become
 * circular objects, so walkers of the result must track what they have visited.
 */
export async function dereferenceOpenApi(document: OpenApiDocument): Promise<OpenApiDocument> {
  return (await dereference(structuredClone(document) as never, {
    ...PARSER_OPTIONS,
    dereference: { circular: true },
  })) as unknown as OpenApiDocument;
}

const PARSER_OPTIONS = { resolve: { external: false, file: false }, timeoutMs: 10_000 } as const;

function invalid(problems: OpenApiProblem[]): OpenApiValidation {
  return { valid: false, problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function firstParagraph(message: string): string {
  return message.split('\n\n')[0]?.trim() ?? message;
}

/** `~` and `/` escaped as RFC 6901 asks. */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at an RFC 6901 pointer, or undefined. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isPlainObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function* references(root: unknown): Generator<{ pointer: string; ref: string }> {
  const pending: [unknown, string][] = [[root, '']];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const [node, pointer] = entry;
    if (Array.isArray(node))
      pending.push(...node.map((item, index): [unknown, string] => [item, `${pointer}/${index}`]));
    else if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string') yield { pointer: `${pointer}/$ref`, ref: child };
        else pending.push([child, `${pointer}/${pointerSegment(key)}`]);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// From a pointer to a line of the text, and from the parser's words to a pointer

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where `pointer` is in the text: the deepest node on its way, following internal `$ref`s (the
 * parser reports places in the dereferenced document, which may lie behind a reference).
 */
function lineOf(source: Document, lineCounter: LineCounter, pointer: string): { line: number; column: number } {
  let node: unknown = source.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  const segments = segmentsOf(pointer);
  for (let index = 0, hops = 0; index < segments.length && hops < 100; ) {
    const segment = segments[index] as string;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined) {
        const ref = node.get('$ref');
        if (typeof ref !== 'string' || !ref.startsWith('#')) break;
        node = source.getIn(segmentsOf(ref.slice(1)), true);
        hops++;
        continue;
      }
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = (node as Node | undefined)?.range?.[0] ?? offset;
    } else break;
    index++;
  }
  return position(lineCounter, offset);
}

function positionAt(source: Document, lineCounter: LineCounter, offset: number): Omit<OpenApiProblem, 'message'> {
  return { pointer: pointerAtOffset(source.contents, offset, ''), ...position(lineCounter, offset) };
}

/** The pointer of the deepest node whose range holds `offset` (for syntax errors). */
function pointerAtOffset(node: unknown, offset: number, pointer: string): string {
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = pair.value as Node | null;
      const start = (pair.key as Node | null)?.range?.[0] ?? 0;
      const end = value?.range?.[2] ?? (pair.key as Node | null)?.range?.[2] ?? 0;
      if (offset >= start && offset <= end && isScalar(pair.key)) {
        return pointerAtOffset(value, offset, `${pointer}/${pointerSegment(String(pair.key.value))}`);
      }
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const range = (item as Node | null)?.range;
      if (range && offset >= range[0] && offset <= range[2]) {
        return pointerAtOffset(item, offset, `${pointer}/${index}`);
      }
    }
  }
  return pointer;
}

/**
 * For each line of the dereferenced document printed as the parser prints it for its code
 * frames (`JSON.stringify(…, null, 2)`), the pointer of the value that starts there.
 */
async function printedLinePointers(document: OpenApiDocument): Promise<string[]> {
  let dereferenced: unknown;
  try {
    dereferenced = await dereference(structuredClone(document) as never, {
      ...PARSER_OPTIONS,
      dereference: { circular: 'ignore' },
    });
  } catch {
    return [];
  }
  const lines: string[] = [];
  const walk = (node: unknown, pointer: string, line: number): number => {
    lines[line] ??= pointer;
    let next = line;
    const children = Array.isArray(node)
      ? node.map((item, index) => [String(index), item] as const)
      : isPlainObject(node)
        ? Object.entries(node).filter(([, child]) => child !== undefined && typeof child !== 'function')
        : [];
    if (children.length === 0) return line;
    for (const [key, child] of children) next = walk(child, `${pointer}/${pointerSegment(key)}`, next + 1);
    return next + 1; // the closing bracket
  };
  walk(dereferenced, '', 1);
  return lines;
}

const FRAME_MARKER = /^>\s*(\d+)\s*\|/m;
const BACKTICKED_PLACE = /`(\/[^`]*)`/;

function pointerInMessage(message: string, printedLines: string[], document: OpenApiDocument): string {
  const frameLine = FRAME_MARKER.exec(message)?.[1];
  if (frameLine !== undefined) return printedLines[Number(frameLine)] ?? '';
  const place = BACKTICKED_PLACE.exec(message)?.[1];
  return place === undefined ? '' : placeToPointer(place, document);
}

/** The parser's rules write places as `/paths/pets/{petId}/get`: the path key is not escaped. */
function placeToPointer(place: string, document: OpenApiDocument): string {
  const paths = isPlainObject(document.paths) ? Object.keys(document.paths) : [];
  if (place.startsWith('/paths/')) {
    const rest = place.slice('/paths'.length);
    const pathKey = paths.filter((key) => rest.startsWith(key)).sort((a, b) => b.length - a.length)[0];
    if (pathKey !== undefined) return `/paths/${pointerSegment(pathKey)}${rest.slice(pathKey.length)}`;
  }
  return resolvePointer(document, place) === undefined ? '' : place;
}
