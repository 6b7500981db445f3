import { Inject, Injectable } from '@nestjs/common';
import { ShipmentCreated, ShipmentReturnCreated } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource } from 'typeorm';
import type { LogisticsConfig } from '../config';
import { CarrierGateway } from './carrier-gateway';
import { logisticsMetrics } from './logistics.metrics';
import { Shipment, shipmentFromRow } from './shipment.view';

/** A claim older than this is taken to belong to a replica that died mid-call, and is retried. */
const CLAIM_LEASE_SECONDS = 30;

/**
 * Books labels with the carrier outside any database transaction, in three steps:
 *  1. the consumer's transaction records the intent (a LABEL_PENDING shipment);
 *  2. this job claims pending shipments (FOR UPDATE SKIP LOCKED, a short transaction that stamps a
 *     lease), then calls the carrier with the shipment id as idempotency key;
 *  3. it records the result only if the shipment is still LABEL_PENDING, and publishes `created` in
 *     the same transaction. A crash between 2 and 3 retries after the lease; the carrier answers the
 *     same label for the same key, and step 3's guard keeps a second replica from recording it twice.
 */
@Injectable()
export class LabelBooking extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly gateway: CarrierGateway,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.LABEL_BOOKING_POLL_MS;
  }

  protected async tick(): Promise<void> {
    const claimed = await this.claim();
    for (const shipment of claimed) await this.book(shipment);
  }

  async claim(limit = 20): Promise<Shipment[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE shipments SET label_claimed_at = now(), label_attempts = label_attempts + 1
        WHERE id IN (SELECT id FROM shipments
                      WHERE status = 'LABEL_PENDING' AND (label_claimed_at IS NULL OR label_claimed_at < now() - make_interval(secs => $1))
                      ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [CLAIM_LEASE_SECONDS, limit],
    );
    return rows.map(shipmentFromRow);
  }

  async book(shipment: Shipment): Promise<void> {
    let label;
    try {
      label = await this.gateway.createLabel({
        idempotencyKey: shipment.id,
        carrier: shipment.carrier,
        serviceLevel: shipment.serviceLevel,
        kind: shipment.kind,
        warehouseId: shipment.warehouseId,
        address: shipment.destination ?? undefined,
        chargeableWeightGrams: shipment.chargeableWeightGrams,
      });
    } catch (error) {
      // Kept on the shipment for ops; the claim lapses and the next poll after the lease tries again.
      await this.dataSource.query(`UPDATE shipments SET label_error = $2 WHERE id = $1`, [
        shipment.id,
        (error as Error).message.slice(0, 500),
      ]);
      this.logger.warn({ msg: 'label booking failed', shipmentId: shipment.id, err: error });
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE shipments SET status = 'READY', tracking_number = $2, label = $3, booked_at = now(), label_error = NULL
          WHERE id = $1 AND status = 'LABEL_PENDING' RETURNING *`,
        [shipment.id, label.trackingNumber, JSON.stringify(label.label)],
      );
      if (rows.length === 0) return; // recorded already, or cancelled meanwhile
      const booked = shipmentFromRow(rows[0]);
      logisticsMetrics.shipments.inc({ status: 'READY', carrier: booked.carrier, kind: booked.kind });
      if (booked.kind === 'RETURN') {
        await this.outbox.publish(manager, ShipmentReturnCreated, {
          shipmentId: booked.id,
          returnId: booked.returnId!,
          orderId: booked.orderId,
          customerId: booked.customerId!,
          merchantId: booked.merchantId!,
          warehouseId: booked.warehouseId,
          carrier: booked.carrier,
          trackingNumber: booked.trackingNumber!,
          lines: booked.lines,
          createdAt: booked.bookedAt!.toISOString(),
        });
        return;
      }
      await this.outbox.publish(manager, ShipmentCreated, {
        shipmentId: booked.id,
        orderId: booked.orderId,
        merchantId: booked.merchantId ?? undefined,
        warehouseId: booked.warehouseId,
        carrier: booked.carrier,
        serviceLevel: booked.serviceLevel,
        trackingNumber: booked.trackingNumber!,
        zone: booked.zone,
        lines: booked.lines,
        chargeableWeightGrams: booked.chargeableWeightGrams,
        carrierCost: booked.carrierCost,
        shippingFee: booked.shippingFee,
        currency: booked.currency,
        promisedBy: booked.promisedBy.toISOString(),
        createdAt: booked.bookedAt!.toISOString(),
      });
    });
  }
}
