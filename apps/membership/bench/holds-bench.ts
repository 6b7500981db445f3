/**
 * Concurrent points holds on one member (not a test): the per-member row lock the ledger uses, against
 * a SERIALIZABLE check of the ledger's sum with retries (the alternative the README weighs), in the same
 * run on the same database. Prints holds per second, p50/p99 latency, retries and the final balance,
 * which must never be negative.
 *   npm run bench:membership-holds                   (HOLDS=50 BALANCE=1000 POINTS=100 ROUNDS=5)
 *   HOLDS=500 npm run bench:membership-holds
 */
import { PointsHeld } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { prepareDatabase, startService, TestRun } from '@emporium/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PointHolds } from '../src/points/point-holds.service';
import { membershipRecipe } from '../test/membership.recipe';

const HOLDS = Number(process.env.HOLDS ?? 50);
const BALANCE = Number(process.env.BALANCE ?? 1000);
const POINTS = Number(process.env.POINTS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

interface Round {
  held: number;
  refused: number;
  retries: number;
  seconds: number;
  latencies: number[];
  finalSum: number;
}

async function member(dataSource: DataSource): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO members (id, name, email, tier_review_at, points_balance) VALUES ($1, 'bench', $2, now() + interval '1 year', $3)`,
    [id, `${id}@bench.invalid`, BALANCE],
  );
  await dataSource.query(
    `INSERT INTO points_ledger (member_id, kind, points, amount, balance_after, reason, reference, expires_at) VALUES ($1, 'GRANT', $2, $2, $2, 'FEEDBACK', $3, now() + interval '1 year')`,
    [id, BALANCE, `bench:${id}`],
  );
  return id;
}

async function timed(work: () => Promise<{ held: boolean; retries: number }>[]): Promise<Omit<Round, 'finalSum'>> {
  const started = performance.now();
  const latencies: number[] = [];
  const outcomes = await Promise.all(
    work().map(async (promise) => {
      const t0 = performance.now();
      const outcome = await promise;
      latencies.push(performance.now() - t0);
      return outcome;
    }),
  );
  return {
    held: outcomes.filter((o) => o.held).length,
    refused: outcomes.filter((o) => !o.held).length,
    retries: outcomes.reduce((sum, o) => sum + o.retries, 0),
    seconds: (performance.now() - started) / 1000,
    latencies,
  };
}

/** The service's own path: Ledger.lock (SELECT ... FOR UPDATE on the member) and the balance column. */
async function rowLock(dataSource: DataSource, points: PointHolds): Promise<Round> {
  const memberId = await member(dataSource);
  const round = await timed(() =>
    Array.from({ length: HOLDS }, async () => {
      const outcome = await dataSource.transaction((manager) =>
        points.hold(manager, memberId, randomUUID(), POINTS, new Date()),
      );
      return { held: outcome.held, retries: 0 };
    }),
  );
  return { ...round, finalSum: await sumOf(dataSource, memberId) };
}

/**
 * The reference: no lock; SERIALIZABLE transactions read the ledger's sum and retry on 40001. Same writes
 * as the service's hold (ledger entry, hold row, points-held in the outbox), so only the concurrency
 * control differs.
 */
async function serializable(dataSource: DataSource, outbox: Outbox): Promise<Round> {
  const memberId = await member(dataSource);
  const round = await timed(() =>
    Array.from({ length: HOLDS }, async () => {
      const orderId = randomUUID();
      for (let retries = 0; ; retries++) {
        try {
          const held = await dataSource.transaction('SERIALIZABLE', async (manager) => {
            const [{ sum }] = await manager.query(
              `SELECT coalesce(sum(points), 0)::int AS sum FROM points_ledger WHERE member_id = $1`,
              [memberId],
            );
            if (sum < POINTS) return false;
            await manager.query(
              `INSERT INTO points_ledger (member_id, kind, points, amount, balance_after, order_id, reference) VALUES ($1, 'HOLD', $2, $3, $4, $5, $6)`,
              [memberId, -POINTS, POINTS, sum - POINTS, orderId, `hold:${orderId}`],
            );
            await manager.query(
              `INSERT INTO point_holds (order_id, member_id, points, status) VALUES ($1, $2, $3, 'HELD')`,
              [orderId, memberId, POINTS],
            );
            await outbox.publish(manager, PointsHeld, {
              memberId,
              orderId,
              points: POINTS,
              availableAfter: sum - POINTS,
              heldAt: new Date().toISOString(),
            });
            return true;
          });
          return { held, retries };
        } catch (error) {
          if ((error as { driverError?: { code?: string } }).driverError?.code !== '40001') throw error;
        }
      }
    }),
  );
  return { ...round, finalSum: await sumOf(dataSource, memberId) };
}

async function sumOf(dataSource: DataSource, memberId: string): Promise<number> {
  const [{ sum }] = await dataSource.query(
    `SELECT coalesce(sum(points), 0)::int AS sum FROM points_ledger WHERE member_id = $1`,
    [memberId],
  );
  return sum;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(name: string, rounds: Round[]) {
  const latencies = rounds.flatMap((r) => r.latencies);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const holds = rounds.length * HOLDS;
  console.log(
    `${name.padEnd(13)} ${String(Math.round(holds / seconds)).padStart(6)} holds/s   p50 ${pct(latencies, 50).toFixed(1).padStart(7)} ms   p99 ${pct(latencies, 99).toFixed(1).padStart(7)} ms   ` +
      `held ${rounds.map((r) => r.held).join('/')}   retries ${rounds.reduce((sum, r) => sum + r.retries, 0)}   lowest final sum ${Math.min(...rounds.map((r) => r.finalSum))}`,
  );
}

async function main() {
  execFileSync('bash', [path.resolve(__dirname, '../../../infra/scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  const run = new TestRun();
  await prepareDatabase(run, membershipRecipe);
  const membership = await startService(run, membershipRecipe, {
    LOG_LEVEL: 'error',
    EVENT_CONSUMER_ENABLED: 'false',
    OUTBOX_RELAY_ENABLED: 'false',
    JOBS_INTERVAL_MS: '3600000',
  });
  try {
    const points = membership.app.get(PointHolds);
    console.log(
      `${HOLDS} concurrent holds of ${POINTS} on one member with ${BALANCE} points (pool of 20 connections), ${ROUNDS} rounds each; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
    );
    const locked: Round[] = [];
    const serial: Round[] = [];
    // Interleaved, so both see the same machine (it is shared).
    for (let i = 0; i < ROUNDS; i++) {
      locked.push(await rowLock(membership.dataSource, points));
      serial.push(await serializable(membership.dataSource, membership.app.get(Outbox)));
    }
    report('row lock', locked);
    report('serializable', serial);
    const expected = Math.floor(BALANCE / POINTS);
    const wrong = [...locked, ...serial].filter((r) => r.held !== Math.min(expected, HOLDS) || r.finalSum < 0);
    console.log(
      wrong.length === 0
        ? `both held exactly ${Math.min(expected, HOLDS)} per round; no balance below zero`
        : `WRONG: ${wrong.length} round(s) held the wrong number or went negative`,
    );
  } finally {
    await membership.close();
    await run.dropDatabases();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
