import { Controller, DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  OrderCancelled,
  OrderCancelledV1,
  OrderConfirmed,
  OrderConfirmedV1,
  OrderPlaced,
  OrderPlacedV1,
} from '@emporium/contracts';
import { EventContext, ExternalCalls, messagingMigrations } from '@emporium/messaging';
import {
  IdempotencyKeysTable1763800000001,
  loadConfig,
  platformDefaults,
  PlatformModule,
  ServiceConfig,
} from '@emporium/platform';
import type { ServiceRecipe } from '@emporium/testing';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consumer whose handlers record what they apply and fail on demand: the event path's rules (parked
 * keys, failure policy, chunks and bisection) are tested against it with the real broker and database.
 */
export const probeBehaviour = {
  /** Order ids whose events are refused with a domain kind (deterministic: dead-lettered at once). */
  refuse: new Set<string>(),
  /** Order ids whose events throw a plain error (a bug: retried, then dead-lettered). */
  crash: new Set<string>(),
  /** Order id -> how many more times its event fails with a serialization failure (40001). */
  contention: new Map<string, number>(),
  /** Sizes of the arrays the batch handler received. */
  batchSizes: [] as number[],
  attempts: new Map<string, number>(),
  /** Calls the sandbox "gateway" received, per idempotency key. */
  gatewayCalls: new Map<string, number>(),
  /** Order ids whose first gateway call fails. */
  gatewayFlaky: new Set<string>(),
};

function behave(orderId: string): void {
  probeBehaviour.attempts.set(orderId, (probeBehaviour.attempts.get(orderId) ?? 0) + 1);
  if (probeBehaviour.refuse.has(orderId))
    throw Object.assign(new Error(`order ${orderId} is refused`), { kind: 'conflict' });
  if (probeBehaviour.crash.has(orderId)) throw new TypeError(`cannot read properties of order ${orderId}`);
  const left = probeBehaviour.contention.get(orderId) ?? 0;
  if (left > 0) {
    probeBehaviour.contention.set(orderId, left - 1);
    throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
  }
}

@Controller()
class ProbeHandlers implements OnModuleInit {
  constructor(private readonly externalCalls: ExternalCalls) {}

  onModuleInit(): void {
    this.externalCalls.register<{ orderId: string }, { chargeId: string }>({
      kind: 'probe.charge',
      call: async ({ orderId }, key) => {
        probeBehaviour.gatewayCalls.set(key, (probeBehaviour.gatewayCalls.get(key) ?? 0) + 1);
        if (probeBehaviour.gatewayFlaky.delete(orderId)) throw new Error('gateway timed out');
        return { chargeId: `ch_${key}` };
      },
      onResult: async (result, { orderId }, _key, manager) => {
        await manager.query(
          `INSERT INTO probe_applied (order_id, event_type, event_id) VALUES ($1, $2, gen_random_uuid())`,
          [orderId, result.ok ? 'charged' : 'charge-failed'],
        );
      },
    });
  }

  /** A handler that needs the outside world: it records the intent; the call is made after the commit. */
  @EventPattern(OrderConfirmed.type)
  async confirmed(@Payload() event: DomainEvent<OrderConfirmedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.externalCalls.request(manager, 'probe.charge', `charge:${event.data.orderId}`, {
      orderId: event.data.orderId,
    });
  }

  @EventPattern(OrderPlaced.type)
  async placed(@Payload() event: DomainEvent<OrderPlacedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    behave(event.data.orderId);
    await manager.query(`INSERT INTO probe_applied (order_id, event_type, event_id) VALUES ($1, 'placed', $2)`, [
      event.data.orderId,
      event.metadata.id,
    ]);
  }

  @EventPattern(OrderCancelled.type, { batch: true })
  async cancelled(@Payload() events: DomainEvent<OrderCancelledV1>[], @Ctx() { manager }: EventContext): Promise<void> {
    probeBehaviour.batchSizes.push(events.length);
    for (const event of events) behave(event.data.orderId);
    await manager.query(
      `INSERT INTO probe_applied (order_id, event_type, event_id) SELECT o, 'cancelled', e FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS x(o, e, n) ORDER BY n`,
      [events.map((event) => event.data.orderId), events.map((event) => event.metadata.id)],
    );
  }
}

class ProbeTables1764400000001 implements MigrationInterface {
  name = 'ProbeTables1764400000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE probe_applied (seq bigserial PRIMARY KEY, order_id uuid NOT NULL, event_type text NOT NULL, event_id uuid NOT NULL)`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE probe_applied`);
  }
}

@Module({})
class ProbeAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ProbeAppModule,
      imports: [PlatformModule.forRoot({ name: 'probe', config, entities: [], migrations: [] })],
      controllers: [ProbeHandlers],
    };
  }
}

export const probeRecipe: ServiceRecipe<ServiceConfig> = {
  name: 'probe',
  loadConfig: (env) => loadConfig(ServiceConfig, platformDefaults('probe', 0), env),
  module: (config) => ProbeAppModule.forRoot(config),
  migrations: [...messagingMigrations, IdempotencyKeysTable1763800000001, ProbeTables1764400000001],
};
