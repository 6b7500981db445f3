/**
 * `npm run status`, the services' part: for each service of infra/scripts/services.ts, whether its
 * process runs (the pid file of `npm start`), whether it is ready, and what its /metrics say about
 * the event flow: consumer lag, outbox backlog and the age of its oldest unsent event, dead letters.
 *   node -r @swc-node/register infra/scripts/status.ts
 * STATUS_HOST (default 127.0.0.1) points it at services elsewhere (e.g. kubectl port-forward).
 */
import { mintToken, platformDefaults } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from './services';

export interface FlowSummary {
  consumerLag: number;
  outboxBacklog: number;
  oldestUnsentSeconds: number;
  deadLetters: number;
}

/** Sums the samples of one metric family (any labels) in a Prometheus text exposition; NaN if absent. */
function total(metrics: string, name: string): number {
  const samples = [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1]));
  return samples.length === 0 ? NaN : samples.reduce((a, b) => a + b, 0);
}

export function summarizeMetrics(metrics: string): FlowSummary {
  return {
    consumerLag: total(metrics, 'emporium_consumer_lag'),
    outboxBacklog: total(metrics, 'emporium_outbox_backlog'),
    oldestUnsentSeconds: total(metrics, 'emporium_outbox_oldest_unsent_age_seconds'),
    deadLetters: total(metrics, 'emporium_dead_letters_total'),
  };
}

// /metrics needs the `ops` or `service` role (docs/security.md): a short-lived service token signed with
// the secret the local services use (JWT_SECRET, or the development default `npm start` runs with).
const token = mintToken(
  process.env.JWT_SECRET ?? platformDefaults('status', 0).JWT_SECRET,
  { subject: randomUUID(), roles: ['service'] },
  300,
);

async function get(url: string): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(3000),
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}

function pidState(service: string): string {
  const file = path.resolve(__dirname, '../../.data/run', `${service}.pid`);
  if (!existsSync(file)) return '-';
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return String(pid);
  } catch {
    return 'dead';
  }
}

const show = (n: number, unit = '') => (Number.isNaN(n) ? '-' : `${Math.round(n)}${unit}`);

async function main() {
  const host = process.env.STATUS_HOST ?? '127.0.0.1';
  const rows = await Promise.all(
    SERVICES.map(async ({ name, port }) => {
      const base = `http://${host}:${port}`;
      const [ready, metrics] = await Promise.all([get(`${base}/health/ready`), get(`${base}/metrics`)]);
      if (!ready) return [name, String(port), pidState(name), 'down', '-', '-', '-', '-', '-', '-'];
      const checks = (JSON.parse(ready.text || '{}').checks ?? {}) as Record<string, { status: string }>;
      const flow = summarizeMetrics(metrics?.text ?? '');
      return [
        name,
        String(port),
        pidState(name),
        ready.status === 200 ? 'ready' : 'NOT READY',
        checks.database?.status ?? '-',
        checks.broker?.status ?? '-',
        show(flow.consumerLag),
        show(flow.outboxBacklog),
        show(flow.oldestUnsentSeconds, 's'),
        show(flow.deadLetters),
      ];
    }),
  );
  const header = ['service', 'port', 'pid', 'state', 'database', 'broker', 'lag', 'outbox', 'oldest', 'dead letters'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  console.log(
    'lag: messages behind, summed over partitions; outbox: events not yet sent; oldest: age of the oldest unsent one',
  );
}

if (require.main === module) void main();
