import { Module } from '@nestjs/common';
import { StockController } from './stock.controller';
import { StockHandlers } from './stock.handlers';
import { StockService } from './stock.service';

@Module({
  controllers: [StockController],
  providers: [StockService, StockHandlers],
})
export class StockModule {}
