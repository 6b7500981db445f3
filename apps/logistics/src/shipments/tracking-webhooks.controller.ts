import { Body, Controller, Headers, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public } from '@emporium/platform';
import { CarrierWebhookGuard } from './carrier-webhook.guard';
import { TrackingUpdateResponse } from './dto/shipment.response';
import { TrackingWebhookDto } from './dto/tracking-webhook.dto';
import { TrackingService } from './tracking.service';

@ApiTags('carrier webhooks')
@Controller('carriers/:carrier/tracking-webhooks')
export class TrackingWebhooksController {
  constructor(private readonly tracking: TrackingService) {}

  /** No bearer token: carriers authenticate with the HMAC signature instead. */
  @Post()
  @Public()
  @UseGuards(CarrierWebhookGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      "A carrier's tracking update. Signed: Carrier-Signature `t=<unix>,v1=hex(HMAC-SHA256(secret, t + '.' + eventId + '.' + rawBody))`. Unsigned, mis-signed or stale (outside the window): 401; an event id already recorded: 409; neither changes anything.",
  })
  @ApiHeader({ name: 'Carrier-Signature', required: true })
  @ApiHeader({ name: 'Carrier-Event-Id', required: true })
  @ApiOkResponse({
    type: TrackingUpdateResponse,
    description: '`shipmentId`, the resulting `status`, and `applied` (false when the update was history only)',
  })
  // Public to the bearer guard, so documentApi adds no 401: the signature's 401 is stated here.
  @ApiProblems(401, 409)
  receive(
    @Param('carrier') carrier: string,
    @Headers('carrier-event-id') eventId: string,
    @Body() update: TrackingWebhookDto,
  ) {
    return this.tracking.record(carrier, eventId, update);
  }
}
