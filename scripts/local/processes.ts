import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from './log.ts';

/** An emulator running as a child process of the local stack. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<string>;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** The last lines the process printed, for error messages when it fails to start. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

// util-linux `setpriv --pdeathsig` asks the kernel to signal the child when we die, so no
// emulator outlives the stack even if it is SIGKILLed or crashes before 'exit' handlers run.
const SETPRIV = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : undefined;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the parent exits without stop() (crash, process.exit): 'exit' handlers
  // must be synchronous, and kill() is.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Spawns an emulator that the stack owns: tracked for cleanup on exit, tied to our
 * lifetime where the OS allows, its output kept for diagnostics (and echoed at DEBUG).
 */
export function spawnManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; log: Logger },
): ManagedProcess {
  installExitHook();
  const [file, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args]] : [command, [...args]];
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: Ctrl+C in the terminal signals the foreground group, and an
    // emulator must not die of it before the stack has drained what still writes to it;
    // stop() ends it in order (and pdeathsig if we die).
    detached: true,
  });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  };
  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    const done = (how: string) => {
      exitedFlag = true;
      running.delete(child);
      resolve(how);
    };
    child.once('exit', (code, signal) => done(signal ?? String(code)));
    // e.g. ENOENT when the command is not installed: there is no process to wait for.
    child.once('error', (error) => {
      remember(`${command}: ${error.message}`);
      done('error');
    });
  });
  if (child.pid === undefined) {
    throw new Error(`Could not start ${name}: is ${command} installed?`);
  }
  running.add(child);

  const capture = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      remember(line);
      options.log.debug(`${name}: ${line}`);
    }
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);

  return {
    name,
    pid: child.pid,
    exited,
    hasExited: () => exitedFlag,
    recentOutput: () => lines.join('\n'),
    async stop(graceMs = 5_000) {
      if (exitedFlag) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
