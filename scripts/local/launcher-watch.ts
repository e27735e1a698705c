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
 * Calls `onGone` when the npm that launched us is gone. `npm start` runs `sh -c "exec node …"`,
 * so npm is our parent; if npm dies without passing a signal on (SIGKILL, a closed terminal),
 * we would keep running with nobody to stop us. Watching the parent turns that into a normal
 * shutdown. Only under npm (`npm start`, `npx`), where that chain is known: started any other
 * way, a parent may exit on purpose (`(node … &)`). Linux only (/proc).
 */
export function watchLauncher(onGone: () => void, intervalMs = 500): void {
  if (process.platform !== 'linux' || process.env.npm_command === undefined) return;
  const launcher = process.ppid;
  if (launcher <= 1) return;
  const timer = setInterval(() => {
    if (!isAlive(launcher) || parentOf(process.pid) !== launcher) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}
