import { Module } from '@nestjs/common';
import { PromotionsModule } from '../promotions/promotions.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { QuotesController } from './quotes.controller';
import { QuotesService } from './quotes.service';

@Module({
  imports: [PromotionsModule, ReadModelsModule],
  controllers: [QuotesController],
  providers: [QuotesService],
})
export class QuotesModule {}
