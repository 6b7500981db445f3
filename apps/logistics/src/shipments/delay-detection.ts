import { Inject, Injectable } from '@nestjs/common';
import { ShipmentDelayed } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource } from 'typeorm';
import type { LogisticsConfig } from '../config';
import { logisticsMetrics } from './logistics.metrics';
import { shipmentFromRow } from './shipment.view';

/**
 * Raises `logistics.shipment.delayed` once per shipment, for the first promise it misses: not handed to
 * the carrier by `dispatch_by` (stage DISPATCH, the merchant's), or not delivered by `promised_by`
 * (stage DELIVERY, the carrier's). `delayed_at` is set in the same transaction as the event, and rows are
 * claimed with FOR UPDATE SKIP LOCKED, so replicas running the job at once never raise it twice.
 */
@Injectable()
export class DelayDetection extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.DELAY_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const raised = await this.sweep();
    if (raised > 0) this.logger.warn({ msg: 'shipments delayed', raised });
  }

  async sweep(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE shipments s
            SET delayed_at = now(),
                delay_stage = CASE WHEN s.status IN ('LABEL_PENDING', 'READY') THEN 'DISPATCH' ELSE 'DELIVERY' END
          WHERE s.id IN (SELECT id FROM shipments
                          WHERE kind = 'OUTBOUND' AND delayed_at IS NULL
                            AND ((status IN ('LABEL_PENDING', 'READY') AND dispatch_by < now())
                              OR (status IN ('DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY') AND promised_by < now()))
                          ORDER BY promised_by LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING s.*`,
        [limit],
      );
      for (const shipment of rows.map(shipmentFromRow)) {
        logisticsMetrics.delays.inc({ stage: shipment.delayStage ?? '' });
        // v1 requires the merchant (merchants counts late dispatches against it); orders that carry no
        // merchant and SKUs catalog never announced leave it unknown: recorded, visible in the API, not published.
        if (!shipment.merchantId) {
          this.logger.warn({
            msg: 'delayed shipment without a known merchant; event not published',
            shipmentId: shipment.id,
          });
          continue;
        }
        const stage = shipment.delayStage as 'DISPATCH' | 'DELIVERY';
        await this.outbox.publish(manager, ShipmentDelayed, {
          shipmentId: shipment.id,
          orderId: shipment.orderId,
          merchantId: shipment.merchantId,
          stage,
          promisedBy: (stage === 'DISPATCH' ? shipment.dispatchBy : shipment.promisedBy).toISOString(),
          detail:
            stage === 'DISPATCH'
              ? `not handed to ${shipment.carrier} within ${this.config.DISPATCH_HANDLING_HOURS} h`
              : `not delivered by ${shipment.carrier} within the promise`,
          detectedAt: shipment.delayedAt!.toISOString(),
        });
      }
      return rows.length;
    });
  }
}
