import { Injectable } from '@nestjs/common';
import { NotFoundError, ownerScope, Principal } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MovementsQueryDto } from './dto/movements-query.dto';
import { StockResponse, WarehouseStockResponse } from './dto/stock.response';
import { Sku } from './sku.entity';
import { StockLevel } from './stock-level.entity';
import { StockMovement } from './stock-movement.entity';

/** Reading a SKU's stock and its movement ledger as each caller may see them. */
@Injectable()
export class StockQueries {
  constructor(private readonly dataSource: DataSource) {}

  async stock(sku: string, principal: Principal): Promise<StockResponse> {
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

  /** A merchant sees only its own SKUs, whatever other roles its token holds; ops and services see all. */
  private async checkMerchantOwns(sku: string, principal: Principal): Promise<void> {
    const merchantId = ownerScope(principal, 'merchant');
    if (merchantId === undefined) return;
    const owned = await this.dataSource.manager.findOneBy(Sku, { sku });
    if (!owned || owned.merchantId !== merchantId) throw new NotFoundError('stock', sku);
  }

  async stockOf(manager: EntityManager, sku: string): Promise<StockResponse> {
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
    const sum = (pick: (w: WarehouseStockResponse) => number) => warehouses.reduce((total, w) => total + pick(w), 0);
    return {
      sku,
      onHand: sum((w) => w.onHand),
      reserved: sum((w) => w.reserved),
      available: sum((w) => w.available),
      warehouses,
    };
  }
}
