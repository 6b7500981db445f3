import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import type { InventoryConfig } from '../config';
import { ReservationsService } from './reservations.service';

/** Releases holds of orders that were never confirmed. Safe in every replica (see expireOverdue). */
@Injectable()
export class ReservationExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiry.name);
  private timer?: NodeJS.Timeout;
  private sweep?: Promise<unknown>;

  constructor(
    private readonly reservations: ReservationsService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweep) return;
      this.sweep = this.drain()
        .catch((error) => this.logger.error({ msg: 'reservation expiry sweep failed', err: error }))
        .finally(() => (this.sweep = undefined));
    }, this.config.RESERVATION_EXPIRY_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweep;
  }

  /** Batches until nothing is due, so a burst of expiries is not spread over many ticks. */
  private async drain(): Promise<void> {
    let expired = 0;
    for (let batch = await this.reservations.expireOverdue(); batch > 0; batch = await this.reservations.expireOverdue()) expired += batch;
    if (expired > 0) this.logger.log({ msg: 'expired unconfirmed reservations', expired });
  }
}
