import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { OrderDelivery } from './order-delivery.service';
import { OrderSaga } from './order-saga.service';

/** The saga's deadline: a PENDING order whose participants (or payment) never all answered is cancelled. */
@Injectable()
export class OrderDeadlines extends PeriodicJob {
  constructor(
    private readonly saga: OrderSaga,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.ORDER_DEADLINE_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const cancelled = await this.saga.cancelOverdue(this.config.ORDER_CONFIRMATION_TIMEOUT_SECONDS);
    if (cancelled > 0) this.logger.warn({ msg: 'cancelled overdue orders', cancelled });
  }
}

/** The return window: a DELIVERED order completes when it closes (ORDER_RETURN_WINDOW_SECONDS after delivery). */
@Injectable()
export class OrderCompletions extends PeriodicJob {
  constructor(
    private readonly delivery: OrderDelivery,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.ORDER_COMPLETION_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const completed = await this.delivery.completeDue();
    if (completed > 0) this.logger.log({ msg: 'completed orders past their return window', completed });
  }
}
