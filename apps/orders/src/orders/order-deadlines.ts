import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { OrdersService } from './orders.service';

/** The saga's deadline: a PENDING order whose participants never all answered is cancelled. */
@Injectable()
export class OrderDeadlines extends PeriodicJob {
  constructor(
    private readonly orders: OrdersService,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.ORDER_DEADLINE_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const cancelled = await this.orders.cancelOverdue(this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS);
    if (cancelled > 0) this.logger.warn({ msg: 'cancelled overdue orders', cancelled });
  }
}
