import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCancelledV1,
  OrderCancelledV2,
  OrderConfirmedV1,
  ReservedLineV1,
  StockReservedV1,
} from '@emporium/contracts';
import { SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { allocateFee, CarrierChoice } from '../carriers/carrier-choice';
import { RateTable } from '../carriers/rate-table';
import { ShippingPlanner } from '../carriers/shipping-planner';
import type { LogisticsConfig } from '../config';
import { QuotesService } from '../quotes/quotes.service';
import { CANCELLABLE } from './shipment-status';
import { ShipmentLine } from './shipment.view';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface IntakeRow {
  order_id: string;
  reserved_lines: ReservedLineV1[] | null;
  confirmed: OrderConfirmedV1 | null;
  cancelled_at: Date | null;
  shipments_created_at: Date | null;
}

/**
 * Turns orders into outbound shipments: keeps the two halves of an order (inventory's reservation, orders'
 * confirmation) in `order_intake`, plans the parcels and their carriers when both are there, and cancels
 * the parcels of a cancelled order. Runs inside the consumer's transaction.
 */
@Injectable()
export class ShipmentIntake {
  private readonly logger = new Logger(ShipmentIntake.name);

  constructor(
    private readonly planner: ShippingPlanner,
    private readonly rates: RateTable,
    private readonly quotes: QuotesService,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {}

  /**
   * confirmed and reserved travel on different topics, so either may come first. Each upsert locks the
   * order's intake row, so whichever commits second sees both halves and creates the shipments, once.
   */
  async onStockReserved(event: DomainEvent<StockReservedV1>, manager: EntityManager): Promise<void> {
    const [row]: IntakeRow[] = await manager.query(
      `INSERT INTO order_intake (order_id, reserved_lines) VALUES ($1, $2)
       ON CONFLICT (order_id) DO UPDATE SET reserved_lines = coalesce(order_intake.reserved_lines, EXCLUDED.reserved_lines), updated_at = now()
       RETURNING *`,
      [event.data.orderId, JSON.stringify(event.data.lines)],
    );
    await this.createShipmentsWhenReady(manager, row, event.metadata);
  }

  async onOrderConfirmed(event: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    const [row]: IntakeRow[] = await manager.query(
      `INSERT INTO order_intake (order_id, confirmed) VALUES ($1, $2)
       ON CONFLICT (order_id) DO UPDATE SET confirmed = coalesce(order_intake.confirmed, EXCLUDED.confirmed), updated_at = now()
       RETURNING *`,
      [event.data.orderId, JSON.stringify(event.data)],
    );
    await this.createShipmentsWhenReady(manager, row, event.metadata);
  }

  /** A cancelled order ships nothing: parcels not yet handed over are cancelled; the intake remembers it. */
  async onOrderCancelled(
    event: DomainEvent<OrderCancelledV1 | OrderCancelledV2>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_intake (order_id, cancelled_at) VALUES ($1, now())
       ON CONFLICT (order_id) DO UPDATE SET cancelled_at = coalesce(order_intake.cancelled_at, now()), updated_at = now()`,
      [event.data.orderId],
    );
    const cancelled = await manager.query(
      `UPDATE shipments SET status = 'CANCELLED', cancelled_at = now() WHERE order_id = $1 AND kind = 'OUTBOUND' AND status = ANY($2) RETURNING id`,
      [event.data.orderId, CANCELLABLE],
    );
    if (cancelled[1] > 0)
      this.logger.log({
        msg: 'cancelled shipments of a cancelled order',
        orderId: event.data.orderId,
        count: cancelled[1],
      });
  }

  private async createShipmentsWhenReady(
    manager: EntityManager,
    intake: IntakeRow,
    cause: EventMetadata,
  ): Promise<void> {
    if (!intake.reserved_lines || !intake.confirmed || intake.shipments_created_at || intake.cancelled_at) return;
    const order = intake.confirmed;
    const reserved = intake.reserved_lines;
    const profiles = await this.planner.profiles(manager, [...new Set(reserved.map((line) => line.sku))]);

    const routing = await this.routingOf(manager, order);
    // One parcel per origin warehouse and merchant: a marketplace merchant ships (and answers for) its own lines.
    const merchantOfLine = new Map(order.lines.map((line) => [line.sku, line.merchantId]));
    const parcels = new Map<string, { warehouseId: string; merchantId: string | null; lines: Map<string, number> }>();
    for (const line of reserved) {
      const merchantId = merchantOfLine.get(line.sku) ?? profiles.get(line.sku)?.merchantId ?? null;
      const key = `${line.warehouseId}\u0000${merchantId ?? ''}`;
      const parcel = parcels.get(key) ?? { warehouseId: line.warehouseId, merchantId, lines: new Map() };
      parcel.lines.set(line.sku, (parcel.lines.get(line.sku) ?? 0) + line.quantity);
      parcels.set(key, parcel);
    }
    const planned: {
      warehouseId: string;
      merchantId: string | null;
      lines: ShipmentLine[];
      actualGrams: number;
      choice: CarrierChoice;
    }[] = [];
    for (const parcel of [...parcels.values()].sort(
      (a, b) => a.warehouseId.localeCompare(b.warehouseId) || (a.merchantId ?? '').localeCompare(b.merchantId ?? ''),
    )) {
      const lines = [...parcel.lines].map(([sku, quantity]) => ({ sku, quantity }));
      const measure = this.planner.parcelOf(lines, profiles);
      const choice = await this.planner.choose(manager, {
        parcel: measure,
        zone: routing.zone,
        option: routing.option,
        customerId: order.customerId,
      });
      planned.push({
        warehouseId: parcel.warehouseId,
        merchantId: parcel.merchantId,
        lines,
        actualGrams: measure.actualGrams,
        choice,
      });
    }

    const fee = await this.orderFee(manager, order, routing, profiles);
    const fees = allocateFee(
      fee,
      planned.map((p) => p.choice.carrierCost),
    );
    const confirmedAt = new Date(order.confirmedAt);
    for (const [i, p] of planned.entries()) {
      await manager.query(
        `INSERT INTO shipments (id, kind, order_id, customer_id, merchant_id, warehouse_id, carrier_code, service_level, zone, delivery_option, routing_source,
                                destination, lines, actual_weight_grams, chargeable_weight_grams, carrier_cost, shipping_fee, currency, promise_met, status,
                                dispatch_by, promised_by)
         VALUES ($1, 'OUTBOUND', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'LABEL_PENDING', $19, $20)
         ON CONFLICT DO NOTHING`,
        [
          randomUUID(),
          order.orderId,
          order.customerId,
          p.merchantId,
          p.warehouseId,
          p.choice.carrier,
          p.choice.serviceLevel,
          routing.zone,
          routing.option,
          routing.source,
          order.shippingAddress ? JSON.stringify(order.shippingAddress) : null,
          JSON.stringify(p.lines),
          p.actualGrams,
          p.choice.chargeableWeightGrams,
          p.choice.carrierCost,
          fees[i],
          p.choice.currency,
          p.choice.promiseMet,
          new Date(confirmedAt.getTime() + this.config.DISPATCH_HANDLING_HOURS * HOUR_MS),
          new Date(confirmedAt.getTime() + p.choice.promisedDays * DAY_MS),
        ],
      );
    }
    await manager.query(`UPDATE order_intake SET shipments_created_at = now() WHERE order_id = $1`, [order.orderId]);
    this.logger.log({
      msg: 'shipments planned',
      orderId: order.orderId,
      parcels: planned.length,
      routing: routing.source,
      causationId: cause.id,
    });
  }

  private async routingOf(manager: EntityManager, order: OrderConfirmedV1) {
    const { zone, fromAddress } = await this.rates.zoneOf(
      manager,
      order.shippingAddress,
      this.config.DEFAULT_SHIPPING_ZONE,
    );
    const option = order.deliveryOption ?? this.config.DEFAULT_DELIVERY_OPTION;
    return { zone, option, source: fromAddress && order.deliveryOption ? ('ADDRESS' as const) : ('DEFAULT' as const) };
  }

  /**
   * The fee the customer paid: the stored quote's when orders names it (so the charge equals the checkout
   * total even if rate cards changed since), else the fee on the event, else priced now exactly as a quote
   * would price it (the whole order as one parcel).
   */
  private async orderFee(
    manager: EntityManager,
    order: OrderConfirmedV1,
    routing: { zone: string; option: 'STANDARD' | 'EXPRESS' },
    profiles: Awaited<ReturnType<ShippingPlanner['profiles']>>,
  ) {
    if (order.shippingQuoteId) {
      const quote = await this.quotes.find(manager, order.shippingQuoteId);
      if (quote) return quote.fee;
      this.logger.warn({
        msg: 'order names an unknown shipping quote; pricing it again',
        orderId: order.orderId,
        quoteId: order.shippingQuoteId,
      });
    }
    if (order.shippingFee !== undefined) return order.shippingFee;
    const whole = this.planner.parcelOf(
      order.lines,
      profiles.size > 0
        ? profiles
        : await this.planner.profiles(
            manager,
            order.lines.map((l) => l.sku),
          ),
    );
    const goodsValue = order.lines.reduce((sum, line) => sum + line.lineTotal - (line.discount ?? 0), 0);
    return (
      await this.planner.choose(manager, {
        parcel: whole,
        zone: routing.zone,
        option: routing.option,
        customerId: order.customerId,
        goodsValue,
      })
    ).fee;
  }
}
