import { Module } from '@nestjs/common';
import { DocumentExpiry } from './document-expiry';
import { MerchantsController } from './merchants.controller';
import { MerchantsHandlers } from './merchants.handlers';
import { MerchantsService } from './merchants.service';

@Module({
  controllers: [MerchantsHandlers, MerchantsController],
  providers: [MerchantsService, DocumentExpiry],
})
export class MerchantsModule {}
