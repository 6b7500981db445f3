import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) spent so far by named processes, read from /proc (Linux). Benchmarks take a
 * snapshot before and after a phase and print CPU ms per request or order: on a shared 2-core machine that
 * figure holds when shares and latencies do not.
 */
export type CpuSnapshot = Map<string, number>;

const USER_HZ = 100;

/**
 * `processes`: a name and its pid (a name given twice adds up). `postgres (all)` is every PostgreSQL
 * process, plus what the postmaster's ended children used (parallel workers and closed connections, which
 * a later snapshot would otherwise miss).
 */
export function cpuSnapshot(processes: [name: string, pid: number | undefined][]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  // /proc/<pid>/stat after the command: state ppid ... utime stime cutime cstime (fields 3, 4, 14-17).
  const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const add = (name: string, pid: number, withEndedChildren = false) => {
    try {
      const fields = stat(pid);
      const ticks =
        Number(fields[11]) + Number(fields[12]) + (withEndedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
      snapshot.set(name, (snapshot.get(name) ?? 0) + ticks / USER_HZ);
    } catch {
      /* the process ended */
    }
  };
  for (const [name, pid] of processes) if (pid !== undefined) add(name, pid);
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const parent = stat(pid)[1];
      const isPostmaster = readFileSync(`/proc/${parent}/comm`, 'utf8').trim() !== 'postgres';
      add('postgres (all)', Number(pid), isPostmaster);
    } catch {
      /* gone */
    }
  }
  return snapshot;
}

/** Per process: its share of one core over `wallSeconds`, and CPU ms per unit of work. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, wallSeconds: number, units: number) {
  return [...after].map(([name, seconds]) => {
    const used = seconds - (before.get(name) ?? 0);
    return { name, share: used / wallSeconds, msPerUnit: (used * 1000) / Math.max(1, units) };
  });
}
