import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT } from '#infra/config/paths';

export interface ProcessInfo {
  pid: number;
  command: string;
}

function readProc(pid: number): { ppid: number; state: string; command: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { state: fields[0] ?? '?', ppid: Number(fields[1]), command };
  } catch {
    return undefined;
  }
}

/** Every live descendant of `pid` (children, grandchildren, …), from /proc. */
export function descendantsOf(pid: number): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (!info || info.state === 'Z') continue;
    const list = children.get(info.ppid) ?? [];
    list.push({ pid: Number(entry), command: info.command });
    children.set(info.ppid, list);
  }
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Whether a process still runs (a zombie waiting to be reaped has stopped running). */
export function isRunning(pid: number): boolean {
  const info = readProc(pid);
  return info !== undefined && info.state !== 'Z';
}

export interface NpmStart {
  child: ChildProcess;
  pid: number;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** The URL of the `API http://127.0.0.1:<port>` line, once printed. */
  apiUrl: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Test cleanup: SIGKILL the whole process group we created, if anything is left. */
  kill(): void;
}

/**
 * Runs the real `npm start` from the repository root, as a developer would, in its own
 * process group (so a failed test can still clean up everything it started).
 */
export function startNpm(env: Record<string, string>, readyTimeoutMs = 60_000): NpmStart {
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm start did not start');
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const apiUrl = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no API line within ${readyTimeoutMs} ms:\n${output}`)),
      readyTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^API (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before serving:\n${output}`));
    });
  });
  apiUrl.catch(() => undefined);
  return {
    child,
    pid,
    output: () => output,
    apiUrl,
    exited,
    kill() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}
