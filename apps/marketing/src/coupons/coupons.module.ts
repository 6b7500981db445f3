import { Module } from '@nestjs/common';
import { CouponsController } from './coupons.controller';
import { CouponsHandlers } from './coupons.handlers';
import { CouponsService } from './coupons.service';
import { RedemptionService } from './redemption.service';

@Module({
  controllers: [CouponsController, CouponsHandlers],
  providers: [CouponsService, RedemptionService],
  exports: [RedemptionService],
})
export class CouponsModule {}
