/** Severity of a local-stack message; `quiet` keeps only errors. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  readonly level: LogLevel;
}

/** Parses a level name leniently (env vars are typed by hand); unknown names fall back. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  const upper = value?.toUpperCase();
  return upper !== undefined && upper in RANK ? (upper as LogLevel) : fallback;
}

/**
 * The local stack's own console output (progress, emulator failures, handler errors), kept
 * apart from handler logs, which Powertools writes as JSON at POWERTOOLS_LOG_LEVEL.
 */
export function createLogger(level: LogLevel): Logger {
  const enabled = (at: LogLevel) => RANK[at] >= RANK[level];
  return {
    level,
    debug: (message) => enabled('DEBUG') && process.stdout.write(`[local] ${message}\n`),
    info: (message) => enabled('INFO') && process.stdout.write(`${message}\n`),
    warn: (message) => enabled('WARN') && process.stderr.write(`[local] WARN ${message}\n`),
    error: (message, error) => {
      if (!enabled('ERROR')) return;
      const detail =
        error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : ` ${String(error)}`;
      process.stderr.write(`[local] ERROR ${message}${detail}\n`);
    },
  };
}
