import {
  DEAD_LETTER_RETENTION_MS,
  OrderCancelled,
  OrderCancelledV1,
  OrderConfirmed,
  OrderPlaced,
  OrderPlacedV1,
  Topics,
} from '@emporium/contracts';
import { createKafka, replayDeadLetters } from '@emporium/messaging';
import { eventMessage, eventually, integrationSuite, publishRaw, testInfrastructure } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { probeBehaviour, probeRecipe } from './event-probe';

const setup = {
  services: { probe: probeRecipe },
  extraTopics: [{ name: 'probe.dlq', partitions: 1, retentionMs: DEAD_LETTER_RETENTION_MS }],
  read: ['probe.dlq'],
};

integrationSuite(
  'the event path: per-key order through dead letters and replay, failure policy, chunks (real PostgreSQL and Kafka)',
  setup,
  ({ probe, reader, run, topic: topicOf }) => {
    const topic = topicOf(Topics.ordersOrder);
    const kafka = createKafka('event-path-test', testInfrastructure.brokers);

    const placed = (): OrderPlacedV1 => ({
      orderId: randomUUID(),
      customerId: randomUUID(),
      currency: 'EUR',
      lines: [{ sku: 'PROBE-1', quantity: 1, unitPrice: 100, lineTotal: 100 }],
      totalAmount: 100,
      placedAt: new Date().toISOString(),
    });
    const cancelled = (order: OrderPlacedV1): OrderCancelledV1 => ({
      orderId: order.orderId,
      customerId: order.customerId,
      reason: 'CUSTOMER_REQUEST',
      lines: order.lines,
      cancelledAt: new Date().toISOString(),
    });
    /** Everything on one partition, so the order of the whole list is the order the consumer sees. */
    const publish = (...messages: { key: string; value: string; headers: Record<string, string> }[]) =>
      publishRaw(
        topic,
        messages.map((message) => ({ ...message, partition: 0 })),
      );
    const applied = async (orderId: string): Promise<string[]> =>
      (
        await probe.dataSource.query(`SELECT event_type FROM probe_applied WHERE order_id = $1 ORDER BY seq`, [orderId])
      ).map((row: { event_type: string }) => row.event_type);
    const deadLettersOf = (key: string, count: number) => reader.waitFor((m) => m.key === key, count);
    const replay = (limit?: number) =>
      replayDeadLetters(kafka, { service: 'probe', topicPrefix: run.topicPrefix, limit });

    it('parks a key with a dead letter: its later messages follow it, other keys go on, and replay applies them in order', async () => {
      const x = placed();
      const y = placed();
      probeBehaviour.refuse.add(x.orderId);
      await publish(
        eventMessage(OrderPlaced, x),
        eventMessage(OrderCancelled, cancelled(x)),
        eventMessage(OrderPlaced, y),
      );

      await eventually(async () => (await applied(y.orderId)).length === 1, 20_000, 'the other key applied');
      const dead = await deadLettersOf(x.orderId, 2);
      expect(dead.map((m) => [m.headers.ce_type, m.headers.dlq_reason])).toEqual([
        [OrderPlaced.type, 'handler-refused'],
        [OrderCancelled.type, 'parked'],
      ]);
      // Without parking, the cancellation would have been applied before the placement it cancels.
      expect(await applied(x.orderId)).toEqual([]);
    });

    it('keeps a key parked, in order, through a replay that fails again; a later replay applies its queue in order', async () => {
      const x = placed();
      probeBehaviour.refuse.add(x.orderId);
      await publish(eventMessage(OrderPlaced, x), eventMessage(OrderCancelled, cancelled(x)));
      await deadLettersOf(x.orderId, 2);
      // Everything dead-lettered so far (the previous test's key too) goes back; the refused heads fail again.
      expect((await replay()).replayed).toBe(4);
      const again = await deadLettersOf(x.orderId, 4);
      expect(again.slice(2).map((m) => m.headers.dlq_reason)).toEqual(['handler-refused', 'parked']);
      expect(await applied(x.orderId)).toEqual([]);

      probeBehaviour.refuse.clear();
      await replay();
      await eventually(
        async () => (await applied(x.orderId)).join() === 'placed,cancelled',
        20_000,
        'the queue applied in order',
      );
      const parked = await probe.dataSource.query(`SELECT count(*)::int AS n FROM messaging_parked`);
      expect(parked[0].n).toBe(0);
      // A later message of the key is applied normally: the key is no longer parked.
      const next = eventMessage(OrderCancelled, cancelled(x));
      await publish(next);
      await eventually(async () => (await applied(x.orderId)).length === 3, 20_000, 'the unparked key applied');
    });

    it('replays every dead letter exactly once across replays with a limit', async () => {
      const orders = [placed(), placed(), placed()];
      for (const order of orders) probeBehaviour.refuse.add(order.orderId);
      await publish(...orders.map((order) => eventMessage(OrderPlaced, order)));
      for (const order of orders) await deadLettersOf(order.orderId, 1);
      probeBehaviour.refuse.clear();

      expect((await replay(1)).replayed).toBe(1);
      // Before the fix the replay resolved the offset of the letter it stopped at, which was then never replayed.
      expect((await replay()).replayed).toBe(2);
      for (const order of orders)
        await eventually(async () => (await applied(order.orderId)).length === 1, 20_000, 'each applied once');
      expect((await replay()).replayed).toBe(0);
    });

    it('dead-letters a newer version of a handled event, and ignores older versions and other services’ events', async () => {
      const newer = placed();
      const v2 = eventMessage(OrderPlaced, newer);
      v2.headers.ce_type = 'orders.order.placed.v2';
      const foreign = eventMessage(OrderPlaced, placed());
      foreign.headers.ce_type = 'marketing.coupon.redeemed.v1';
      // A producer keeps publishing the superseded version beside its successor for unmigrated subscribers.
      const superseded = eventMessage(OrderPlaced, placed());
      superseded.headers.ce_type = 'orders.order.placed.v0';
      const marker = placed();
      await publish(v2, foreign, superseded, eventMessage(OrderPlaced, marker));

      await eventually(
        async () => (await applied(marker.orderId)).length === 1,
        20_000,
        'the marker behind them applied',
      );
      const [dead] = await deadLettersOf(newer.orderId, 1);
      expect(dead.headers.dlq_reason).toBe('unknown-event-type');
      expect(dead.headers.dlq_error).toContain('handles orders.order.placed in version(s) v1, not v2');
      expect(reader.messages.some((m) => m.key === foreign.key)).toBe(false);
      expect(reader.messages.some((m) => m.key === superseded.key)).toBe(false);
    });

    it('retries contention without spending attempts, retries a bug then dead-letters it, and dead-letters a refusal at once', async () => {
      const contended = placed();
      probeBehaviour.contention.set(contended.orderId, 6); // more failures than EVENT_MAX_ATTEMPTS (3 in tests)
      await publish(eventMessage(OrderPlaced, contended));
      await eventually(
        async () => (await applied(contended.orderId)).length === 1,
        30_000,
        'the contended event applied',
      );
      expect(probeBehaviour.attempts.get(contended.orderId)).toBe(7);

      const buggy = placed();
      probeBehaviour.crash.add(buggy.orderId);
      await publish(eventMessage(OrderPlaced, buggy));
      const [failed] = await deadLettersOf(buggy.orderId, 1);
      expect([failed.headers.dlq_reason, failed.headers.dlq_attempts]).toEqual(['handler-failed', '3']);

      const refused = placed();
      probeBehaviour.refuse.add(refused.orderId);
      await publish(eventMessage(OrderPlaced, refused));
      const [refusal] = await deadLettersOf(refused.orderId, 1);
      expect([refusal.headers.dlq_reason, refusal.headers.dlq_attempts]).toEqual(['handler-refused', '1']);
      expect(probeBehaviour.attempts.get(refused.orderId)).toBe(1);
      expect(reader.messages.some((m) => m.key === contended.orderId)).toBe(false);
    });

    it('applies a chunk in one go, hands runs of one type to batch handlers, and isolates the one bad message of a chunk', async () => {
      const orders = Array.from({ length: 30 }, placed);
      const bad = orders[17];
      probeBehaviour.crash.add(bad.orderId);
      probeBehaviour.batchSizes.length = 0;
      await publish(
        ...orders.map((order) => eventMessage(OrderPlaced, order)),
        ...orders.map((order) => eventMessage(OrderCancelled, cancelled(order))),
      );

      const [dead] = await deadLettersOf(bad.orderId, 2).then((letters) => letters.slice(0, 1));
      expect(dead.headers.dlq_reason).toBe('handler-failed');
      for (const order of orders) {
        if (order === bad) continue;
        await eventually(
          async () => (await applied(order.orderId)).join() === 'placed,cancelled',
          20_000,
          `order ${order.orderId} applied in order`,
        );
      }
      // The bad order's cancellation followed its placement into the dead-letter topic.
      const letters = reader.messages.filter((m) => m.key === bad.orderId).map((m) => m.headers.dlq_reason);
      expect(letters).toEqual(['handler-failed', 'parked']);
      expect(await applied(bad.orderId)).toEqual([]);
      expect(Math.max(...probeBehaviour.batchSizes)).toBeGreaterThan(1);
      // Every applied event has one inbox entry: nothing was applied twice by the bisection's retries.
      const doubles = await probe.dataSource.query(
        `SELECT event_id FROM probe_applied GROUP BY event_id HAVING count(*) > 1`,
      );
      expect(doubles).toEqual([]);
    });

    describe('external calls (a payment gateway, a carrier) outside the inbox transaction', () => {
      const confirmed = (order: OrderPlacedV1) =>
        eventMessage(OrderConfirmed, {
          orderId: order.orderId,
          customerId: order.customerId,
          currency: 'EUR',
          lines: order.lines,
          totalAmount: order.totalAmount,
          confirmedAt: new Date().toISOString(),
        });
      const key = (order: OrderPlacedV1) => `charge:${order.orderId}`;

      it('makes the call after the commit, once even when the event is delivered twice, and records the result once', async () => {
        const order = placed();
        const message = confirmed(order);
        await publish(message, message);
        await eventually(
          async () => (await applied(order.orderId)).join() === 'charged',
          20_000,
          'the result recorded',
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(probeBehaviour.gatewayCalls.get(key(order))).toBe(1);
        expect(await applied(order.orderId)).toEqual(['charged']);
      });

      it('retries a failed call with the same key, and resumes a call a crash left unmade', async () => {
        const flaky = placed();
        probeBehaviour.gatewayFlaky.add(flaky.orderId);
        await publish(confirmed(flaky));
        await eventually(
          async () => (await applied(flaky.orderId)).join() === 'charged',
          30_000,
          'the retried call recorded',
        );
        expect(probeBehaviour.gatewayCalls.get(key(flaky))).toBe(2);

        // What a crash between the commit and the call leaves: the intent, PENDING, its lease run out.
        const orphan = placed();
        await probe.dataSource.query(
          `INSERT INTO messaging_external_calls (kind, key, request, lease_until) VALUES ('probe.charge', $1, $2, now() - interval '1 second')`,
          [key(orphan), JSON.stringify({ orderId: orphan.orderId })],
        );
        await eventually(
          async () => (await applied(orphan.orderId)).join() === 'charged',
          30_000,
          'the orphaned call made by the sweep',
        );
        expect(probeBehaviour.gatewayCalls.get(key(orphan))).toBe(1);
      });
    });
  },
);
