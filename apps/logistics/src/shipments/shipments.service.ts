import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCancelledV1,
  OrderCancelledV2,
  OrderConfirmedV1,
  ProductPriceChangedV1,
  ReservedLineV1,
  ShipmentDamaged,
  ShipmentDispatched,
  ShipmentLost,
  ShipmentReturnReceived,
  SkuAddedV1,
  StockReservedV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { allocateFee, CarrierChoice } from '../carriers/carrier-choice';
import { RateTable } from '../carriers/rate-table';
import { ShippingPlanner } from '../carriers/shipping-planner';
import type { LogisticsConfig } from '../config';
import { QuotesService } from '../quotes/quotes.service';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { logisticsMetrics } from './logistics.metrics';
import { IllegalShipmentTransitionError } from './shipment.errors';
import { CANCELLABLE, DISPATCHABLE, ShipmentStatus } from './shipment-status';
import { Shipment, shipmentFromRow, ShipmentLine, shipmentView, TrackingEntry } from './shipment.view';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface IntakeRow {
  order_id: string;
  reserved_lines: ReservedLineV1[] | null;
  confirmed: OrderConfirmedV1 | null;
  cancelled_at: Date | null;
  shipments_created_at: Date | null;
}

/** Who may see which shipments: each role a token holds widens the view; none narrows another's. */
export function visibilityOf(principal: Principal): { all: boolean; merchantId?: string; customerId?: string } {
  if (principal.roles.some((role) => role === 'ops' || role === 'warehouse' || role === 'service'))
    return { all: true };
  return {
    all: false,
    merchantId: principal.roles.includes('merchant') ? principal.merchantId : undefined,
    customerId: principal.roles.includes('customer') ? principal.subject : undefined,
  };
}

@Injectable()
export class ShipmentsService {
  private readonly logger = new Logger(ShipmentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly planner: ShippingPlanner,
    private readonly rates: RateTable,
    private readonly quotes: QuotesService,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {}

  // ---- read models fed by events -------------------------------------------------------------

  async rememberSku(event: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    const { sku, merchantId, weightGrams, dimensions, price } = event.data;
    await manager.query(
      `INSERT INTO sku_profiles (sku, merchant_id, weight_grams, length_mm, width_mm, height_mm, price) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (sku) DO UPDATE SET merchant_id = $2, weight_grams = $3, length_mm = $4, width_mm = $5, height_mm = $6, price = $7, updated_at = now()`,
      [sku, merchantId, weightGrams, dimensions.lengthMm, dimensions.widthMm, dimensions.heightMm, price],
    );
  }

  /** The goods value a member's free-shipping threshold is checked against follows catalog's price. */
  async rememberPrice(event: DomainEvent<ProductPriceChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE sku_profiles SET price = $2, updated_at = now() WHERE sku = $1`, [
      event.data.sku,
      event.data.price,
    ]);
  }

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

  // ---- actions -------------------------------------------------------------------------------

  /** The warehouse handed the parcel to the carrier: inventory commits the stock, orders captures payment. */
  async dispatch(id: string) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await this.lock(manager, id);
      if (shipment.kind !== 'OUTBOUND' || !DISPATCHABLE.includes(shipment.status))
        throw new IllegalShipmentTransitionError(id, shipment.status, 'be dispatched');
      const dispatched = await this.update(manager, id, `status = 'DISPATCHED', dispatched_at = now()`);
      logisticsMetrics.shipments.inc({ status: 'DISPATCHED', carrier: dispatched.carrier, kind: 'OUTBOUND' });
      await this.outbox.publish(manager, ShipmentDispatched, {
        shipmentId: dispatched.id,
        orderId: dispatched.orderId,
        warehouseId: dispatched.warehouseId,
        carrier: dispatched.carrier,
        trackingNumber: dispatched.trackingNumber!,
        lines: dispatched.lines,
        dispatchedAt: dispatched.dispatchedAt!.toISOString(),
      });
      return shipmentView(dispatched);
    });
  }

  /** Ops declare a parcel lost or damaged (carriers can say the same through the webhook). */
  async declareException(id: string, type: 'LOST' | 'DAMAGED', detail: string | undefined) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await this.lock(manager, id);
      if (shipment.kind !== 'OUTBOUND' || !['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'].includes(shipment.status)) {
        throw new IllegalShipmentTransitionError(id, shipment.status, `be declared ${type.toLowerCase()}`);
      }
      const updated = await this.markException(manager, shipment, type, detail, 'OPS', new Date());
      return shipmentView(updated);
    });
  }

  /** Sets LOST or DAMAGED and publishes it; the caller has checked the shipment may take it. */
  async markException(
    manager: EntityManager,
    shipment: Shipment,
    type: 'LOST' | 'DAMAGED',
    detail: string | undefined,
    reportedBy: 'OPS' | 'CARRIER',
    at: Date,
  ): Promise<Shipment> {
    const updated = await this.update(manager, shipment.id, `status = $2, exception_at = $3, exception_detail = $4`, [
      type,
      at,
      detail ?? null,
    ]);
    const data = {
      shipmentId: updated.id,
      orderId: updated.orderId,
      merchantId: updated.merchantId ?? undefined,
      carrier: updated.carrier,
      trackingNumber: updated.trackingNumber!,
      lines: updated.lines,
      reportedBy,
      detail,
      reportedAt: at.toISOString(),
    };
    if (type === 'LOST') await this.outbox.publish(manager, ShipmentLost, data);
    else await this.outbox.publish(manager, ShipmentDamaged, data);
    return updated;
  }

  /** A return parcel arrived at the warehouse. */
  async receiveReturn(id: string) {
    return this.dataSource.transaction(async (manager) => {
      const shipment = await this.lock(manager, id);
      if (
        shipment.kind !== 'RETURN' ||
        !['READY', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'].includes(shipment.status)
      ) {
        throw new IllegalShipmentTransitionError(id, shipment.status, 'be received back');
      }
      const received = await this.update(manager, id, `status = 'RECEIVED', received_at = now()`);
      logisticsMetrics.shipments.inc({ status: 'RECEIVED', carrier: received.carrier, kind: 'RETURN' });
      await this.outbox.publish(manager, ShipmentReturnReceived, {
        shipmentId: received.id,
        returnId: received.returnId!,
        orderId: received.orderId,
        customerId: received.customerId!,
        merchantId: received.merchantId!,
        warehouseId: received.warehouseId,
        lines: received.lines,
        receivedAt: received.receivedAt!.toISOString(),
      });
      return shipmentView(received);
    });
  }

  // ---- reads ---------------------------------------------------------------------------------

  async get(id: string, principal: Principal) {
    const [row] = await this.dataSource.query(`SELECT * FROM shipments WHERE id = $1`, [id]);
    const shipment = row ? shipmentFromRow(row) : undefined;
    // Someone else's shipment is "not found", not "forbidden": its existence is not theirs to learn.
    if (!shipment || !this.visible(shipment, principal)) throw new NotFoundError('shipment', id);
    const timeline: TrackingEntry[] = (
      await this.dataSource.query(
        `SELECT status, occurred_at, location, detail, carrier_event_id FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at, id`,
        [id],
      )
    ).map(
      (entry: {
        status: string;
        occurred_at: Date;
        location: string | null;
        detail: string | null;
        carrier_event_id: string;
      }) => ({
        status: entry.status,
        occurredAt: entry.occurred_at.toISOString(),
        location: entry.location,
        detail: entry.detail,
        carrierEventId: entry.carrier_event_id,
      }),
    );
    return shipmentView(shipment, timeline, this.seesAddress(shipment, principal));
  }

  /** Newest first, keyset-paged; a merchant sees its own parcels, a customer those of its orders. */
  async list(query: ListShipmentsQuery, principal: Principal) {
    const limit = query.limit ?? 20;
    const scope = visibilityOf(principal);
    if (!scope.all && !scope.merchantId && !scope.customerId)
      throw new ForbiddenException('A merchant token without a merchantId sees no shipments');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (!scope.all) {
      const own = [
        scope.merchantId ? `merchant_id = ${param(scope.merchantId)}` : undefined,
        scope.customerId ? `customer_id = ${param(scope.customerId)}` : undefined,
      ].filter(Boolean);
      where.push(`(${own.join(' OR ')})`);
    }
    if (query.orderId) where.push(`order_id = ${param(query.orderId)}`);
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.kind) where.push(`kind = ${param(query.kind)}`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      where.push(`(created_at, id) < (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows = await this.dataSource.query(
      `SELECT * FROM shipments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit).map(shipmentFromRow);
    const last = page.at(-1);
    return {
      items: page.map((shipment: Shipment) => shipmentView(shipment, undefined, this.seesAddress(shipment, principal))),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  private visible(shipment: Shipment, principal: Principal): boolean {
    const scope = visibilityOf(principal);
    return (
      scope.all ||
      (!!scope.merchantId && shipment.merchantId === scope.merchantId) ||
      (!!scope.customerId && shipment.customerId === scope.customerId)
    );
  }

  private seesAddress(shipment: Shipment, principal: Principal): boolean {
    const scope = visibilityOf(principal);
    return scope.all || (!!scope.customerId && shipment.customerId === scope.customerId);
  }

  async lock(manager: EntityManager, id: string): Promise<Shipment> {
    const [row] = await manager.query(`SELECT * FROM shipments WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundError('shipment', id);
    return shipmentFromRow(row);
  }

  async update(manager: EntityManager, id: string, set: string, params: unknown[] = []): Promise<Shipment> {
    const [rows] = await manager.query(`UPDATE shipments SET ${set} WHERE id = $1 RETURNING *`, [id, ...params]);
    return shipmentFromRow(rows[0]);
  }
}

export type { ShipmentStatus };
