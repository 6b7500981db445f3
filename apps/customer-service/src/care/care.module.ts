import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ProactiveCareService } from './proactive-care.service';

@Module({
  imports: [OrdersModule, TicketsModule, NotificationsModule],
  providers: [ProactiveCareService],
  exports: [ProactiveCareService],
})
export class CareModule {}
