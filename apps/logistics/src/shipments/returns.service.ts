import { Injectable } from '@nestjs/common';
import { DomainEvent, ReturnApprovedV1 } from '@emporium/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ShippingPlanner } from '../carriers/shipping-planner';
import { Shipment, shipmentFromRow } from './shipment.view';

/** Warehouse a return goes to when logistics never shipped the order (nothing says where it came from). */
export const FALLBACK_RETURNS_WAREHOUSE = 'MAIN';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long the customer has to hand the parcel over; returns are not judged against delivery promises. */
const RETURN_HANDOVER_DAYS = 14;

@Injectable()
export class ReturnsService {
  constructor(private readonly planner: ShippingPlanner) {}

  /**
   * Books a return parcel back to the warehouse the lines left from, standard service, free for the
   * customer (the carrier cost is recorded for the scorecard). One per return id: a redelivery is a no-op.
   * The label is booked outside this transaction by LabelBooking, which publishes `return-created`.
   */
  async onReturnApproved(event: DomainEvent<ReturnApprovedV1>, manager: EntityManager): Promise<void> {
    const approved = event.data;
    const originals: Shipment[] = (
      await manager.query(`SELECT * FROM shipments WHERE order_id = $1 AND kind = 'OUTBOUND' ORDER BY created_at`, [
        approved.orderId,
      ])
    ).map(shipmentFromRow);
    const returnedSkus = new Set(approved.lines.map((line) => line.sku));
    const origin =
      originals.find(
        (s) => s.merchantId === approved.merchantId && s.lines.some((line) => returnedSkus.has(line.sku)),
      ) ?? originals[0];
    const zone = origin?.zone ?? 'DOMESTIC';
    const profiles = await this.planner.profiles(manager, [...returnedSkus]);
    const measure = this.planner.parcelOf(approved.lines, profiles);
    const choice = await this.planner.choose(manager, { parcel: measure, zone, option: 'STANDARD' });
    const now = new Date(approved.approvedAt);
    await manager.query(
      `INSERT INTO shipments (id, kind, order_id, return_id, customer_id, merchant_id, warehouse_id, carrier_code, service_level, zone, delivery_option, routing_source,
                              destination, lines, actual_weight_grams, chargeable_weight_grams, carrier_cost, shipping_fee, currency, promise_met, status, dispatch_by, promised_by)
       VALUES ($1, 'RETURN', $2, $3, $4, $5, $6, $7, $8, $9, 'STANDARD', $10, $11, $12, $13, $14, $15, 0, $16, $17, 'LABEL_PENDING', $18, $19)
       ON CONFLICT (return_id) DO NOTHING`,
      [
        randomUUID(),
        approved.orderId,
        approved.returnId,
        approved.customerId,
        approved.merchantId,
        origin?.warehouseId ?? FALLBACK_RETURNS_WAREHOUSE,
        choice.carrier,
        choice.serviceLevel,
        zone,
        origin ? origin.routingSource : 'DEFAULT',
        origin?.destination ? JSON.stringify(origin.destination) : null,
        JSON.stringify(approved.lines),
        measure.actualGrams,
        choice.chargeableWeightGrams,
        choice.carrierCost,
        choice.currency,
        choice.promiseMet,
        new Date(now.getTime() + RETURN_HANDOVER_DAYS * DAY_MS),
        new Date(now.getTime() + (RETURN_HANDOVER_DAYS + choice.promisedDays) * DAY_MS),
      ],
    );
  }
}
