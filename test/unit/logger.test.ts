import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../fixtures/api-gateway.ts';

// The platform's logger builds Powertools' Logger on the first line rather than at init (cold
// start, docs/benchmarks.md). Its lines must be those of a Logger built at init and given the
// same calls: the reference here is Powertools itself, built the way shared/observability.ts
// built it before.

type Step =
  | { addContext: Context }
  | { appendKeys: Record<string, unknown> }
  | { log: 'info' | 'warn' | 'error'; message: string; extra?: Record<string, unknown> };

type LoggerLike = Pick<Logger, 'addContext' | 'appendKeys' | 'info' | 'warn' | 'error'>;

/** The JSON lines `logger` writes to stdout and stderr while `steps` run. */
function linesOf(makeLogger: () => LoggerLike, steps: readonly Step[]): string[] {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const logger = makeLogger();
    for (const step of steps) {
      if ('addContext' in step) logger.addContext(step.addContext);
      else if ('appendKeys' in step) logger.appendKeys(step.appendKeys);
      else logger[step.log](step.message, step.extra ?? {});
    }
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.flatMap((chunk) => chunk.split('\n').filter((line) => line.trim() !== ''));
}

/** A line without its timestamp, keys in the order written. */
function comparable(line: string): [string[], Record<string, unknown>] {
  const { timestamp: _timestamp, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return [Object.keys(rest), rest];
}

/** The Logger as shared/observability.ts built it at init before it became lazy. */
function builtAtInit(): LoggerLike {
  return new Logger({
    logRecordOrder: ['timestamp', 'level', 'message'],
    jsonReplacerFn: (key: string, value: unknown) =>
      /pass(word)?|secret|token|authorization|cookie/i.test(key) ? '[REDACTED]' : value,
  });
}

async function platformLogger(): Promise<LoggerLike> {
  vi.resetModules();
  const { logger } = await import('#shared/observability');
  return logger as LoggerLike;
}

const invocation = (requestId: string): Step[] => [
  { addContext: { ...lambdaContext('GetWidget'), awsRequestId: requestId } },
  { appendKeys: { route: 'GetWidget', requestId, correlationId: `flow-${requestId}` } },
];

describe('the platform logger', () => {
  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'trellis');
    vi.stubEnv('POWERTOOLS_DEV', '');
    // Powertools only reports cold starts of on-demand instances.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    {
      name: 'a line in the first invocation (cold start)',
      steps: [...invocation('r1'), { log: 'info', message: 'Run started', extra: { runId: 'run-1' } }] as Step[],
    },
    {
      name: 'the first line in the third invocation (not a cold start), secrets redacted',
      steps: [
        ...invocation('r1'),
        ...invocation('r2'),
        ...invocation('r3'),
        { log: 'error', message: 'Unhandled error', extra: { password: 'hunter2', detail: 'x' } },
        { log: 'warn', message: 'Retrying', extra: { attempt: 2 } },
      ] as Step[],
    },
    {
      name: 'lines in two invocations, keys added in each',
      steps: [
        ...invocation('r1'),
        { log: 'info', message: 'first' },
        ...invocation('r2'),
        { appendKeys: { eventId: 'e-2' } },
        { log: 'info', message: 'second', extra: { token: 'abc' } },
      ] as Step[],
    },
  ])('writes what a Logger built at init writes: $name', async ({ steps }) => {
    // Arrange
    const lazy = await platformLogger();

    // Act
    const ours = linesOf(() => lazy, steps);
    const reference = linesOf(builtAtInit, steps);

    // Assess
    expect(ours.length).toBe(steps.filter((step) => 'log' in step).length);
    expect(ours.map(comparable)).toEqual(reference.map(comparable));
  });

  it('says cold start in the first invocation only', async () => {
    // Arrange
    const lazy = await platformLogger();

    // Act
    const lines = linesOf(
      () => lazy,
      [...invocation('r1'), { log: 'info', message: 'one' }, ...invocation('r2'), { log: 'info', message: 'two' }],
    );

    // Assess
    expect(lines.map((line) => JSON.parse(line).cold_start)).toEqual([true, false]);
  });
});
