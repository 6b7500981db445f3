import { Module } from '@nestjs/common';
import { WarehousesModule } from '../warehouses/warehouses.module';
import { ReservationExpiry } from './reservation-expiry';
import { ReservationsService } from './reservations.service';
import { StockController } from './stock.controller';
import { StockHandlers } from './stock.handlers';
import { StockLedger } from './stock-ledger';
import { StockService } from './stock.service';

@Module({
  imports: [WarehousesModule],
  controllers: [StockHandlers, StockController],
  providers: [StockLedger, StockService, ReservationsService, ReservationExpiry],
  exports: [StockLedger, StockService],
})
export class StockModule {}
