import { Module } from '@nestjs/common';
import { SellableHandlers } from './sellable.handlers';
import { SellableSkus } from './sellable-skus';

/** orders' read model of what can be sold, fed by catalog and merchants events. */
@Module({
  controllers: [SellableHandlers],
  providers: [SellableSkus],
  exports: [SellableSkus],
})
export class SellableModule {}
