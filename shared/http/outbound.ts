import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ENV } from '#shared/config/env';
import { ValidationError } from '#shared/http/errors';
import * as m from '#shared/http/messages';
import {
  checkOutboundUrl,
  connectHost,
  createOutboundPolicy,
  type OutboundPolicy,
  parseAllowList,
} from '#shared/http/outbound-policy';
import { formatText, type LocalizedText, localize } from '#shared/i18n/catalogue';
import { DEFAULT_LOCALE } from '#shared/i18n/locale';

export type OutboundErrorKind =
  | 'invalid_url'
  | 'address_refused'
  | 'redirect_refused'
  | 'timeout'
  | 'response_too_large'
  | 'network';

/**
 * Why an outbound request failed. The message names only what the user gave (their URL's
 * host), never a resolved address or a header value, so it can be shown to them as is.
 */
export class OutboundRequestError extends Error {
  /**
   * `text` says why, as a catalogue message: a case's result stores it (id and values) and it is
   * worded when read; `message` is its English wording, for logs and English-only records.
   */
  constructor(
    readonly kind: OutboundErrorKind,
    readonly text: LocalizedText,
    options?: ErrorOptions,
  ) {
    super(formatText(text, DEFAULT_LOCALE), options);
    this.name = 'OutboundRequestError';
  }
}

/** Resolves a host name to all its addresses, as `dns.promises.lookup(name, { all: true })` does. */
export type OutboundLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface OutboundClientOptions {
  /** Host names, IPs or CIDRs that may be reached although private or reserved (local mode, tests). */
  allowList?: readonly string[];
  /** One deadline for the whole request: connect, redirects and body. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Replaces DNS resolution, so tests can give a name an address without the network. */
  lookup?: OutboundLookup;
}

interface OutboundRequestInit {
  method?: string;
  /** Values are sent but never logged nor put in errors: they may carry signatures. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  /** Parses the body as JSON; throws a SyntaxError when it is not. */
  json(): unknown;
  /** The URL that answered, after redirects. */
  url: string;
  durationMs: number;
  redirects: number;
}

export interface OutboundClient {
  request(url: string, init?: OutboundRequestInit): Promise<OutboundResponse>;
}

export type OutboundUrlValidation = { ok: true; url: URL } | { ok: false; reason: string };

const DEFAULTS = {
  timeoutMs: 10_000,
  maxResponseBytes: 1024 * 1024,
  maxRedirects: 3,
  userAgent: 'Trellis/1 (+outbound)',
};
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Set by the client only: Host keeps SNI and certificate checks on the URL's host, and
// identity encoding means no decompression, so no decompression bombs.
const CLIENT_OWNED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);

const envAllowList = parseAllowList(process.env[ENV.outboundAllowList]);
const envPolicy = createOutboundPolicy(envAllowList);

/**
 * Save-time check of a user-given URL (http(s), no credentials, no private literal IP).
 * The allow-list defaults to OUTBOUND_ALLOW_LIST, the one `outboundClient` uses, so what
 * can be saved and what can be called agree. Never throws on any input.
 */
export function validateOutboundUrl(
  url: string,
  options: { allowList?: readonly string[] } = {},
): OutboundUrlValidation {
  const policy = options.allowList === undefined ? envPolicy : createOutboundPolicy(options.allowList);
  const check = checkOutboundUrl(url, policy);
  return check.ok ? check : { ok: false, reason: localize(check.reason) };
}

/** For handlers saving a URL: throws a 400 naming the field (`body.deployTarget.url`) when it is refused. */
export function assertOutboundUrl(url: string, path: string, options: { allowList?: readonly string[] } = {}): URL {
  const result = validateOutboundUrl(url, options);
  if (!result.ok) throw new ValidationError([{ path, message: localize(m.urlRefused({ reason: result.reason })) }]);
  return result.url;
}

/**
 * The one way to call a user-given URL. Every address is vetted when the socket connects
 * (the vetted address is the one connected to, so DNS rebinding cannot slip past), only
 * same-origin redirects are followed, and time and response size are bounded.
 */
export function createOutboundClient(options: OutboundClientOptions = {}): OutboundClient {
  const policy = createOutboundPolicy(options.allowList ?? []);
  const settings = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
  };
  const lookup = vettingLookup(policy, options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true })));

  return {
    async request(url, init = {}) {
      const started = performance.now();
      const timeoutMs = init.timeoutMs ?? settings.timeoutMs;
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
      let target = checkedUrl(url, policy);
      const host = target.host;
      let method = (init.method ?? 'GET').toUpperCase();
      let body = init.body;
      let headers = requestHeaders(init.headers, settings.userAgent);

      try {
        for (let redirects = 0; ; redirects++) {
          signal.throwIfAborted();
          const hop = await send({ target, method, headers, body, signal, lookup }, settings.maxResponseBytes);
          if (hop.type === 'response') {
            const { status, headers: responseHeaders, body: responseBody } = hop;
            return {
              status,
              headers: responseHeaders,
              body: responseBody,
              text: () => responseBody.toString('utf8'),
              json: () => JSON.parse(responseBody.toString('utf8')),
              url: target.href,
              durationMs: Math.round(performance.now() - started),
              redirects,
            };
          }
          if (redirects === settings.maxRedirects) {
            throw new OutboundRequestError('redirect_refused', m.outboundTooManyRedirects({ host, redirects }));
          }
          target = redirectTarget(hop.location, target, policy);
          // Fetch semantics: 303, and 301/302 after a POST, continue as a GET without body.
          const becomesGet =
            hop.status === 303 ? method !== 'HEAD' : (hop.status === 301 || hop.status === 302) && method === 'POST';
          if (becomesGet) {
            method = 'GET';
            body = undefined;
            headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type'));
          }
        }
      } catch (error) {
        throw asOutboundError(error, { host, deadline, signal, timeoutMs });
      }
    },
  };
}

/** The client every feature uses; OUTBOUND_ALLOW_LIST opens private addresses for local mode and tests. */
export const outboundClient = createOutboundClient({ allowList: envAllowList });

function checkedUrl(url: string | URL, policy: OutboundPolicy): URL {
  const check = checkOutboundUrl(url, policy);
  if (!check.ok) throw new OutboundRequestError(check.kind, m.outboundUrlRefused({ reason: check.reason }));
  return check.url;
}

function redirectTarget(location: string, from: URL, policy: OutboundPolicy): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new OutboundRequestError('redirect_refused', m.outboundInvalidRedirect({ host: from.host }));
  }
  if (next.origin !== from.origin) {
    // The Location is not echoed: it may name an internal address the user never gave.
    throw new OutboundRequestError('redirect_refused', m.outboundCrossOriginRedirect({ host: from.host }));
  }
  return checkedUrl(next, policy);
}

/** Vets what a name resolves to when the socket connects, and hands exactly those addresses to it. */
function vettingLookup(policy: OutboundPolicy, resolve: OutboundLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const [first] = addresses;
        if (first === undefined || !policy.allowsResolution(hostname, addresses)) {
          callback(new OutboundRequestError('address_refused', m.outboundPrivateAddress({ host: hostname })), '');
        } else if (options.all) callback(null, [...addresses]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

interface Hop {
  target: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  signal: AbortSignal;
  lookup: LookupFunction;
}

type HopResult =
  | { type: 'redirect'; status: number; location: string }
  | { type: 'response'; status: number; headers: Record<string, string>; body: Buffer };

function send({ target, method, headers, body, signal, lookup }: Hop, maxResponseBytes: number): Promise<HopResult> {
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request({
      protocol: target.protocol,
      hostname: connectHost(target),
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup,
      // A fresh agent per request: no pooled sockets carried across hosts, no proxy from env.
      agent: false,
    });
    const settle = () => signal.removeEventListener('abort', onAbort);
    const fail = (error: unknown) => {
      settle();
      request.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason);
    const tooLarge = () =>
      new OutboundRequestError(
        'response_too_large',
        m.outboundResponseTooLarge({ host: target.host, max: maxResponseBytes }),
      );

    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        settle();
        response.destroy();
        resolve({ type: 'redirect', status, location });
        return;
      }
      // A HEAD response declares the length of a body that never follows.
      if (method !== 'HEAD' && Number(response.headers['content-length']) > maxResponseBytes) {
        fail(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxResponseBytes) fail(tooLarge());
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        settle();
        resolve({ type: 'response', status, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks) });
      });
    });
    request.end(body);
  });
}

interface Attempt {
  host: string;
  deadline: AbortSignal;
  signal: AbortSignal;
  timeoutMs: number;
}

function asOutboundError(error: unknown, { host, deadline, signal, timeoutMs }: Attempt): OutboundRequestError {
  if (error instanceof OutboundRequestError) return error;
  if (deadline.aborted) {
    return new OutboundRequestError('timeout', m.outboundTimedOut({ host, ms: timeoutMs }), {
      cause: error,
    });
  }
  if (signal.aborted) {
    return new OutboundRequestError('timeout', m.outboundCancelled({ host }), {
      cause: error,
    });
  }
  // Node's messages name the connected address ("connect ECONNREFUSED 10.0.0.5:443"); only the code is kept.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text =
    code !== undefined && /^[A-Z0-9_]+$/.test(code)
      ? m.outboundFailedWithCode({ host, code })
      : m.outboundFailed({ host });
  return new OutboundRequestError('network', text, { cause: error });
}

function requestHeaders(given: Record<string, string> = {}, userAgent: string): Record<string, string> {
  const callerHeaders = Object.entries(given)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !CLIENT_OWNED_HEADERS.has(name));
  return Object.fromEntries([['user-agent', userAgent], ...callerHeaders, ['accept-encoding', 'identity']]);
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}
