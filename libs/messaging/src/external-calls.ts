import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

/** What a call to the outside world came back with. */
export type ExternalCallResult<R> = { ok: true; value: R } | { ok: false; error: string };

/**
 * One kind of call to the outside world (a payment gateway, a carrier's API). The call itself never
 * runs inside a database transaction: a slow or hanging provider must not hold row locks or an inbox
 * transaction open, and a rolled-back transaction must not have charged a card.
 */
export interface ExternalCallHandler<Q = unknown, R = unknown> {
  kind: string;
  /**
   * Makes the call. `key` is stable across retries and crashes: pass it to the provider as its
   * idempotency key, so a repeated call is answered, not repeated.
   */
  call(request: Q, key: string): Promise<R>;
  /** Records the outcome, in its own transaction; runs exactly once per key (and may publish events). */
  onResult(result: ExternalCallResult<R>, request: Q, key: string, manager: EntityManager): Promise<void>;
}

const REQUESTED = 'emporium.externalCallsRequested';
const MAX_ATTEMPTS = 5;
const LEASE_SECONDS = 30;

interface CallRow {
  kind: string;
  key: string;
  request: unknown;
  attempts: number;
}

/**
 * Record the intent in the transaction, call after the commit, record the result idempotently:
 *
 *   await externalCalls.request(manager, 'payment.authorise', `authorise:${orderId}`, { orderId, amount });
 *
 * `request` inserts a PENDING row in the caller's transaction (a second request with the same key is a
 * no-op, so a redelivered event calls once). After the commit the call is made; its result moves the row
 * to DONE in a new transaction, in which the handler's `onResult` runs. A crash between the commit and
 * the result leaves the row PENDING; a sweep takes it up again when its lease runs out, with the same key.
 * A call that keeps failing is given up after a few attempts and reported to `onResult` as a failure.
 */
@Injectable()
export class ExternalCalls implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExternalCalls.name);
  private readonly handlers = new Map<string, ExternalCallHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private sweepTimer?: NodeJS.Timeout;
  private stopping = false;

  constructor(private readonly dataSource: DataSource) {}

  register<Q, R>(handler: ExternalCallHandler<Q, R>): void {
    this.handlers.set(handler.kind, handler as ExternalCallHandler);
  }

  /** In the caller's transaction: the call is made once it commits. */
  async request(manager: EntityManager, kind: string, key: string, request: unknown): Promise<void> {
    if (!this.handlers.has(kind)) throw new Error(`no external call handler registered for ${kind}`);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO messaging_external_calls (kind, key, request, lease_until) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [kind, key, JSON.stringify(request), LEASE_SECONDS],
    );
    if (inserted.length === 0) return; // already requested: made (or being made) once
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      this.start({ kind, key, request, attempts: 0 });
      return;
    }
    const requested: CallRow[] = queryRunner.data?.[REQUESTED] ?? [];
    requested.push({ kind, key, request, attempts: 0 });
    queryRunner.data = { ...queryRunner.data, [REQUESTED]: requested };
  }

  onApplicationBootstrap(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const requested: CallRow[] | undefined = event.queryRunner.data?.[REQUESTED];
        if (!requested) return;
        event.queryRunner.data = { ...event.queryRunner.data, [REQUESTED]: undefined };
        for (const row of requested) this.start(row);
      },
    };
    this.dataSource.subscribers.push(subscriber);
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((error) => this.logger.warn({ msg: 'external call sweep failed', err: error })),
      5_000,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Calls whose lease ran out (a crash after the commit, or a failed attempt): try again, same key. */
  async sweep(): Promise<number> {
    if (this.stopping || this.handlers.size === 0) return 0;
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const [rows]: [CallRow[], number] = await this.dataSource.query(
      `UPDATE messaging_external_calls c SET lease_until = now() + make_interval(secs => $1)
         FROM (SELECT key FROM messaging_external_calls WHERE status = 'PENDING' AND lease_until <= now() AND kind = ANY($2::text[])
                ORDER BY lease_until LIMIT 50 FOR UPDATE SKIP LOCKED) due
        WHERE c.key = due.key
        RETURNING c.kind, c.key, c.request, c.attempts`,
      [LEASE_SECONDS, [...this.handlers.keys()]],
    );
    for (const row of rows) this.start(row);
    return rows.length;
  }

  private start(row: CallRow): void {
    const work = this.run(row).catch((error) =>
      this.logger.warn({
        msg: 'external call not settled; the sweep retries it',
        kind: row.kind,
        key: row.key,
        err: error,
      }),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async run({ kind, key, request, attempts }: CallRow): Promise<void> {
    const handler = this.handlers.get(kind)!;
    let result: ExternalCallResult<unknown>;
    try {
      result = { ok: true, value: await handler.call(request, key) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempts + 1 < MAX_ATTEMPTS) {
        // Leave it PENDING with a lease that backs off; the sweep makes the next attempt.
        await this.dataSource.query(
          `UPDATE messaging_external_calls SET attempts = attempts + 1, last_error = $2, lease_until = now() + make_interval(secs => $3)
            WHERE key = $1 AND status = 'PENDING'`,
          [key, message, 2 ** attempts],
        );
        return;
      }
      result = { ok: false, error: message };
    }
    await this.dataSource.transaction(async (manager) => {
      const [settled]: [unknown[], number] = await manager.query(
        `UPDATE messaging_external_calls SET status = 'DONE', result = $2, attempts = attempts + 1, settled_at = now()
          WHERE key = $1 AND status = 'PENDING' RETURNING key`,
        [key, JSON.stringify(result)],
      );
      // Someone else (a sweep on another replica) recorded it first: its onResult ran, ours must not.
      if (settled.length === 0) return;
      await handler.onResult(result, request, key, manager);
    });
  }
}
