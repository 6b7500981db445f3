import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { InventoryConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { PlanningModule } from './planning/planning.module';
import { ReservationsModule } from './reservations/reservations.module';
import { StockModule } from './stock/stock.module';
import { StocktakesModule } from './stocktakes/stocktakes.module';
import { WarehousesModule } from './warehouses/warehouses.module';

@Module({})
export class InventoryAppModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: InventoryAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        WarehousesModule,
        StockModule,
        ReservationsModule,
        StocktakesModule,
        PlanningModule,
      ],
    };
  }
}
