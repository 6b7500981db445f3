import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import type { InventoryConfig } from '../config';
import { ReservationsService } from './reservations.service';

/** Releases holds of orders that were never confirmed. Safe in every replica (see expireOverdue). */
@Injectable()
export class ReservationExpiry extends PeriodicJob {
  constructor(
    private readonly reservations: ReservationsService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.RESERVATION_EXPIRY_SWEEP_MS;
  }

  /** Batches until nothing is due, so a burst of expiries is not spread over many ticks. */
  protected async tick(): Promise<void> {
    let expired = 0;
    for (
      let batch = await this.reservations.expireOverdue();
      batch > 0;
      batch = await this.reservations.expireOverdue()
    )
      expired += batch;
    if (expired > 0) this.logger.log({ msg: 'expired unconfirmed reservations', expired });
  }
}
