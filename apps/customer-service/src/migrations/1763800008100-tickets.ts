import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = ['PRE_SALES', 'COMPLAINT', 'AFTER_SALES', 'LOGISTICS'];
/** Business minutes: first response, resolution. Ops change them with PUT /sla-policies/{kind}/{priority}. */
const TARGETS: Record<string, [number, number]> = {
  URGENT: [30, 240],
  HIGH: [60, 480],
  NORMAL: [240, 1440],
  LOW: [480, 2400],
};

/** Tickets with their SLA due instants and breach marks (set in the transaction that publishes the breach). */
export class Tickets1763800008100 implements MigrationInterface {
  name = 'Tickets1763800008100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sla_policies (
        kind                    text NOT NULL,
        priority                text NOT NULL,
        first_response_minutes  int NOT NULL CHECK (first_response_minutes > 0),
        resolution_minutes      int NOT NULL CHECK (resolution_minutes > 0),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, priority)
      )`);
    for (const kind of KINDS) {
      for (const [priority, [first, resolution]] of Object.entries(TARGETS)) {
        await queryRunner.query(
          `INSERT INTO sla_policies (kind, priority, first_response_minutes, resolution_minutes) VALUES ($1, $2, $3, $4)`,
          [kind, priority, first, resolution],
        );
      }
    }
    await queryRunner.query(`
      CREATE TABLE tickets (
        id                          uuid PRIMARY KEY,
        kind                        text NOT NULL,
        priority                    text NOT NULL,
        status                      text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED')),
        customer_id                 uuid NOT NULL,
        order_id                    uuid,
        merchant_id                 uuid,
        subject                     text NOT NULL,
        assignee_id                 text,
        -- CUSTOMER (opened by the customer), PROACTIVE (a delivery exception), REVIEW (a low rating)
        source                      text NOT NULL,
        -- what opened a non-customer ticket (shipment exception, review id): once per cause
        source_key                  text UNIQUE,
        opened_at                   timestamptz NOT NULL,
        first_response_due_at       timestamptz NOT NULL,
        resolution_due_at           timestamptz NOT NULL,
        first_responded_at          timestamptz,
        -- set while WAITING_ON_CUSTOMER: the resolution clock does not run
        paused_at                   timestamptz,
        resolved_at                 timestamptz,
        closed_at                   timestamptz,
        first_response_breached_at  timestamptz,
        resolution_breached_at      timestamptz,
        updated_at                  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX tickets_customer ON tickets (customer_id, opened_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX tickets_status ON tickets (status, opened_at DESC, id DESC)`);
    // The breach sweep reads only live tickets not yet breached.
    await queryRunner.query(
      `CREATE INDEX tickets_first_response_due ON tickets (first_response_due_at) WHERE first_responded_at IS NULL AND first_response_breached_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX tickets_resolution_due ON tickets (resolution_due_at) WHERE resolution_breached_at IS NULL AND status IN ('OPEN', 'IN_PROGRESS')`,
    );
    await queryRunner.query(`
      CREATE TABLE ticket_messages (
        id           uuid PRIMARY KEY,
        ticket_id    uuid NOT NULL REFERENCES tickets (id),
        author_id    text NOT NULL,
        author_role  text NOT NULL CHECK (author_role IN ('CUSTOMER', 'AGENT', 'SYSTEM')),
        -- an agent's note for agents only: never shown to the customer
        internal     boolean NOT NULL DEFAULT false,
        body         text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ticket_messages', 'tickets', 'sla_policies'])
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
