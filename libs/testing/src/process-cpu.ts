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
  const add = (name: string, fields: string[], withEndedChildren = false) => {
    const ticks =
      Number(fields[11]) + Number(fields[12]) + (withEndedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    snapshot.set(name, (snapshot.get(name) ?? 0) + ticks / USER_HZ);
  };
  for (const [name, pid] of processes) {
    if (pid === undefined) continue;
    try {
      add(name, stat(pid));
    } catch {
      /* the process ended */
    }
  }
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const fields = stat(pid);
      const isPostmaster = readFileSync(`/proc/${fields[1]}/comm`, 'utf8').trim() !== 'postgres';
      add('postgres (all)', fields, isPostmaster);
    } catch {
      /* gone between listing and reading */
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
