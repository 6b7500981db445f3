import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsController } from './returns.controller';
import { ReturnParcelService } from './return-parcel.service';
import { ReturnQueries } from './return-queries.service';
import { ReturnRequestsService } from './return-requests.service';
import { ReturnSettlementService } from './return-settlement.service';

@Module({
  imports: [OrdersModule, NotificationsModule],
  controllers: [ReturnsController],
  providers: [ReturnRequestsService, ReturnParcelService, ReturnSettlementService, ReturnQueries],
  // The events handlers hand the return parcel's and the refund's events over to these.
  exports: [ReturnParcelService, ReturnSettlementService],
})
export class ReturnsModule {}
