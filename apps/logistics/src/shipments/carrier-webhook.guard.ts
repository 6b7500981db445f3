import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { NotFoundError, RawBodyRequest, SERVICE_CONFIG, verifyWebhook } from '@emporium/platform';
import { DataSource } from 'typeorm';
import type { LogisticsConfig } from '../config';
import { logisticsMetrics } from './logistics.metrics';
import { WebhookRefusedError } from './shipment.errors';

/**
 * Verifies the carrier's HMAC before anything else looks at the request (guards run before validation),
 * so an unsigned request learns nothing about what a valid body would be.
 */
@Injectable()
export class CarrierWebhookGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: LogisticsConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    const carrier = String(request.params.carrier ?? '');
    const [row] = await this.dataSource.query(`SELECT webhook_secret FROM carriers WHERE code = $1`, [carrier]);
    if (!row) throw new NotFoundError('carrier', carrier);
    const verdict = verifyWebhook({
      secret: row.webhook_secret,
      header: request.header('carrier-signature'),
      eventId: request.header('carrier-event-id'),
      rawBody: request.rawBody,
      nowSeconds: Math.floor(Date.now() / 1000),
      toleranceSeconds: this.config.WEBHOOK_TOLERANCE_SECONDS,
    });
    if (verdict !== 'VALID') {
      logisticsMetrics.webhooks.inc({ carrier, outcome: verdict.toLowerCase() });
      throw new WebhookRefusedError(verdict);
    }
    return true;
  }
}
