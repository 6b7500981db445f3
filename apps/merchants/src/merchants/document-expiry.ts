import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import type { MerchantsConfig } from '../config';
import { MerchantsService } from './merchants.service';

/** Periodically warns about expiring qualification documents and suspends merchants whose papers expired. */
@Injectable()
export class DocumentExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DocumentExpiry.name);
  private timer?: NodeJS.Timeout;
  private sweep?: Promise<unknown>;

  constructor(
    private readonly merchants: MerchantsService,
    @Inject(SERVICE_CONFIG) private readonly config: MerchantsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweep) return;
      this.sweep = this.merchants
        .sweepDocuments()
        .then((result) => (result.warned > 0 || result.suspended > 0) && this.logger.warn({ msg: 'document expiry sweep', ...result }))
        .catch((error) => this.logger.error({ msg: 'document expiry sweep failed', err: error }))
        .finally(() => (this.sweep = undefined));
    }, this.config.DOCUMENT_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweep;
  }
}
