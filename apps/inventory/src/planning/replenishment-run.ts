import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import type { InventoryConfig } from '../config';
import { PlanningService } from './planning.service';

/**
 * Publishes replenishment suggestions once per period (daily by default). Every replica ticks; the
 * period's row in job_runs makes exactly one of them publish. Ticking more often than the period means
 * a replica that was down at the period's start still runs it as soon as it is back.
 */
@Injectable()
export class ReplenishmentRun implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplenishmentRun.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly planning: PlanningService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  onApplicationBootstrap(): void {
    const period = this.config.REPLENISHMENT_RUN_EVERY_MS;
    this.timer = setInterval(() => {
      if (this.running) return;
      const periodStart = new Date(Math.floor(Date.now() / period) * period);
      this.running = this.planning
        .runReplenishment(periodStart)
        .then((suggested) => suggested !== null && this.logger.log({ msg: 'replenishment run', periodStart, suggested }))
        .catch((error) => this.logger.error({ msg: 'replenishment run failed', err: error }))
        .finally(() => (this.running = undefined));
    }, Math.min(period, 60_000));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
