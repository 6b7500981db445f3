import { Module } from '@nestjs/common';
import { DocumentExpiry } from './document-expiry';
import { MerchantsController } from './merchants.controller';
import { MerchantsHandlers } from './merchants.handlers';
import { MerchantsService } from './merchants.service';

@Module({
  controllers: [MerchantsController],
  providers: [MerchantsService, MerchantsHandlers, DocumentExpiry],
})
export class MerchantsModule {}
