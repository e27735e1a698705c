/**
 * Reads HTTP/1.x responses off a keep-alive connection for the load engine, which writes
 * pre-serialized requests on raw sockets: node:http's per-request objects and streams cost
 * more CPU than the request itself at load-test rates. It only frames responses (status,
 * where the body ends, whether the connection may be reused); bodies are counted, not kept.
 *
 * One request at a time (no pipelining), so a response always answers the last request.
 */

export type ResponseReadErrorKind = 'protocol' | 'response_too_large';

/** A response that cannot be read; the connection it came on must not be reused. */
export class ResponseReadError extends Error {
  constructor(
    readonly kind: ResponseReadErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ResponseReadError';
  }
}

export interface ResponseLimits {
  /** Status line and headers (and chunked trailers), as node:http's 16 KiB default. */
  maxHeadBytes: number;
  maxBodyBytes: number;
}

const IDLE = 0;
const HEAD = 1;
const BODY = 2;
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_END = 5;
const TRAILERS = 6;
const UNTIL_CLOSE = 7;
const DONE = 8;

const HEAD_END = Buffer.from('\r\n\r\n');
const LF = 0x0a;
const MAX_LINE_BYTES = 4096;
const CHUNK_SIZE_LINE = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/;
const DECIMAL = /^[0-9]{1,15}$/;

/** Frames one response after another; `begin` before each request, `push` what arrives. */
export class Http1ResponseReader {
  /** Of the response last completed. */
  status = 0;
  bodyBytes = 0;
  /** False when the connection must be closed after the response last completed. */
  keepAlive = true;

  private state = IDLE;
  private headOnly = false;
  private remaining = 0;
  private pendingHead: Buffer | undefined;
  private partialLine = '';
  private trailerBytes = 0;

  constructor(private readonly limits: ResponseLimits) {}

  /** Expects the response to a request with this method (a HEAD response has no body). */
  begin(method: string): void {
    this.state = HEAD;
    this.headOnly = method === 'HEAD';
    this.status = 0;
    this.bodyBytes = 0;
    this.keepAlive = true;
    this.pendingHead = undefined;
    this.partialLine = '';
    this.trailerBytes = 0;
  }

  /**
   * Reads the next bytes; true when they complete the response. Bytes past its end cannot
   * answer anything (nothing else was asked), so they make `keepAlive` false.
   * Throws ResponseReadError on a malformed or oversized response.
   */
  push(chunk: Buffer): boolean {
    let offset = 0;
    for (;;) {
      if (this.state === DONE) {
        this.state = IDLE;
        if (offset < chunk.length) this.keepAlive = false;
        return true;
      }
      if (offset >= chunk.length) return false;
      switch (this.state) {
        case HEAD:
          offset = this.readHead(chunk, offset);
          break;
        case BODY: {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.bodyBytes += take;
          this.remaining -= take;
          offset += take;
          if (this.remaining === 0) this.state = DONE;
          break;
        }
        case CHUNK_DATA: {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.bodyBytes += take;
          this.remaining -= take;
          offset += take;
          if (this.remaining === 0) this.state = CHUNK_END;
          break;
        }
        case CHUNK_SIZE:
        case CHUNK_END:
        case TRAILERS:
          offset = this.readLine(chunk, offset);
          break;
        case UNTIL_CLOSE:
          this.bodyBytes += chunk.length - offset;
          offset = chunk.length;
          if (this.bodyBytes > this.limits.maxBodyBytes) throw tooLarge(this.limits.maxBodyBytes);
          break;
        default:
          throw new ResponseReadError('protocol', 'The server sent data while no request was outstanding.');
      }
    }
  }

  /** The server closed the connection: true when that ends a body delimited by the close. */
  end(): boolean {
    if (this.state !== UNTIL_CLOSE) return false;
    this.state = IDLE;
    this.keepAlive = false;
    return true;
  }

  private readHead(chunk: Buffer, offset: number): number {
    const pending = this.pendingHead;
    const buffer = pending === undefined ? chunk : Buffer.concat([pending, chunk.subarray(offset)]);
    const start = pending === undefined ? offset : 0;
    // A head split across chunks may have its blank line split too: search from just before the seam.
    const end = buffer.indexOf(HEAD_END, pending === undefined ? start : Math.max(0, pending.length - 3));
    if (end === -1 || end - start > this.limits.maxHeadBytes) {
      if (buffer.length - start > this.limits.maxHeadBytes) {
        throw new ResponseReadError('protocol', `The response head exceeds ${this.limits.maxHeadBytes} bytes.`);
      }
      // Copied: a subarray would keep the socket's whole read buffer alive.
      this.pendingHead = Buffer.from(buffer.subarray(start));
      return chunk.length;
    }
    this.pendingHead = undefined;
    this.parseHead(buffer.toString('latin1', start, end));
    const consumed = end + HEAD_END.length - start;
    return pending === undefined ? offset + consumed : offset + consumed - pending.length;
  }

  private parseHead(head: string): void {
    // HTTP/1.x SP 3DIGIT [SP reason-phrase]
    const minor = head.charCodeAt(7) - 48;
    const status = Number(head.slice(9, 12));
    const afterStatus = head.charCodeAt(12);
    if (
      !head.startsWith('HTTP/1.') ||
      (minor !== 0 && minor !== 1) ||
      head.charCodeAt(8) !== 32 ||
      !/^[1-9][0-9][0-9]$/.test(head.slice(9, 12)) ||
      !(Number.isNaN(afterStatus) || afterStatus === 32 || afterStatus === 13)
    ) {
      throw new ResponseReadError('protocol', 'The response does not start with an HTTP/1.x status line.');
    }

    let contentLength = -1;
    let transferEncoding: string | undefined;
    let close = false;
    let keepAliveToken = false;
    const lineEnd = head.indexOf('\r\n');
    let position = lineEnd === -1 ? head.length : lineEnd + 2;
    while (position < head.length) {
      let next = head.indexOf('\r\n', position);
      if (next === -1) next = head.length;
      const first = head.charCodeAt(position);
      if (first === 32 || first === 9) throw new ResponseReadError('protocol', 'The response folds a header line.');
      const colon = head.indexOf(':', position);
      if (colon === -1 || colon > next) throw new ResponseReadError('protocol', 'A response header has no colon.');
      const nameLength = colon - position;
      // Only three headers frame a response; the length test skips lower-casing the rest.
      if (nameLength === 14 || nameLength === 17 || nameLength === 10) {
        const name = head.slice(position, colon).toLowerCase();
        const value = head.slice(colon + 1, next).trim();
        if (name === 'content-length') contentLength = mergedContentLength(contentLength, value);
        else if (name === 'transfer-encoding') transferEncoding = value.toLowerCase();
        else if (name === 'connection') {
          const tokens = value.toLowerCase().split(',');
          for (const token of tokens) {
            const option = token.trim();
            if (option === 'close') close = true;
            else if (option === 'keep-alive') keepAliveToken = true;
          }
        }
      }
      position = next + 2;
    }

    this.status = status;
    this.keepAlive = minor === 1 ? !close : keepAliveToken && !close;
    if (status < 200) {
      // 101 would switch protocols, which nothing asked for; other 1xx are interim: a final head follows.
      if (status === 101) throw new ResponseReadError('protocol', 'The server switched protocols.');
      this.state = HEAD;
      return;
    }
    if (this.headOnly || status === 204 || status === 304) {
      this.state = DONE;
      return;
    }
    if (transferEncoding !== undefined) {
      // RFC 9112 §6.3: Transfer-Encoding wins over Content-Length; the connection is then not reused.
      const codings = transferEncoding.split(',');
      if (codings[codings.length - 1]!.trim() === 'chunked') this.state = CHUNK_SIZE;
      else {
        this.state = UNTIL_CLOSE;
        this.keepAlive = false;
      }
      if (contentLength !== -1) this.keepAlive = false;
      return;
    }
    if (contentLength === -1) {
      this.state = UNTIL_CLOSE;
      this.keepAlive = false;
      return;
    }
    if (contentLength > this.limits.maxBodyBytes) throw tooLarge(this.limits.maxBodyBytes);
    this.remaining = contentLength;
    this.state = contentLength === 0 ? DONE : BODY;
  }

  /** Reads one line of chunked framing (size, the CRLF after data, or a trailer). */
  private readLine(chunk: Buffer, offset: number): number {
    const lf = chunk.indexOf(LF, offset);
    if (lf === -1) {
      this.partialLine += chunk.toString('latin1', offset);
      if (this.partialLine.length > MAX_LINE_BYTES) {
        throw new ResponseReadError('protocol', 'A chunked framing line is too long.');
      }
      return chunk.length;
    }
    let line = this.partialLine + chunk.toString('latin1', offset, lf);
    this.partialLine = '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > MAX_LINE_BYTES) throw new ResponseReadError('protocol', 'A chunked framing line is too long.');
    this.readFramingLine(line);
    return lf + 1;
  }

  private readFramingLine(line: string): void {
    if (this.state === CHUNK_SIZE) {
      const match = CHUNK_SIZE_LINE.exec(line);
      if (match === null) throw new ResponseReadError('protocol', 'A chunk size is not hexadecimal.');
      const size = Number.parseInt(match[1]!, 16);
      if (size === 0) {
        this.state = TRAILERS;
        return;
      }
      if (this.bodyBytes + size > this.limits.maxBodyBytes) throw tooLarge(this.limits.maxBodyBytes);
      this.remaining = size;
      this.state = CHUNK_DATA;
    } else if (this.state === CHUNK_END) {
      if (line !== '') throw new ResponseReadError('protocol', 'A chunk is longer than its declared size.');
      this.state = CHUNK_SIZE;
    } else if (line === '') {
      this.state = DONE;
    } else {
      this.trailerBytes += line.length + 2;
      if (this.trailerBytes > this.limits.maxHeadBytes) {
        throw new ResponseReadError('protocol', `The response trailers exceed ${this.limits.maxHeadBytes} bytes.`);
      }
    }
  }
}

/** `Content-Length: 5` or a repeated `5, 5`: every value must agree (RFC 9112 §6.3). */
function mergedContentLength(current: number, value: string): number {
  let length = current;
  for (const part of value.split(',')) {
    const digits = part.trim();
    if (!DECIMAL.test(digits)) throw new ResponseReadError('protocol', 'The Content-Length is not a number.');
    const parsed = Number(digits);
    if (length !== -1 && parsed !== length) {
      throw new ResponseReadError('protocol', 'The response has conflicting Content-Length values.');
    }
    length = parsed;
  }
  return length;
}

function tooLarge(maxBodyBytes: number): ResponseReadError {
  return new ResponseReadError('response_too_large', `The response body exceeds ${maxBodyBytes} bytes.`);
}
