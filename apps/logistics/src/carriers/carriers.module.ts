import { Module } from '@nestjs/common';
import { CarriersController } from './carriers.controller';
import { CarriersService } from './carriers.service';
import { RateTable } from './rate-table';
import { MemberTierBenefits, ShippingBenefitsPort } from './shipping-benefits';
import { ShippingPlanner } from './shipping-planner';

@Module({
  controllers: [CarriersController],
  providers: [
    CarriersService,
    RateTable,
    ShippingPlanner,
    { provide: ShippingBenefitsPort, useClass: MemberTierBenefits },
  ],
  exports: [ShippingPlanner, RateTable],
})
export class CarriersModule {}
