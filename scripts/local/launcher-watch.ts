import { readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `onGone` when the process that launched us through tsx is gone. `npm start` runs
 * `sh -c "tsx …"`; a SIGTERM to npm is forwarded to that shell, which dies without passing
 * it on, leaving tsx and us running with nobody to stop us. Watching our grandparent (the
 * shell) turns that into a normal shutdown. Only under npm (`npm start`, `npx`), where that
 * chain is known: started any other way, a grandparent may exit on purpose (`(tsx … &)`).
 * Linux only (/proc).
 */
export function watchLauncher(onGone: () => void, intervalMs = 500): void {
  if (process.platform !== 'linux' || process.env.npm_command === undefined) return;
  const launcher = parentOf(process.ppid);
  if (launcher === undefined || launcher <= 1) return;
  const timer = setInterval(() => {
    if (!isAlive(launcher) || parentOf(process.ppid) !== launcher) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}
