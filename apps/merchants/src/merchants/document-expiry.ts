import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import type { MerchantsConfig } from '../config';
import { MerchantDocuments } from './merchant-documents.service';

/** Periodically warns about expiring qualification documents and suspends merchants whose papers expired. */
@Injectable()
export class DocumentExpiry extends PeriodicJob {
  constructor(
    private readonly documents: MerchantDocuments,
    @Inject(SERVICE_CONFIG) private readonly config: MerchantsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.DOCUMENT_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const result = await this.documents.sweepDocuments();
    if (result.warned > 0 || result.suspended > 0) this.logger.warn({ msg: 'document expiry sweep', ...result });
  }
}
