import { Module } from '@nestjs/common';
import { FaqModule } from '../faq/faq.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { SurveysModule } from '../surveys/surveys.module';
import { SlaBreachJob } from './sla-breach.job';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [OrdersModule, NotificationsModule, FaqModule, SurveysModule],
  controllers: [TicketsController],
  providers: [TicketsService, SlaBreachJob],
  exports: [TicketsService],
})
export class TicketsModule {}
