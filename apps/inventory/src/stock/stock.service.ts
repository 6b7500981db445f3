import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelledV1,
  OrderPlacedV1,
  StockReceived,
  StockReleased,
  StockReservationFailed,
  StockReserved,
  UnavailableLineV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { requestFingerprint, withIdempotency } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ReceiveStockDto } from './dto/receive-stock.dto';
import { Reservation, ReservationLine } from './reservation.entity';
import { StockLevel } from './stock-level.entity';
import { MovementCause, StockMovement } from './stock-movement.entity';

export interface StockView {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  warehouses: { warehouseId: string; onHand: number; reserved: number; available: number }[];
}

@Injectable()
export class StockService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async receive(receipt: ReceiveStockDto, actor: string, idempotencyKey: string) {
    return this.dataSource.transaction((manager) =>
      withIdempotency(manager, 'stock-receipt', idempotencyKey, requestFingerprint(receipt), async () => {
        const [level] = await manager.query(
          `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved) VALUES ($1, $2, $3, 0)
           ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()
           RETURNING on_hand, reserved`,
          [receipt.sku, receipt.warehouseId, receipt.quantity],
        );
        await this.recordMovements(manager, 'RECEIPT', [{ sku: receipt.sku, warehouseId: receipt.warehouseId, onHandDelta: receipt.quantity, reservedDelta: 0 }], { actor });
        await this.outbox.publish(manager, StockReceived, {
          sku: receipt.sku,
          warehouseId: receipt.warehouseId,
          quantity: receipt.quantity,
          onHand: level.on_hand,
          available: level.on_hand - level.reserved,
          receivedAt: new Date().toISOString(),
        });
        return { status: 201, body: await this.stockOf(manager, receipt.sku) };
      }),
    );
  }

  async stock(sku: string): Promise<StockView> {
    return this.stockOf(this.dataSource.manager, sku);
  }

  /**
   * All lines or none. Rows are locked in (sku, warehouse) order so concurrent reservations never
   * deadlock; a line may be split across warehouses when no single one holds enough.
   */
  async reserveForOrder(event: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    const order = event.data;
    if (await manager.existsBy(Reservation, { orderId: order.orderId })) return;

    const requested = new Map<string, number>();
    for (const line of order.lines) requested.set(line.sku, (requested.get(line.sku) ?? 0) + line.quantity);
    const levels = await manager.find(StockLevel, {
      where: { sku: In([...requested.keys()]) },
      order: { sku: 'ASC', warehouseId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });

    const allocations: ReservationLine[] = [];
    const unavailable: UnavailableLineV1[] = [];
    for (const [sku, quantity] of requested) {
      const candidates = levels.filter((level) => level.sku === sku);
      const available = candidates.reduce((sum, level) => sum + level.available, 0);
      if (candidates.length === 0) unavailable.push({ sku, reason: 'UNKNOWN_SKU', requested: quantity, available: 0 });
      else if (available < quantity) unavailable.push({ sku, reason: 'OUT_OF_STOCK', requested: quantity, available });
      else allocations.push(...allocate(candidates, quantity));
    }

    if (unavailable.length > 0) {
      await this.outbox.publish(
        manager,
        StockReservationFailed,
        {
          orderId: order.orderId,
          reason: unavailable.some((line) => line.reason === 'OUT_OF_STOCK') ? 'OUT_OF_STOCK' : 'UNKNOWN_SKU',
          unavailable,
          failedAt: new Date().toISOString(),
        },
        { causedBy: event.metadata },
      );
      return;
    }

    for (const allocation of allocations) {
      levels.find((level) => level.sku === allocation.sku && level.warehouseId === allocation.warehouseId)!.reserve(allocation.quantity);
    }
    await manager.save(levels);
    const reservation = manager.create(Reservation, { id: randomUUID(), orderId: order.orderId, status: 'ACTIVE', lines: allocations, releasedAt: null });
    await manager.insert(Reservation, reservation);
    await this.recordMovements(
      manager,
      'RESERVATION',
      allocations.map((line) => ({ ...line, onHandDelta: 0, reservedDelta: line.quantity })),
      { orderId: order.orderId, causeEventId: event.metadata.id },
    );
    await this.outbox.publish(
      manager,
      StockReserved,
      { orderId: order.orderId, reservationId: reservation.id, lines: allocations, reservedAt: new Date().toISOString() },
      { causedBy: event.metadata },
    );
  }

  /** Gives back what an order held; nothing to do when it held nothing (its reservation had failed). */
  async releaseForOrder(event: DomainEvent<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    const reservation = await manager.findOne(Reservation, { where: { orderId: event.data.orderId }, lock: { mode: 'pessimistic_write' } });
    if (!reservation || reservation.status !== 'ACTIVE') return;
    const levels = await manager.find(StockLevel, {
      where: { sku: In(reservation.lines.map((line) => line.sku)) },
      order: { sku: 'ASC', warehouseId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const line of reservation.lines) {
      levels.find((level) => level.sku === line.sku && level.warehouseId === line.warehouseId)?.release(line.quantity);
    }
    reservation.release(new Date());
    await manager.save(levels);
    await manager.save(reservation);
    await this.recordMovements(
      manager,
      'RELEASE',
      reservation.lines.map((line) => ({ ...line, onHandDelta: 0, reservedDelta: -line.quantity })),
      { orderId: reservation.orderId, causeEventId: event.metadata.id },
    );
    await this.outbox.publish(
      manager,
      StockReleased,
      {
        orderId: reservation.orderId,
        reservationId: reservation.id,
        lines: reservation.lines,
        reason: event.data.reason,
        releasedAt: reservation.releasedAt!.toISOString(),
      },
      { causedBy: event.metadata },
    );
  }

  private async recordMovements(
    manager: EntityManager,
    cause: MovementCause,
    changes: { sku: string; warehouseId: string; onHandDelta: number; reservedDelta: number }[],
    origin: { orderId?: string; causeEventId?: string; actor?: string },
  ): Promise<void> {
    await manager.insert(
      StockMovement,
      changes.map((change) => ({
        sku: change.sku,
        warehouseId: change.warehouseId,
        cause,
        onHandDelta: change.onHandDelta,
        reservedDelta: change.reservedDelta,
        orderId: origin.orderId ?? null,
        causeEventId: origin.causeEventId ?? null,
        actor: origin.actor ?? null,
      })),
    );
  }

  private async stockOf(manager: EntityManager, sku: string): Promise<StockView> {
    const levels = await manager.find(StockLevel, { where: { sku }, order: { warehouseId: 'ASC' } });
    const warehouses = levels.map((level) => ({ warehouseId: level.warehouseId, onHand: level.onHand, reserved: level.reserved, available: level.available }));
    const sum = (pick: (w: (typeof warehouses)[number]) => number) => warehouses.reduce((total, w) => total + pick(w), 0);
    return { sku, onHand: sum((w) => w.onHand), reserved: sum((w) => w.reserved), available: sum((w) => w.available), warehouses };
  }
}

/** Takes from the warehouse with the most available first, so most lines ship from one place. */
function allocate(levels: StockLevel[], quantity: number): ReservationLine[] {
  const lines: ReservationLine[] = [];
  let remaining = quantity;
  for (const level of [...levels].sort((a, b) => b.available - a.available)) {
    if (remaining === 0) break;
    const take = Math.min(level.available, remaining);
    if (take > 0) lines.push({ sku: level.sku, warehouseId: level.warehouseId, quantity: take });
    remaining -= take;
  }
  return lines;
}
