import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CreateWarehouseDto } from './dto/create-warehouse.dto';
import { Warehouse } from './warehouse.entity';
import { unknownWarehouse, WarehouseExistsError } from './warehouse.errors';

@Injectable()
export class WarehousesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(request: CreateWarehouseDto): Promise<Warehouse> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO warehouses (id, name, region, priority) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [request.id, request.name, request.region, request.priority],
      );
      if (inserted.length === 0) throw new WarehouseExistsError(request.id);
      // Every SKU the catalog announced gets a (zero) stock record here too, so it can be counted and received.
      await manager.query(
        `INSERT INTO stock_levels (sku, warehouse_id, on_hand, reserved) SELECT sku, $1, 0, 0 FROM skus ON CONFLICT DO NOTHING`,
        [request.id],
      );
      return manager.findOneByOrFail(Warehouse, { id: request.id });
    });
  }

  list(): Promise<Warehouse[]> {
    return this.dataSource.manager.find(Warehouse, { order: { priority: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<Warehouse> {
    const warehouse = await this.dataSource.manager.findOneBy(Warehouse, { id });
    if (!warehouse) throw new NotFoundError('warehouse', id);
    return warehouse;
  }

  /** For requests that name a warehouse: a 400 naming the field when it does not exist. */
  async require(manager: EntityManager, id: string, field = 'warehouseId'): Promise<Warehouse> {
    const warehouse = await manager.findOneBy(Warehouse, { id });
    if (!warehouse) throw unknownWarehouse(id, field);
    return warehouse;
  }
}
