import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * A job every replica runs on a timer (deadline sweeps, expiries, daily runs). Ticks never overlap, a
 * failed tick is logged and the next one tries again, and shutdown waits for the tick in progress.
 * Jobs must be safe to run in several replicas at once (FOR UPDATE SKIP LOCKED, or a claim row).
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** How often to tick, read at start-up (usually from validated config). */
  protected abstract intervalMs(): number;

  protected abstract tick(): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error) => this.logger.error({ msg: `${this.constructor.name} failed`, err: error }))
        .finally(() => (this.running = undefined));
    }, this.intervalMs());
  }

  /** Stops before the database closes (TypeORM closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
