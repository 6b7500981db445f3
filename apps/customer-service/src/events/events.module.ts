import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { EventsHandlers } from './events.handlers';

@Module({ imports: [OrdersModule, ReturnsModule, NotificationsModule], controllers: [EventsHandlers] })
export class EventsModule {}
