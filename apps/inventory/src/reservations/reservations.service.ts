import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelledV1,
  OrderCancelledV2,
  OrderConfirmedV1,
  OrderPlacedV1,
  ShipmentDispatchedV1,
  StockCommitted,
  StockReleased,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  UnavailableLineV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { InventoryConfig } from '../config';
import { allocateLine, preferenceOrder } from './allocation';
import { inventoryMetrics } from '../stock/inventory.metrics';
import { HeldUnits, Reservation } from './reservation.entity';
import { InsufficientStockError } from '../stock/stock.errors';
import { LockedStock, MovementDetail, StockLedger } from '../stock/stock-ledger';

/**
 * The reservation life cycle: hold on order placed, firm on confirmation, then release, expiry or commit.
 *
 * Why it is longer than ~250 lines: its six public methods are one job, and most of the length is the
 * batched reservation (a chunk of orders under one lock of its SKUs, allocation across warehouses, the
 * tombstones a late placement meets) whose steps share the locked stock. Splitting them across classes
 * would pass that state around without making any of it simpler.
 */
@Injectable()
export class ReservationsService {
  private readonly logger = new Logger(ReservationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: StockLedger,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  /**
   * All lines or none, from the order's region first, then by warehouse priority (see allocation.ts), for
   * a run of orders at once: one lookup of orders already answered, one look at committed levels, one
   * lock of every SKU the run needs (in SKU order, so concurrent runs never deadlock), then each order in
   * partition order against the locked stock, and one write of reservations, levels, ledger and events.
   * Each order gets exactly the answer it would get alone, in the same order.
   */
  async reserveForOrders(events: DomainEvent<OrderPlacedV1>[], manager: EntityManager): Promise<void> {
    const answered = await this.ordersWithReservation(
      manager,
      events.map((event) => event.data.orderId),
    );
    // Skip orders already answered, and a second placement of one order within the run (a redelivery).
    const todo: DomainEvent<OrderPlacedV1>[] = [];
    for (const event of events) {
      if (answered.has(event.data.orderId)) continue;
      answered.add(event.data.orderId);
      todo.push(event);
    }
    if (todo.length === 0) return;
    const requests = todo.map((event) => ({ event, requested: sumBySku(event.data.lines) }));

    // Sold out is answered from committed levels without waiting for the row locks, so in a flash sale
    // the many orders that cannot be served do not queue behind the few that can. Failing on a committed
    // snapshot is safe: it is the answer this order would get if it had run just before whatever is in
    // flight, and it holds nothing. Only orders that look servable take the locks and check again.
    const committed = await this.committedAvailability(
      manager,
      requests.flatMap(({ requested }) => [...requested.keys()]),
    );
    const failed: { event: DomainEvent<OrderPlacedV1>; unavailable: UnavailableLineV1[] }[] = [];
    const servable = requests.filter(({ event, requested }) => {
      const unavailable = unavailableIn(committed, requested);
      if (unavailable.length > 0) failed.push({ event, unavailable });
      return unavailable.length === 0;
    });

    const stock =
      servable.length > 0
        ? await this.ledger.lock(
            manager,
            servable.flatMap(({ requested }) => [...requested.keys()]),
          )
        : undefined;
    const reserved: { event: DomainEvent<OrderPlacedV1>; reservation: Reservation }[] = [];
    const at = new Date();
    for (const { event, requested } of servable) {
      const order = event.data;
      const held = hold(stock!, requested, order.shippingRegion, {
        orderId: order.orderId,
        causeEventId: event.metadata.id,
      });
      if ('unavailable' in held) {
        failed.push({ event, unavailable: held.unavailable });
        continue;
      }
      const reservation = Reservation.hold({
        id: randomUUID(),
        orderId: order.orderId,
        lines: held.lines,
        at,
        ttlSeconds: this.config.RESERVATION_TTL_SECONDS,
      });
      reserved.push({ event, reservation });
    }

    if (reserved.length > 0) {
      await manager.insert(
        Reservation,
        reserved.map(({ reservation }) => reservation),
      );
      await this.ledger.save(manager, stock!, {}, reserved[reserved.length - 1].event.metadata);
    }
    await this.outbox.publishAll(manager, [
      ...reserved.map(({ event, reservation }) => ({
        definition: StockReserved,
        data: {
          orderId: reservation.orderId,
          reservationId: reservation.id,
          lines: reservation.lines.map(heldUnits),
          reservedAt: reservation.createdAt.toISOString(),
        },
        causedBy: event.metadata,
      })),
      ...failed.map(({ event, unavailable }) => ({
        definition: StockReservationFailed,
        data: {
          orderId: event.data.orderId,
          reason: unavailable.some((line) => line.reason === 'OUT_OF_STOCK')
            ? ('OUT_OF_STOCK' as const)
            : ('UNKNOWN_SKU' as const),
          unavailable,
          failedAt: at.toISOString(),
        },
        causedBy: event.metadata,
      })),
    ]);
    inventoryMetrics.reservations.inc({ outcome: 'reserved' }, reserved.length);
    inventoryMetrics.reservations.inc({ outcome: 'failed' }, failed.length);
  }

  /** Confirmation makes the hold firm (it no longer expires). */
  async confirmForOrder(event: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    const reservation = await this.lockReservation(manager, event.data.orderId);
    if (!reservation) return;
    if (reservation.status === 'ACTIVE') {
      reservation.confirm(new Date());
      await this.saveReservation(manager, reservation);
    } else if (reservation.status === 'EXPIRED') {
      await this.reinstate(reservation, event, manager);
    }
  }

  /** Gives back what an order still holds; nothing to do when it held nothing (its reservation had failed). */
  async releaseForOrder(
    event: DomainEvent<OrderCancelledV1 | OrderCancelledV2>,
    manager: EntityManager,
  ): Promise<void> {
    const reservation = await this.lockReservation(manager, event.data.orderId);
    if (!reservation) {
      // Cancelled before we reserved anything: leave a tombstone, so a late `placed` holds nothing.
      await manager.insert(
        Reservation,
        Reservation.tombstone({ id: randomUUID(), orderId: event.data.orderId, at: new Date() }),
      );
      inventoryMetrics.reservations.inc({ outcome: 'tombstoned' });
      return;
    }
    if (!reservation.holding) return;
    const stock = await this.ledger.lock(
      manager,
      reservation.lines.map((line) => line.sku),
    );
    const units = reservation.release(new Date());
    for (const unit of units) {
      const level = stock.get(unit.sku, unit.warehouseId);
      stock.apply(level, level.release(unit.quantity), { reason: event.data.reason });
    }
    await this.saveReservation(manager, reservation);
    await this.ledger.save(
      manager,
      stock,
      { orderId: reservation.orderId, causeEventId: event.metadata.id },
      event.metadata,
    );
    if (units.length === 0) return;
    await this.outbox.publish(
      manager,
      StockReleased,
      {
        orderId: reservation.orderId,
        reservationId: reservation.id,
        lines: units,
        reason: event.data.reason,
        releasedAt: reservation.releasedAt!.toISOString(),
      },
      { causedBy: event.metadata },
    );
  }

  /**
   * Dispatch commits the stock: held units leave (on hand and reserved both go down). Units shipped
   * beyond what is held (the hold had expired or was released) come out of available stock; if even
   * that is short the handler fails and the event is dead-lettered for a person to look at, because the
   * books and the warehouse disagree.
   */
  async commitForShipment(event: DomainEvent<ShipmentDispatchedV1>, manager: EntityManager): Promise<void> {
    const shipment = event.data;
    const seen: unknown[] = await manager.query(
      `SELECT 1 FROM stock_movements WHERE reference = $1 AND cause = 'COMMIT' LIMIT 1`,
      [shipment.shipmentId],
    );
    if (seen.length > 0) return;

    const reservation = await this.lockReservation(manager, shipment.orderId);
    const shipped = sumBySku(shipment.lines);
    const stock = await this.ledger.lock(manager, [...shipped.keys()]);
    const committed: HeldUnits[] = [];
    const at = new Date();
    for (const [sku, quantity] of shipped) {
      let remaining = quantity;
      if (reservation?.holding) {
        for (const unit of reservation.commit(sku, quantity, at, shipment.warehouseId)) {
          const level = stock.get(unit.sku, unit.warehouseId);
          stock.apply(level, level.commit(unit.quantity), { reference: shipment.shipmentId });
          committed.push(unit);
          remaining -= unit.quantity;
        }
      }
      if (remaining > 0) committed.push(...this.commitUnreserved(stock, sku, remaining, shipment));
    }
    if (reservation) await this.saveReservation(manager, reservation);
    await this.ledger.save(
      manager,
      stock,
      { orderId: shipment.orderId, causeEventId: event.metadata.id },
      event.metadata,
    );
    await this.outbox.publish(
      manager,
      StockCommitted,
      {
        orderId: shipment.orderId,
        reservationId: reservation?.id,
        shipmentId: shipment.shipmentId,
        lines: mergeUnits(committed),
        complete: !reservation?.holding,
        committedAt: at.toISOString(),
      },
      { causedBy: event.metadata },
    );
  }

  /**
   * Releases reservations whose order was not confirmed in time. SKIP LOCKED lets every replica sweep
   * without two of them expiring the same reservation, and without waiting on one being confirmed.
   */
  async expireOverdue(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // The same clock decides which are due and checks each one (Reservation.expire), so skew cannot wedge the sweep.
      const at = new Date();
      const due: { id: string }[] = await manager.query(
        `SELECT id FROM reservations WHERE status = 'ACTIVE' AND expires_at <= $1
          ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [at, limit],
      );
      if (due.length === 0) return 0;
      const reservations = await manager.findBy(
        Reservation,
        due.map(({ id }) => ({ id })),
      );
      // Reservations first, then every SKU they touch in one lock: the same order as cancellation.
      const stock = await this.ledger.lock(
        manager,
        reservations.flatMap((r) => r.lines.map((line) => line.sku)),
      );
      const expired = reservations.map((reservation) => {
        const units = reservation.expire(at);
        for (const unit of units) {
          const level = stock.get(unit.sku, unit.warehouseId);
          stock.apply(level, level.release(unit.quantity), {
            reason: 'RESERVATION_EXPIRED',
            reference: reservation.id,
            orderId: reservation.orderId,
          });
        }
        return { reservation, units };
      });
      for (const { reservation } of expired) await this.saveReservation(manager, reservation);
      // One save for the batch: a ledger row per unit released, each still naming its reservation.
      await this.ledger.save(manager, stock, { actor: 'reservation-expiry' });
      for (const { reservation, units } of expired) {
        await this.outbox.publish(manager, StockReservationExpired, {
          orderId: reservation.orderId,
          reservationId: reservation.id,
          lines: units,
          reservedAt: reservation.createdAt.toISOString(),
          expiredAt: at.toISOString(),
        });
      }
      inventoryMetrics.expired.inc(expired.length);
      return expired.length;
    });
  }

  /**
   * The order was confirmed after its hold expired (the two crossed in flight). The order is going
   * ahead, so hold the units again if they are there; if not, say so loudly: someone must decide
   * whether to wait for stock or cancel. Nothing is ever oversold to cover the gap.
   */
  private async reinstate(
    reservation: Reservation,
    event: DomainEvent<OrderConfirmedV1>,
    manager: EntityManager,
  ): Promise<void> {
    const requested = sumBySku(event.data.lines);
    const stock = await this.ledger.lock(manager, [...requested.keys()]);
    const held = hold(stock, requested, undefined, { orderId: reservation.orderId, causeEventId: event.metadata.id });
    if ('unavailable' in held) {
      // Orders owns the order's fate: tell it the stock is gone, and it cancels the order (a CONFIRMED
      // order may be cancelled), so no order stays confirmed with nothing behind it.
      this.logger.warn({
        msg: 'order confirmed after its reservation expired and the stock is gone',
        orderId: reservation.orderId,
        unavailable: held.unavailable,
      });
      await this.outbox.publish(
        manager,
        StockReservationFailed,
        {
          orderId: reservation.orderId,
          reason: 'OUT_OF_STOCK',
          unavailable: held.unavailable,
          failedAt: new Date().toISOString(),
        },
        { causedBy: event.metadata },
      );
      inventoryMetrics.reservations.inc({ outcome: 'reinstate-failed' });
      return;
    }
    reservation.reinstate(held.lines, new Date());
    await this.saveReservation(manager, reservation);
    await this.ledger.save(
      manager,
      stock,
      { orderId: reservation.orderId, causeEventId: event.metadata.id },
      event.metadata,
    );
    await this.outbox.publish(
      manager,
      StockReserved,
      {
        orderId: reservation.orderId,
        reservationId: reservation.id,
        lines: held.lines,
        reservedAt: reservation.confirmedAt!.toISOString(),
      },
      { causedBy: event.metadata },
    );
    inventoryMetrics.reservations.inc({ outcome: 'reinstated' });
  }

  /** Units available per SKU in committed levels (no locks taken). */
  private async committedAvailability(manager: EntityManager, skus: string[]): Promise<Map<string, number>> {
    const rows: { sku: string; available: number }[] = await manager.query(
      `SELECT sku, SUM(on_hand - reserved)::int AS available FROM stock_levels WHERE sku = ANY($1::text[]) GROUP BY sku`,
      [[...new Set(skus)]],
    );
    return new Map(rows.map((row) => [row.sku, row.available]));
  }

  /** Orders (or their tombstones) that already have their answer: a redelivered or late `placed` changes nothing. */
  private async ordersWithReservation(manager: EntityManager, orderIds: string[]): Promise<Set<string>> {
    const rows: { order_id: string }[] = await manager.query(
      `SELECT order_id FROM reservations WHERE order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    return new Set(rows.map((row) => row.order_id));
  }

  private commitUnreserved(
    stock: LockedStock,
    sku: string,
    quantity: number,
    shipment: ShipmentDispatchedV1,
  ): HeldUnits[] {
    const candidates = preferenceOrder(
      stock
        .levelsOf(sku)
        .map((level) => ({ level, warehouseId: level.warehouseId, ...stock.warehouses.get(level.warehouseId)! })),
    ).sort((a, b) => Number(b.warehouseId === shipment.warehouseId) - Number(a.warehouseId === shipment.warehouseId));
    const from = candidates.find((candidate) => candidate.level.available >= quantity);
    if (!from)
      throw new InsufficientStockError(sku, shipment.warehouseId ?? 'any', quantity, stock.totalAvailable(sku));
    stock.apply(from.level, from.level.commitUnreserved(quantity), {
      reason: 'DISPATCHED_WITHOUT_RESERVATION',
      reference: shipment.shipmentId,
    });
    this.logger.warn({
      msg: 'dispatch without a holding reservation; committed from available stock',
      orderId: shipment.orderId,
      sku,
      quantity,
    });
    return [{ sku, warehouseId: from.warehouseId, quantity }];
  }

  private async lockReservation(manager: EntityManager, orderId: string): Promise<Reservation | null> {
    return manager.findOne(Reservation, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
  }

  private async saveReservation(manager: EntityManager, reservation: Reservation): Promise<void> {
    await manager.update(
      Reservation,
      { id: reservation.id },
      {
        status: reservation.status,
        lines: reservation.lines,
        confirmedAt: reservation.confirmedAt,
        releasedAt: reservation.releasedAt,
        expiredAt: reservation.expiredAt,
        committedAt: reservation.committedAt,
      },
    );
  }
}

/** Takes the requested units from locked stock, all SKUs or none; records the RESERVATION rows. */
function hold(
  stock: LockedStock,
  requested: Map<string, number>,
  shippingRegion: string | undefined,
  origin: MovementDetail,
): { lines: HeldUnits[] } | { unavailable: UnavailableLineV1[] } {
  const plans: { sku: string; allocations: { warehouseId: string; quantity: number }[] }[] = [];
  const unavailable: UnavailableLineV1[] = [];
  for (const [sku, quantity] of requested) {
    const levels = stock.levelsOf(sku);
    if (levels.length === 0) {
      unavailable.push({ sku, reason: 'UNKNOWN_SKU', requested: quantity, available: 0 });
      continue;
    }
    const candidates = levels.map((level) => ({
      warehouseId: level.warehouseId,
      available: level.available,
      ...stock.warehouses.get(level.warehouseId)!,
    }));
    const allocations = allocateLine(candidates, quantity, shippingRegion);
    if (allocations) plans.push({ sku, allocations });
    else unavailable.push({ sku, reason: 'OUT_OF_STOCK', requested: quantity, available: stock.totalAvailable(sku) });
  }
  if (unavailable.length > 0) return { unavailable };
  const lines: HeldUnits[] = [];
  for (const { sku, allocations } of plans) {
    for (const { warehouseId, quantity } of allocations) {
      const level = stock.get(sku, warehouseId);
      stock.apply(level, level.reserve(quantity), origin);
      lines.push({ sku, warehouseId, quantity });
    }
  }
  return { lines };
}

/** The lines committed levels already show cannot be served (unknown SKU, or too few units). */
function unavailableIn(available: Map<string, number>, requested: Map<string, number>): UnavailableLineV1[] {
  const unavailable: UnavailableLineV1[] = [];
  for (const [sku, quantity] of requested) {
    const units = available.get(sku);
    if (units === undefined) unavailable.push({ sku, reason: 'UNKNOWN_SKU', requested: quantity, available: 0 });
    else if (units < quantity) unavailable.push({ sku, reason: 'OUT_OF_STOCK', requested: quantity, available: units });
  }
  return unavailable;
}

function heldUnits(line: HeldUnits): HeldUnits {
  return { sku: line.sku, warehouseId: line.warehouseId, quantity: line.quantity };
}

function sumBySku(lines: { sku: string; quantity: number }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(line.sku, (sums.get(line.sku) ?? 0) + line.quantity);
  return sums;
}

function mergeUnits(units: HeldUnits[]): HeldUnits[] {
  const merged = new Map<string, HeldUnits>();
  for (const unit of units) {
    const key = `${unit.sku}\u0000${unit.warehouseId}`;
    const existing = merged.get(key);
    if (existing) existing.quantity += unit.quantity;
    else merged.set(key, { ...unit });
  }
  return [...merged.values()];
}
