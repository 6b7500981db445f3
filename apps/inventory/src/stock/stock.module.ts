import { Module } from '@nestjs/common';
import { WarehousesModule } from '../warehouses/warehouses.module';
import { StockController } from './stock.controller';
import { StockHandlers } from './stock.handlers';
import { StockLedger } from './stock-ledger';
import { StockService } from './stock.service';

@Module({
  imports: [WarehousesModule],
  controllers: [StockHandlers, StockController],
  providers: [StockLedger, StockService],
  exports: [StockLedger, StockService],
})
export class StockModule {}
