/**
 * Service start-up (a benchmark, not a test): `npm run bench:startup [-- <service>]` (default orders).
 * Starts the service repeatedly, alternating two ways, and prints the time until /health/ready answers
 * 200 and the CPU the process used until then (from /proc: less sensitive to a busy machine than wall
 * time):
 *   - bundle: `node main.js` from `dist/apps/<service>` (what the image runs; built first here);
 *   - source: `node -r @swc-node/register apps/<service>/src/main.ts` with an empty swc-node cache
 *     (what the previous images ran in every new container: compile in memory at start).
 * Runs against the real PostgreSQL and Kafka, in its own database and topic prefix. BENCH_RUNS (default 3).
 */
import { benchRuntime, createRunTopics, deleteRunTopics, prepareDatabase, testEnv, TestRun } from '@emporium/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildService } from '../scripts/build-service';
import { findService } from '../scripts/services';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const repoRoot = path.resolve(__dirname, '../..');
const ticksPerSecond = 100; // USER_HZ on Linux

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

async function startOnce(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { wallMs: performance.now() - started, cpuMs: cpuMs(child.pid!) };
      if (performance.now() - started > 180_000) throw new Error('not ready in 180 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const service = findService(process.argv[2] ?? 'orders').name;
  const run = new TestRun();
  const recipe = { name: service, migrations: await findService(service).migrations() };
  const built = performance.now();
  const outdir = await buildService(service);
  console.log(
    `[bench] ${service} bundle built in ${(performance.now() - built).toFixed(0)} ms -> ${path.relative(repoRoot, outdir)}`,
  );
  await createRunTopics(run);
  await prepareDatabase(run, recipe);
  const env = { ...testEnv(run, service), LOG_LEVEL: 'warn' };
  const results: Record<'bundle' | 'source', { wallMs: number; cpuMs: number }[]> = { bundle: [], source: [] };
  try {
    for (let i = 1; i <= RUNS; i++) {
      const cache = mkdtempSync(path.join(os.tmpdir(), 'swc-node-'));
      try {
        // SWC_NODE_CACHE_DIR: a fresh, empty cache, as in a new container.
        results.source.push(
          await startOnce(['-r', '@swc-node/register', `apps/${service}/src/main.ts`], repoRoot, {
            ...env,
            SWC_NODE_CACHE_DIR: cache,
          }),
        );
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
      results.bundle.push(await startOnce(['main.js'], outdir, env));
      console.log(
        `[bench] run ${i}/${RUNS}: source ${results.source.at(-1)!.wallMs.toFixed(0)} ms, bundle ${results.bundle.at(-1)!.wallMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await run.dropDatabases();
    await deleteRunTopics(run);
  }
  console.log(
    `\n${service} start-up until /health/ready, median of ${RUNS} (${benchRuntime()}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`,
  );
  for (const [name, samples] of Object.entries(results)) {
    console.log(
      `  ${name.padEnd(8)} wall ${median(samples.map((s) => s.wallMs))
        .toFixed(0)
        .padStart(6)} ms   CPU ${median(samples.map((s) => s.cpuMs))
        .toFixed(0)
        .padStart(6)} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
