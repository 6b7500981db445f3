import { Module } from '@nestjs/common';
import { StockModule } from '../stock/stock.module';
import { WarehousesModule } from '../warehouses/warehouses.module';
import { StocktakesController } from './stocktakes.controller';
import { StocktakesService } from './stocktakes.service';

@Module({
  imports: [StockModule, WarehousesModule],
  controllers: [StocktakesController],
  providers: [StocktakesService],
})
export class StocktakesModule {}
