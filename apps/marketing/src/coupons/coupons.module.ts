import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CouponsController } from './coupons.controller';
import { CouponsHandlers } from './coupons.handlers';
import { CouponsService } from './coupons.service';
import { RedemptionService } from './redemption.service';

@Module({
  imports: [ReadModelsModule],
  controllers: [CouponsController, CouponsHandlers],
  providers: [CouponsService, RedemptionService],
  exports: [RedemptionService],
})
export class CouponsModule {}
