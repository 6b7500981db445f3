import { Module } from '@nestjs/common';
import { CampaignsController } from './campaigns.controller';
import { PromotionsController } from './promotions.controller';
import { PromotionsService } from './promotions.service';

@Module({
  controllers: [PromotionsController, CampaignsController],
  providers: [PromotionsService],
  exports: [PromotionsService],
})
export class PromotionsModule {}
