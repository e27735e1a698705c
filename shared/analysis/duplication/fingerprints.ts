/**
 * The per-file half of duplication analysis, run in the batch Lambdas: each file becomes a small
 * record of its normalized token stream, and records travel to the merge step through S3 in a
 * compact binary form.
 *
 * The record keeps the normalized tokens themselves (as codes into a per-file vocabulary that,
 * identifiers and literals being normalized, holds only keywords and punctuation) rather than
 * window hashes: at about two bytes a token it is smaller than one 64-bit hash per window, and the
 * merge can check every hash match token by token, so a hash collision never reports a clone.
 */

import type { LanguageName } from '#shared/analysis/model';
import { tokenize } from './tokenizer.ts';

/** jscpd's default: the fewest tokens a clone has. */
export const DEFAULT_MIN_TOKENS = 50;

/** One file's input to the merge step. Lines are 1-based. */
export interface FileFingerprints {
  path: string;
  language: LanguageName;
  /** Physical lines of the file. */
  lines: number;
  /** The distinct normalized token symbols of this file. */
  vocabulary: string[];
  /** Each token as an index into `vocabulary`; empty when the file has fewer than minTokens tokens. */
  codes: Uint16Array;
  startLines: Uint32Array;
  endLines: Uint32Array;
}

/** Physical lines: line breaks, plus one for a last line without its break. */
function countLines(text: string): number {
  let breaks = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) breaks++;
  return text.length === 0 || text.endsWith('\n') ? breaks : breaks + 1;
}

/** Tokenizes one file into its duplication record (see tokenizer.ts for what is normalized). */
export function fingerprintFile(
  path: string,
  language: LanguageName,
  text: string,
  options: { minTokens?: number } = {},
): FileFingerprints {
  const minTokens = options.minTokens ?? DEFAULT_MIN_TOKENS;
  const stream = tokenize(language, text);
  const lines = countLines(text);
  if (stream.symbols.length < minTokens) {
    return {
      path,
      language,
      lines,
      vocabulary: [],
      codes: new Uint16Array(),
      startLines: new Uint32Array(),
      endLines: new Uint32Array(),
    };
  }
  const vocabulary: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Uint16Array(stream.symbols.length);
  stream.symbols.forEach((symbol, index) => {
    let code = codeOf.get(symbol);
    if (code === undefined) {
      code = vocabulary.push(symbol) - 1;
      codeOf.set(symbol, code);
    }
    codes[index] = code;
  });
  return {
    path,
    language,
    lines,
    vocabulary,
    codes,
    startLines: Uint32Array.from(stream.startLines),
    endLines: Uint32Array.from(stream.endLines),
  };
}

const MAGIC = [0x54, 0x44, 0x46, 0x31]; // "TDF1"

/** A growable byte buffer writing unsigned LEB128 varints and length-prefixed UTF-8. */
class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly encoder = new TextEncoder();

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  raw(values: number[]): void {
    this.reserve(values.length);
    for (const value of values) this.bytes[this.length++] = value;
  }
  varint(value: number): void {
    this.reserve(5);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }
  string(value: string): void {
    const encoded = this.encoder.encode(value);
    this.varint(encoded.length);
    this.reserve(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class ByteReader {
  private offset = 0;
  private readonly decoder = new TextDecoder();
  constructor(private readonly bytes: Uint8Array) {}

  raw(count: number): number[] {
    if (this.offset + count > this.bytes.length) throw new RangeError('fingerprint data truncated');
    const values = [...this.bytes.subarray(this.offset, this.offset + count)];
    this.offset += count;
    return values;
  }
  varint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new RangeError('fingerprint data truncated');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }
  string(): string {
    const length = this.varint();
    const end = this.offset + length;
    if (end > this.bytes.length) throw new RangeError('fingerprint data truncated');
    const value = this.decoder.decode(this.bytes.subarray(this.offset, end));
    this.offset = end;
    return value;
  }
  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}

/**
 * Encodes records for S3: varints throughout, start lines as deltas from the previous token, and
 * end lines only for the few tokens (templates, multi-line strings) that end on a later line.
 */
export function serializeFingerprints(records: FileFingerprints[]): Uint8Array {
  const writer = new ByteWriter();
  writer.raw(MAGIC);
  writer.varint(records.length);
  for (const record of records) {
    writer.string(record.path);
    writer.string(record.language);
    writer.varint(record.lines);
    writer.varint(record.vocabulary.length);
    for (const symbol of record.vocabulary) writer.string(symbol);
    writer.varint(record.codes.length);
    for (const code of record.codes) writer.varint(code);
    let previousLine = 0;
    const spanning: number[] = [];
    record.startLines.forEach((line, index) => {
      writer.varint(line - previousLine);
      previousLine = line;
      if ((record.endLines[index] as number) !== line) spanning.push(index);
    });
    writer.varint(spanning.length);
    let previousIndex = 0;
    for (const index of spanning) {
      writer.varint(index - previousIndex);
      writer.varint((record.endLines[index] as number) - (record.startLines[index] as number));
      previousIndex = index;
    }
  }
  return writer.result();
}

/** Decodes what serializeFingerprints wrote; throws RangeError on foreign or truncated bytes. */
export function deserializeFingerprints(bytes: Uint8Array): FileFingerprints[] {
  const reader = new ByteReader(bytes);
  if (reader.raw(MAGIC.length).some((byte, index) => byte !== MAGIC[index])) {
    throw new RangeError('not duplication fingerprint data');
  }
  const records: FileFingerprints[] = [];
  const count = reader.varint();
  for (let recordIndex = 0; recordIndex < count; recordIndex++) {
    const path = reader.string();
    const language = reader.string();
    const lines = reader.varint();
    const vocabulary = Array.from({ length: reader.varint() }, () => reader.string());
    const tokenCount = reader.varint();
    const codes = new Uint16Array(tokenCount);
    for (let index = 0; index < tokenCount; index++) codes[index] = reader.varint();
    const startLines = new Uint32Array(tokenCount);
    let line = 0;
    for (let index = 0; index < tokenCount; index++) {
      line += reader.varint();
      startLines[index] = line;
    }
    const endLines = startLines.slice();
    let spanningIndex = 0;
    for (let remaining = reader.varint(); remaining > 0; remaining--) {
      spanningIndex += reader.varint();
      endLines[spanningIndex] = (startLines[spanningIndex] as number) + reader.varint();
    }
    records.push({ path, language, lines, vocabulary, codes, startLines, endLines });
  }
  if (!reader.atEnd()) throw new RangeError('trailing bytes after fingerprint data');
  return records;
}
