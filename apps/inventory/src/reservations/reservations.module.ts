import { Module } from '@nestjs/common';
import { StockModule } from '../stock/stock.module';
import { ReservationExpiry } from './reservation-expiry';
import { ReservationsHandlers } from './reservations.handlers';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [StockModule],
  controllers: [ReservationsHandlers],
  providers: [ReservationsService, ReservationExpiry],
})
export class ReservationsModule {}
