import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  isSku,
  ReturnInspectedV1,
  SkuAddedV1,
  StockReceived,
  StockRestocked,
  StockWrittenOff,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import {
  InvalidInputException,
  NotFoundError,
  ownerScope,
  Principal,
  requestFingerprint,
  withIdempotency,
} from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { WarehousesService } from '../warehouses/warehouses.service';
import { ExpectInboundDto } from './dto/expect-inbound.dto';
import { MovementsQueryDto } from './dto/movements-query.dto';
import { ReceiveStockDto } from './dto/receive-stock.dto';
import { StockPolicyDto } from './dto/stock-policy.dto';
import { Sku } from './sku.entity';
import { StockLedger } from './stock-ledger';
import { StockLevel } from './stock-level.entity';
import { StockMovement } from './stock-movement.entity';

export interface WarehouseStockView {
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  safetyStock: number;
  reorderPoint: number;
  leadTimeDays: number | null;
  status: 'OK' | 'LOW' | 'OUT';
}

export interface StockView {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  warehouses: WarehouseStockView[];
}

@Injectable()
export class StockService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: StockLedger,
    private readonly outbox: Outbox,
    private readonly warehouses: WarehousesService,
  ) {}

  /** Inbound units into a warehouse. A SKU the catalog has not announced yet is accepted: goods can arrive first. */
  async receive(receipt: ReceiveStockDto, actor: string, idempotencyKey: string) {
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        { operation: 'stock-receipt', subject: actor },
        idempotencyKey,
        requestFingerprint(receipt),
        async () => {
          await this.warehouses.require(manager, receipt.warehouseId);
          await this.ledger.ensureLevels(manager, [receipt]);
          const stock = await this.ledger.lock(manager, [receipt.sku]);
          const level = stock.get(receipt.sku, receipt.warehouseId);
          stock.apply(level, level.receive(receipt.quantity), { reference: receipt.reference });
          await this.ledger.save(manager, stock, { actor });
          await this.outbox.publish(manager, StockReceived, {
            sku: receipt.sku,
            warehouseId: receipt.warehouseId,
            quantity: receipt.quantity,
            onHand: level.onHand,
            available: level.available,
            receivedAt: new Date().toISOString(),
          });
          return { status: 201, body: await this.stockOf(manager, receipt.sku) };
        },
      ),
    );
  }

  /** Units ordered from a supplier; receipts draw this down. */
  async expectInbound(request: ExpectInboundDto, actor: string, idempotencyKey: string) {
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        { operation: 'stock-inbound', subject: actor },
        idempotencyKey,
        requestFingerprint(request),
        async () => {
          await this.warehouses.require(manager, request.warehouseId);
          await this.ledger.ensureLevels(manager, [request]);
          const stock = await this.ledger.lock(manager, [request.sku]);
          const level = stock.get(request.sku, request.warehouseId);
          level.expectInbound(request.quantity);
          stock.touch(level);
          await this.ledger.save(manager, stock, {});
          return { status: 201, body: await this.stockOf(manager, request.sku) };
        },
      ),
    );
  }

  async setPolicy(sku: string, warehouseId: string, policy: StockPolicyDto): Promise<StockView> {
    if (!isSku(sku))
      throw new InvalidInputException([
        { field: 'sku', message: 'sku may contain 1-64 letters, digits, dot, underscore and dash' },
      ]);
    return this.dataSource.transaction(async (manager) => {
      await this.warehouses.require(manager, warehouseId);
      await this.ledger.ensureLevels(manager, [{ sku, warehouseId }]);
      const stock = await this.ledger.lock(manager, [sku]);
      const level = stock.get(sku, warehouseId);
      level.setPolicy({
        safetyStock: policy.safetyStock,
        reorderPoint: policy.reorderPoint,
        leadTimeDays: policy.leadTimeDays ?? null,
      });
      // A new safety stock can move the level into or out of LOW: announced like any other crossing.
      stock.touch(level);
      await this.ledger.save(manager, stock, {});
      return this.stockOf(manager, sku);
    });
  }

  async stock(sku: string, principal: Principal): Promise<StockView> {
    await this.checkMerchantOwns(sku, principal);
    const view = await this.stockOf(this.dataSource.manager, sku);
    if (view.warehouses.length === 0) throw new NotFoundError('stock', sku);
    return view;
  }

  async movements(sku: string, query: MovementsQueryDto, principal: Principal) {
    await this.checkMerchantOwns(sku, principal);
    const limit = query.limit ?? 100;
    const rows = await this.dataSource.manager
      .createQueryBuilder(StockMovement, 'm')
      .where('m.sku = :sku', { sku })
      .andWhere(query.warehouseId ? 'm.warehouse_id = :warehouseId' : '1=1', { warehouseId: query.warehouseId })
      .andWhere(query.cursor ? 'm.id > :cursor' : '1=1', { cursor: query.cursor })
      .orderBy('m.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** Stock records appear when catalog announces a SKU: a zero row in every warehouse. */
  async registerSku(event: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    const sku = event.data;
    await manager.query(
      `INSERT INTO skus (sku, product_id, merchant_id, unit_price, currency, title, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (sku) DO UPDATE SET product_id = EXCLUDED.product_id, merchant_id = EXCLUDED.merchant_id,
         unit_price = EXCLUDED.unit_price, currency = EXCLUDED.currency, title = EXCLUDED.title`,
      [sku.sku, sku.productId, sku.merchantId, sku.price, sku.currency, sku.title ?? null, sku.addedAt],
    );
    await manager.query(
      `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved) SELECT $1, id, 0, 0 FROM warehouses ORDER BY id ON CONFLICT DO NOTHING`,
      [sku.sku],
    );
  }

  /**
   * An inspected return: resaleable units go back on the shelf (RETURN); damaged ones arrive and are
   * written off in the same step (RETURN then WRITE_OFF), so the ledger shows they came back and why
   * they are not sellable.
   */
  async receiveReturn(event: DomainEvent<ReturnInspectedV1>, manager: EntityManager): Promise<void> {
    const inspected = event.data;
    // A return re-published under a new event id must not restock twice.
    const seen: unknown[] = await manager.query(
      `SELECT 1 FROM stock_movements WHERE reference = $1 AND cause = 'RETURN' LIMIT 1`,
      [inspected.returnId],
    );
    if (seen.length > 0) return;

    const targets = await Promise.all(
      inspected.lines.map((line) => this.returnWarehouse(manager, inspected, line.sku)),
    );
    await this.ledger.ensureLevels(
      manager,
      inspected.lines.map((line, i) => ({ sku: line.sku, warehouseId: targets[i] })),
    );
    const stock = await this.ledger.lock(
      manager,
      inspected.lines.map((line) => line.sku),
    );
    const outcomes = inspected.lines.map((line, i) => {
      const level = stock.get(line.sku, targets[i]);
      stock.apply(level, level.restock(line.quantity), {
        reason: `RETURN_${line.condition}`,
        reference: inspected.returnId,
      });
      if (line.condition === 'DAMAGED')
        stock.apply(level, level.writeOff(line.quantity), { reason: 'RETURN_DAMAGED', reference: inspected.returnId });
      return { line, level };
    });
    await this.ledger.save(
      manager,
      stock,
      { orderId: inspected.orderId, causeEventId: event.metadata.id },
      event.metadata,
    );
    const at = new Date().toISOString();
    for (const { line, level } of outcomes) {
      const common = {
        sku: line.sku,
        warehouseId: level.warehouseId,
        quantity: line.quantity,
        orderId: inspected.orderId,
        returnId: inspected.returnId,
        onHand: level.onHand,
        available: level.available,
      };
      if (line.condition === 'RESALEABLE')
        await this.outbox.publish(
          manager,
          StockRestocked,
          { ...common, restockedAt: at },
          { causedBy: event.metadata },
        );
      else
        await this.outbox.publish(
          manager,
          StockWrittenOff,
          { ...common, reason: 'RETURN_DAMAGED', writtenOffAt: at },
          { causedBy: event.metadata },
        );
    }
  }

  /** Where a returned unit goes: where it was inspected, else where the order took it from, else the first warehouse. */
  private async returnWarehouse(manager: EntityManager, inspected: ReturnInspectedV1, sku: string): Promise<string> {
    if (inspected.warehouseId) {
      const [known] = await manager.query(`SELECT id FROM warehouses WHERE id = $1`, [inspected.warehouseId]);
      if (known) return known.id;
    }
    const [shipped] = await manager.query(
      `SELECT line->>'warehouseId' AS id FROM reservations, jsonb_array_elements(lines) AS line
        WHERE order_id = $1 AND line->>'sku' = $2 LIMIT 1`,
      [inspected.orderId, sku],
    );
    if (shipped) return shipped.id;
    const [first] = await manager.query(`SELECT id FROM warehouses ORDER BY priority, id LIMIT 1`);
    return first.id;
  }

  /** A merchant sees only its own SKUs, whatever other roles its token holds; ops and services see all. */
  private async checkMerchantOwns(sku: string, principal: Principal): Promise<void> {
    const merchantId = ownerScope(principal, 'merchant');
    if (merchantId === undefined) return;
    const owned = await this.dataSource.manager.findOneBy(Sku, { sku });
    if (!owned || owned.merchantId !== merchantId) throw new NotFoundError('stock', sku);
  }

  async stockOf(manager: EntityManager, sku: string): Promise<StockView> {
    const levels = await manager.find(StockLevel, { where: { sku }, order: { warehouseId: 'ASC' } });
    const warehouses = levels.map((level) => ({
      warehouseId: level.warehouseId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.available,
      inbound: level.inbound,
      safetyStock: level.safetyStock,
      reorderPoint: level.reorderPoint,
      leadTimeDays: level.leadTimeDays,
      status: level.alertState,
    }));
    const sum = (pick: (w: WarehouseStockView) => number) => warehouses.reduce((total, w) => total + pick(w), 0);
    return {
      sku,
      onHand: sum((w) => w.onHand),
      reserved: sum((w) => w.reserved),
      available: sum((w) => w.available),
      warehouses,
    };
  }
}
