import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({ imports: [OrdersModule, TicketsModule], controllers: [ReviewsController], providers: [ReviewsService] })
export class ReviewsModule {}
