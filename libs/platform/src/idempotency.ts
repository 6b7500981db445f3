import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { DomainError } from './problem-details';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor(key: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key ${key} was already used with a different request`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        errors: [{ field: 'Idempotency-Key', message: 'was already used with a different request body' }],
      },
    );
  }
}

export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Whose key it is: an operation and the caller's subject. Keys are never global, or one caller's key
 * would replay another caller's response (issue 11, finding 6).
 */
export interface IdempotencyScope {
  operation: string;
  subject: string;
}

/**
 * `Idempotency-Key` handling inside the caller's transaction: the first request with a key does the
 * work and stores its response in the same commit; a repeat gets the stored response. Two concurrent
 * requests with one key serialise on the primary key, so the work happens once.
 */
export async function withIdempotency(
  manager: EntityManager,
  { operation, subject }: IdempotencyScope,
  key: string,
  fingerprint: string,
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const scope = `${operation}:${subject}`;
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
    [scope, key, fingerprint],
  );
  if (claimed.length === 0) {
    const [existing] = await manager.query(
      `SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key);
    return { status: existing.status_code, body: existing.response_body, replayed: true };
  }
  const response = await work();
  await manager.query(
    `UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
    [scope, key, response.status, JSON.stringify(response.body)],
  );
  return { ...response, replayed: false };
}

/** Sends a withIdempotency result: its status, and `Idempotent-Replayed: true` on a repeat. */
export function replyIdempotently<T>(response: Response, result: StoredResponse & { replayed: boolean }): T {
  response.status(result.status);
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return result.body as T;
}

export class IdempotencyKeysTable1763800000001 implements MigrationInterface {
  name = 'IdempotencyKeysTable1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope          text NOT NULL,
        key            text NOT NULL,
        fingerprint    text NOT NULL,
        status_code    int,
        response_body  jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
