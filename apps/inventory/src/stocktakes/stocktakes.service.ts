import { Injectable } from '@nestjs/common';
import { StockAdjusted } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { InvalidInputException, NotFoundError, requestFingerprint, withIdempotency } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Sku } from '../stock/sku.entity';
import { StockLedger } from '../stock/stock-ledger';
import { WarehousesService } from '../warehouses/warehouses.service';
import { SubmitStocktakeDto } from './dto/submit-stocktake.dto';
import { Stocktake, stocktakeReport, StocktakeLine } from './stocktake.entity';

@Injectable()
export class StocktakesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: StockLedger,
    private readonly outbox: Outbox,
    private readonly warehouses: WarehousesService,
  ) {}

  /**
   * Applies a count: on hand becomes the counted quantity, each variance an ADJUSTMENT row with the
   * stocktake's reason. A count below what is reserved is refused (409): those orders were promised
   * units that are not there, and a person must cancel them first.
   */
  async submit(request: SubmitStocktakeDto, countedBy: string, idempotencyKey: string) {
    const duplicate = request.lines.findIndex(
      (line, i) => request.lines.findIndex((other) => other.sku === line.sku) !== i,
    );
    if (duplicate >= 0)
      throw new InvalidInputException([
        { field: `lines.${duplicate}.sku`, message: `${request.lines[duplicate].sku} is counted twice` },
      ]);
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        { operation: 'stocktake', subject: countedBy },
        idempotencyKey,
        requestFingerprint(request),
        async () => {
          await this.warehouses.require(manager, request.warehouseId);
          const id = randomUUID();
          await this.ledger.ensureLevels(
            manager,
            request.lines.map((line) => ({ sku: line.sku, warehouseId: request.warehouseId })),
          );
          const stock = await this.ledger.lock(
            manager,
            request.lines.map((line) => line.sku),
          );
          const prices = new Map(
            (await manager.findBy(Sku, { sku: In(request.lines.map((line) => line.sku)) })).map((sku) => [
              sku.sku,
              sku,
            ]),
          );
          const lines: StocktakeLine[] = request.lines.map((line) => {
            const level = stock.get(line.sku, request.warehouseId);
            const expected = level.onHand;
            stock.apply(level, level.count(line.counted), { reason: request.reason, reference: id });
            const price = prices.get(line.sku);
            return {
              sku: line.sku,
              expected,
              counted: line.counted,
              variance: line.counted - expected,
              unitPrice: price?.unitPrice ?? null,
              currency: price?.currency ?? null,
            };
          });
          const stocktake = Stocktake.record({
            id,
            warehouseId: request.warehouseId,
            reason: request.reason,
            countedBy,
            lines,
          });
          await manager.insert(Stocktake, stocktake);
          await this.ledger.save(manager, stock, { actor: countedBy });
          const at = new Date().toISOString();
          for (const line of lines.filter((l) => l.variance !== 0)) {
            const level = stock.get(line.sku, request.warehouseId);
            await this.outbox.publish(manager, StockAdjusted, {
              sku: line.sku,
              warehouseId: request.warehouseId,
              stocktakeId: id,
              reason: request.reason,
              expected: line.expected,
              counted: line.counted,
              variance: line.variance,
              onHand: level.onHand,
              available: level.available,
              adjustedAt: at,
            });
          }
          return { status: 201, body: stocktakeReport(await manager.findOneByOrFail(Stocktake, { id })) };
        },
      ),
    );
  }

  async get(id: string) {
    const stocktake = await this.dataSource.manager.findOneBy(Stocktake, { id });
    if (!stocktake) throw new NotFoundError('stocktake', id);
    return stocktakeReport(stocktake);
  }
}
