import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import type { InventoryConfig } from '../config';
import { PlanningService } from './planning.service';

/**
 * Publishes replenishment suggestions once per period (daily by default). Every replica ticks; the
 * period's row in job_runs makes exactly one of them publish. Ticking more often than the period means
 * a replica that was down at the period's start still runs it as soon as it is back.
 */
@Injectable()
export class ReplenishmentRun extends PeriodicJob {
  constructor(
    private readonly planning: PlanningService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return Math.min(this.config.REPLENISHMENT_RUN_EVERY_MS, 60_000);
  }

  protected async tick(): Promise<void> {
    const period = this.config.REPLENISHMENT_RUN_EVERY_MS;
    const periodStart = new Date(Math.floor(Date.now() / period) * period);
    const suggested = await this.planning.runReplenishment(periodStart);
    if (suggested !== null) this.logger.log({ msg: 'replenishment run', periodStart, suggested });
  }
}
