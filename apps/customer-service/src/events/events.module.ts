import { Module } from '@nestjs/common';
import { CareModule } from '../care/care.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { SurveysModule } from '../surveys/surveys.module';
import { EventsHandlers } from './events.handlers';

@Module({
  imports: [OrdersModule, ReturnsModule, NotificationsModule, CareModule, SurveysModule],
  controllers: [EventsHandlers],
})
export class EventsModule {}
