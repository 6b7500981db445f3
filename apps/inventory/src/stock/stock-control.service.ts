import { Injectable } from '@nestjs/common';
import { DomainEvent, isSku, SkuAddedV1, StockReceived } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { InvalidInputException, requestFingerprint, withIdempotency } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { WarehousesService } from '../warehouses/warehouses.service';
import { ExpectInboundDto } from './dto/expect-inbound.dto';
import { ReceiveStockDto } from './dto/receive-stock.dto';
import { StockPolicyDto } from './dto/stock-policy.dto';
import { StockLedger } from './stock-ledger';
import { StockResponse } from './dto/stock.response';
import { StockQueries } from './stock-queries.service';

/**
 * The stock records outside reservations and stocktakes: a new SKU's zero rows, receipts, units expected
 * from a supplier, and each level's safety stock, reorder point and lead time.
 */
@Injectable()
export class StockControl {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: StockLedger,
    private readonly outbox: Outbox,
    private readonly warehouses: WarehousesService,
    private readonly queries: StockQueries,
  ) {}

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
          return { status: 201, body: await this.queries.stockOf(manager, receipt.sku) };
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
          return { status: 201, body: await this.queries.stockOf(manager, request.sku) };
        },
      ),
    );
  }

  async setPolicy(sku: string, warehouseId: string, policy: StockPolicyDto): Promise<StockResponse> {
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
      return this.queries.stockOf(manager, sku);
    });
  }
}
