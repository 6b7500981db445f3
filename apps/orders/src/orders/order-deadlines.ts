import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { OrdersService } from './orders.service';

/** The saga's deadline: a PENDING order whose participants never all answered is cancelled. */
@Injectable()
export class OrderDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderDeadlines.name);
  private timer?: NodeJS.Timeout;
  private sweep?: Promise<unknown>;

  constructor(
    private readonly orders: OrdersService,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweep) return;
      this.sweep = this.orders
        .cancelOverdue(this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS)
        .then((cancelled) => cancelled > 0 && this.logger.warn({ msg: 'cancelled overdue orders', cancelled }))
        .catch((error) => this.logger.error({ msg: 'deadline sweep failed', err: error }))
        .finally(() => (this.sweep = undefined));
    }, this.config.ORDER_DEADLINE_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweep;
  }
}
