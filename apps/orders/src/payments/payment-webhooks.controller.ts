import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, DomainError, Public, RawBodyRequest, SERVICE_CONFIG, verifyWebhook } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { SandboxWebhookDto, WebhookAcceptedResponse } from './dto/sandbox-webhook.dto';
import { PaymentCalls } from './payment-calls';

export class WebhookRefusedError extends DomainError {
  constructor(verdict: string) {
    super(`WEBHOOK_SIGNATURE_${verdict}`, `the webhook signature is ${verdict.toLowerCase()}`, 401);
  }
}

/**
 * The sandbox gateway's webhook: the outcome of an asynchronous authorisation. Public (no bearer token):
 * it is trusted by its HMAC signature alone, with the timestamp and event id signed (README "Payments").
 */
@ApiTags('payments')
@Controller('payments/webhooks')
export class PaymentWebhooksController {
  constructor(
    private readonly payments: PaymentCalls,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /**
   * Signed with `Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<eventId>.<raw body>")>`
   * and `Payment-Event-Id`. Unsigned, mis-signed or stale: 401; an event id seen before: 409; either way
   * nothing changes. A reference that is unknown or already settled is accepted and changes nothing.
   */
  @Post('sandbox')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'Payment-Signature', required: true })
  @ApiHeader({ name: 'Payment-Event-Id', required: true })
  @ApiOkResponse({ type: WebhookAcceptedResponse })
  @ApiProblems(401, 409)
  async sandbox(@Req() request: RawBodyRequest, @Body() body: SandboxWebhookDto) {
    const eventId = request.header('payment-event-id');
    const verdict = verifyWebhook({
      secret: this.config.PAYMENT_WEBHOOK_SECRET,
      header: request.header('payment-signature'),
      eventId,
      rawBody: request.rawBody,
      nowSeconds: Math.floor(Date.now() / 1000),
      toleranceSeconds: this.config.PAYMENT_WEBHOOK_TOLERANCE_SECONDS,
    });
    if (verdict !== 'VALID') throw new WebhookRefusedError(verdict);
    if (body.eventId !== eventId) throw new WebhookRefusedError('MISMATCH');
    return this.payments.onAuthorisationWebhook({
      eventId: body.eventId,
      reference: body.reference,
      outcome: body.outcome,
      reason: body.reason,
    });
  }
}
