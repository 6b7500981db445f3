import { Module } from '@nestjs/common';
import { FaqModule } from '../faq/faq.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { SurveysModule } from '../surveys/surveys.module';
import { SlaBreachJob } from './sla-breach.job';
import { TicketsController } from './tickets.controller';
import { SlaPolicies } from './sla-policies.service';
import { TicketConversation } from './ticket-conversation.service';
import { TicketOpening } from './ticket-opening.service';
import { TicketQueries } from './ticket-queries.service';
import { TicketWorkflow } from './ticket-workflow.service';

@Module({
  imports: [OrdersModule, NotificationsModule, FaqModule, SurveysModule],
  controllers: [TicketsController],
  providers: [TicketOpening, TicketWorkflow, TicketConversation, TicketQueries, SlaPolicies, SlaBreachJob],
  // Care and reviews open tickets of their own.
  exports: [TicketOpening],
})
export class TicketsModule {}
