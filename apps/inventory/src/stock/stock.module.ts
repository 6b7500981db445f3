import { Module } from '@nestjs/common';
import { WarehousesModule } from '../warehouses/warehouses.module';
import { StockController } from './stock.controller';
import { StockHandlers } from './stock.handlers';
import { StockLedger } from './stock-ledger';
import { ReturnRestocking } from './return-restocking.service';
import { StockControl } from './stock-control.service';
import { StockQueries } from './stock-queries.service';

@Module({
  imports: [WarehousesModule],
  controllers: [StockHandlers, StockController],
  providers: [StockLedger, StockControl, StockQueries, ReturnRestocking],
  exports: [StockLedger],
})
export class StockModule {}
