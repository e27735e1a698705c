/**
 * Resident memory and CPU time of a process and its descendants, read from Linux's /proc: the
 * benchmark's way to see what the processes doing some work held at their peak and how much CPU
 * they used, without touching their code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * User + system CPU time a process has used so far (all its threads), in ms, or with `waitedChildren`
 * that of its children it has waited for (a finished `execFileSync`); undefined once it is gone.
 */
export function cpuTimeMs(pid: number, of: 'self' | 'waitedChildren' = 'self'): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // After the command in parentheses: state, ppid, …; utime and stime are the 12th and 13th
  // fields there, cutime and cstime the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const first = of === 'self' ? 11 : 13;
  return ((Number(fields[first]) + Number(fields[first + 1])) / CLOCK_TICKS) * 1000;
}

/** What one process held: its command name, and its resident set at the first and the largest sample. */
export interface ProcessPeak {
  pid: number;
  command: string;
  firstKb: number;
  peakKb: number;
}

/** `VmRSS` (resident now) and `VmHWM` (the kernel's high-water mark) of a process, in KiB; undefined once it is gone. */
export function residentKb(pid: number): { rssKb: number; hwmKb: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/**
 * Resets the kernel's peak-RSS mark of `pid` to its current RSS (`echo 5 > /proc/pid/clear_refs`,
 * Linux ≥ 4.0), so that the next VmHWM is the peak of what follows. False when not allowed.
 */
export function resetPeakResident(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The process ids below `pid` (children of each of its threads, recursively). */
function descendants(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const thread of threads) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
      found.push(child, ...descendants(child));
    }
  }
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/**
 * Samples the resident set of `rootPid` and every process below it every `intervalMs` until
 * stopped, keeping each process's first and largest sample. Sampling can miss a peak shorter than
 * the interval: pair it with the root's VmHWM (resetPeakResident) where the root matters most.
 */
export function sampleProcessTree(rootPid: number, intervalMs: number): { stop(): ProcessPeak[] } {
  const peaks = new Map<number, ProcessPeak>();
  const sample = () => {
    for (const pid of [rootPid, ...descendants(rootPid)]) {
      const memory = residentKb(pid);
      if (!memory || Number.isNaN(memory.rssKb)) continue;
      const known = peaks.get(pid);
      if (known) known.peakKb = Math.max(known.peakKb, memory.rssKb);
      else peaks.set(pid, { pid, command: commandOf(pid), firstKb: memory.rssKb, peakKb: memory.rssKb });
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...peaks.values()];
    },
  };
}
