import { Module } from '@nestjs/common';
import { DocumentExpiry } from './document-expiry';
import { MerchantsController } from './merchants.controller';
import { MerchantsHandlers } from './merchants.handlers';
import { CredibilityFacts } from './credibility-facts.service';
import { MerchantDecisions } from './merchant-decisions.service';
import { MerchantDocuments } from './merchant-documents.service';
import { MerchantRecords } from './merchant-records.service';

@Module({
  controllers: [MerchantsHandlers, MerchantsController],
  providers: [MerchantRecords, MerchantDecisions, MerchantDocuments, CredibilityFacts, DocumentExpiry],
})
export class MerchantsModule {}
