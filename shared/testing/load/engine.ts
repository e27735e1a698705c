import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import * as z from 'zod/mini';
import { ValidationError } from '#shared/http/errors';
import * as httpMessages from '#shared/http/messages';
import { type OutboundLookup, OutboundRequestError } from '#shared/http/outbound';
import { checkOutboundUrl, connectHost, createOutboundPolicy, type OutboundPolicy } from '#shared/http/outbound-policy';
import type { LocalizedText } from '#shared/i18n/catalogue';
import { text } from '#shared/schemas/common';
import { HttpUrl } from '#shared/schemas/environments';
import { LatencyHistogram, type LatencyPercentiles } from '#shared/testing/load/histogram';
import { Http1ResponseReader, ResponseReadError } from '#shared/testing/load/http1-response';
import * as m from '#shared/testing/load/messages';
import { type LoadTimeline, mergeTimelines, TimelineRecorder } from '#shared/testing/load/timeline';

// ---------------------------------------------------------------------------------------
// Spec

/** Hard limits of one run (one Lambda): sockets stay well under Lambda's 1024 descriptors. */
export const LOAD_LIMITS = {
  connections: 500,
  requests: 1_000_000,
  durationSeconds: 900,
  arrivalRate: 50_000,
  requestsInSpec: 20,
  bodyBytes: 1024 * 1024,
  /** Sockets one run may hold: connections × distinct origins. */
  sockets: 900,
} as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
// Token characters only in names, no CR/LF/NUL in values: requests are written as raw bytes,
// so this is what keeps a header from smuggling another header or request.
const HeaderName = z.string().check(z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'must be an HTTP header name'));
const HeaderValue = z
  .string()
  .check(z.maxLength(8192), z.regex(/^[\t\u0020-\u007e\u0080-\u00ff]*$/, 'must not contain control characters'));

export const LoadRequest = z.strictObject({
  name: text(100),
  method: z.enum(METHODS),
  url: HttpUrl,
  headers: z.optional(
    z
      .record(HeaderName, HeaderValue)
      .check(z.refine((headers) => Object.keys(headers).length <= 50, 'at most 50 headers')),
  ),
  body: z.optional(z.string().check(z.maxLength(LOAD_LIMITS.bodyBytes))),
});
export type LoadRequest = z.infer<typeof LoadRequest>;

const Connections = z.int().check(z.minimum(1), z.maximum(LOAD_LIMITS.connections));
const DurationSeconds = z.number().check(z.positive(), z.maximum(LOAD_LIMITS.durationSeconds));

/** Closed model: `connections` clients, each sending its next request when the last one is answered. */
export const ClosedLoadForDuration = z.strictObject({ connections: Connections, durationSeconds: DurationSeconds });
export const ClosedLoadForCount = z.strictObject({
  connections: Connections,
  requests: z.int().check(z.minimum(1), z.maximum(LOAD_LIMITS.requests)),
});
/**
 * Open model: requests start on a fixed schedule (`arrivalRate` per second) whether or not
 * earlier ones were answered, over at most `maxConnections` connections per origin.
 */
export const OpenLoad = z.strictObject({
  arrivalRate: z.number().check(z.positive(), z.maximum(LOAD_LIMITS.arrivalRate)),
  durationSeconds: DurationSeconds,
  maxConnections: z._default(Connections, 100),
});

export const LoadSpec = z
  .strictObject({
    requests: z.array(LoadRequest).check(
      z.minLength(1),
      z.maxLength(LOAD_LIMITS.requestsInSpec),
      z.refine((requests) => new Set(requests.map(({ name }) => name)).size === requests.length, {
        message: 'request names must be unique',
      }),
    ),
    /**
     * `round-robin`: the n-th request sent overall is `requests[n mod length]`.
     * `sequence`: each connection walks the list in order, as one user's journey (closed model only).
     */
    order: z._default(z.enum(['round-robin', 'sequence']), 'round-robin'),
    load: z.union([ClosedLoadForDuration, ClosedLoadForCount, OpenLoad]),
  })
  .check(
    z.refine((spec) => spec.order === 'round-robin' || !('arrivalRate' in spec.load), {
      message: 'order "sequence" needs a closed model (connections), not an arrival rate',
      path: ['order'],
    }),
  );
export type LoadSpecInput = z.input<typeof LoadSpec>;
export type LoadSpec = z.infer<typeof LoadSpec>;

export const LoadThresholds = z.strictObject({
  p95Ms: z.optional(z.number().check(z.positive())),
  p99Ms: z.optional(z.number().check(z.positive())),
  maxErrorRate: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  minRps: z.optional(z.number().check(z.positive())),
});
export type LoadThresholds = z.infer<typeof LoadThresholds>;

export interface LoadOptions {
  /** Host names, IPs or CIDRs that may be reached although private (local mode, tests); none by default. */
  allowList?: readonly string[];
  /** Replaces DNS resolution (tests). */
  lookup?: OutboundLookup;
  /** Per request, from its start (open model: its scheduled start). Default 10 s, at most 60 s. */
  timeoutMs?: number;
  /** Per response body. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Hard cap on requests sent, whatever the spec says. Default 1 000 000. */
  maxRequests?: number;
  /** Hard cap on the time requests are sent for (in-flight ones then get their timeout). Default 10 min. */
  maxDurationMs?: number;
  userAgent?: string;
  /** Stops the run; requests still in flight are dropped and the result so far is returned. */
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------
// Result

export type LoadErrorKind = 'status' | 'timeout' | 'network' | 'protocol' | 'response_too_large';
export type LoadStopReason = 'completed' | 'request_cap' | 'duration_cap' | 'aborted';

export interface RequestLoadResult {
  count: number;
  errors: number;
  /** Encoded LatencyHistogram. */
  histogram: string;
}

export interface LoadResult {
  model: 'closed' | 'open';
  /** When the first request was due (ISO 8601), so results of parallel workers merge onto one timeline. */
  startedAt: string;
  /** Requests answered or failed (dropped in-flight requests of an aborted run are not counted). */
  requests: number;
  /** From the first request to the last one settled. */
  durationMs: number;
  rps: number;
  /** Answers with a status ≥ 400, timeouts, network and protocol failures, oversized responses. */
  errors: number;
  errorRate: number;
  errorsByKind: Record<LoadErrorKind, number>;
  statusCounts: Record<string, number>;
  /** Open model: requests that started more than LATE_START_TOLERANCE_MS after they were due. */
  lateStarts: number;
  stoppedBy: LoadStopReason;
  /** Each request's count, errors and latency, by name. */
  byRequest: Record<string, RequestLoadResult>;
  /**
   * Latency of every answered request (any status) and every timeout (at its elapsed time, a
   * lower bound); connection failures are left out, as their speed says nothing of the target.
   * Open model: measured from when the request was due, so a backlog counts (no coordinated omission).
   * It is the merge of `byRequest`'s histograms.
   */
  histogram: string;
  /** Milliseconds, from `histogram`. */
  latency: LatencyPercentiles;
  /** How many runs this result combines (1 unless merged). */
  workers: number;
  /** Throughput and latency per wall-clock second; absent when nothing settled. */
  timeline?: LoadTimeline;
}

/**
 * A result as a load worker hands it on to the merge (through the state machine's state,
 * 256 KB at most): without the overall histogram and percentiles, which are exactly the
 * merge of the per-request histograms and are rebuilt from them.
 */
export type LoadResultPart = Omit<LoadResult, 'histogram' | 'latency'>;

/** The result without what mergeLoadResults rebuilds: each histogram is carried once. */
export function loadResultPart(result: LoadResult): LoadResultPart {
  const { histogram: _histogram, latency: _latency, ...part } = result;
  return part;
}

export interface ThresholdResult {
  type: keyof LoadThresholds;
  passed: boolean;
  expected: number;
  actual: number;
  message: LocalizedText;
}

/** Beyond timer jitter (a few ms), a start this late means the generator or its connection limit fell behind. */
export const LATE_START_TOLERANCE_MS = 10;

const DEFAULTS = {
  timeoutMs: 10_000,
  maxResponseBytes: 1024 * 1024,
  maxRequests: LOAD_LIMITS.requests,
  maxDurationMs: 600_000,
  userAgent: 'Trellis/1 (+load)',
};
const MAX_TIMEOUT_MS = 60_000;
const MAX_HEAD_BYTES = 16 * 1024;
// Framing is ours: a caller's value for these would desynchronize or upgrade the connection.
const ENGINE_OWNED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'accept-encoding',
]);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const ERROR_KINDS: readonly LoadErrorKind[] = ['status', 'timeout', 'network', 'protocol', 'response_too_large'];

// ---------------------------------------------------------------------------------------
// Engine

interface Origin {
  index: number;
  secure: boolean;
  /** For SNI and certificate checks; undefined for an IP literal. */
  servername: string | undefined;
  port: number;
  /** Vetted once, before the run; every socket connects to one of these literally. */
  addresses: string[];
  nextAddress: number;
}

interface RequestStats {
  count: number;
  errors: number;
  histogram: LatencyHistogram;
}

interface Target {
  name: string;
  method: string;
  bytes: Buffer;
  origin: Origin;
  stats: RequestStats;
}

interface Settings {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRequests: number;
  maxDurationMs: number;
  userAgent: string;
}

/** A request due at `dueAt` that found every connection busy (open model). */
interface Queued {
  target: Target;
  dueAt: number;
}

/**
 * One keep-alive socket to one origin, carrying one request at a time; reconnects (to the
 * next vetted address) when the previous socket closed.
 */
class Connection {
  target: Target | undefined;
  /** The latency origin of the request in flight (performance.now() ms). */
  startedAt = 0;
  deadline = 0;
  private socket: net.Socket | undefined;
  private readonly reader: Http1ResponseReader;

  constructor(
    private readonly run: LoadRun,
    readonly origin: Origin,
    /** The closed-model client this connection belongs to; -1 in the open model. */
    readonly client: number,
  ) {
    this.reader = new Http1ResponseReader({
      maxHeadBytes: MAX_HEAD_BYTES,
      maxBodyBytes: run.settings.maxResponseBytes,
    });
  }

  send(target: Target, startedAt: number): void {
    this.target = target;
    this.startedAt = startedAt;
    this.deadline = startedAt + this.run.settings.timeoutMs;
    this.reader.begin(target.method);
    // Written before the connection is up, the request is flushed as soon as it is.
    (this.socket ?? this.connect()).write(target.bytes);
  }

  timeOut(): void {
    this.fail('timeout');
  }

  /** Drops the socket and whatever is in flight, reporting nothing (end of run). */
  close(): void {
    this.target = undefined;
    this.drop();
  }

  private connect(): net.Socket {
    const { origin } = this;
    const host = origin.addresses[origin.nextAddress++ % origin.addresses.length]!;
    const socket = origin.secure
      ? tls.connect({ host, port: origin.port, servername: origin.servername, ALPNProtocols: ['http/1.1'] })
      : net.connect({ host, port: origin.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('end', () => this.onEnd(socket));
    // 'close' follows every error; the request in flight fails there.
    socket.on('error', () => {});
    socket.on('close', () => this.onClose(socket));
    this.socket = socket;
    return socket;
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    if (this.target === undefined) {
      this.drop(); // unsolicited bytes: the connection's framing cannot be trusted any more
      return;
    }
    let complete: boolean;
    try {
      complete = this.reader.push(chunk);
    } catch (error) {
      this.fail(error instanceof ResponseReadError ? error.kind : 'protocol');
      return;
    }
    if (complete) this.complete();
  }

  private onEnd(socket: net.Socket): void {
    if (socket !== this.socket) return;
    if (this.target === undefined)
      this.drop(); // closed while idle: the next request reconnects
    else if (this.reader.end()) this.complete();
  }

  private onClose(socket: net.Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    if (this.target !== undefined) this.fail('network');
  }

  private complete(): void {
    if (!this.reader.keepAlive) this.drop();
    const target = this.target!;
    this.target = undefined;
    this.run.settle(this, target, this.reader.status, undefined);
  }

  private fail(kind: LoadErrorKind): void {
    this.drop();
    const target = this.target;
    if (target === undefined) return;
    this.target = undefined;
    this.run.settle(this, target, 0, kind);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }
}

/** How a run sends its requests, and what it means when each way of stopping is reached. */
type Plan = (
  | { model: 'closed'; connections: number; limit: number }
  | { model: 'open'; intervalMs: number; scheduled: number; maxConnections: number }
) & {
  /** Closed model: how long requests are sent for. The open model's schedule ends by itself. */
  windowMs: number | undefined;
  windowStop: LoadStopReason;
  /** When `limit` requests were sent (closed) or the schedule ran out (open). */
  limitStop: LoadStopReason;
};

/** One run: its schedule, connections and tallies. Callback-driven: no promise per request. */
class LoadRun {
  private readonly connections: Connection[] = [];
  /** Closed model: each client's connection per origin index. */
  private readonly clients: Connection[][] = [];
  private readonly clientCursors: number[] = [];
  /** Open model, per origin index. */
  private readonly idle: Connection[][];
  private readonly poolSizes: number[];
  private readonly queues: Queued[][];
  private readonly queueHeads: number[];

  private readonly statusCounts = new Float64Array(1000);
  private readonly errorsByKind: Record<LoadErrorKind, number> = {
    status: 0,
    timeout: 0,
    network: 0,
    protocol: 0,
    response_too_large: 0,
  };
  private issued = 0;
  private inFlight = 0;
  private queued = 0;
  private completed = 0;
  private errors = 0;
  private lateStarts = 0;
  private stopping = false;
  private stoppedBy: LoadStopReason = 'completed';
  private startedAt = 0;
  private startedAtEpochMs = 0;
  private lastSettledAt = 0;
  private readonly timeline = new TimelineRecorder();
  private finished = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private scheduleTimer: NodeJS.Timeout | undefined;
  private resolve: (result: LoadResult) => void = () => {};

  constructor(
    readonly settings: Settings,
    private readonly targets: readonly Target[],
    origins: readonly Origin[],
    private readonly plan: Plan,
    private readonly order: LoadSpec['order'],
    private readonly signal: AbortSignal | undefined,
  ) {
    this.idle = origins.map(() => []);
    this.poolSizes = origins.map(() => 0);
    this.queues = origins.map(() => []);
    this.queueHeads = origins.map(() => 0);
  }

  start(): Promise<LoadResult> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.startedAt = performance.now();
      this.startedAtEpochMs = Date.now();
      this.lastSettledAt = this.startedAt;
      this.signal?.addEventListener('abort', this.onAbort, { once: true });
      const { timeoutMs } = this.settings;
      this.timers.push(setInterval(() => this.sweep(), Math.min(250, Math.max(5, Math.round(timeoutMs / 20)))));
      this.stopAtWindowEnd();
      if (this.plan.model === 'closed') {
        for (let client = 0; client < this.plan.connections; client++) {
          this.clients.push([]);
          this.clientCursors.push(0);
        }
        for (let client = 0; client < this.plan.connections; client++) this.issue(client);
      } else {
        this.schedule();
      }
      this.finishIfDone();
    });
  }

  /** A request was answered (`kind` undefined) or failed. */
  settle(connection: Connection, target: Target, status: number, kind: LoadErrorKind | undefined): void {
    const now = performance.now();
    this.lastSettledAt = now;
    this.inFlight--;
    this.completed++;
    const stats = target.stats;
    stats.count++;
    const latencyMs = kind === undefined || kind === 'timeout' ? now - connection.startedAt : undefined;
    if (kind === undefined) {
      this.statusCounts[status]!++;
      stats.histogram.recordMicros((now - connection.startedAt) * 1000);
      if (status >= 400) this.countError(stats, 'status');
    } else {
      if (kind === 'timeout') stats.histogram.recordMicros((now - connection.startedAt) * 1000);
      this.countError(stats, kind);
    }
    this.timeline.record(this.epochMs(now), kind !== undefined || status >= 400, latencyMs);
    if (connection.client >= 0) this.issue(connection.client);
    else this.release(connection);
  }

  /** A `performance.now()` reading on the wall clock, from the run's start. */
  private epochMs(now: number): number {
    return this.startedAtEpochMs + (now - this.startedAt);
  }

  private countError(stats: RequestStats, kind: LoadErrorKind): void {
    stats.errors++;
    this.errors++;
    this.errorsByKind[kind]++;
  }

  // -- closed model

  private issue(client: number): void {
    if (this.plan.model !== 'closed') return;
    if (this.issued >= this.plan.limit) this.stopIssuing(this.plan.limitStop);
    if (this.stopping) {
      this.finishIfDone();
      return;
    }
    const index = this.issued++;
    const targets = this.targets;
    const target =
      this.order === 'sequence'
        ? targets[this.clientCursors[client]!++ % targets.length]!
        : targets[index % targets.length]!;
    const connections = this.clients[client]!;
    let connection = connections[target.origin.index];
    if (connection === undefined) {
      connection = new Connection(this, target.origin, client);
      connections[target.origin.index] = connection;
      this.connections.push(connection);
    }
    this.inFlight++;
    connection.send(target, performance.now());
  }

  // -- open model

  /** Starts every request due by now, each stamped with when it was due, then sleeps until the next. */
  private schedule(): void {
    this.scheduleTimer = undefined;
    if (this.plan.model !== 'open' || this.stopping) return;
    const { intervalMs, scheduled } = this.plan;
    const now = performance.now();
    const due = Math.min(scheduled, Math.floor((now - this.startedAt) / intervalMs) + 1);
    while (this.issued < due) {
      const dueAt = this.startedAt + this.issued * intervalMs;
      const target = this.targets[this.issued % this.targets.length]!;
      this.issued++;
      this.dispatch(target, dueAt, now);
    }
    if (this.issued >= scheduled) {
      this.stopIssuing(this.plan.limitStop);
      return;
    }
    const next = this.startedAt + this.issued * intervalMs;
    this.scheduleTimer = setTimeout(() => this.schedule(), Math.max(0, next - performance.now()));
  }

  private dispatch(target: Target, dueAt: number, now: number): void {
    if (this.plan.model !== 'open') return;
    const index = target.origin.index;
    let connection = this.idle[index]!.pop();
    if (connection === undefined && this.poolSizes[index]! < this.plan.maxConnections) {
      connection = new Connection(this, target.origin, -1);
      this.poolSizes[index]!++;
      this.connections.push(connection);
    }
    if (connection === undefined) {
      this.queues[index]!.push({ target, dueAt });
      this.queued++;
      return;
    }
    this.startDue(connection, target, dueAt, now);
  }

  private startDue(connection: Connection, target: Target, dueAt: number, now: number): void {
    if (now - dueAt > LATE_START_TOLERANCE_MS) this.lateStarts++;
    this.inFlight++;
    connection.send(target, dueAt);
  }

  /** A connection of the open model is free: the oldest queued request still within its timeout takes it. */
  private release(connection: Connection): void {
    const index = connection.origin.index;
    const now = performance.now();
    this.expireQueued(index, now);
    const queue = this.queues[index]!;
    const head = this.queueHeads[index]!;
    if (head < queue.length && !this.finished) {
      const { target, dueAt } = queue[head]!;
      this.advanceQueue(index);
      this.startDue(connection, target, dueAt, now);
      return;
    }
    this.idle[index]!.push(connection);
    this.finishIfDone();
  }

  /** Queued requests older than the timeout fail as timeouts without being sent. */
  private expireQueued(index: number, now: number): void {
    const queue = this.queues[index]!;
    const { timeoutMs } = this.settings;
    while (this.queueHeads[index]! < queue.length && now - queue[this.queueHeads[index]!]!.dueAt >= timeoutMs) {
      const { target, dueAt } = queue[this.queueHeads[index]!]!;
      this.advanceQueue(index);
      this.completed++;
      target.stats.count++;
      target.stats.histogram.recordMicros((now - dueAt) * 1000);
      this.countError(target.stats, 'timeout');
      this.timeline.record(this.epochMs(now), true, now - dueAt);
      this.lastSettledAt = now;
    }
  }

  private advanceQueue(index: number): void {
    this.queued--;
    const queue = this.queues[index]!;
    const head = this.queueHeads[index]! + 1;
    // Compact now and then, so a long backlog does not keep every served entry alive.
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      this.queueHeads[index] = 0;
    } else this.queueHeads[index] = head;
  }

  // -- both

  private sweep(): void {
    const now = performance.now();
    for (const connection of this.connections) {
      if (connection.target !== undefined && now >= connection.deadline) connection.timeOut();
    }
    for (let index = 0; index < this.queues.length; index++) this.expireQueued(index, now);
    this.finishIfDone();
  }

  /** Node's timers may fire up to a millisecond early by performance.now(): re-armed until the window is over. */
  private stopAtWindowEnd(): void {
    const { windowMs, windowStop } = this.plan;
    if (windowMs === undefined || this.stopping) return;
    const remaining = this.startedAt + windowMs - performance.now();
    if (remaining > 0) this.timers.push(setTimeout(() => this.stopAtWindowEnd(), Math.ceil(remaining)));
    else this.stopIssuing(windowStop);
  }

  /** Stops sending; requests in flight or queued still settle, each within its timeout. */
  private stopIssuing(reason: LoadStopReason): void {
    if (this.stopping) return;
    this.stopping = true;
    this.stoppedBy = reason;
    if (this.scheduleTimer !== undefined) clearTimeout(this.scheduleTimer);
    this.finishIfDone();
  }

  private readonly onAbort = (): void => {
    this.stoppedBy = 'aborted';
    this.stopping = true;
    this.finish();
  };

  private finishIfDone(): void {
    if (this.stopping && this.inFlight === 0 && this.queued === 0) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const endedAt = this.stoppedBy === 'aborted' ? performance.now() : this.lastSettledAt;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.scheduleTimer !== undefined) clearTimeout(this.scheduleTimer);
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const connection of this.connections) connection.close();
    this.resolve(this.result(endedAt - this.startedAt));
  }

  private result(durationMs: number): LoadResult {
    const byName = new Map<string, RequestStats>();
    for (const target of this.targets) byName.set(target.name, target.stats);
    const all = LatencyHistogram.merge([...byName.values()].map(({ histogram }) => histogram));
    const statusCounts: Record<string, number> = {};
    this.statusCounts.forEach((count, status) => {
      if (count > 0) statusCounts[String(status)] = count;
    });
    return {
      model: this.plan.model,
      startedAt: new Date(this.startedAtEpochMs).toISOString(),
      requests: this.completed,
      durationMs,
      rps: durationMs > 0 ? this.completed / (durationMs / 1000) : 0,
      errors: this.errors,
      errorRate: this.completed > 0 ? this.errors / this.completed : 0,
      errorsByKind: { ...this.errorsByKind },
      statusCounts,
      lateStarts: this.lateStarts,
      stoppedBy: this.stoppedBy,
      byRequest: Object.fromEntries(
        [...byName].map(([name, stats]) => [
          name,
          { count: stats.count, errors: stats.errors, histogram: stats.histogram.encode() },
        ]),
      ),
      histogram: all.encode(),
      latency: all.percentiles(),
      workers: 1,
      ...withTimeline(this.timeline.timeline()),
    };
  }
}

/**
 * Runs a load test against user-given URLs and returns what it measured. Every URL goes
 * through the outbound SSRF policy; each host is resolved and vetted once before the first
 * request, and sockets connect to the vetted addresses themselves. Refused or unresolvable
 * hosts reject (OutboundRequestError) before any request is sent; an invalid spec rejects
 * with a ValidationError. A signal aborted before the start rejects with its reason; aborted
 * during the run, the result so far is returned with `stoppedBy: 'aborted'`.
 */
export async function runLoad(specInput: LoadSpecInput, options: LoadOptions = {}): Promise<LoadResult> {
  const spec = parseSpec(specInput);
  const settings = settingsFrom(options);
  const policy = createOutboundPolicy(options.allowList ?? []);
  const urls = spec.requests.map((request) => vettedUrl(request.url, policy));
  const origins = await resolveOrigins(urls, policy, options.lookup);
  options.signal?.throwIfAborted();

  const sockets =
    'connections' in spec.load ? spec.load.connections * origins.size : spec.load.maxConnections * origins.size;
  if (sockets > LOAD_LIMITS.sockets) {
    throw new ValidationError([
      {
        path: 'spec.load',
        message: `connections × distinct origins is ${sockets}; at most ${LOAD_LIMITS.sockets} sockets per run`,
      },
    ]);
  }
  const targets = spec.requests.map((request, index) => {
    const url = urls[index]!;
    return {
      name: request.name,
      method: request.method,
      bytes: serializeRequest(request, url, settings.userAgent),
      origin: origins.get(url.origin)!,
      stats: { count: 0, errors: 0, histogram: LatencyHistogram.create() },
    };
  });
  const plan = planFor(spec.load, settings);
  return new LoadRun(settings, targets, [...origins.values()], plan, spec.order, options.signal).start();
}

function parseSpec(input: LoadSpecInput): LoadSpec {
  const parsed = LoadSpec.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({
      path: ['spec', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

function settingsFrom(options: LoadOptions): Settings {
  const settings = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    maxRequests: options.maxRequests ?? DEFAULTS.maxRequests,
    maxDurationMs: options.maxDurationMs ?? DEFAULTS.maxDurationMs,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
  };
  const valid =
    Number.isInteger(settings.timeoutMs) &&
    settings.timeoutMs >= 1 &&
    settings.timeoutMs <= MAX_TIMEOUT_MS &&
    Number.isInteger(settings.maxResponseBytes) &&
    settings.maxResponseBytes >= 0 &&
    Number.isInteger(settings.maxRequests) &&
    settings.maxRequests >= 1 &&
    settings.maxRequests <= LOAD_LIMITS.requests &&
    settings.maxDurationMs > 0 &&
    settings.maxDurationMs <= LOAD_LIMITS.durationSeconds * 1000 &&
    /^[\t\u0020-\u007e]*$/.test(settings.userAgent);
  if (!valid) throw new RangeError('Load options are out of range (timeoutMs ≤ 60 000, caps within LOAD_LIMITS).');
  return settings;
}

/** The spec's own end is a completed run; a hard cap cutting it short is reported as such. */
function planFor(load: LoadSpec['load'], settings: Settings): Plan {
  if ('requests' in load) {
    return {
      model: 'closed',
      connections: load.connections,
      limit: Math.min(load.requests, settings.maxRequests),
      limitStop: load.requests > settings.maxRequests ? 'request_cap' : 'completed',
      windowMs: settings.maxDurationMs,
      windowStop: 'duration_cap',
    };
  }
  const specWindowMs = load.durationSeconds * 1000;
  const windowMs = Math.min(specWindowMs, settings.maxDurationMs);
  const windowStop = windowMs < specWindowMs ? 'duration_cap' : 'completed';
  if ('connections' in load) {
    return {
      model: 'closed',
      connections: load.connections,
      limit: settings.maxRequests,
      limitStop: 'request_cap',
      windowMs,
      windowStop,
    };
  }
  const intervalMs = 1000 / load.arrivalRate;
  // Requests are due at 0, interval, 2·interval … strictly before the window closes.
  const wanted = Math.ceil(windowMs / intervalMs - 1e-9);
  return {
    model: 'open',
    intervalMs,
    scheduled: Math.min(wanted, settings.maxRequests),
    maxConnections: load.maxConnections,
    limitStop: wanted > settings.maxRequests ? 'request_cap' : windowStop,
    windowMs: undefined,
    windowStop,
  };
}

function vettedUrl(url: string, policy: OutboundPolicy): URL {
  const check = checkOutboundUrl(url, policy);
  if (!check.ok) throw new OutboundRequestError(check.kind, httpMessages.outboundUrlRefused({ reason: check.reason }));
  return check.url;
}

/**
 * Resolves and vets each origin's host once: a run opens many sockets to few hosts, and one
 * vetted answer used for all of them cannot be rebound halfway through the run.
 */
async function resolveOrigins(
  urls: readonly URL[],
  policy: OutboundPolicy,
  lookup: OutboundLookup = (hostname) => dnsLookup(hostname, { all: true }),
): Promise<Map<string, Origin>> {
  const origins = new Map<string, Origin>();
  const resolved = new Map<string, string[]>();
  for (const url of urls) {
    if (origins.has(url.origin)) continue;
    const host = connectHost(url);
    let addresses = resolved.get(host);
    if (addresses === undefined) {
      // A literal IP was vetted by checkOutboundUrl; Node connects to it without a lookup.
      addresses = net.isIP(host) !== 0 ? [host] : await vettedAddresses(host, policy, lookup);
      resolved.set(host, addresses);
    }
    const secure = url.protocol === 'https:';
    origins.set(url.origin, {
      index: origins.size,
      secure,
      servername: net.isIP(host) === 0 ? host : undefined,
      port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
      addresses,
      nextAddress: 0,
    });
  }
  return origins;
}

async function vettedAddresses(host: string, policy: OutboundPolicy, lookup: OutboundLookup): Promise<string[]> {
  let answers: readonly LookupAddress[];
  try {
    answers = await lookup(host);
  } catch (error) {
    throw new OutboundRequestError('network', httpMessages.outboundUnresolved({ host }), { cause: error });
  }
  if (answers.length === 0 || !policy.allowsResolution(host, answers)) {
    throw new OutboundRequestError('address_refused', httpMessages.outboundPrivateAddress({ host }));
  }
  return answers.map(({ address }) => address);
}

/** The request as bytes on the wire, built once per run. */
function serializeRequest(request: LoadRequest, url: URL, userAgent: string): Buffer {
  const headers = new Map<string, string>([['user-agent', userAgent]]);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!ENGINE_OWNED_HEADERS.has(lower)) headers.set(lower, value);
  }
  headers.set('accept-encoding', 'identity');
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  if (body !== undefined || BODY_METHODS.has(request.method)) headers.set('content-length', String(body?.length ?? 0));
  let head = `${request.method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  const bytes = Buffer.from(`${head}\r\n`, 'latin1');
  return body === undefined ? bytes : Buffer.concat([bytes, body]);
}

// ---------------------------------------------------------------------------------------
// Merging and thresholds

const STOP_SEVERITY: readonly LoadStopReason[] = ['completed', 'request_cap', 'duration_cap', 'aborted'];

/**
 * Combines the results of workers that ran the same spec (a Step Functions Map): counts
 * add, histograms add bucket by bucket, so percentiles are those of all requests together,
 * never averages. Duration spans the earliest start to the latest end. The overall
 * histogram is the merge of the per-request ones (as a run builds it), so parts without it
 * merge to the same result.
 */
export function mergeLoadResults(results: readonly LoadResultPart[]): LoadResult {
  const [first] = results;
  if (first === undefined) throw new RangeError('mergeLoadResults needs at least one result.');
  if (results.some((result) => result.model !== first.model)) {
    throw new RangeError('Results of closed and open model runs cannot be merged.');
  }
  const start = Math.min(...results.map((result) => Date.parse(result.startedAt)));
  const end = Math.max(...results.map((result) => Date.parse(result.startedAt) + result.durationMs));
  const durationMs = end - start;
  const sum = (pick: (result: LoadResultPart) => number) => results.reduce((total, result) => total + pick(result), 0);
  const requests = sum((result) => result.requests);
  const errors = sum((result) => result.errors);

  const statusCounts: Record<string, number> = {};
  const names = new Map<string, RequestLoadResult[]>();
  for (const result of results) {
    for (const [status, count] of Object.entries(result.statusCounts)) {
      statusCounts[status] = (statusCounts[status] ?? 0) + count;
    }
    for (const [name, request] of Object.entries(result.byRequest)) {
      names.set(name, [...(names.get(name) ?? []), request]);
    }
  }
  const byRequest = [...names].map(([name, parts]) => ({
    name,
    count: parts.reduce((total, part) => total + part.count, 0),
    errors: parts.reduce((total, part) => total + part.errors, 0),
    histogram: LatencyHistogram.merge(parts.map((part) => LatencyHistogram.decode(part.histogram))),
  }));
  const all = LatencyHistogram.merge(byRequest.map((request) => request.histogram));
  return {
    model: first.model,
    startedAt: new Date(start).toISOString(),
    requests,
    durationMs,
    rps: durationMs > 0 ? requests / (durationMs / 1000) : 0,
    errors,
    errorRate: requests > 0 ? errors / requests : 0,
    errorsByKind: Object.fromEntries(
      ERROR_KINDS.map((kind) => [kind, sum((result) => result.errorsByKind[kind])]),
    ) as Record<LoadErrorKind, number>,
    statusCounts,
    lateStarts: sum((result) => result.lateStarts),
    stoppedBy: STOP_SEVERITY[Math.max(...results.map((result) => STOP_SEVERITY.indexOf(result.stoppedBy)))]!,
    byRequest: Object.fromEntries(
      byRequest.map(({ name, count, errors, histogram }) => [name, { count, errors, histogram: histogram.encode() }]),
    ),
    histogram: all.encode(),
    latency: all.percentiles(),
    workers: sum((result) => result.workers),
    ...withTimeline(mergeTimelines(results.map((result) => result.timeline))),
  };
}

function withTimeline(timeline: LoadTimeline | undefined): { timeline?: LoadTimeline } {
  return timeline === undefined ? {} : { timeline };
}

/**
 * Checks a result against the test case's thresholds, one assertion per threshold given.
 * A run that measured nothing fails every threshold rather than passing vacuously.
 */
export function evaluateThresholds(result: LoadResult, thresholds: LoadThresholds): ThresholdResult[] {
  const outcomes: ThresholdResult[] = [];
  const measured = LatencyHistogram.decode(result.histogram).count;
  const latency = (type: 'p95Ms' | 'p99Ms', label: string, actual: number, expected: number | undefined) => {
    if (expected === undefined) return;
    const passed = measured > 0 && actual <= expected;
    outcomes.push({
      type,
      passed,
      expected,
      actual,
      message:
        measured === 0
          ? m.latencyNotMeasured({ label })
          : (passed ? m.latencyWithin : m.latencyExceeds)({ label, actual: rounded(actual, 3), expected }),
    });
  };
  latency('p95Ms', 'p95', result.latency.p95, thresholds.p95Ms);
  latency('p99Ms', 'p99', result.latency.p99, thresholds.p99Ms);
  if (thresholds.maxErrorRate !== undefined) {
    const expected = thresholds.maxErrorRate;
    const passed = result.requests > 0 && result.errorRate <= expected;
    outcomes.push({
      type: 'maxErrorRate',
      passed,
      expected,
      actual: result.errorRate,
      message:
        result.requests === 0
          ? m.errorRateNotMeasured()
          : (passed ? m.errorRateWithin : m.errorRateExceeds)({
              rate: rounded(result.errorRate * 100, 3),
              errors: result.errors,
              requests: result.requests,
              expected: rounded(expected * 100, 3),
            }),
    });
  }
  if (thresholds.minRps !== undefined) {
    const expected = thresholds.minRps;
    const passed = result.rps >= expected;
    outcomes.push({
      type: 'minRps',
      passed,
      expected,
      actual: result.rps,
      message: (passed ? m.throughputReaches : m.throughputBelow)({ rps: rounded(result.rps, 1), expected }),
    });
  }
  return outcomes;
}

/** A measure rounded for a message (the message's locale formats it). */
function rounded(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
